"""One date style per reader (issue 19): every screen and document for a non-US profile writes
dates day first, as the letters do ("15 September 2026", in the output's language); a US-style
profile writes them month first; --json keeps ISO dates for scripts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")
SLUG = "northwind-bakery"  # invoice 2026-045: issued 1 Sept, due 15 Sept 2026, unpaid


def _us(home: Path) -> None:
    path = home / "config.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('country = "SE"', 'country = "US"'),
        encoding="utf-8",
    )


def _dated(cli, examples_home: Path) -> None:
    """Northwind's log gets a promise to pay paused until a date; its record a renewal date."""
    logged = cli(
        "log", SLUG, "Promised to pay by the 20th", "--kind", "promise",
        "--invoice", "2026-045", "--until", "2026-12-20", "--date", "2026-11-20",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr


@pytest.mark.parametrize(
    ("args", "day_first", "month_first"),
    [
        (("invoice", SLUG), "15 September 2026", "September 15, 2026"),
        (("log", SLUG), "20 December 2026", "December 20, 2026"),
        (("client", "show", SLUG), "3 February 2025", "February 3, 2025"),
        (("statement", SLUG), "1 September 2026", "September 1, 2026"),
        (("interest", "ashgrove-print"), "paid 20 April 2026", "paid April 20, 2026"),
    ],
    ids=lambda a: a[0] if isinstance(a, tuple) else None,
)
def test_screens_write_dates_as_the_letters_do(
    cli, examples_home: Path, args: tuple[str, ...], day_first: str, month_first: str
) -> None:
    _dated(cli, examples_home)
    shown = cli(*args)
    assert shown.exit_code == 0, shown.stderr
    flat = " ".join(shown.stdout.split())
    assert day_first in flat
    assert not ISO.search(shown.stdout), shown.stdout
    _us(examples_home)
    american = " ".join(cli(*args).stdout.split())
    assert month_first in american
    assert day_first not in american


def test_the_log_says_until_when_a_promise_pauses_the_reminders(cli, examples_home: Path) -> None:
    logged = cli(
        "log", SLUG, "Promised to pay by the 20th", "--kind", "promise",
        "--invoice", "2026-045", "--until", "2026-12-20", "--date", "2026-11-20",
    )  # fmt: skip
    notes = " ".join(logged.stderr.split())
    assert "Logged for Northwind Bakery: 20 November 2026 [promise]" in notes
    assert "The reminders for invoice 2026-045 are paused until 20 December 2026;" in notes
    listed = " ".join(cli("log", SLUG).stdout.split())
    assert "2026-045 until 20 December 2026" in listed


def test_invoice_notes_write_the_day_as_the_listing_does(cli, examples_home: Path) -> None:
    added = cli(
        "invoice", SLUG, "add", "2026-090", "300", "--issued", "2026-11-02", "--due", "2026-11-16"
    )
    assert added.exit_code == 0, added.stderr
    assert "Added invoice 2026-090 for Northwind Bakery: €300.00, due 16 November 2026." in (
        " ".join(added.stderr.split())
    )
    paid = cli("invoice", SLUG, "pay", "2026-090", "--on", "2026-11-20")
    assert paid.exit_code == 0, paid.stderr
    assert "is paid in full (€300.00 on 20 November 2026, 4 days late)." in (
        " ".join(paid.stderr.split())
    )


@pytest.mark.parametrize(
    "args",
    [("invoice", SLUG, "--json"), ("log", SLUG, "--json"), ("client", "show", SLUG, "--json")],
    ids=lambda a: a[0],
)
def test_json_keeps_iso_dates(cli, examples_home: Path, args: tuple[str, ...]) -> None:
    _dated(cli, examples_home)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)
    assert ISO.search(result.stdout)
    assert "September 2026" not in result.stdout and "December 2026" not in result.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("cs", "1. září 2026"), ("tr", "1 Eylül 2026"), ("en", "1 September 2026")],
)
def test_the_statement_writes_dates_in_its_language_as_the_letters_do(
    cli, examples_home: Path, lang: str, expected: str
) -> None:
    result = cli("statement", SLUG, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout
    assert not ISO.search(result.stdout)


# Read-only screens and the confirmations of changes, as a non-US reader sees them. Each runs
# after the ones before it (the changes build the history the last ones read).
HUMAN = [
    ("clients",),
    ("followup",),
    ("rates",),
    ("interest", "ashgrove-print"),
    ("statement", SLUG),
    ("invoice", SLUG),
    ("log", SLUG),
    ("deliverable", SLUG),
    ("client", "show", SLUG),
    ("handover", "halvorsen-freight"),
    ("history", "init"),
    ("deliverable", SLUG, "add", "Holiday menu landing page", "--due", "2026-12-20"),
    ("deliverable", SLUG, "done", "1", "--on", "2026-11-24"),
    ("invoice", SLUG, "paid", "2026-045", "--on", "2026-11-23"),
    ("handover", "halvorsen-freight", "--done", "deliverables-gather"),
    ("client", "set", SLUG, "notice_days=14"),
    ("end", "fjord-coffee", "--by", "client", "--reason", "Moved in-house", "--date", "2026-12-31"),
    ("end", "tidewater-yoga", "--by", "me", "--reason", "Again"),  # refused: already ended
    ("history",),
    ("history", SLUG, "--on", "2026-11-25"),
    ("undo",),
]
# A path or file name may carry an ISO day (a packet's name); so may a value the user typed.
PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:zip|md|ics|html|pdf|toml)\b")


