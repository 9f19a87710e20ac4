"""Letters and checklists say only what the record supports: one rule for a hostile exit, no
notice to a client already gone, time since the end as it was, promises inside the end date,
wording by the number of late invoices, --set values that are used, and preparation before
notice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients, config
from clientexit._errors import UsageError
from clientexit._paths import Paths
from clientexit._store import read_toml
from clientexit.handover import markdown
from clientexit.handover.checklist import build
from clientexit.letters import context, draft
from clientexit.record.model import Client, HostileExit
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
FRIENDLY = {
    "wrapup-exit-conversation",
    "wrapup-thank-you",
    "wrapup-testimonial",
    "wrapup-referral",
    "wrapup-follow-up",
}


def _hostile_exit(data: dict, today: dt.date) -> HostileExit:
    return Client.from_data("", data).hostile_exit(today)


def _draft(home: Path, slug: str, **options) -> draft.Draft:
    paths = Paths(home)
    profile, record = config.require_profile(paths), clients.load(paths, slug)
    return draft.draft_letter(paths, profile, record, now=NOW, **options)


def _ids(cli, slug: str) -> tuple[dict, set[str]]:
    result = cli("handover", slug, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data, {item["id"] for item in data["items"]}


# 1. One rule for a hostile exit, in the letters and the checklist alike.


def test_conduct_incidents_make_the_checklist_hostile_as_they_refuse_the_letter(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    refused = cli("letter", "halvorsen-freight", "-t", "thank-you")
    assert refused.exit_code == 2 and "3 conduct incidents are logged" in refused.stderr
    data, ids = _ids(cli, "halvorsen-freight")
    assert data["hostile"] is True
    assert data["hostile_reason"] == "3 conduct incidents are logged"
    assert not FRIENDLY & ids
    assert "contract-review-messages" in ids
    assert "follow-up" not in {k["id"] for k in data["key_dates"]}
    # No assessment: the logged incidents alone are enough, for the calendar as well.
    with (examples_home / "clients" / "halvorsen-freight.toml").open("a", encoding="utf-8") as f:
        f.write("\n[lifecycle]\nend_date = 2026-12-09\n")
    target = tmp_path / "halvorsen.ics"
    assert cli("followup", "halvorsen-freight", "--ics", str(target)).exit_code == 0
    calendar = target.read_text(encoding="utf-8")
    assert "halvorsen-freight.last-day@clientexit" in calendar
    assert "follow-up@clientexit" not in calendar


def test_an_overdue_invoice_after_late_payments_is_a_non_paying_exit(
    cli, examples_home: Path
) -> None:
    data, ids = _ids(cli, "cagri-yazilim-ltd-sti")
    assert data["hostile"] is True
    assert "2026-TR-04" in data["hostile_reason"] and "payment incident" in data["hostile_reason"]
    assert not {"wrapup-testimonial", "wrapup-referral"} & ids


def test_one_invoice_a_little_overdue_is_no_pattern(cli, examples_home: Path) -> None:
    # Zelená Louka: the hosting re-bill is 12 days overdue, nothing else late or logged about
    # payment: no hostile exit, so the friendly wrap-up stays. Its three scope incidents still
    # leave out the testimonial and referral steps, as the referral letter warns (one rule).
    data, ids = _ids(cli, "zelena-louka-s-r-o")
    assert data["hostile"] is False
    assert "wrapup-thank-you" in ids
    assert not {"wrapup-testimonial", "wrapup-referral"} & ids


def _client(**extra: object) -> dict:
    return {"name": "Acme Ltd", "contact": "Ann Lee", "notice_days": 14, **extra}


def test_an_invoice_a_month_overdue_is_non_paying_on_its_own() -> None:
    def owing(due: dt.date) -> dict:
        return _client(invoices=[{"number": "9", "amount": 400.0, "due": due}])

    assert _hostile_exit(owing(TODAY - dt.timedelta(days=29)), TODAY).non_paying is None
    reason = _hostile_exit(owing(TODAY - dt.timedelta(days=30)), TODAY).non_paying
    assert reason == "invoice 9 is unpaid 30 days after its due date"
    late_before = owing(TODAY - dt.timedelta(days=3))
    late_before["invoices"].insert(
        0, {"number": "8", "amount": 1.0, "due": dt.date(2026, 9, 1), "paid": dt.date(2026, 9, 9)}
    )
    assert "1 earlier invoice was paid late" in str(_hostile_exit(late_before, TODAY).non_paying)


def test_a_drafted_payment_or_abusive_letter_counts() -> None:
    at = dt.datetime(2026, 11, 20, 9, 0)
    paid = _hostile_exit(_client(letters=[{"type": "payment", "at": at}]), TODAY)
    assert paid.non_paying == "the payment letter was drafted on 2026-11-20"
    abusive = _hostile_exit(_client(letters=[{"type": "abusive", "at": at}]), TODAY)
    assert abusive.abusive == "the abusive letter was drafted on 2026-11-20"


_KINDS = st.sampled_from(["payment", "scope", "communication", "conduct", "values", "other"])
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "incidents": st.lists(
            st.builds(lambda k: {"date": dt.date(2026, 10, 1), "kind": k, "text": "x"}, _KINDS),
            max_size=3,
        ),
        "assessments": st.lists(
            st.builds(
                lambda letter, verdict, conduct: {
                    "at": dt.datetime(2026, 11, 1),
                    "letter_type": letter,
                    "verdict": verdict,
                    "categories": {"conduct": conduct},
                },
                st.sampled_from(["general", "payment", "abusive", "scope-creeper"]),
                st.sampled_from(["keep", "repair", "prepare_exit", "exit_now"]),
                st.sampled_from([0, 40]),
            ),
            max_size=1,
        ),
        "lifecycle": st.builds(
            lambda c: {"ended_by": "me", "reason_category": c, "end_date": dt.date(2027, 1, 8)},
            st.sampled_from(["price", "payment", "conduct", "scope"]),
        ),
        "invoices": st.lists(
            st.builds(
                lambda n, days: {
                    "number": f"I-{n}",
                    "amount": 100.0,
                    "due": TODAY - dt.timedelta(days=days),
                },
                st.integers(1, 99),
                st.integers(-20, 60),
            ),
            max_size=2,
            unique_by=lambda inv: inv["number"],
        ),
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extra=_RECORDS)
def test_the_letter_refusal_and_the_checklist_follow_one_rule(
    examples_home: Path, extra: dict
) -> None:
    data = {**_client(), **extra, "status": "ending"}
    paths = Paths(examples_home)
    record = Client("acme-ltd", paths.client_file("acme-ltd"), data)
    verdict = _hostile_exit(data, TODAY)
    try:
        draft.draft_letter(
            paths,
            config.require_profile(paths),
            record,
            now=NOW,
            letter_type="feedback-request",
        )
        refused = False
    except UsageError as exc:
        refused = "Not drafting" in exc.message
    assert refused == bool(verdict.abusive)
    checklist = build(record_of(data), as_profile(), TODAY)
    assert checklist.situation.hostile == verdict.hostile
    assert ("wrapup-thank-you" in checklist.ids) == (not verdict.hostile)
    # The testimonial step follows the referral letter's rule: hostile, or 3+ incidents.
    unsuitable = Client("acme-ltd", None, data).referral_unsuitable(TODAY)
    assert ("wrapup-testimonial" in checklist.ids) == (unsuitable is None)
    assert unsuitable is None or verdict.hostile or len(data.get("incidents", [])) >= 3
    if verdict.abusive:
        assert "contract-review-messages" in checklist.ids


# 2. After the end: no notice; the after-the-end letters say how long ago it was.


def test_no_termination_letter_for_a_client_already_gone(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "larkspur-events.toml"
    before = path.read_bytes()
    for extra in (("-t", "general"), ()):  # () = the assessment's payment letter
        result = cli("letter", "larkspur-events", *extra)
        assert result.exit_code == 2, result.stderr
        assert "already ended on 29 May 2026" in result.stderr
        assert all(t in result.stderr for t in ("thank-you", "feedback-request", "follow-up"))
        assert result.stdout == ""
    assert path.read_bytes() == before


THANKS = {
    "en": ("has come to a close", "is coming to a close"),
    "tr": ("çalışmalarımız sona erdi", "sona ererken"),
    "cs": ("skončila", "se chýlí ke konci"),
}


@pytest.mark.parametrize("lang", sorted(THANKS))
def test_the_thank_you_letter_says_past_or_coming_by_the_end_date(
    examples_home: Path, lang: str
) -> None:
    options = {"letter_type": "thank-you", "lang": lang, "overrides": {"highlight": "the launch"}}
    past, coming = THANKS[lang]
    ended = _draft(examples_home, "larkspur-events", **options).text
    assert past in ended and coming not in ended
    ahead = _draft(examples_home, "fjord-coffee", **options).text
    assert coming in ahead and past not in ahead


FOLLOW_UP = {
    "en": "It has been about two months since we wrapped up our work on 25 September 2026",
    "tr": "25 Eylül 2026 tarihinde tamamlamamızın üzerinden yaklaşık iki ay geçti",
    "cs": "od ukončení naší spolupráce (25. září 2026) uplynuly zhruba dva měsíce",
}


@pytest.mark.parametrize("lang", sorted(FOLLOW_UP))
def test_the_follow_up_says_the_time_since_the_end(examples_home: Path, lang: str) -> None:
    letter = _draft(examples_home, "solvberg-architects", letter_type="follow-up", lang=lang)
    assert FOLLOW_UP[lang] in letter.text
    assert "about a month" not in letter.text and letter.cautions == ()


@pytest.mark.parametrize(
    ("days", "unit", "count"),
    [
        (0, "day", 0),
        (1, "day", 1),
        (13, "day", 13),
        (14, "week", 2),
        (24, "week", 3),
        (25, "month", 1),
        (45, "month", 1),
        (61, "month", 2),
        (180, "month", 6),
        (349, "month", 11),
        (350, "year", 1),
        (800, "year", 2),
    ],
)
def test_time_since_the_end_in_words(days: int, unit: str, count: int) -> None:
    found = context.since(TODAY - dt.timedelta(days=days), TODAY)
    assert found == {"days": days, "unit": unit, "count": count}


CZECH_SINCE = {1: "uplynul jeden den", 3: "uplynuly tři dny", 9: "uplynulo devět dní"}


@pytest.mark.parametrize("days", sorted(CZECH_SINCE))
def test_czech_follow_up_agrees_with_the_number(examples_home: Path, days: int) -> None:
    path = examples_home / "clients" / "solvberg-architects.toml"
    end = (TODAY - dt.timedelta(days=days)).isoformat()
    text = path.read_text(encoding="utf-8").replace("2026-09-25", end)
    path.write_text(text, encoding="utf-8")
    letter = _draft(examples_home, "solvberg-architects", letter_type="follow-up", lang="cs")
    assert CZECH_SINCE[days] in letter.text
    # The caution follows the letter's language too.
    assert letter.cautions and "se posílá zhruba měsíc po skončení" in letter.cautions[0]


# 3. No work promised after the end date.


def test_work_due_after_the_end_date_is_pointed_out(cli, examples_home: Path) -> None:
    # The default end date already covers the deliverables (see test_letter_truth); an end
    # date given by hand before the last of them is pointed out.
    result = cli(
        "letter", "northwind-bakery", "-t", "payment", "--dry-run", "--end-date", "2026-12-09"
    )
    assert result.exit_code == 0, result.stderr
    # Left out of what the letter promises, and said to be outside the handover.
    assert (
        "This was planned for after 9 December 2026 and is not part of the handover:\n"
        "- Hosting and domain transfer notes (planned for 10 December 2026)\n" in result.stdout
    )
    assert "Then I will complete:\n- Hosting" not in result.stdout
    assert "'Hosting and domain transfer notes' (due 10 December 2026)" in result.stderr
    assert "--end-date 2026-12-10 or later" in result.stderr
    later = cli(
        "letter", "northwind-bakery", "-t", "payment", "--dry-run", "--end-date", "2026-12-10"
    )
    assert later.exit_code == 0, later.stderr
    assert "left out of the handover" not in later.stderr
    assert "not part of the handover" not in later.stdout


# 4. The payment letter: by the count of late invoices, a waiver said once, a blank for no
# invoices.

ONE_LATE = {
    "en": "The reason is a late payment, contrary to the terms we agreed:",
    "tr": "bir ödemenin gecikmesidir:",
    "cs": "Důvodem je opožděná platba v rozporu",
}
SEVERAL_LATE = {
    "en": "The reason is repeated late payment",
    "tr": "ödemelerin tekrar tekrar gecikmesidir",
    "cs": "Důvodem jsou opakovaně opožděné platby",
}


@pytest.mark.parametrize("lang", sorted(ONE_LATE))
def test_the_payment_letter_words_the_reason_by_the_count(examples_home: Path, lang: str) -> None:
    one = _draft(examples_home, "zelena-louka-s-r-o", letter_type="payment", lang=lang).text
    assert ONE_LATE[lang] in one and SEVERAL_LATE[lang] not in one
    several = _draft(examples_home, "northwind-bakery", letter_type="payment", lang=lang).text
    assert SEVERAL_LATE[lang] in several and ONE_LATE[lang] not in several


WAIVED = {
    "en": (
        "Please pay the overdue €1,445.00 (invoice 2026-045) by 9 December 2026.",
        "As a gesture of goodwill, I will waive invoice 2026-052 (€1,190.00).",
    ),
    "tr": (
        "Vadesi geçmiş 1.445,00\xa0€ tutarını (2026-045 numaralı fatura) lütfen 9 Aralık 2026",
        "2026-052 numaralı faturanın (1.190,00\xa0€) ödenmesini talep etmeyeceğim.",
    ),
    "cs": (
        "Dlužnou částku 1\xa0445,00\xa0€ (faktura 2026-045) prosím uhraďte do 9. prosince 2026.",
        "nebudu požadovat úhradu faktury 2026-052 na 1\xa0190,00\xa0€.",
    ),
}


@pytest.mark.parametrize("lang", sorted(WAIVED))
def test_waiving_names_the_invoice_and_asks_only_for_the_rest(
    examples_home: Path, lang: str
) -> None:
    letter = _draft(
        examples_home, "northwind-bakery", letter_type="payment", lang=lang, goodwill="waive"
    )
    asked, waived = WAIVED[lang]
    assert asked in letter.text and waived in letter.text
    # Listed once as late, once as waived; never asked for.
    assert letter.text.count("2026-052") == 2


def test_waiving_the_only_unpaid_invoice_leaves_nothing_overdue(examples_home: Path) -> None:
    letter = _draft(examples_home, "zelena-louka-s-r-o", letter_type="payment", goodwill="waive")
    assert "nebudu požadovat úhradu faktury 2026-058 na 1\xa0234,50\xa0Kč." in letter.text
    assert "Dlužnou částku" not in letter.text
    assert "práci pozastavuji" not in letter.text and "Úhrada má přednost" not in letter.text
    # A fixed-price project: no final invoice is announced, and nothing is left to talk over.
    assert "Konečnou fakturu" not in letter.text
    assert "Předání můžeme probrat telefonicky." in letter.text
    assert "Platbu i předání" not in letter.text


@pytest.mark.parametrize("lang", sorted(ONE_LATE))
def test_a_payment_letter_without_invoices_gets_a_blank_line_to_fill(
    cli, home: Path, lang: str
) -> None:
    assert cli("init", "--name", "Maya", "--yes").exit_code == 0
    assert cli("client", "add", "Empty Co", "--contact", "Ann Lee").exit_code == 0
    result = cli(
        "letter", "empty-co", "-t", "payment", "--lang", lang, "--placeholders", "--despite-record"
    )
    assert result.exit_code == 0, result.stderr
    blank = context.placeholder("custom.late_invoices", lang)
    lines = result.stdout.splitlines()
    assert lines[lines.index(f"- {blank}") - 1] == ""
    refused = cli("letter", "empty-co", "-t", "payment", "--lang", lang, "--despite-record")
    assert refused.exit_code == 2 and "clientexit invoice empty-co add" in refused.stderr


# 5. --set values that are used, or refused.


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("contact=", "--set contact= has no value"),
        ("highlight=  ", "--set highlight= has no value"),
        ("end_date=2027-01-01", "Use --end-date instead"),
        ("language=cs", "Use --lang instead"),
        ("goodwill=waive", "Use --goodwill instead"),
    ],
)
def test_a_set_value_that_would_not_be_used_is_refused(
    cli, examples_home: Path, item: str, expected: str
) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    before = path.read_bytes()
    result = cli("letter", "fjord-coffee", "-t", "thank-you", "--set", "highlight=x", "--set", item)
    assert result.exit_code == 2
    assert expected in result.stderr and "Dear ," not in result.stdout
    assert path.read_bytes() == before


def test_a_set_without_equals_shows_a_letter_example(cli, examples_home: Path) -> None:
    result = cli("letter", "fjord-coffee", "-t", "thank-you", "--set", "noeq")
    assert result.exit_code == 2
    assert "clientexit letter" in result.stderr and "client set" not in result.stderr


# 6. The client's copy of the checklist does not talk about the tool.


@pytest.mark.parametrize("lang", ["en", "tr", "cs"])
def test_the_client_copy_does_not_name_the_tool(examples: Path, lang: str) -> None:
    data = read_toml(examples / "clients" / "northwind-bakery.toml")
    checklist = build(record_of(data), as_profile(), TODAY, lang)
    copy = markdown.render(checklist)
    item = checklist.item("access-credentials")
    assert item is not None and item.to_client and item.to_client in copy.replace("\\", "")
    for phrase in ("this tool", "bu araç", "tomto nástroji", "clientexit"):
        assert phrase not in copy.lower()
    assert item.hint  # the freelancer's own view keeps the reminder


# 7. The steps that prepare the notice come before it.

PRE_NOTICE = ("contract-terms", "access-inventory", "contract-review-messages")


def _due(checklist, item_id: str) -> dt.date | None:
    item = checklist.item(item_id)
    assert item is not None, item_id
    return item.due


def test_preparation_is_due_by_the_day_the_termination_letter_was_drafted() -> None:
    end = dt.date(2027, 1, 15)
    letters = [
        {"type": "thank-you", "at": dt.datetime(2026, 11, 2, 9, 0)},
        {"type": "payment", "at": dt.datetime(2026, 11, 20, 9, 0)},
        {"type": "payment", "at": dt.datetime(2026, 11, 24, 9, 0)},
    ]
    data = _client(lifecycle={"end_date": end}, letters=letters, status="ending")
    checklist = build(record_of(data), as_profile(), TODAY)
    for item_id in PRE_NOTICE:
        assert _due(checklist, item_id) == dt.date(2026, 11, 20), item_id
    assert _due(checklist, "transition-status") == end - dt.timedelta(days=5)


def test_preparation_without_a_letter_is_due_today_or_earlier() -> None:
    far = build(
        record_of(_client(lifecycle={"end_date": dt.date(2027, 3, 1)})), as_profile(), TODAY
    )
    assert _due(far, "contract-terms") == TODAY and _due(far, "access-inventory") == TODAY
    near = build(
        record_of(_client(lifecycle={"end_date": dt.date(2026, 12, 1)})), as_profile(), TODAY
    )
    assert _due(near, "contract-terms") == dt.date(2026, 11, 17)  # 14 days before, already past
