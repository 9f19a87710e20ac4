"""Statutory interest and compensation: figures computed by hand from each law's rule."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit._errors import DataFileError, UsageError
from clientexit._resources import templates_dir
from clientexit.collect import interest, law, rates
from clientexit.collect.periods import Period
from clientexit.record.invoices import Invoice, Payment
from clientexit.record.model import Client, Profile

BOOK = rates.load()


D = dt.date


def _one(regime: str, amount: float, due: dt.date, on: dt.date, paid: dt.date | None = None):
    claim = interest.reckon(BOOK.regimes[regime], [Invoice("A-1", amount, None, due, paid)], on)
    assert len(claim.invoices) == 1
    return claim.invoices[0]


def test_uk_worked_example_from_the_issue() -> None:
    # £1,500 due 31 Mar 2025, 90 days later: delay began 1 Apr 2025 (H1), Bank Rate on
    # 31 Dec 2024 4.75 + 8 = 12.75; 1500 x 0.1275 x 90 / 365 = 47.1575...
    # -> £47.16; £70 (< £10,000).
    inv = _one("GB", 1500, D(2025, 3, 31), D(2025, 3, 31) + dt.timedelta(days=90))
    assert (inv.days, inv.rate, inv.interest, inv.compensation) == (
        90,
        Decimal("12.75"),
        Decimal("47.16"),
        Decimal("70.00"),
    )
    assert inv.stretches[0].entry.reference_date == D(2024, 12, 31)


@pytest.mark.parametrize(
    ("amount", "fixed_sum"),
    [(999.99, "40.00"), (1000, "70.00"), (9999.99, "70.00"), (10000, "100.00")],
)
def test_uk_fixed_sum_by_invoice_size(amount: float, fixed_sum: str) -> None:
    inv = _one("GB", amount, D(2025, 3, 31), D(2025, 4, 30))
    assert inv.compensation == Decimal(fixed_sum)


def test_uk_rate_is_held_for_the_whole_delay() -> None:
    # Delay began 16 Jun 2025 (H1: 12.75), runs 60 days into H2 (12.25) at 12.75 throughout:
    # 1000 x 0.1275 x 60 / 365 = 20.958... -> 20.96.
    inv = _one("GB", 1000, D(2025, 6, 15), D(2025, 8, 14))
    assert (inv.days, inv.rate, inv.interest) == (60, Decimal("12.75"), Decimal("20.96"))
    assert len(inv.stretches) == 1


def test_germany_each_half_year_at_its_own_rate() -> None:
    # €10,000 due 20 Jun 2025, paid 10 Jul 2025: 21-30 Jun = 10 days at 2.27 + 9 = 11.27;
    # 1-10 Jul = 10 days at 1.27 + 9 = 10.27. 10000 x (11.27 x 10 + 10.27 x 10) / 100 / 365
    # = 2,154,000 / 36,500 = 59.0137 -> €59.01; Pauschale €40.
    inv = _one("DE", 10000, D(2025, 6, 20), D(2025, 11, 1), paid=D(2025, 7, 10))
    assert inv.days == 20 and inv.until == D(2025, 7, 10)
    assert [(s.days, s.rate) for s in inv.stretches] == [
        (10, Decimal("11.27")),
        (10, Decimal("10.27")),
    ]
    assert inv.interest == Decimal("59.01") and inv.compensation == Decimal("40.00")
    assert inv.rate is None  # no blended rate: each stretch shows its own


def test_czech_rate_fixed_at_the_half_year_the_delay_began() -> None:
    # 100,000 Kč due 20 Jun 2024: delay began 21 Jun 2024 (H1: repo 6.75 + 8 = 14.75), held into
    # H2 (repo 4.75). 30 days: 100000 x 0.1475 x 30 / 365 = 1212.328... -> 1 212.33; 1 200 Kč.
    inv = _one("CZ", 100000, D(2024, 6, 20), D(2024, 7, 20))
    assert (inv.days, inv.rate, inv.interest) == (30, Decimal("14.75"), Decimal("1212.33"))
    assert inv.compensation == Decimal("1200.00") and not inv.unverified


def test_turkey_yearly_rate_and_minimum_compensation_of_the_year_it_began() -> None:
    # 10,000 TL due 21 Dec 2025, reckoned to 10 Jan 2026: 10 days at 53.25 and 10 at 43.00:
    # 10000 x (532.5 + 430) / 100 / 365 = 263.698... -> 263.70; 2025's minimum 1 475 TL.
    inv = _one("TR", 10000, D(2025, 12, 21), D(2026, 1, 10))
    assert inv.interest == Decimal("263.70") and inv.compensation == Decimal("1475.00")


def test_an_unverified_rate_is_flagged() -> None:
    inv = _one("CZ", 1000, D(2025, 1, 10), D(2025, 2, 9))  # H1 2025: marked unverified
    assert inv.unverified and inv.interest is not None


def test_a_period_with_no_rate_still_counts_the_covered_days_as_at_least() -> None:
    inv = _one("GB", 1000, D(2026, 7, 10), D(2026, 8, 9))  # began in 2026-H2: not in the file
    assert inv.interest == Decimal("0.00") and inv.rate is None and inv.at_least
    assert inv.missing == (Period(2026, 2),)
    assert [(s.first, s.last) for s in inv.uncovered] == [(D(2026, 7, 11), D(2026, 8, 9))]
    assert inv.compensation == Decimal("70.00")  # the fixed sum needs no rate
    claim = interest.reckon(
        BOOK.regimes["GB"],
        [
            Invoice("A", 1000, None, D(2026, 7, 10)),
            Invoice("B", 1500, None, D(2025, 3, 31), D(2025, 6, 29)),
        ],
        D(2026, 8, 9),
    )
    assert claim.missing == (Period(2026, 2),) and claim.at_least and not claim.complete
    assert claim.interest == Decimal("47.16")  # B whole; A's days named, never guessed
    assert claim.compensation == Decimal("140.00")  # one missing half-year drops nothing


def test_a_delay_partly_without_a_rate_is_at_least_the_covered_days() -> None:
    # DE, EUR 1,000 due 1 Jun 2026, reckoned to 15 Jul 2026. 2 Jun-30 Jun: 29 days at
    # 1.27 + 9 = 10.27 -> 1000 x 0.1027 x 29 / 365 = 8.1597... -> 8.16. 1-15 Jul (2026-H2):
    # no Basiszinssatz in the file, 15 days named. Claim: at least EUR 8.16, and EUR 40.
    inv = _one("DE", 1000, D(2026, 6, 1), D(2026, 7, 15))
    assert [(s.days, s.rate) for s in inv.stretches] == [(29, Decimal("10.27")), (15, None)]
    assert inv.interest == Decimal("8.16") and inv.at_least
    assert inv.missing == (Period(2026, 2),) and inv.compensation == Decimal("40.00")
    assert [(s.first, s.last) for s in inv.uncovered] == [(D(2026, 7, 1), D(2026, 7, 15))]


def test_a_part_payment_lowers_the_balance_from_the_next_day() -> None:
    # GB, GBP 2,000 due 31 Jan 2025 (H1: 4.75 + 8 = 12.75). GBP 500 paid on 2 Mar, the rest
    # on 1 Apr. 1 Feb-2 Mar: 30 days on 2,000 = 2000 x 0.1275 x 30 / 365 = 20.9589...;
    # 3 Mar-1 Apr: 30 days on 1,500 = 15.7192...; 36.678... -> GBP 36.68.
    paid = Invoice(
        "P-1", 2000, None, D(2025, 1, 31), D(2025, 4, 1), payments=(Payment(D(2025, 3, 2), 500),)
    )
    inv = interest.reckon(BOOK.regimes["GB"], [paid], D(2025, 6, 1)).invoices[0]
    assert [(s.days, s.balance) for s in inv.stretches] == [
        (30, Decimal("2000")),
        (30, Decimal("1500")),
    ]
    assert inv.interest == Decimal("36.68") and inv.paid == D(2025, 4, 1) and inv.days == 60


def test_on_time_and_not_yet_due_invoices_carry_nothing() -> None:
    regime = BOOK.regimes["GB"]
    on = D(2025, 6, 1)
    paid_on_time = Invoice("A", 500, None, D(2025, 5, 1), D(2025, 5, 1))
    not_due = Invoice("B", 500, None, D(2025, 6, 1))
    no_due_date = Invoice("C", 500, None, None)
    assert interest.reckon(regime, [paid_on_time, not_due, no_due_date], on).invoices == ()


def test_a_payment_after_the_day_reckoned_to_is_ignored() -> None:
    inv = _one("GB", 1500, D(2025, 3, 31), D(2025, 6, 29), paid=D(2025, 7, 31))
    assert inv.paid is None and inv.days == 90


def test_totals_add_the_rounded_invoice_figures() -> None:
    claim = interest.reckon(
        BOOK.regimes["GB"],
        [Invoice("A", 1500, None, D(2025, 3, 31)), Invoice("B", 200, None, D(2025, 4, 30))],
        D(2025, 6, 29),
    )
    # B: 200 x 0.1275 x 60 / 365 = 4.1917... -> 4.19.
    assert [i.interest for i in claim.invoices] == [Decimal("47.16"), Decimal("4.19")]
    assert claim.interest == Decimal("51.35") and claim.compensation == Decimal("110.00")


def _client(**fields: object) -> Client:
    data = {"name": "Acme Ltd", **{k: v for k, v in fields.items() if v is not None}}
    return Client.from_data("acme", data)


def _profile(country: str | None) -> Profile:
    return Profile.from_data({"country": country} if country else {})


@pytest.mark.parametrize(
    ("mine", "client", "says"),
    [
        (None, {"customer": "business"}, "neither your profile nor the client names a country"),
        ("GB", {"customer": "consumer"}, "is a consumer"),
        ("GB", {}, "not recorded as a business"),
        ("US", {"customer": "business"}, "deadlines and damages"),
        ("JP", {"customer": "business"}, "no late-payment rule for Japan (JP)"),
    ],
)
def test_no_claim_says_why_and_how_to_fix(mine, client, says) -> None:
    governing = law.resolve(BOOK, _client(**client), _profile(mine))
    assert not governing.claimable and says in (governing.problem or "")
    with pytest.raises(UsageError, match=re.escape(says)):
        governing.require()


@pytest.mark.parametrize(
    ("stored", "customer"),
    [(None, None), ("", None), ("Business", "business"), ("consumer", "consumer")],
)
def test_the_typed_customer_is_none_until_recorded(
    stored: str | None, customer: str | None
) -> None:
    """Not recorded is unknown: the record never assumes a business (issue 21)."""
    assert _client(customer=stored).customer == customer


def test_the_claim_names_an_unknown_customer_and_a_recorded_one_in_sentences() -> None:
    unknown = law.resolve(BOOK, _client(), _profile("GB"))
    assert unknown.customer is None and unknown.reason == "not_business"
    assert unknown.problem == (
        "acme is not recorded as a business, and statutory late-payment interest applies only "
        "between businesses: nothing is claimed until it is known."
    )
    assert unknown.fix == (
        "If the client is a business: clientexit client set acme customer=business "
        "(or customer=consumer)."
    )
    consumer = law.resolve(BOOK, _client(customer="Consumer"), _profile("GB"))
    assert consumer.problem == (
        "acme is a consumer: statutory late-payment interest between businesses does not apply "
        "to consumers."
    )
    business = law.resolve(BOOK, _client(customer="Business"), _profile("GB"))
    assert business.claimable and business.problem is None and business.customer == "business"


def test_the_profile_country_governs_unless_the_contract_chose_another_law() -> None:
    gb_client = _client(country="GB", customer="business")
    mine = law.resolve(BOOK, gb_client, _profile("DE"))
    assert (mine.country, mine.regime.id, mine.chosen_by) == ("DE", "DE", law.BY_PROVIDER)
    assert "Rome I" in mine.why
    chosen = law.resolve(BOOK, _client(country="DE", customer="business", law="GB"), _profile("DE"))
    assert (chosen.country, chosen.regime.id, chosen.chosen_by) == ("GB", "GB", "contract")
    assert chosen.law.startswith("Late Payment of Commercial Debts")


def test_eu_countries_cite_their_own_law() -> None:
    fr = law.resolve(BOOK, _client(customer="business"), _profile("FR"))
    assert fr.regime.id == "FR" and fr.law == "Code de commerce, article L441-10"
    nl = law.resolve(BOOK, _client(customer="business"), _profile("NL"))
    assert nl.regime.id == "EU"
    assert nl.law == "the late-payment law of Netherlands, which implements Directive 2011/7/EU"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "rates.toml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _load(path: Path) -> rates.RateBook:
    from clientexit._store import read_toml

    return rates.parse(read_toml(path), path)


def test_a_gap_between_periods_names_the_file_and_the_periods(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, 'period = "2024-H1"\nreference = 5.25', 'period = "2022-H2"\nreference = 5.25'
    )
    with pytest.raises(DataFileError) as exc:
        _load(path)
    assert str(path) in exc.value.message and "regimes.GB.rate" in exc.value.message


def test_a_gap_in_the_middle_is_named(tmp_path: Path) -> None:
    text = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8")
    start = text.index('[[regimes.GB.rate]]\nperiod = "2024-H1"')
    end = text.index("[[regimes.GB.rate]]", start + 5)
    target = tmp_path / "rates.toml"
    target.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"gap: no entry for 2024-H1 between 2023-H2 and 2024-H2"
    ):
        _load(target)


def test_a_typo_in_a_key_names_the_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "reference = 4.75", "refrence = 4.75")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = max(
        n
        for n, line in enumerate(lines, 1)
        if n < lines.index("refrence = 4.75") + 1 and line == "[[regimes.GB.rate]]"
    )
    with pytest.raises(DataFileError) as exc:
        _load(path)
    assert f"{path}:{header}:" in exc.value.message
    assert "regimes.GB.rate[5].refrence is not a known key" in exc.value.message


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('period = "2025-H1"', 'period = "2025-1"', 'is not a half-year written "2025-H1"'),
        ("reference = 4.75", 'reference = "4.75"', "is not a number"),
        ('method = "fixed"', 'method = "fix"', "choose fixed or split"),
        ('check = "secondary"', 'check = "sure"', "choose official or secondary or unverified"),
        ('period = "2025-H2"\nreference = 4.25', 'period = "2025-H1"\nreference = 4.25', "twice"),
        ('countries = ["CZ"]', 'countries = ["DE"]', "which regimes.DE lists too"),
    ],
)
def test_bad_entries_are_named(tmp_path: Path, old: str, new: str, says: str) -> None:
    with pytest.raises(DataFileError, match=says):
        _load(_broken(tmp_path, old, new))


def test_the_users_file_replaces_the_built_in_one(tmp_path: Path) -> None:
    from clientexit._paths import Paths

    _broken(tmp_path, "reference = 4.75", "reference = 5.75")
    book = rates.load(Paths(tmp_path))
    assert book.source == tmp_path / "rates.toml"
    assert book.regimes["GB"].entry(Period(2025, 1)).reference == Decimal("5.75")


def test_missing_periods_run_from_the_latest_entry_to_today() -> None:
    assert BOOK.regimes["GB"].missing(D(2026, 11, 25)) == [Period(2026, 2)]
    assert BOOK.regimes["CZ"].missing(D(2026, 11, 25)) == [Period(2026, 2)]
    assert BOOK.regimes["TR"].missing(D(2026, 11, 25)) == []


_LINES = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8").splitlines()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    line=st.integers(min_value=0, max_value=len(_LINES) - 1),
    replacement=st.sampled_from(
        [
            "",
            'period = "2025"',
            "reference = -1",
            "reference = 1e400",
            "margin = true",
            'countries = "GB"',
            "compensation = []",
            "compensation = [{ below = 5 }]",
            'check = "maybe"',
            "reference_date = 2025-13-01",
            "[[regimes.XX.rate]]",
            "[regimes.GB.rate]",
            "rate = 3",
            'currency = "pounds"',
        ]
    ),
)
def test_any_hand_edit_is_read_or_refused_with_the_file_named(
    tmp_path: Path, line: int, replacement: str
) -> None:
    from clientexit._store import read_toml

    lines = list(_LINES)
    lines[line] = replacement
    target = tmp_path / "rates.toml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        book = rates.parse(read_toml(target), target)
    except DataFileError as exc:
        assert str(target) in exc.message
        return
    for regime in book.regimes.values():  # what is read is usable
        interest.reckon(regime, [Invoice("A", 1000, None, D(2025, 3, 31))], D(2025, 6, 29))
