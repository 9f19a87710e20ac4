"""clientexit statement: from whom to whom, the law, a running balance, ageing, interest and
fixed sums (the letters' figures), in the client's language, fitted to 80 and 60 columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from clientexit._paths import Paths
from clientexit.collect import statement as core

SLUG = "ashgrove-print"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _edit(home: Path, slug: str, old: str, new: str) -> None:
    path = home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_statement_names_sender_client_date_and_law(cli, examples_home: Path) -> None:
    config = examples_home / "config.toml"
    config.write_text(
        config.read_text("utf-8") + 'payment_details = "IBAN GB33 BUKB 2020 1555 5555 55"\n',
        encoding="utf-8",
    )
    result = cli("statement", SLUG)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert text.startswith("Statement of account From: Maya Lindqvist, Lindqvist Design & ")
    assert "To: Ashgrove Print Ltd Date: 25 November 2026" in text
    assert (
        "Law applied: Late Payment of Commercial Debts (Interest) Act 1998 (the law chosen in "
        "our contract)" in text
    )
    assert "Payment details: IBAN GB33 BUKB 2020 1555 5555 55" in text
    assert "clientexit" not in result.stdout.lower()


def test_a_running_balance_and_the_age_of_what_is_open(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG)
    lines = result.stdout.splitlines()
    ledger = [line.split("  ") for line in lines if re.match(r"^\d+ \w+ 2026 ", line)]
    balances = [cells[-1].strip() for cells in ledger]
    assert balances == ["£2,400.00", "£0.00", "£1,800.00", "£2,450.00"]
    assert "Payment, invoice AP-2026-03" in result.stdout
    assert "Balance due: £2,450.00" in result.stdout
    # On 25 Nov both open invoices are over 90 days past due (29 May, 26 Jun).
    assert re.search(r"Over 90 days overdue: +£2,450\.00", result.stdout)
    assert re.search(r"1–30 days overdue: +£0\.00", result.stdout)
    early = json.loads(cli("statement", SLUG, "--on", "2026-07-10", "--json").stdout)
    assert early["ageing"] == {
        "current": 0.0,
        "1_30": 650.0,  # due 26 Jun: 14 days
        "31_60": 1800.0,  # due 29 May: 42 days
        "61_90": 0.0,
        "over_90": 0.0,
    }


def test_interest_and_fixed_sums_with_each_stretch(cli, examples_home: Path) -> None:
    text = _flat(cli("statement", SLUG).stdout)
    assert "Invoice AP-2026-05: interest from 30 May 2026" in text
    assert "30 May 2026 – 25 November 2026: 180 days at 11.75% a year on £1,800.00" in text
    assert "Interest £104.30; fixed sum £70.00" in text
    # 2,450.00 + 150.79 interest + 180.00 fixed sums
    assert "Balance with interest and fixed sums: £2,780.79" in text
    assert "may claim under the Late Payment of Commercial Debts (Interest) Act 1998" in text


def test_days_without_a_rate_make_it_at_least(cli, examples_home: Path) -> None:
    _edit(examples_home, SLUG, "due = 2026-06-26", "due = 2026-07-26")
    text = _flat(cli("statement", SLUG).stdout)
    assert (
        "27 July 2026 – 25 November 2026: 122 days, reference rate not yet on file, "
        "not included" in text
    )
    assert "Interest: at least £118.98" in text
    assert "interest for the days whose reference rate is not yet on file is claimed" in text


@pytest.mark.parametrize("width", [80, 60])
def test_the_statement_fits_the_width(examples_home: Path, width: int) -> None:
    from clientexit import clients, config

    paths = Paths(examples_home)
    for slug in (SLUG, "zelena-louka-s-r-o", "cagri-yazilim-ltd-sti"):
        record = clients.load(paths, slug)
        profile = config.load_profile(paths)
        from clientexit.packets.account import statement_for

        found = statement_for(paths, record, profile, dt.date(2026, 11, 25))
        for lang in ("en", "cs", "tr"):
            text = core.render(found, "text", lang, width=width)
            assert max(len(line) for line in text.splitlines()) <= width, (slug, lang)


def test_in_czech_with_czech_money_and_dates(cli, examples_home: Path) -> None:
    result = cli("statement", "zelena-louka-s-r-o")
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert text.startswith("Výpis z účtu Dodavatel: Maya Lindqvist")
    assert "Rozhodné právo: nařízení vlády č. 351/2013 Sb. (právo zvolené v naší smlouvě)" in text
    assert "Platba, faktura 2026-041 -84 000,00 Kč 0,00 Kč" in text
    assert "Paušální náhrady: 1 200,00 Kč" in text


def test_in_turkish_the_claim_is_temerrut_faizi(cli, examples_home: Path) -> None:
    text = _flat(cli("statement", "cagri-yazilim-ltd-sti").stdout)
    assert "Temerrüt faizi ve asgari giderim tutarı" in text
    assert "6102 sayılı Türk Ticaret Kanunu m. 1530 uyarınca" in text
    assert "Asgari giderim tutarları: 8.080,00 ₺" in text


def test_every_language_has_the_same_words() -> None:
    keys = {lang: set(core.phrases(lang)) for lang in ("en", "cs", "tr")}
    assert keys["en"] == keys["cs"] == keys["tr"]


def test_a_language_without_words_is_refused(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG, "--lang", "de")
    assert result.exit_code == 2 and "cannot be written in 'de'" in result.stderr


def test_without_a_statutory_claim_the_reason_goes_to_stderr(cli, examples_home: Path) -> None:
    result = cli("statement", "northwind-bakery")
    assert result.exit_code == 0, result.stderr
    assert "northwind-bakery is not recorded as a business" in result.stderr
    assert "Statutory interest" not in result.stdout and "clientexit" not in result.stdout
    assert "2026-045" in result.stdout


def test_a_client_without_invoices_gets_an_empty_statement(cli, home: Path) -> None:
    assert cli("client", "add", "Quiet Ltd").exit_code == 0
    result = cli("statement", "quiet-ltd")
    assert result.exit_code == 0, result.stderr
    assert "No invoices on record." in result.stdout and "Traceback" not in result.stderr
    assert json.loads(cli("statement", "quiet-ltd", "--json").stdout)["invoices"] == []


def test_csv_keeps_plain_amounts(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["invoice"] for r in rows] == ["AP-2026-03", "AP-2026-05", "AP-2026-06"]
    assert rows[0]["state"] == "paid late" and rows[0]["interest"] == "14.68"
    assert rows[2]["amount"] == "650.00" and rows[2]["fixed_sum"] == "40.00"
    assert rows[1]["open"] == "1800.00" and {r["currency"] for r in rows} == {"GBP"}


def test_markdown_to_a_file(cli, examples_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "statement.md"
    result = cli("statement", SLUG, "-f", "markdown", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Statement of account\n")
    assert "| 27 May 2026 | Invoice AP-2026-06 | £650.00 | £2,450.00 |" in text
    assert "- **Interest:** £150.79" in text


def test_as_of_an_earlier_day(cli, examples_home: Path) -> None:
    data = json.loads(cli("statement", SLUG, "--on", "2026-04-10", "--json").stdout)
    assert [i["number"] for i in data["invoices"]] == ["AP-2026-03"]  # the others came later
    assert data["invoices"][0]["state"] == "overdue" and data["invoices"][0]["days_late"] == 9
    assert data["outstanding"] == 2400.0 and data["paid"] == 0.0


def test_bad_format_is_refused(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG, "--format", "pdf")
    assert result.exit_code == 2 and "choose text, markdown, csv" in result.stderr


def test_csv_never_hands_a_spreadsheet_a_formula(cli, examples_home: Path) -> None:
    _edit(examples_home, SLUG, '"AP-2026-05"', '"=HYPERLINK(1)"')
    rows = list(csv.reader(io.StringIO(cli("statement", SLUG, "-f", "csv").stdout)))
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(1)"]


def _letter_figures(letter: str) -> dict[str, tuple[str, str]]:
    """Each invoice's interest ("" where no day has a rate) and fixed sum as the letter gives
    them."""
    found = {}
    for match in re.finditer(
        r"^- invoice (\S+?)(?: \(paid on [^)]*\))?: [^\n]*?"
        r"(?:, interest (?:at least )?(£\d[\d,]*\.\d\d))?(?:, fixed sum (£\d[\d,]*\.\d\d))?$",
        letter,
        re.M,
    ):
        found[match[1]] = (match[2] or "", match[3] or "")
    return found


def _money(text: str) -> Decimal:
    return Decimal(text.lstrip("£").replace(",", ""))


@pytest.mark.parametrize("claim_paid_late", [True, False])
@pytest.mark.parametrize("late_due", [None, "due = 2026-07-26"])
def test_the_letter_and_the_statement_it_encloses_give_the_same_figures(
    cli, examples_home: Path, late_due: str | None, claim_paid_late: bool
) -> None:
    if late_due:  # a stretch without a rate: both say "at least" the same figure
        _edit(examples_home, SLUG, "due = 2026-06-26", late_due)
    flags = ("--claim-paid-late",) if claim_paid_late else ()
    letter = cli("remind", SLUG, "--stage", "final-notice", "--skip-stages", "--dry-run", *flags)
    assert letter.exit_code == 0, letter.stderr
    statement = cli("statement", SLUG)
    figures = _letter_figures(letter.stdout)
    # The claim on the two open invoices, and apart from it the one paid late (if asked for).
    paid_late = {"AP-2026-03"} if claim_paid_late else set()
    assert set(figures) == {"AP-2026-05", "AP-2026-06"} | paid_late
    text = _flat(statement.stdout)
    for number, (interest, fixed) in figures.items():
        block = text[text.index(f"Invoice {number}: interest from") :]
        block = block[: block.index("fixed sum") + len("fixed sum ") + len(fixed)]
        assert block.endswith(fixed), number
        # No day with a rate: neither gives an interest figure (never "at least £0.00").
        assert (interest in block) if interest else ("Interest not yet reckoned;" in block)
    flat = _flat(letter.stdout)
    total = re.search(r"In total: interest (at least )?(£\S+\d) and fixed sums (£\S+\d)", flat)
    paid = re.search(
        r"On the invoices already paid: interest (£\S+\d) and fixed sum (£\S+\d)\.", flat
    )
    assert total is not None and (paid is not None) == claim_paid_late

    def line(label: str) -> tuple[str, Decimal]:
        found = re.search(rf"{label}: (at least )?(£\S+\d)", text)
        assert found is not None, label
        return found[1] or "", _money(found[2])

    # The letter's open-invoice totals are the statement's open-invoice lines, to the penny,
    # "at least" in both or in neither; whether or not the letter claims the paid one.
    assert line("Interest on open invoices") == (total[1] or "", _money(total[2]))
    assert line("Fixed sums on open invoices")[1] == _money(total[3])
    paid_interest = line("Interest on invoices already paid late")[1]
    paid_fixed = line("Fixed sums on invoices already paid late")[1]
    assert (paid_interest, paid_fixed) == (Decimal("14.68"), Decimal("70.00"))
    if paid is not None:
        assert (_money(paid[1]), _money(paid[2])) == (paid_interest, paid_fixed)
    else:
        assert "AP-2026-03" not in letter.stdout
    # The statement's totals are its two lines added, to the penny.
    assert line("Interest")[1] == _money(total[2]) + paid_interest
    assert line("Fixed sums")[1] == _money(total[3]) + paid_fixed
    if late_due:
        assert "interest at least" in flat and "at least" in text


@pytest.mark.parametrize(
    ("slug", "lang", "sentences"),
    [
        (SLUG, "en", [
            "Invoices still open: Invoice AP-2026-05: interest from 30 May 2026",
            "Interest on open invoices: £136.11 Fixed sums on open invoices: £110.00",
            "Invoices already paid late: Invoice AP-2026-03: interest from 2 April 2026",
            "Interest on invoices already paid late: £14.68 Fixed sums on invoices already "
            "paid late: £70.00 Interest: £150.79 Fixed sums: £180.00",
        ]),
        (SLUG, "cs", [
            "Dosud nezaplacené faktury: Faktura AP-2026-05: úrok od 30. května 2026",
            "Úrok z nezaplacených faktur: 136,11 £ Paušální náhrady k nezaplaceným fakturám: "
            "110,00 £",
            "Faktury již zaplacené po splatnosti: Faktura AP-2026-03: úrok od 2. dubna 2026",
            "Úrok z faktur zaplacených po splatnosti: 14,68 £ Paušální náhrady k fakturám "
            "zaplaceným po splatnosti: 70,00 £ Úrok: 150,79 £ Paušální náhrady: 180,00 £",
        ]),
        ("cagri-yazilim-ltd-sti", "tr", [
            "Henüz ödenmemiş faturalar: 2026-TR-04 numaralı fatura: 10 Kasım 2026 tarihinden "
            "itibaren faiz",
            # 601.29 + 573.96 + 435.60 = 1,610.85 on the three paid late; + 23.27 = 1,634.12
            "Ödenmemiş faturaların temerrüt faizi: 23,27 ₺ Ödenmemiş faturaların asgari "
            "giderim tutarları: 2.020,00 ₺",
            "Geç ödenmiş faturalar: 2026-TR-01 numaralı fatura: 9 Ekim 2026 tarihinden itibaren",
            "Geç ödenmiş faturaların temerrüt faizi: 1.610,85 ₺ Geç ödenmiş faturaların "
            "asgari giderim tutarları: 6.060,00 ₺ Temerrüt faizi: 1.634,12 ₺",
        ]),
    ],
)  # fmt: skip
def test_interest_on_invoices_paid_late_is_set_apart(
    cli, examples_home: Path, slug: str, lang: str, sentences: list[str]
) -> None:
    result = cli("statement", slug, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    for sentence in sentences:
        assert sentence in text


def test_without_an_invoice_paid_late_the_claim_is_not_split(cli, examples_home: Path) -> None:
    _edit(examples_home, SLUG, "paid = 2026-04-20", "paid = 2026-03-30")  # paid on time
    text = _flat(cli("statement", SLUG).stdout)
    assert "Invoices still open" not in text and "already paid late" not in text
    assert "Interest: £136.11 Fixed sums: £110.00" in text


def test_json_gives_the_interest_on_open_invoices_and_on_those_paid_late(
    cli, examples_home: Path
) -> None:
    data = json.loads(cli("statement", SLUG, "--json").stdout)
    assert (data["interest_open"], data["compensation_open"]) == (136.11, 110.0)
    assert (data["interest_paid_late"], data["compensation_paid_late"]) == (14.68, 70.0)
    assert (data["interest"], data["compensation"]) == (150.79, 180.0)
    none = json.loads(cli("statement", "northwind-bakery", "--json").stdout)
    assert none["interest_open"] is None and none["interest_paid_late"] is None


@pytest.mark.parametrize("kind", ["promise", "dispute"])
def test_an_invoice_on_hold_is_claimed_nowhere_and_shown_as_on_hold_everywhere(
    cli, examples_home: Path, kind: str
) -> None:
    """A dispute or a promise logged against AP-2026-06 holds it: the letter does not claim it,
    and the statement it encloses and `interest` leave it out of every total too, saying so;
    the three agree to the penny (AP-2026-05 alone: 1800 x 0.1175 x 180 / 365 = 104.30, £70)."""
    logged = cli(
        "log", SLUG, "add", "--kind", kind, "--invoice", "AP-2026-06", "--until", "2026-12-20",
        "About the June print run",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    letter = cli("remind", SLUG, "--stage", "final-notice", "--skip-stages", "--dry-run")
    assert letter.exit_code == 0, letter.stderr
    assert "In total: interest £104.30 and fixed sum £70.00." in _flat(letter.stdout)
    assert "AP-2026-06" not in letter.stdout
    text = _flat(cli("statement", SLUG).stdout)
    held = {
        "promise": "Invoice AP-2026-06: payment promised by 20 December 2026",
        "dispute": "Invoice AP-2026-06: in dispute, on hold until 20 December 2026",
    }[kind]
    assert f"On hold (interest and fixed sum not claimed for now): {held}" in text
    assert "Invoice AP-2026-06: interest from" not in text
    assert "Interest on open invoices: £104.30 Fixed sums on open invoices: £70.00" in text
    # 104.30 + 14.68 paid late; £70 + £70; the balance £2,450 + 118.98 + 140 = £2,708.98
    assert "Interest: £118.98 Fixed sums: £140.00" in text
    assert "Balance with interest and fixed sums: £2,708.98" in text
    data = json.loads(cli("statement", SLUG, "--json").stdout)
    assert (data["interest_open"], data["compensation_open"]) == (104.3, 70.0)
    assert data["on_hold"] == ["AP-2026-06"]
    row = next(i for i in data["invoices"] if i["number"] == "AP-2026-06")
    assert (row["interest"], row["on_hold_until"]) == (None, "2026-12-20")
    figures = json.loads(cli("interest", SLUG, "--json").stdout)
    assert (figures["interest"], figures["compensation"]) == (118.98, 140.0)
    assert figures["on_hold"] == ["AP-2026-06"]
    shown = _flat(cli("interest", SLUG).stdout)
    assert "interest £31.81; fixed sum £40.00 not claimed now: on hold until 20 December 2026" in (
        shown
    )
    assert "Total interest: £118.98 Total fixed sums: £140.00 Total claimed: £258.98" in shown
    # After the day the hold ends, the invoice is claimed again everywhere.
    later = _flat(cli("statement", SLUG, "--on", "2026-12-21").stdout)
    assert "On hold" not in later and "Invoice AP-2026-06: interest from 27 June 2026" in later


def test_an_invoice_on_hold_in_czech_and_turkish(cli, examples_home: Path) -> None:
    cli(
        "log", SLUG, "add", "--kind", "promise", "--invoice", "AP-2026-06", "--until", "2026-12-20",
        "Promised",
    )  # fmt: skip
    cs = _flat(cli("statement", SLUG, "--lang", "cs").stdout)
    assert (
        "Pozastavené faktury (úrok a paušální náhrada se zatím neuplatňují): Faktura AP-2026-06: "
        "zaplacení přislíbeno do 20. prosince 2026"
    ) in cs
    tr = _flat(cli("statement", SLUG, "--lang", "tr").stdout)
    promised = "AP-2026-06 numaralı fatura: 20 Aralık 2026 tarihine kadar ödeneceği taahhüt edildi"
    assert promised in tr


def test_when_every_late_invoice_is_on_hold_nothing_is_claimed(cli, examples_home: Path) -> None:
    _edit(examples_home, SLUG, "paid = 2026-04-20", "paid = 2026-03-30")  # paid on time
    for number in ("AP-2026-05", "AP-2026-06"):
        logged = cli(
            "log", SLUG, "add", "--kind", "dispute", "--invoice", number, "--until", "2026-12-20",
            "Disputed",
        )  # fmt: skip
        assert logged.exit_code == 0, logged.stderr
    shown = _flat(cli("interest", SLUG).stdout)
    assert shown.endswith("Nothing is claimed now: every late invoice is on hold.")
    assert "Total" not in shown and "not reckoned" not in shown
    text = _flat(cli("statement", SLUG).stdout)
    assert "Interest on open invoices" not in text and "Invoices still open" not in text
    assert (
        "On hold (interest and fixed sum not claimed for now): "
        "Invoice AP-2026-05: in dispute, on hold until 20 December 2026 Invoice AP-2026-06: in "
        "dispute, on hold until 20 December 2026"
    ) in text
    assert "Balance with interest" not in text


@pytest.mark.parametrize(
    ("on", "lang", "said"),
    [
        ("2026-05-30", "cs", "30. května 2026 – 30. května 2026: 1 den při 11,75 % ročně"),
        ("2026-06-01", "cs", "30. května 2026 – 1. června 2026: 3 dny při 11,75 % ročně"),
        ("2026-06-03", "cs", "30. května 2026 – 3. června 2026: 5 dní při 11,75 % ročně"),
        ("2026-05-30", "en", "30 May 2026 – 30 May 2026: 1 day at 11.75% a year"),
        ("2026-06-01", "en", "30 May 2026 – 1 June 2026: 3 days at 11.75% a year"),
        (
            "2026-06-01",
            "tr",
            "30 Mayıs 2026 – 1 Haziran 2026: 1.800,00 £ üzerinden yıllık %11,75 ile 3 gün",
        ),
    ],
)
def test_the_days_of_a_stretch_agree_in_number(
    cli, examples_home: Path, on: str, lang: str, said: str
) -> None:
    result = cli("statement", SLUG, "--lang", lang, "--on", on)
    assert result.exit_code == 0, result.stderr
    assert said in _flat(result.stdout)
