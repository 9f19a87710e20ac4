"""The reminder ladder per invoice, and what each stage says, sentence by sentence, in en/tr/cs.

Each test builds the client it needs in a fresh data folder (the demo's profile: Maya
Lindqvist, Lindqvist Design & Development, maya@lindqvist.example) and drafts the stage as
`clientexit remind` does.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clientexit import clients, config, workdays
from clientexit._errors import EXIT_DATA, UsageError
from clientexit._paths import Paths
from clientexit.collect import ladder, rates, reminder
from clientexit.letters import draft

STAGES = ("friendly-reminder", "firm-reminder", "work-paused", "final-notice", "formal-demand")
LANGS = ("en", "tr", "cs")
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

HEAD = """schema_version = 1
name = "{name}"
status = "active"
created = 2025-01-10
contact = "{contact}"
email = "ap@client.example"
currency = "{currency}"
country = "{country}"
customer = "business"
project = "{project}"
"""


def _client(
    home: Path,
    slug: str,
    body: str,
    *,
    name: str = "Harbour Tools Ltd",
    contact: str = "Priya Shah",
    country: str = "SE",
    currency: str = "EUR",
    project: str = "Online shop - fixed price, renegotiate in May",
) -> str:
    text = HEAD.format(
        name=name, contact=contact, country=country, currency=currency, project=project
    )
    (home / "clients" / f"{slug}.toml").write_text(text + body, encoding="utf-8")
    return slug


def _invoice(number: str, amount: float, due: str, issued: str = "2026-09-01") -> str:
    return (
        f'\n[[invoices]]\nnumber = "{number}"\namount = {amount}\nissued = {issued}\ndue = {due}\n'
    )


def _letter(kind: str, day: str, invoices: tuple[str, ...] | None = None) -> str:
    listed = "" if invoices is None else f"invoices = {json.dumps(list(invoices))}\n"
    return (
        f'\n[[letters]]\ntype = "{kind}"\nlang = "en"\nat = {day}T09:00:00Z\n'
        f'written_to = "stdout"\n{listed}'
    )


def _draft(
    home: Path,
    slug: str,
    stage: str | None = None,
    lang: str = "en",
    *,
    today: dt.date = NOW.date(),
    skip: bool = False,
    overrides: dict[str, str] | None = None,
) -> tuple[str, reminder.Plan, draft.Draft]:
    """The letter `clientexit remind` drafts: (its text, the plan, the draft)."""
    paths = Paths(home)
    profile, record = config.require_profile(paths), clients.load(paths, slug)
    found = reminder.plan(
        ladder.load(paths),
        rates.load(paths),
        record,
        record.billing_currency(profile),
        today,
        requested=stage,
        skip=skip,
        working_day=workdays.calendar(profile.country, record.country).next_working_day,
        creditor="Lindqvist Design & Development",
        custom=overrides,
    )
    letter = draft.draft_letter(
        paths,
        profile,
        record,
        now=dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC),
        letter_type=found.stage.type,
        lang=lang,
        overrides=overrides,
        extra={"collect": found.values},
    )
    assert not letter.missing, letter.missing
    return letter.text, found, letter


# --- Each invoice walks its own stages ---------------------------------------------------


def test_earlier_letters_are_named_only_for_the_invoices_they_asked_for(
    examples_home: Path,
) -> None:
    # Two letters in June asked for INV-1; INV-2 fell due after them.
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-05-29")
        + _invoice("INV-2", 500.0, "2026-06-26")
        + _letter("friendly-reminder", "2026-06-02")
        + _letter("firm-reminder", "2026-06-15"),
    )
    text, found, letter = _draft(examples_home, slug)
    assert found.stage.type == "final-notice"
    assert (
        "The following invoices are still unpaid. I wrote to you about invoice INV-1 on "
        "2 and 15 June 2026:"
    ) in text
    assert letter.invoices == ("INV-1", "INV-2")
    assert any("INV-2 has had no reminder yet" in c for c in found.cautions)
    tr, _, _ = _draft(examples_home, slug, lang="tr")
    assert (
        "INV-1 numaralı fatura hakkında 2 ve 15 Haziran 2026 tarihlerinde size "
        "yazmıştım; aşağıdaki faturalar hâlâ ödenmedi:"
    ) in tr
    cs, _, _ = _draft(examples_home, slug, lang="cs")
    assert (
        "následující faktury stále nejsou uhrazeny, přestože Vám byly zaslány upomínky "
        "k faktuře INV-1 ze dne 2. a 15. června 2026:"
    ) in cs


def test_letters_that_asked_for_every_invoice_are_one_sentence(examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-05-20")
        + _invoice("INV-2", 500.0, "2026-05-25")
        + _letter("friendly-reminder", "2026-06-02", ("INV-1", "INV-2"))
        + _letter("firm-reminder", "2026-06-15", ("INV-1", "INV-2"))
        + _letter("final-notice", "2026-07-01", ("INV-1", "INV-2")),
    )
    text, found, _ = _draft(examples_home, slug)
    assert found.stage.type == "formal-demand"
    assert "I asked for payment on 2 and 15 June 2026 and 1 July 2026." in text
    assert "under these invoices:" in text


def test_a_new_invoice_after_a_demand_starts_at_the_first_stage(examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-05-01")
        + _letter("friendly-reminder", "2026-05-05", ("INV-1",))
        + _letter("firm-reminder", "2026-05-20", ("INV-1",))
        + _letter("final-notice", "2026-06-01", ("INV-1",))
        + _letter("formal-demand", "2026-06-20", ("INV-1",))
        + _invoice("INV-7", 300.0, "2026-11-20", issued="2026-10-21"),
    )
    text, found, letter = _draft(examples_home, slug)
    assert found.stage.type == "friendly-reminder"
    assert letter.invoices == ("INV-7",)  # never inside the old demand
    assert "invoice INV-1" not in text and "- invoice INV-7 for €300.00" in text
    # Another invoice is under a demand: this is no oversight.
    assert "slipped through" not in text
    assert "Could you arrange payment by 2 December 2026?" in text


def test_an_old_letter_record_counts_only_for_invoices_overdue_that_day(
    examples_home: Path,
) -> None:
    # Letters recorded before clientexit kept their invoices: inferred from the due dates.
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-10-01")
        + _invoice("INV-2", 400.0, "2026-10-20")
        + _letter("friendly-reminder", "2026-10-05")
        + _letter("firm-reminder", "2026-10-16"),
    )
    paths = Paths(examples_home)
    record = clients.load(paths, slug)
    steps = ladder.load(paths)
    where = ladder.position(
        steps, record.overdue(NOW.date()), ladder.stage_letters(record.letters, steps), NOW.date()
    )
    assert where is not None
    first, second = where.steps
    assert [s.type for s in first.sent] == ["friendly-reminder", "firm-reminder"]
    assert first.next is not None and first.next.type == "final-notice"
    assert second.sent == () and second.next is not None
    assert second.next.type == "final-notice"  # 36 days late: its age calls for it


# --- The first stage follows the debt's age and the log ---------------------------------


@pytest.mark.parametrize(
    ("due", "logged", "stage"),
    [
        ("2026-11-20", False, "friendly-reminder"),  # 5 days: an oversight, perhaps
        ("2026-11-20", True, "firm-reminder"),  # payment incidents logged: no courtesy
        ("2026-11-05", False, "firm-reminder"),  # 20 days
        ("2026-10-20", False, "final-notice"),  # 36 days
        ("2026-09-15", False, "final-notice"),  # 71 days: a demand may not open the ladder
    ],
)
def test_the_first_stage_follows_age_and_log(
    examples_home: Path, due: str, logged: bool, stage: str
) -> None:
    incident = (
        '\n[[incidents]]\ndate = 2026-08-01\nkind = "payment"\ntext = "Paid July 3 weeks late"\n'
        if logged
        else ""
    )
    slug = _client(examples_home, "harbour", _invoice("INV-1", 800.0, due) + incident)
    text, found, _ = _draft(examples_home, slug)
    assert found.stage.type == stage
    slipped = "It may simply have slipped through; could you arrange payment" in text
    assert slipped == (stage == "friendly-reminder")


@pytest.mark.parametrize("lang", LANGS)
def test_a_71_day_debt_never_gets_the_courtesy_sentence(examples_home: Path, lang: str) -> None:
    slug = _client(examples_home, "harbour", _invoice("INV-1", 800.0, "2026-09-15"))
    text, found, _ = _draft(examples_home, slug, lang=lang)
    assert found.stage.type == "final-notice"
    for courtesy in ("slipped through", "Gözden kaçmış", "zapadl"):
        assert courtesy not in text, lang
    assert (
        "Invoice INV-1 has had no reminder yet: its age calls for the formal-demand, but that "
        "may not be the first letter (it relies on earlier requests for payment), so it gets "
        "the final-notice now."
    ) in found.cautions
    with pytest.raises(UsageError, match="at the friendly-reminder: every one is past it"):
        _draft(examples_home, slug, "friendly-reminder", lang)
    # Named with --skip-stages it is drafted, and still says nothing of an oversight.
    forced, _, _ = _draft(examples_home, slug, "friendly-reminder", lang, skip=True)
    for courtesy in ("slipped through", "Gözden kaçmış", "zapadl"):
        assert courtesy not in forced, lang


# --- Disputes and promises pause an invoice's ladder ----------------------------------------


def test_a_promise_pauses_its_invoice_until_the_day(cli, examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-10-01") + _invoice("INV-2", 400.0, "2026-10-05"),
    )
    logged = cli(
        "log", slug, "add", "Promised to pay INV-1 on the 10th", "--kind", "promise",
        "--invoice", "INV-1", "--until", "2026-12-10",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    assert "The reminders for invoice INV-1 are paused until 10 December 2026" in logged.stderr
    result = cli("remind", slug, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "- invoice INV-2 for €400.00" in result.stdout and "INV-1" not in result.stdout
    assert (
        "Invoice INV-1 is left out: its reminders are paused until 10 December 2026 (a promise "
        "to pay logged on 25 November 2026)."
    ) in result.stderr
    rows = json.loads(cli("followup", slug, "--json").stdout)
    pause = next(r for r in rows if r["kind"] == "pause")
    assert pause["id"] == "pause-INV-1" and pause["date"] == "2026-12-10"
    assert pause["text"].startswith("Invoice INV-1 is paused until 10 December 2026 (a promise")
    listed = cli("log", slug, "list").stdout
    assert "INV-1 until 10 December 2026" in listed
    shown = cli("followup", slug).stdout
    assert "pause-INV-1" in shown and "its reminders resume the day after" in shown
    # The day after the pause, INV-1 is back on its ladder.
    after = cli("remind", slug, "--dry-run", env={"CLIENTEXIT_TODAY": "2026-12-11"})
    assert after.exit_code == 0, after.stderr
    assert "- invoice INV-1 for €1,000.00" in after.stdout


def test_a_dispute_on_the_only_invoice_stops_remind(cli, examples_home: Path) -> None:
    slug = _client(examples_home, "harbour", _invoice("INV-1", 1000.0, "2026-10-01"))
    args = ("--kind", "dispute", "--invoice", "INV-1", "--until", "2026-12-31")
    assert cli("log", slug, "add", "Disputes the September hours", *args).exit_code == 0
    before = (examples_home / "clients" / f"{slug}.toml").read_bytes()
    result = cli("remind", slug)
    assert result.exit_code == 2
    assert (
        "Every overdue invoice of harbour is paused: invoice INV-1 until 31 December 2026 (a "
        "dispute logged on 25 November 2026)."
    ) in result.stderr
    assert (examples_home / "clients" / f"{slug}.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "promise"), "A promise to pay pauses the reminders of one invoice"),
        (("--kind", "dispute", "--invoice", "INV-1"), "A dispute pauses the reminders"),
        (("--kind", "scope", "--until", "2026-12-01"), "--until 2026-12-01 only goes with a"),
        (
            ("--kind", "promise", "--invoice", "INV-9", "--until", "2026-12-01"),
            "--invoice INV-9 is not an invoice of this client. Their invoices: INV-1.",
        ),
        (
            ("--kind", "promise", "--invoice", "INV-1", "--until", "2026-11-01"),
            "--until 2026-11-01 is before the day logged (2026-11-25)",
        ),
    ],
)
def test_a_pause_needs_an_invoice_and_a_day(
    cli, examples_home: Path, args: tuple[str, ...], message: str
) -> None:
    slug = _client(examples_home, "harbour", _invoice("INV-1", 1000.0, "2026-10-01"))
    before = (examples_home / "clients" / f"{slug}.toml").read_bytes()
    result = cli("log", slug, "add", "Will pay soon", *args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert (examples_home / "clients" / f"{slug}.toml").read_bytes() == before


def test_the_calendar_of_a_client_who_only_owes_money(cli, examples_home: Path) -> None:
    slug = _client(examples_home, "harbour", _invoice("INV-1", 1000.0, "2026-11-20"))
    result = cli("followup", slug, "--ics", "-")
    assert result.exit_code == 0, result.stderr
    events = result.stdout.replace("\r\n", "\n").replace("\n ", "").split("BEGIN:VEVENT")[1:]
    days = {
        line.split(":")[1]: event
        for event in events
        for line in event.splitlines()
        if line.startswith("UID:")
    }
    assert list(days) == [
        f"{slug}.friendly-reminder@clientexit",
        f"{slug}.firm-reminder@clientexit",
        f"{slug}.final-notice@clientexit",
        f"{slug}.formal-demand@clientexit",
    ]
    assert "DTSTART;VALUE=DATE:20261123" in days[f"{slug}.friendly-reminder@clientexit"]
    assert "DTSTART;VALUE=DATE:20261204" in days[f"{slug}.firm-reminder@clientexit"]
    assert "DTSTART;VALUE=DATE:20261220" in days[f"{slug}.final-notice@clientexit"]
    assert "DTSTART;VALUE=DATE:20270104" in days[f"{slug}.formal-demand@clientexit"]
    assert "X-WR-CALNAME:Reminders: Harbour Tools Ltd" in result.stdout


# --- Every stage, in every language ------------------------------------------------------

ONE = {
    "en": {
        "friendly-reminder": "this invoice for Online shop is now past its due date:",
        "firm-reminder": "I have not yet received payment for the invoice below for Online shop, "
        "which is now overdue:",
        "work-paused": "Invoice INV-1 for €800.00, due on 20 November 2026, is still unpaid.",
        "final-notice": "The following invoice for Online shop is still unpaid:",
        "formal-demand": "for work done on Online shop, under this invoice:",
    },
    "tr": {
        "friendly-reminder": "aşağıdaki faturanın vade tarihinin geçtiğini",
        "firm-reminder": "Online shop için kestiğim, vadesi geçmiş aşağıdaki faturanın ödemesi",
        "work-paused": "INV-1 numaralı, 800,00\xa0€ tutarındaki faturanın",
        "final-notice": "Online shop için kestiğim aşağıdaki fatura hâlâ ödenmedi:",
        "formal-demand": "aşağıdaki faturadan doğan toplam 800,00\xa0€ borcu bulunmaktadır:",
    },
    "cs": {
        "friendly-reminder": "tato faktura k projektu Online shop je již po splatnosti:",
        "firm-reminder": "platba za níže uvedenou fakturu k projektu Online shop, která je již po "
        "splatnosti, zatím nedorazila.",
        "work-paused": "faktura INV-1 na 800,00\xa0€, splatná 20. listopadu 2026, stále není",
        "final-notice": "následující faktura k projektu Online shop stále není uhrazena:",
        "formal-demand": "a to podle této faktury:",
    },
}
SEVERAL = {
    "en": {
        "friendly-reminder": "these invoices for Online shop are now past their due dates:",
        "firm-reminder": "for the invoices below for Online shop, which are now overdue:",
        "work-paused": "These invoices, €1,200.00 in total, are still unpaid:",
        "final-notice": "The following invoices for Online shop are still unpaid:",
        "formal-demand": "under these invoices:",
    },
    "tr": {
        "friendly-reminder": "aşağıdaki faturaların vade tarihlerinin geçtiğini",
        "firm-reminder": "Online shop için kestiğim, vadesi geçmiş aşağıdaki faturaların ödemesi",
        "work-paused": "Toplam 1.200,00\xa0€ tutarındaki şu faturaların",
        "final-notice": "aşağıdaki faturalar hâlâ ödenmedi:",
        "formal-demand": "aşağıdaki faturalardan doğan toplam 1.200,00\xa0€ borcu",
    },
    "cs": {
        "friendly-reminder": "tyto faktury k projektu Online shop jsou již po splatnosti:",
        "firm-reminder": "platba za níže uvedené faktury k projektu Online shop, které jsou již po "
        "splatnosti, zatím nedorazila.",
        "work-paused": "tyto faktury v celkové výši 1\xa0200,00\xa0€ stále nejsou uhrazeny:",
        "final-notice": "následující faktury k projektu Online shop stále nejsou uhrazeny:",
        "formal-demand": "a to podle těchto faktur:",
    },
}
LABEL = {"en": "Subject: ", "tr": "Konu: ", "cs": "Předmět: "}


def _young(home: Path, several: bool) -> str:
    body = _invoice("INV-1", 800.0, "2026-11-20")
    if several:
        body += _invoice("INV-2", 400.0, "2026-11-20")
    body += '\n[[deliverables]]\nwhat = "Checkout redesign"\ndue = 2026-12-15\n'
    body += '\n[[deliverables]]\nwhat = "Old banner set"\ndue = 2026-11-01\n'
    return _client(home, "harbour", body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("several", [False, True], ids=["one", "several"])
def test_every_stage_agrees_in_number(
    examples_home: Path, stage: str, lang: str, several: bool
) -> None:
    slug = _young(examples_home, several)
    text, _, letter = _draft(examples_home, slug, stage, lang, skip=True)
    where = f"{stage} {lang} {'several' if several else 'one'}"
    assert text.startswith(LABEL[lang]), where
    assert (SEVERAL if several else ONE)[lang][stage] in text, where
    assert letter.warnings == (), f"{where}: built-in text trips the tone check"
    # Internal notes after the project's dash never reach the client.
    assert "renegotiate" not in text and "fixed price" not in text, where
    assert "{{" not in text and "[" not in text, where


@pytest.mark.parametrize("lang", LANGS)
def test_czech_number_agreement_and_paused_work(examples_home: Path, lang: str) -> None:
    for several in (False, True):
        slug = _young(examples_home, several)
        text, _, _ = _draft(examples_home, slug, "friendly-reminder", "cs", skip=True)
        assert ("Možná jen zapadly;" if several else "Možná jen zapadla;") in text
    paused, _, _ = _draft(examples_home, slug, "work-paused", lang, skip=True)
    on_hold = {
        "en": "- Checkout redesign (planned for 15 December 2026) is on hold",
        "tr": "- Checkout redesign (15 Aralık 2026 için planlanan) beklemeye alındı",
        "cs": "- Checkout redesign (plánováno na 15. prosince 2026): práce je pozastavena",
    }[lang]
    assert on_hold in paused
    assert "Old banner set" not in paused  # its date passed before the pause


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_honours_the_greeting_and_letter_project(
    examples_home: Path, stage: str, lang: str
) -> None:
    slug = _young(examples_home, False)
    path = examples_home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'project = "', 'greeting = "Hello Priya"\nletter_project = "the new shop"\nproject = "'
    )
    path.write_text(text, encoding="utf-8")
    letter, _, _ = _draft(examples_home, slug, stage, lang, skip=True)
    assert "\nHello Priya,\n" in letter
    # Turkish opens a sentence with it: "The new shop için kestiğim ..."
    assert "the new shop" in letter.lower() and "Online shop" not in letter


@pytest.mark.parametrize("stage", ["final-notice", "formal-demand"])
def test_formal_letters_never_greet_a_company_by_first_name(
    examples_home: Path, stage: str
) -> None:
    slug = _young(examples_home, False)
    text, _, _ = _draft(examples_home, slug, stage, skip=True)
    assert "\nDear Priya Shah,\n" in text and "Dear Priya," not in text
    informal, _, _ = _draft(examples_home, slug, "friendly-reminder", skip=True)
    assert "\nDear Priya,\n" in informal


# --- Letters before action ---------------------------------------------------------------


def _uk(home: Path, name: str = "Tom Becker") -> str:
    return _client(
        home,
        "becker",
        _invoice("B-1", 1200.0, "2026-06-01", issued="2026-05-02")
        + _letter("friendly-reminder", "2026-06-05")
        + _letter("firm-reminder", "2026-06-20")
        + _letter("final-notice", "2026-07-05")
        + '\n[custom]\nagreement_date = "2025-03-14"\n',
        name=name,
        contact="Tom Becker",
        country="GB",
        currency="GBP",
        project="Shop photography",
    )


def test_uk_letter_of_claim_to_an_individual_follows_the_protocol(examples_home: Path) -> None:
    slug = _uk(examples_home)
    text, found, _ = _draft(examples_home, slug, today=dt.date(2026, 11, 25))
    assert found.stage.type == "formal-demand" and found.values["procedure"] == "gb-protocol"
    assert text.startswith("Subject: Letter of Claim: £1,200.00 (Tom Becker)")
    assert "This is a Letter of Claim under the Pre-Action Protocol for Debt Claims." in text
    # 3.1: the agreement, its date, the parties, a copy available.
    assert (
        "The debt arises under our agreement of 14 March 2025 between Tom Becker and Lindqvist "
        "Design & Development. A copy of the agreement is available from me on request."
    ) in text
    # whether interest and charges continue
    assert (
        "Interest keeps running until the day of payment; no other charges are being added."
    ) in text
    # how to discuss payment, where the Reply Form goes, what is enclosed, the deadline a date
    assert (
        "Enclosed are a statement of account, the Information Sheet, the Reply Form and a "
        "Financial Statement form."
    ) in text
    assert "send it to me at maya@lindqvist.example by 29 December 2026" in text
    assert (
        "If you would like to discuss how to pay, for example by instalments, email me at "
        "maya@lindqvist.example or reply to this letter."
    ) in text
    assert "If I have neither payment nor the Reply Form by 29 December 2026" in text
    assert "lawyer" not in text


def test_uk_letter_of_claim_says_no_charges_without_a_claim(examples_home: Path) -> None:
    slug = _uk(examples_home)
    path = examples_home / "clients" / f"{slug}.toml"
    path.write_text(path.read_text().replace("business", "consumer"), encoding="utf-8")
    text, _, _ = _draft(examples_home, slug)
    assert "No interest or other charges are being added to the amount above." in text


def test_uk_letter_of_claim_asks_for_the_agreement_date(cli, examples_home: Path) -> None:
    slug = _uk(examples_home)
    path = examples_home / "clients" / f"{slug}.toml"
    path.write_text(path.read_text().replace('agreement_date = "2025-03-14"', ""), "utf-8")
    result = cli("remind", slug, "--dry-run")
    assert result.exit_code == 2
    assert f"agreement_date: set it with clientexit client set {slug} agreement_date=" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [('"20261201"', "'20261201'"), ('"14/03/2025"', "'14/03/2025'"), ("20261201", "'20261201'")],
)
def test_a_bad_agreement_date_is_refused_naming_the_file_and_the_field(
    cli, examples_home: Path, written: str, shown: str
) -> None:
    """One date parser for typed input: 20261201 is not taken for a day, nor a bad value
    dropped in silence; the refusal is one line naming the file and [custom] agreement_date."""
    slug = _uk(examples_home)
    path = examples_home / "clients" / f"{slug}.toml"
    good = 'agreement_date = "2025-03-14"'
    path.write_text(path.read_text().replace(good, f"agreement_date = {written}"), "utf-8")
    before = path.read_bytes()
    result = cli("remind", slug, "--dry-run")
    assert result.exit_code == EXIT_DATA and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(
        f"clientexit: error: {path}: [custom] agreement_date {shown} is not a date."
    )
    assert "e.g. agreement_date = 2025-03-14" in result.stderr
    assert "clientexit has left the file unchanged." in result.stderr
    assert path.read_bytes() == before


def test_a_toml_date_and_a_set_value_are_read_and_a_bad_set_value_refused(
    examples_home: Path,
) -> None:
    slug = _uk(examples_home)
    path = examples_home / "clients" / f"{slug}.toml"
    good = 'agreement_date = "2025-03-14"'
    path.write_text(path.read_text().replace(good, "agreement_date = 2025-03-14"), "utf-8")
    today = dt.date(2026, 11, 25)
    text, _, _ = _draft(examples_home, slug, today=today)
    assert "The debt arises under our agreement of 14 March 2025 between Tom Becker" in text
    given = {"agreement_date": "2025-04-01"}
    text, _, _ = _draft(examples_home, slug, today=today, overrides=given)
    assert "The debt arises under our agreement of 1 April 2025 between Tom Becker" in text
    with pytest.raises(UsageError, match=r"--set agreement_date '1\.4\.2025' is not a date\."):
        _draft(examples_home, slug, today=today, overrides={"agreement_date": "1.4.2025"})


def test_uk_company_gets_the_shorter_letter(examples_home: Path) -> None:
    slug = _uk(examples_home, name="Becker Studio Ltd")
    text, found, _ = _draft(examples_home, slug)
    assert found.values["procedure"] == "gb-company"
    assert "Practice Direction on Pre-Action Conduct" in text
    assert "If you dispute the debt, please tell me why by 9 December 2026." in text
    assert "Reply Form" not in text and "agreement of" not in text


def test_czech_vyzva_makes_no_procedural_claim_and_notes_delivery(cli, examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "zahrada",
        _invoice("Z-1", 12000.0, "2026-09-01")
        + _letter("friendly-reminder", "2026-09-05")
        + _letter("firm-reminder", "2026-09-20")
        + _letter("final-notice", "2026-10-05"),
        name="Zahrada s.r.o.",
        contact="Jana Nováková",
        country="CZ",
        currency="CZK",
        project="E-shop",
    )
    result = cli("remind", slug, "--dry-run", "--lang", "cs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Předmět: Výzva k zaplacení:")
    assert "předžalobní výzvou k plnění podle § 142a občanského soudního řádu" in result.stdout
    assert "formulář" not in result.stdout and "advokát" not in result.stdout
    assert (
        "§ 142a o.s.ř.: výzva se počítá, jen pokud dojde na doručovací adresu dlužníka (do sídla "
        "nebo do datové schránky) alespoň 7 dní před podáním žaloby; samotný e-mail nemusí "
        "stačit."
    ) in result.stderr
    assert "datová schránka" not in result.stdout


def test_turkish_demand_says_the_debtor_owes_the_freelancer(cli, examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "cagri",
        _invoice("T-1", 50000.0, "2026-09-01")
        + _letter("friendly-reminder", "2026-09-05")
        + _letter("firm-reminder", "2026-09-20")
        + _letter("final-notice", "2026-10-05"),
        name="Çağrı Yazılım Ltd. Şti.",
        contact="Çağrı Demir",
        country="TR",
        currency="TRY",
        project="Mobil uygulama",
    )
    result = cli("remind", slug, "--dry-run", "--lang", "tr")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Konu: Resmî ödeme talebi:")
    assert (
        "Şirketinizin (Çağrı Yazılım Ltd. Şti.), Mobil uygulama kapsamında yapılan işler için "
        "Lindqvist Design & Development'a aşağıdaki faturadan doğan toplam"
    ) in text
    assert "borcu bulunmaktadır:" in text and "adına" not in text
    assert (
        "Tutar o tarihe kadar ödenmezse, kanunun izin verdiği faiz ve masraflarla birlikte "
        "hakkınızda icra takibi başlatabilirim."
    ) in text
    assert "dava" not in text and "avukat" not in text
    final = cli(
        "remind", slug, "--dry-run", "--lang", "tr", "--stage", "final-notice",
        env={"CLIENTEXIT_TODAY": "2026-10-06"},
    )  # fmt: skip
    assert "icra takibi öncesi son adım olan resmî bir ödeme talebi" in final.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_elsewhere_no_sentence_about_the_creditors_own_procedure(
    examples_home: Path, lang: str
) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-09-01")
        + _letter("friendly-reminder", "2026-09-05")
        + _letter("firm-reminder", "2026-09-20")
        + _letter("final-notice", "2026-10-05"),
    )
    text, found, _ = _draft(examples_home, slug, lang=lang)
    assert found.values["procedure"] == "generic"
    for word in ("lawyer", "avukat", "advokát"):
        assert word not in text, lang
    assert {
        "en": "I may pass the debt to a collection agency or bring a claim in court without "
        "further notice.",
        "tr": "alacağı bir tahsilat şirketine devredebilir ya da dava açabilirim.",
        "cs": "postoupit pohledávku inkasní agentuře nebo podat žalobu.",
    }[lang] in text


@pytest.mark.parametrize(
    ("name", "dative"),
    [
        ("Lindqvist Design & Development", "Lindqvist Design & Development'a"),
        ("Maya Lindqvist", "Maya Lindqvist'e"),
        ("Demir Yazılım", "Demir Yazılım'a"),
        ("Studio", "Studio'ya"),
        ("Ayşe Kaya", "Ayşe Kaya'ya"),
        ("Acme Consulting", "Acme Consulting'e"),
    ],
)
def test_turkish_dative(name: str, dative: str) -> None:
    from clientexit.collect.turkish import dative as turkish

    assert turkish(name) == dative


# --- Goldens: one natural case per stage and language, read by a person -----------------------

GOLDEN = Path(__file__).parent / "golden" / "ladder"


def _golden_case(home: Path, stage: str, lang: str) -> tuple[str, dt.date]:
    """A client for whom ``stage`` is the one due (the formal demand follows the language's
    own law: a UK Letter of Claim in English, a předžalobní výzva in Czech, a Turkish demand
    in Turkish), and the day it is drafted."""
    history = (
        _letter("friendly-reminder", "2026-06-05", ("INV-1",))
        + _letter("firm-reminder", "2026-06-20", ("INV-1",))
        + _letter("final-notice", "2026-07-05", ("INV-1", "INV-2"))
    )
    if stage == "formal-demand":
        place = {
            "en": ("Tom Becker", "Tom Becker", "GB", "GBP", "Shop photography"),
            "cs": ("Zahrada s.r.o.", "Jana Nováková", "CZ", "CZK", "E-shop"),
            "tr": ("Çağrı Yazılım Ltd. Şti.", "Çağrı Demir", "TR", "TRY", "Mobil uygulama"),
        }[lang]
        name, contact, country, currency, project = place
        body = (
            _invoice("INV-1", 1200.0, "2026-06-01", issued="2026-05-02")
            + _invoice("INV-2", 300.0, "2026-06-15", issued="2026-05-16")
            + history
            + '\n[custom]\nagreement_date = "2025-03-14"\n'
        )
        return _client(
            home, "golden", body, name=name, contact=contact, country=country,
            currency=currency, project=project,
        ), dt.date(2026, 11, 25)  # fmt: skip
    if stage == "friendly-reminder":
        body = _invoice("INV-1", 800.0, "2026-11-20")
    elif stage == "firm-reminder":
        body = (
            _invoice("INV-1", 800.0, "2026-11-01")
            + _invoice("INV-2", 400.0, "2026-11-03")
            + _letter("friendly-reminder", "2026-11-05", ("INV-1", "INV-2"))
        )
    elif stage == "work-paused":
        body = (
            _invoice("INV-1", 800.0, "2026-11-01")
            + _invoice("INV-2", 400.0, "2026-11-03")
            + '\n[[deliverables]]\nwhat = "Checkout redesign"\ndue = 2026-12-15\n'
            + '\n[[deliverables]]\nwhat = "Old banner set"\ndue = 2026-11-01\n'
        )
    else:  # final-notice: two letters asked for INV-1; INV-2 fell due after them
        body = (
            _invoice("INV-1", 800.0, "2026-10-01")
            + _invoice("INV-2", 400.0, "2026-10-26")
            + _letter("friendly-reminder", "2026-10-05", ("INV-1",))
            + _letter("firm-reminder", "2026-10-16", ("INV-1",))
        )
    return _client(home, "golden", body), dt.date(2026, 11, 25)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_stage_matches_golden_file(examples_home: Path, stage: str, lang: str) -> None:
    """After an intended change to a stage's template, regenerate with
    UPDATE_GOLDEN=1 python -m pytest tests/test_ladder_letters.py -k golden
    and read every changed file before committing."""
    import os

    slug, today = _golden_case(examples_home, stage, lang)
    requested = stage if stage == "work-paused" else None
    text, found, _ = _draft(examples_home, slug, requested, lang, today=today)
    assert found.stage.type == stage  # the case is natural: the stage due, nothing skipped
    golden = GOLDEN / f"{stage}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        if not golden.is_file() or golden.read_text(encoding="utf-8") != text:
            golden.write_text(text, encoding="utf-8")
            pytest.fail(f"rewrote {golden.name}; review the diff, then run without UPDATE_GOLDEN")
    assert golden.is_file(), f"no golden file; run with UPDATE_GOLDEN=1 to create {golden}"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("locale", "lang", "phrase"),
    [
        ("en_GB", "en", "2 and 15 June 2026 and 1 July 2026"),
        ("tr", "tr", "2 ve 15 Haziran 2026 ve 1 Temmuz 2026"),
        ("cs", "cs", "2. a 15. června 2026 a 1. července 2026"),
        ("en_US", "en", "June 2, 2026, June 15, 2026 and July 1, 2026"),  # month first: in full
    ],
)
def test_earlier_letters_dates_say_the_month_once(locale: str, lang: str, phrase: str) -> None:
    from clientexit.letters.render import join_dates

    days = [dt.date(2026, 6, 2), dt.date(2026, 6, 15), dt.date(2026, 7, 1)]
    assert join_dates(days, locale, lang) == phrase
    assert (
        join_dates(days[2:], locale, lang)
        == phrase.rsplit({"en": " and ", "tr": " ve ", "cs": " a "}[lang], 1)[1]
    )


def test_a_stage_that_may_not_open_is_checked(cli, examples_home: Path) -> None:
    (examples_home / "ladder.toml").write_text(
        'schema_version = 1\n[[stage]]\ntype = "friendly-reminder"\nafter_days = 3\n'
        'pay_within_days = 7\nopens = "no"\n',
        encoding="utf-8",
    )
    result = cli("remind", "ashgrove-print")
    assert result.exit_code == 4
    assert "ladder.toml: stage[1].opens must be true or false" in result.stderr


def test_invoices_at_different_stages_get_letters_of_their_own(cli, examples_home: Path) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-09-01")
        + _letter("friendly-reminder", "2026-09-05", ("INV-1",))
        + _letter("firm-reminder", "2026-09-20", ("INV-1",))
        + _invoice("INV-2", 400.0, "2026-11-20", issued="2026-10-21"),
    )
    first = cli("remind", slug, "--no-cooldown")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("Subject: Final notice: €1,000.00 overdue")
    assert "INV-2" not in first.stdout
    assert (
        "Also due: the friendly-reminder for invoice INV-2, in a letter of its own: run clientexit "
        "remind harbour again."
    ) in first.stderr
    # INV-2 starts at the first stage; another invoice is being chased: no "slipped through".
    second = cli("remind", slug, "--no-cooldown")
    assert second.exit_code == 0, second.stderr
    assert second.stdout.startswith("Subject: Friendly reminder: invoice INV-2 (Harbour")
    assert "INV-1" not in second.stdout and "slipped through" not in second.stdout
    record = clients.load(Paths(examples_home), slug)
    assert [(row.type, row.invoices) for row in record.letters[-2:]] == [
        ("final-notice", ("INV-1",)),
        ("friendly-reminder", ("INV-2",)),
    ]
    third = cli("remind", slug)
    assert third.exit_code == 2
    # The soonest next: INV-1's formal demand a week after its final notice (INV-2's firm
    # reminder comes on 4 December, 14 days after its due date).
    assert "The next reminder for harbour, the formal-demand, is due on 2 December 2026." in (
        third.stderr
    )


def test_listings_read_the_ladder_from_the_cached_summary(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.record import summary

    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-09-01")
        + _letter("friendly-reminder", "2026-09-05", ("INV-1",))
        + _invoice("INV-2", 400.0, "2026-10-01")
        + '\n[[incidents]]\ndate = 2026-11-20\nkind = "dispute"\ntext = "Hours disputed"\n'
        'invoice = "INV-1"\nuntil = 2026-12-31\n',
    )
    assert cli("clients", "--json").exit_code == 0  # the cache is written
    real = summary.Summary.record

    def record(self: summary.Summary):  # a handover under way reads its file: not this one
        assert self.slug != slug, "the ladder read the whole file again"
        return real(self)

    monkeypatch.setattr(summary.Summary, "record", record)
    rows = {r["client"]: r for r in json.loads(cli("clients", "--json").stdout)}
    # INV-1 is paused: the listing shows INV-2's stage (55 days late: the final notice).
    assert rows[slug]["reminder"] == {
        "reached": "friendly-reminder",
        "next": "final-notice",
        "next_on": "2026-10-31",
        "overdue_invoices": 2,
    }


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "Under nařízení vlády č. 351/2013 Sb., the law of our contract, I may"),
        ("cs", "Podle nařízení vlády č. 351/2013 Sb. (právo zvolené v naší smlouvě) mohu"),
        ("tr", "351/2013 Sb. (sözleşmemizde seçilen hukuk) uyarınca"),
    ],
)
def test_the_claim_says_which_law_and_why(cli, examples_home, lang: str, says: str) -> None:
    letter = cli(
        "remind", "zelena-louka-s-r-o", "--stage", "final-notice", "--skip-stages", "--dry-run",
        "--lang", lang,
    )  # fmt: skip
    assert letter.exit_code == 0, letter.stderr
    assert says in " ".join(letter.stdout.split())


@pytest.mark.parametrize(
    ("lang", "paused"),
    [
        ("cs", "Faktura INV-1 zůstává mimo: upomínky k ní jsou pozastaveny do 10. prosince 2026 "
         "(příslib platby zaznamenaný 25. listopadu 2026)."),
        ("tr", "INV-1 numaralı fatura dışarıda bırakıldı: hatırlatmaları 10 Aralık 2026 tarihine "
         "kadar durduruldu (25 Kasım 2026 tarihinde kaydedilen bir ödeme sözü)."),
    ],
)  # fmt: skip
def test_remind_says_its_cautions_in_the_letters_language(
    cli, examples_home: Path, lang: str, paused: str
) -> None:
    slug = _client(
        examples_home,
        "harbour",
        _invoice("INV-1", 1000.0, "2026-10-01") + _invoice("INV-2", 400.0, "2026-10-05"),
    )
    logged = cli(
        "log", slug, "Promised to pay INV-1 on the 10th", "--kind", "promise",
        "--invoice", "INV-1", "--until", "2026-12-10",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    result = cli("remind", slug, "--dry-run", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    said = result.stderr.splitlines()
    assert paused in said, said
    assert not [line for line in said if line.startswith(("Invoice ", "Also due", "Left out"))]