def test_no_human_screen_writes_an_iso_date_for_a_non_us_reader(cli, examples_home: Path) -> None:
    for args in HUMAN:
        result = cli(*args)
        assert result.exit_code in (0, 1, 2, 3), (args, result.stderr)
        typed = {a for a in args if ISO.fullmatch(a)}
        for stream in (result.stdout, result.stderr):
            left = PATH.sub("", stream)
            for typed_day in typed:
                left = left.replace(typed_day, "")
            assert not ISO.search(left), (args, stream)


@pytest.mark.parametrize(
    "args",
    [
        ("interest", "ashgrove-print", "--json"),
        ("rates", "--json"),
        ("deliverable", SLUG, "--json"),
        ("statement", SLUG, "--json"),
    ],
    ids=lambda a: a[0],
)
def test_json_outputs_keep_iso_dates(cli, examples_home: Path, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    json.loads(result.stdout)
    assert ISO.search(result.stdout)
    assert not re.search(r"\d{1,2} (?:April|May|June|December) 20\d\d", result.stdout)


# A refusal that names a day already on record writes it as the screens do: the reader typed
# none of these days, so an ISO day there would be the only one left on the screen.
REFUSALS = [
    (
        ("invoice", "ashgrove-print", "paid", "AP-2026-03"),
        "Invoice AP-2026-03 was already marked paid on 20 April 2026.",
        "April 20, 2026",
    ),
    (
        ("invoice", "ashgrove-print", "pay", "AP-2026-03"),
        "Invoice AP-2026-03 was already paid in full on 20 April 2026:",
        "April 20, 2026",
    ),
    (
        ("invoice", "ashgrove-print", "void", "AP-2026-03", "--reason", "Mistake"),
        "Invoice AP-2026-03 was paid on 20 April 2026: a paid invoice is not voided.",
        "April 20, 2026",
    ),
    (
        ("invoice", SLUG, "paid", "2026-045", "--on", "2026-08-01"),
        "is before invoice 2026-045 was issued (1 September 2026).",
        "(September 1, 2026)",
    ),
    (
        ("deliverable", SLUG, "done", "1"),
        "Deliverable 1 (Holiday menu landing page) was already delivered on 24 November 2026.",
        "November 24, 2026",
    ),
    (
        ("letter", SLUG, "-t", "payment", "--end-date", "2026-11-20", "--dry-run"),
        "is in the past (today is 25 November 2026).",
        "(today is November 25, 2026)",
    ),
    (
        ("end", SLUG, "--by", "me", "--reason", "Late payment", "--date", "2025-01-06"),
        "is before the client started (10 February 2025).",
        "(February 10, 2025)",
    ),
]


@pytest.mark.parametrize(
    ("args", "day_first", "month_first"), REFUSALS, ids=lambda a: "-".join(a[:3])
)
def test_refusals_write_the_recorded_day_in_the_readers_style(
    cli, examples_home: Path, args: tuple[str, ...], day_first: str, month_first: str
) -> None:
    done = cli("deliverable", SLUG, "done", "1", "--on", "2026-11-24")
    assert done.exit_code == 0, done.stderr
    refused = cli(*args)
    assert refused.exit_code != 0
    message = " ".join(refused.stderr.split())
    assert day_first in message
    typed = {a for a in args if ISO.fullmatch(a)}
    for typed_day in typed:
        message = message.replace(typed_day, "")
    assert not ISO.search(message), message
    _us(examples_home)
    american = " ".join(cli(*args).stderr.split())
    assert month_first in american


def _ending(cli) -> None:
    """The Czech and the Turkish client end on 31 December 2026: their handovers start."""
    for slug in ("zelena-louka-s-r-o", "cagri-yazilim-ltd-sti"):
        ended = cli("end", slug, "--by", "me", "--reason", "Scope", "--date", "2026-12-31")
        assert ended.exit_code == 0, ended.stderr


MONTH_FIRST = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, 20\d\d"
)
# What each output writes, day first in its language: the last working day (31 December 2026)
# or, in the statement, the day invoice 2026-045 was issued (1 September 2026).
LAST_DAY = {"tr": "31 Aralık 2026", "cs": "31. prosince 2026"}
ISSUED = {"tr": "1 Eylül 2026", "cs": "1. září 2026"}


