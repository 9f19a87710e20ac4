"""clientexit remind: the next due stage of the ladder, never skipping one, in en, tr and cs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from clientexit import clients, config
from clientexit._paths import Paths
from clientexit.collect import ladder, rates, reminder

SLUG = "ashgrove-print"
STAGES = ("friendly-reminder", "firm-reminder", "work-paused", "final-notice", "formal-demand")
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _file(home: Path, slug: str = SLUG) -> Path:
    return home / "clients" / f"{slug}.toml"


def _edit(home: Path, old: str, new: str, slug: str = SLUG) -> None:
    path = _file(home, slug)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_next_due_stage_is_drafted_and_recorded(cli, examples_home: Path) -> None:
    result = cli("remind", SLUG, "--json", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    sent = json.loads(result.stdout)
    assert sent["type"] == "final-notice" and sent["recorded"]  # two reminders already sent
    assert sent["invoices"] == ["AP-2026-05", "AP-2026-06"]  # what this letter asks for
    # Day-first dates: the profile is not American (letters follow the freelancer's convention).
    body = sent["body"]
    # Each invoice walks its own stages: the two reminders went before AP-2026-06 fell due, so
    # the letter says they asked for AP-2026-05 only (and AP-2026-06, 152 days late, starts at
    # the final notice, the highest stage that may open a ladder).
    assert (
        "The following invoices are still unpaid. I wrote to you about invoice AP-2026-05 on "
        "2 and 15 June 2026:"
    ) in body
    assert body.startswith("Dear Priya Shah,\n")  # a formal letter: never "Dear Priya,"
    assert "- invoice AP-2026-05 for £1,800.00, due on 29 May 2026, 180 days overdue" in body
    assert "The total outstanding is £2,450.00" in body and "by 2 December 2026" in body
    assert (
        "Under the Late Payment of Commercial Debts (Interest) Act 1998, the law of our contract, "
        "I may be entitled" in body
    )
    assert (
        "- invoice AP-2026-05: 180 days at 11.75% a year, interest £104.30, fixed sum £70.00"
        in (body)
    )
    # The claim is on the invoices the letter asks for: AP-2026-03, paid late in April, is not
    # in it (claiming it is optional: remind --claim-paid-late); a caution says what it carries.
    assert "In total: interest £136.11 and fixed sums £110.00." in body
    assert "AP-2026-03" not in body
    assert "Invoice AP-2026-03 was paid late: interest £14.68 and fixed sums £70.00" in (
        result.stderr
    )
    record = clients.load(Paths(examples_home), SLUG)
    assert [row.type for row in record.letters][-1] == "final-notice"
    assert record.letters[-1].invoices == ("AP-2026-05", "AP-2026-06")
    again = cli("remind", SLUG)  # the formal demand comes 45 days after, and 7 after this one
    assert again.exit_code == 2 and "the formal-demand, is due on 2 December 2026" in again.stderr


def test_a_stage_is_never_skipped_without_the_option(cli, examples_home: Path) -> None:
    before = _file(examples_home).read_bytes()
    result = cli("remind", SLUG, "--stage", "formal-demand")
    assert result.exit_code == 2
    assert "would skip the final-notice" in result.stderr and "--skip-stages" in result.stderr
    assert _file(examples_home).read_bytes() == before and result.stdout == ""
    forced = cli("remind", SLUG, "--stage", "formal-demand", "--skip-stages", "--dry-run")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stdout.startswith("Subject: Formal demand for payment: £2,450.00")
    assert "If you dispute the debt, please tell me why by 9 December 2026." in forced.stdout
    assert _file(examples_home).read_bytes() == before  # dry run


def test_first_reminder_for_one_invoice_speaks_of_one(cli, examples_home: Path) -> None:
    path = _file(examples_home)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[incidents]]")], encoding="utf-8")
    _edit(examples_home, "due = 2026-05-29", "due = 2026-05-29\npaid = 2026-06-01")
    # Five days after AP-2026-06 fell due, with no payment incident logged: an oversight.
    result = cli("remind", SLUG, "--dry-run", env={"CLIENTEXIT_TODAY": "2026-07-01"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Friendly reminder: invoice AP-2026-06 (Ashgrove")
    assert (
        "This is a quick reminder that this invoice for Web-to-print ordering portal is now past "
        "its due date:"
    ) in result.stdout
    assert "It may simply have slipped through; could you arrange payment by" in result.stdout
    assert "Together that is" not in result.stdout


def test_nothing_overdue_is_a_clear_error(cli, examples_home: Path) -> None:
    result = cli("remind", "fjord-coffee")
    assert result.exit_code == 2 and "Nothing is overdue for fjord-coffee" in result.stderr


def test_letter_names_remind_for_a_stage(cli, examples_home: Path) -> None:
    result = cli("letter", SLUG, "-t", "firm-reminder")
    assert result.exit_code == 2
    assert f"clientexit remind {SLUG} --stage firm-reminder" in result.stderr


def test_a_client_not_known_as_a_business_gets_no_claim(cli, examples_home: Path) -> None:
    _edit(examples_home, 'customer = "business"\n', "")
    result = cli("remind", SLUG, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "may be entitled" not in result.stdout and "Final notice" in result.stdout
    assert (
        "No interest claim in the letter: ashgrove-print is not recorded as a business"
        in result.stderr
    )
    assert "clientexit client set ashgrove-print customer=business" in result.stderr


def test_czech_demand_is_a_predzalobni_vyzva(cli, examples_home: Path) -> None:
    _edit(examples_home, 'country = "GB"', 'country = "CZ"')
    _edit(examples_home, 'law = "GB"', 'law = "CZ"')
    _edit(examples_home, 'currency = "GBP"', 'currency = "CZK"')
    result = cli(
        "remind", SLUG, "--stage", "formal-demand", "--skip-stages", "--dry-run", "--lang", "cs"
    )
    assert result.exit_code == 0, result.stderr
    assert "předžalobní výzvou k plnění podle § 142a" in result.stdout
    assert "nejdříve sedm dní po odeslání této výzvy" in result.stdout
    # Both delays began in 2026-H1: the ČNB repo rate on 1 January 2026 (3.50 %) + 8 holds
    # for the whole delay (NV 351/2013 § 2). By hand: 1800 x 11.5 % x 180 / 365 = 102.08;
    # 650 x 11.5 % x 152 / 365 = 31.13; 1 200 Kč for each invoice (§ 3).
    text = " ".join(result.stdout.split())
    assert (
        "- faktura AP-2026-05: 180 dní při 11,50 % ročně, úrok 102,08 Kč, paušální náhrada "
        "1 200,00 Kč - faktura AP-2026-06: 152 dní při 11,50 % ročně, úrok 31,13 Kč, paušální "
        "náhrada 1 200,00 Kč"
    ) in text
    assert "Celkem: úrok 133,21 Kč a paušální náhrady 2 400,00 Kč." in text
    assert "nevyčíslen" not in text and "chybí sazba" not in result.stderr


def test_a_broken_ladder_names_the_file(cli, examples_home: Path) -> None:
    (examples_home / "ladder.toml").write_text(
        'schema_version = 1\n[[stage]]\ntype = "friendly-reminder"\nafter_days = "3"\n'
        "pay_within_days = 7\n",
        encoding="utf-8",
    )
    result = cli("remind", SLUG)
    assert result.exit_code == 4
    assert "ladder.toml: stage[1].after_days must be a whole number" in result.stderr


def test_the_pay_by_date_is_a_working_day(examples_home: Path) -> None:
    from clientexit import workdays

    paths = Paths(examples_home)
    profile, record = config.require_profile(paths), clients.load(paths, SLUG)
    saturday = dt.date(2026, 11, 28)
    found = reminder.plan(
        ladder.load(paths),
        rates.load(paths),
        record,
        "GBP",
        saturday,
        requested=None,
        skip=False,
        working_day=workdays.calendar(profile.country, record.country).next_working_day,
    )
    # 7 days on is Saturday 5 December: the letter asks for Monday the 7th.
    assert found.values["pay_by"] == dt.date(2026, 12, 7)
    assert found.values["pay_within_days"] == 9


def test_a_new_york_client_is_told_the_freelance_law(cli, examples_home: Path) -> None:
    _edit(examples_home, 'country = "GB"', 'country = "US"\nregion = "NY"')
    _edit(examples_home, 'law = "GB"', 'law = "US"')
    _edit(examples_home, 'currency = "GBP"', 'currency = "USD"')
    result = cli("remind", SLUG, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Under New York State's Freelance Isn't Free Act" in result.stdout
    assert "payment within 30 days of completing the work" in result.stdout
    assert "double damages for late or non-payment" in result.stdout
    assert "statutory interest" not in result.stdout  # US laws set no interest


def test_below_the_threshold_no_us_law_is_named(cli, examples_home: Path) -> None:
    _edit(examples_home, 'country = "GB"', 'country = "US"\nregion = "IL"')
    _edit(examples_home, 'currency = "GBP"', 'currency = "USD"')
    for amount in ("2400.0", "1800.0", "650.0"):
        _edit(examples_home, f"amount = {amount}", "amount = 150.0")
    result = cli("remind", SLUG, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Freelance Worker Protection Act" not in result.stdout  # $450 < $500
