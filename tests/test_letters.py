"""clientexit letter: every type for every example, missing values, history, status, safety."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from clientexit import clients, config
from clientexit._errors import UsageError
from clientexit._paths import Paths
from clientexit.letters import catalog, context, draft

NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def _record(home: Path, slug: str) -> dict:
    return tomllib.loads((home / "clients" / f"{slug}.toml").read_text(encoding="utf-8"))


def _draft(home: Path, slug: str, **options):
    paths = Paths(home)
    return draft.draft_letter(
        paths, config.require_profile(paths), clients.load(paths, slug), now=NOW, **options
    )


# The reminder stages are drafted by remind with its values: test_remind.py renders them.
@pytest.mark.parametrize(
    "letter_type", [n for n in catalog.names() if not catalog.get(n).drafted_by]
)
def test_every_type_renders_for_every_example_client(examples_home: Path, letter_type: str) -> None:
    records = clients.list_records(Paths(examples_home), include_archived=True)
    assert len(records) >= 5
    # despite_conduct: refusing friendly letters after abuse is tested in test_domain_practice.
    # despite_record: the payment letter's refusal is tested in test_letter_truth.
    options = {"letter_type": letter_type, "despite_conduct": True, "despite_record": True}
    for record in records:
        try:
            letter = _draft(examples_home, record.slug, **options)
        except UsageError as exc:
            if catalog.get(letter_type).termination and record.status == "former":
                # Notice of an end still ahead is not given to a client already gone.
                assert "already ended" in exc.message
                continue
            # Only missing values may stop a letter, and then --placeholders must finish it.
            assert "needs values that are missing" in exc.message
            letter = _draft(examples_home, record.slug, **options, placeholders=True)
            assert letter.missing
            assert all(
                context.placeholder(key, letter.lang) in letter.text for key in letter.missing
            )
        assert letter.subject and "\n" not in letter.subject
        # An English letter greets by first name, a Czech one by surname ("Vážená paní
        # Nováková,").
        names = str(record.get("contact")).split()
        assert record.name in letter.text or names[0] in letter.text or names[-1] in letter.text
        assert "{{" not in letter.text and "{%" not in letter.text
        assert "Maya Lindqvist" in letter.body  # signed
        assert letter.warnings == (), f"{record.slug}: built-in text trips the tone check"


def test_payment_letter_cites_unpaid_and_late_invoices_with_dates_and_amounts(
    examples_home: Path,
) -> None:
    text = _draft(examples_home, "northwind-bakery", letter_type="payment").text
    assert "- invoice 2026-045 (€1,445.00), due 15 September 2026, now 66 days overdue" in text
    assert "- invoice 2026-031 (€1,360.00), due 15 July 2026, paid 45 days late" in text
    # 1,445 + 1,190, the two overdue ones, with a date to pay by (14 days' terms)
    assert (
        "Please pay the overdue €2,635.00 (invoices 2026-045 and 2026-052) by 4 December 2026."
    ) in text
    # The incident about the two listed invoices is not repeated under them.
    assert "No reply to the second reminder" not in text
    assert "Payment comes before any further work" in text


def test_end_date_defaults_to_today_plus_notice_and_can_be_given(examples_home: Path) -> None:
    letter = _draft(examples_home, "northwind-bakery", letter_type="general")
    # 14 days' notice from 20 November is 4 December, but the last deliverable is due on 10
    # December: the letter never promises work after its own end.
    assert letter.end_date == dt.date(2026, 12, 10)
    given = _draft(
        examples_home, "northwind-bakery", letter_type="general", end_date=dt.date(2027, 1, 15)
    )
    assert given.subject.endswith("by 15 January 2027")
    assert "up to 15 January 2027" in given.text and "up to 10 December 2026" not in given.text


def test_optional_parts_appear_only_when_asked(examples_home: Path) -> None:
    plain = _draft(examples_home, "kestrel-analytics", letter_type="general").text
    assert "sorry" not in plain and "goodwill" not in plain and "providers" not in plain
    full = _draft(
        examples_home,
        "kestrel-analytics",
        letter_type="general",
        apology=True,
        goodwill="waive",
        alternatives=["Studio Nord"],
    ).text
    assert "sorry" in full and "Studio Nord" in full
    # Nothing unpaid to waive: the gesture is not invoicing the last stretch of work, and no
    # final invoice is announced beside it.
    assert "I will not invoice the work up to 21 December 2026." in full  # 20th: a Sunday
    assert "final invoice" not in full


def test_missing_values_are_listed_together_with_how_to_give_each(cli, examples_home) -> None:
    assert cli("client", "add", "Quiet Client Ltd").exit_code == 0
    result = cli("letter", "quiet-client-ltd", "--type", "thank-you")
    assert result.exit_code == 2
    assert "greeting: set the contact with clientexit client set quiet-client-ltd contact=" in (
        result.stderr
    )
    assert "highlight: set it with clientexit client set quiet-client-ltd highlight=" in (
        result.stderr
    )
    assert result.stdout == ""
    assert "letters" not in _record(examples_home, "quiet-client-ltd")  # nothing recorded

    blanks = cli("letter", "quiet-client-ltd", "-t", "thank-you", "--placeholders")
    assert blanks.exit_code == 0
    assert "[Dear NAME,]" in blanks.stdout
    assert "[A good moment of your work together, e.g. the spring launch]" in blanks.stdout

    given = cli(
        "letter", "quiet-client-ltd", "-t", "thank-you",
        "--set", "contact=Ada Lovelace", "--set", "highlight=the launch day",
    )  # fmt: skip
    assert given.exit_code == 0, given.stderr
    assert "Dear Ada," in given.stdout and "the launch day" in given.stdout


def test_values_are_data_never_template_code(cli, examples_home: Path) -> None:
    assert cli("client", "add", "{{ 7*7 }}", "--contact", "{% if 1 %}x{% endif %}").exit_code == 0
    result = cli("letter", "{{ 7*7 }}", "-t", "payment", "--placeholders", "--despite-record",
                 "--set", "highlight={{ 7*7 }}")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "({{ 7*7 }})" in result.stdout
    assert "Dear {% if 1 %}x{% endif %}," in result.stdout
    assert "49" not in result.stdout


def test_type_defaults_to_the_latest_assessment(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "kestrel-analytics.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[assessments]]\nat = 2026-10-01T10:00:00Z\nletter_type = "general"\n'
        + '\n[[assessments]]\nat = 2026-11-01T10:00:00Z\nletter_type = "micro-manager"\n',
        encoding="utf-8",
    )
    result = cli("letter", "kestrel-analytics", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    assert "Subject: A change in our working arrangement" in result.stdout
    assert _record(examples_home, "kestrel-analytics")["letters"][0]["type"] == "micro-manager"


def test_no_type_and_no_assessment_lists_the_valid_types(cli, examples_home: Path) -> None:
    result = cli("letter", "fjord-coffee")
    assert result.exit_code == 2
    assert "no assessment" in result.stderr
    for name in catalog.names():
        assert name in result.stderr


def test_unknown_type_lists_the_valid_ones(cli, examples_home: Path) -> None:
    result = cli("letter", "fjord-coffee", "--type", "angry")
    assert result.exit_code == 3  # not found, as the README's exit codes say
    assert "'angry'" in result.stderr and "scope-creeper" in result.stderr


def test_termination_letter_is_recorded_and_marks_the_client_ending(
    cli, examples_home: Path
) -> None:
    result = cli("letter", "northwind-bakery", "-t", "payment")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Notice of termination over late payment")
    assert "send no earlier than" in result.stderr
    assert "send no earlier than" not in result.stdout  # never inside the letter
    data = _record(examples_home, "northwind-bakery")
    entry = data["letters"][-1]
    assert entry["type"] == "payment" and entry["lang"] == "en"
    assert entry["written_to"] == "stdout"
    assert entry["send_after"] - entry["at"] == dt.timedelta(hours=24)
    assert data["status"] == "ending"
    # 14 days' notice, but not before the last deliverable (10 December).
    notice = entry["at"].date() + dt.timedelta(days=14)
    assert data["lifecycle"]["end_date"] == max(notice, dt.date(2026, 12, 10))
    assert data["lifecycle"]["ended_by"] == "me"
    assert data["lifecycle"]["reason_category"] == "payment"

    churn = json.loads(cli("churn", "--period", str(entry["at"].year), "--json").stdout)
    assert "unrecorded" not in json.dumps(churn["reasons"])


def test_the_letter_and_the_recorded_end_date_agree(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "kestrel-analytics.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[lifecycle]\nend_date = 2027-02-01\n",
        encoding="utf-8",
    )
    # Without --end-date the letter uses the recorded date...
    kept = cli("letter", "kestrel-analytics", "-t", "general")
    assert kept.exit_code == 0, kept.stderr
    assert "1 February 2027" in kept.stdout and "moves from" not in kept.stderr
    assert _record(examples_home, "kestrel-analytics")["lifecycle"]["end_date"] == dt.date(
        2027, 2, 1
    )
    # ...and a termination letter with another date moves the record to the letter's date.
    result = cli("letter", "kestrel-analytics", "-t", "general", "--end-date", "2027-03-01")
    assert result.exit_code == 0, result.stderr
    assert "1 March 2027" in result.stdout
    assert "moves from 1 February 2027 to 1 March 2027" in result.stderr
    data = _record(examples_home, "kestrel-analytics")
    assert data["lifecycle"]["end_date"] == dt.date(2027, 3, 1)
    assert data["status"] == "ending"
    assert data["lifecycle"]["reason_category"] == "other"  # a general letter names no cause


def test_follow_up_letters_leave_status_alone_and_have_no_cooldown(cli, examples_home) -> None:
    result = cli("letter", "fjord-coffee", "-t", "feedback-request")
    assert result.exit_code == 0, result.stderr
    data = _record(examples_home, "fjord-coffee")
    assert data["status"] == "active" and "lifecycle" not in data
    assert "send_after" not in data["letters"][-1]
    assert "send no earlier" not in result.stderr


@pytest.mark.parametrize(("args", "cooled"), [(["-t", "abusive"], False),
                                              (["-t", "general", "--no-cooldown"], False),
                                              (["-t", "general"], True)])  # fmt: skip
def test_cooling_off(cli, examples_home: Path, args: list[str], cooled: bool) -> None:
    result = cli("letter", "halvorsen-freight", *args)
    assert result.exit_code == 0, result.stderr
    assert ("send no earlier than" in result.stderr) is cooled
    assert ("send_after" in _record(examples_home, "halvorsen-freight")["letters"][-1]) is cooled


def test_out_writes_the_file_and_records_its_path(cli, examples_home, tmp_path) -> None:
    target = tmp_path / "drafts" / "letter.txt"
    target.parent.mkdir()  # an output file's folder is never created for it
    result = cli("letter", "brightpath-marketing", "-t", "scope-creeper", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Subject: ") and "14 May 2026: Asked for a client portal" in text
    letters = _record(examples_home, "brightpath-marketing")["letters"]
    assert letters[-1]["written_to"] == str(target.resolve())


def test_json_output_carries_the_letter_and_warnings(cli, examples_home) -> None:
    import json

    result = cli("letter", "northwind-bakery", "-t", "payment", "--json", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "payment" and data["client"] == "northwind-bakery"
    assert data["subject"].startswith("Notice of termination")
    assert "€2,635.00" in data["body"] and data["warnings"] == []
    assert data["status"] == "ending" and data["send_after"] is None


def test_lang_without_templates_is_an_error_naming_the_languages_there_are(
    cli, examples_home
) -> None:
    before = _record(examples_home, "fjord-coffee").get("letters", [])
    result = cli("letter", "fjord-coffee", "-t", "follow-up", "--lang", "xx")
    assert result.exit_code == 2 and result.stdout == ""
    assert "There is no follow-up letter in 'xx'; there is one in: cs, en, tr." in result.stderr
    assert "clientexit templates copy follow-up --lang xx" in result.stderr
    assert _record(examples_home, "fjord-coffee").get("letters", []) == before


def test_a_stored_language_without_templates_falls_back_to_english_with_a_note(
    cli, examples_home
) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('language = "en"', 'language = "xx"'), encoding="utf-8")
    assert 'language = "xx"' in path.read_text(encoding="utf-8")
    result = cli("letter", "fjord-coffee", "-t", "follow-up")
    assert result.exit_code == 0, result.stderr
    assert "No follow-up template in 'xx'; used English." in result.stderr
    assert result.stdout.startswith("Subject: Checking in")
    assert _record(examples_home, "fjord-coffee")["letters"][-1]["lang"] == "en"


def test_tone_warnings_of_a_user_template_go_to_stderr(cli, examples_home: Path) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    (folder / "general.txt.j2").write_text(
        "Subject: Done\n\nDear {{ client.contact }},\nYou never pay on time.\n", encoding="utf-8"
    )
    result = cli("letter", "northwind-bakery", "-t", "general", "--no-cooldown")
    assert result.exit_code == 0
    assert "You never pay on time." in result.stdout
    assert "tone: letter:4:1: absolute:" in result.stderr


def test_broken_user_template_names_its_file_and_line(cli, examples_home: Path) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    broken = folder / "general.txt.j2"
    broken.write_text("Subject: Hi\n\nDear {{ client.contact }},\n{% if %}\n", encoding="utf-8")
    result = cli("letter", "northwind-bakery", "-t", "general")
    assert result.exit_code == 4  # a data file of yours that does not parse
    assert f"{broken}:4:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "letters" not in _record(examples_home, "northwind-bakery")


def test_user_templates_run_in_the_sandbox(cli, examples_home: Path) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    evil = folder / "general.txt.j2"
    evil.write_text(
        "Subject: x\n\n{{ client.name.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    result = cli("letter", "northwind-bakery", "-t", "general")
    assert result.exit_code == 4
    assert f"{evil}:3:" in result.stderr and "unsafe" in result.stderr
    assert "subclasses" not in result.stdout


@pytest.mark.parametrize("module", ["letter_cmd", "letter_options", "check_cmd", "templates_cmd"])
def test_command_modules_import_only_typer_at_module_level(module: str) -> None:
    import ast

    import clientexit.cli

    source = Path(clientexit.cli.__file__).with_name(f"{module}.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.parse(source).body:  # module level only; imports inside functions are fine
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    light = {
        "__future__",
        "typing",
        "typer",
        "clientexit.cli._common",
        "clientexit.cli.letter_options",
        "clientexit.cli.completion",  # shell completion of values: imports only typer
    }
    assert imported <= light


def test_plain_letter_path_never_imports_rich(examples_home: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom clientexit.cli import run\n"
        "try:\n    run(['letter', 'northwind-bakery', '-t', 'payment', '--no-cooldown'])\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write(repr('rich' in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr.endswith("False"), out.stderr
    assert out.stdout.startswith("Subject: ")


# Modules a drafted letter never needs: each costs start-up (benchmarks/startup.py) on every
# letter. The credential patterns are compiled only where text is stored, the Czech name list is
# read only for a name that may be Czech, the holiday calendars come from the cache, and an
# English letter in euros writes its dates and amounts without Babel (i18n's English path).
NOT_FOR_A_LETTER = (
    "babel",
    "rich",
    "questionary",
    "prompt_toolkit",
    "clientexit.secretcheck",
    "vokativ",
    "holidays",
    "icalendar",
    "clientexit.history",
)
# What a reminder's plan is worked out with: the next run reads it from the cache
# (app/reminder_plans.py) until something it reads changes.
KEPT_FOR_THE_DAY = (
    "clientexit.collect.ladder",
    "clientexit.collect.rates",
    "clientexit.collect.interest",
    "clientexit.collect.reminder",
    "clientexit.exchange",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "also_absent"),
    [
        (
            ["letter", "northwind-bakery", "-t", "payment", "--no-cooldown", "--dry-run"],
            ("tomlkit",),
        ),
        (["letter", "northwind-bakery", "-t", "payment", "--no-cooldown"], ()),
        (["remind", "northwind-bakery", "--dry-run"], ("tomlkit", *KEPT_FOR_THE_DAY)),
    ],
    ids=["letter --dry-run", "letter recorded", "remind --dry-run"],
)
def test_drafting_imports_only_what_it_uses(
    examples_home: Path, args: list[str], also_absent: tuple[str, ...]
) -> None:
    import subprocess
    import sys

    code = (
        "import json, sys\nfrom clientexit.cli import run\n"
        "try:\n    run(json.loads(sys.argv[1]))\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write(json.dumps(sorted(set(json.loads(sys.argv[2])) & set(sys.modules))))\n"
    )
    absent = [*NOT_FOR_A_LETTER, *also_absent]
    seen = []
    for _ in range(2):  # the first run fills the caches (holidays, the reminder's plan)
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps(args), json.dumps(absent)],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("Subject: ")
        seen = json.loads(out.stderr.strip().splitlines()[-1])
    assert seen == []