@pytest.mark.parametrize("lang", ["tr", "cs"])
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("followup", "--weeks", "8"), LAST_DAY),
        (("followup", "cagri-yazilim-ltd-sti", "--weeks", "8"), LAST_DAY),
        (("handover", "cagri-yazilim-ltd-sti"), LAST_DAY),
        (("handover", "zelena-louka-s-r-o", "--format", "markdown"), LAST_DAY),
        (("statement", SLUG), ISSUED),
    ],
    ids=lambda a: "-".join(a[:2]) if isinstance(a, tuple) else "",
)
def test_tr_and_cs_outputs_write_dates_day_first_in_their_language(
    cli, examples_home: Path, args: tuple[str, ...], expected: dict[str, str], lang: str
) -> None:
    _ending(cli)
    shown = cli(*args, "--lang", lang)
    assert shown.exit_code == 0, shown.stderr
    assert expected[lang] in " ".join(shown.stdout.split())
    for stream in (shown.stdout, shown.stderr):
        assert not ISO.search(PATH.sub("", stream)), stream
        assert not MONTH_FIRST.search(stream), stream


@pytest.mark.parametrize(("lang", "country"), [("tr", "TR"), ("cs", "CZ")])
@pytest.mark.parametrize(
    ("args", "day_first"),
    [
        (("invoice", SLUG), "15 September 2026"),
        (("log", SLUG), "20 December 2026"),
        (("followup", "--weeks", "8"), None),
    ],
    ids=lambda a: a[0] if isinstance(a, tuple) else "",
)
def test_a_turkish_or_czech_profile_reads_every_screen_day_first(
    cli, examples_home: Path, args: tuple[str, ...], day_first: str | None, lang: str, country: str
) -> None:
    """A profile that writes Turkish or Czech: the English screens write days first, and the
    ones in the profile's language (followup) write them in it."""
    _dated(cli, examples_home)
    _ending(cli)
    path = examples_home / "config.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('language = "en"', f'language = "{lang}"')
    path.write_text(text.replace('country = "SE"', f'country = "{country}"'), encoding="utf-8")
    shown = cli(*args)
    assert shown.exit_code == 0, shown.stderr
    flat = " ".join(shown.stdout.split())
    assert (day_first or LAST_DAY[lang]) in flat
    for stream in (shown.stdout, shown.stderr):
        assert not ISO.search(PATH.sub("", stream)), stream
        assert not MONTH_FIRST.search(stream), stream


@pytest.mark.parametrize(
    ("fields", "style"),
    [
        ({"country": "us", "currency": "EUR"}, "en_US"),
        ({"country": "SE", "currency": "USD"}, "en_GB"),
        ({"currency": "usd"}, "en_US"),  # the typed currency, upper-cased: still US-style
        ({}, "en_GB"),
    ],
)
def test_the_style_reads_the_typed_profile(fields: dict[str, object], style: str) -> None:
    """date_style reads the Profile's country and currency (typed), never its file's table."""
    from clientexit.i18n import date_style, format_date
    from clientexit.record.model import Profile

    assert date_style("en", Profile.from_data(fields)) == style
    assert date_style("tr", Profile.from_data(fields)) == "tr"
    assert date_style("en", None) == "en_GB"
    written = format_date(dt.date(2026, 9, 15), style)
    assert written == ("September 15, 2026" if style == "en_US" else "15 September 2026")
