"""One parser for every date a person types (record/inputs.py ``parse_date``): the forms it
takes, its one-line errors (the value and the form expected), and every command option that
takes a date going through it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientexit._errors import UsageError
from clientexit.record.inputs import NotADate, parse_date

HINT = "Write it as YYYY-MM-DD, e.g. 2026-11-02."


def test_a_date_is_read_as_written_spaces_around_it_ignored() -> None:
    assert parse_date("2026-11-02", "--due") == dt.date(2026, 11, 2)
    assert parse_date("  2026-02-28\n", "--due") == dt.date(2026, 2, 28)
    assert parse_date(dt.datetime(2026, 11, 2, 17, 30), "--due") == dt.date(2026, 11, 2)


@pytest.mark.parametrize(
    "typed",
    [
        "12/18",
        "2026/11/02",
        "02.11.2026",
        "2026-11-2",
        "2026-13-01",
        "2026-02-30",
        "20261102",  # another ISO form Python accepts: not the one the help names
        "2026-W45-1",
        "tomorrow",
        "",
    ],
)
def test_anything_else_is_one_line_naming_the_value_and_the_form(typed: str) -> None:
    with pytest.raises(NotADate) as caught:
        parse_date(typed, "--due")
    assert str(caught.value) == f"--due {typed!r} is not a date. {HINT}"


def test_a_date_outside_the_working_range_names_it_and_the_range() -> None:
    with pytest.raises(UsageError) as caught:
        parse_date("9999-12-31", "--on")
    assert str(caught.value) == (
        "--on 9999-12-31 is outside the dates clientexit works with (1950 to 2150). Check the year."
    )


@given(st.text(max_size=20))
def test_any_text_is_a_date_written_as_typed_or_one_line_of_error(typed: str) -> None:
    try:
        day = parse_date(typed, "--date")
    except UsageError as error:
        assert "\n" not in error.message and "--date" in error.message
    else:
        assert day.isoformat() == typed.strip()


DATE = "2026/11/02"
# Every command option that takes a date, with the rest of a command line that is otherwise
# fine: the typed date is the only thing wrong.
OPTIONS = [
    ("--due", ["deliverable", "northwind-bakery", "add", "New page", "--due", DATE]),
    ("--on", ["deliverable", "northwind-bakery", "done", "1", "--on", DATE]),
    (
        "--issued",
        [
            "invoice",
            "northwind-bakery",
            "add",
            "N-1",
            "100",
            "--issued",
            DATE,
            "--due",
            "2026-12-01",
        ],
    ),
    (
        "--due",
        [
            "invoice",
            "northwind-bakery",
            "add",
            "N-1",
            "100",
            "--issued",
            "2026-11-01",
            "--due",
            DATE,
        ],
    ),
    ("--on", ["invoice", "northwind-bakery", "paid", "2026-038", "--on", DATE]),
    ("--on", ["invoice", "northwind-bakery", "pay", "2026-038", "--on", DATE]),
    (
        "--due",
        ["invoice", "northwind-bakery", "correct", "2026-038", "--due", DATE, "--reason", "typo"],
    ),
    ("--date", ["log", "northwind-bakery", "add", "Late again", "--date", DATE]),
    (
        "--until",
        [
            "log",
            "northwind-bakery",
            "add",
            "Promised",
            "--kind",
            "promise",
            "--invoice",
            "2026-038",
            "--until",
            DATE,
        ],
    ),
    ("--date", ["end", "northwind-bakery", "--by", "me", "--reason", "Late", "--date", DATE]),
    ("--end-date", ["letter", "northwind-bakery", "--dry-run", "--end-date", DATE]),
    (
        "--pay-by",
        ["letter", "northwind-bakery", "--type", "payment", "--dry-run", "--pay-by", DATE],
    ),
    ("--from", ["churn", "--from", DATE]),
    ("--to", ["churn", "--from", "2026-01-01", "--to", DATE]),
    ("--on", ["interest", "northwind-bakery", "--on", DATE]),
    ("--on", ["statement", "northwind-bakery", "--on", DATE]),
    ("--on", ["packet", "northwind-bakery", "--on", DATE]),
    ("--on", ["rates", "--on", DATE]),
]


@pytest.mark.parametrize(
    ("flag", "args"), OPTIONS, ids=lambda v: " ".join(v[:3]) if isinstance(v, list) else v
)
def test_every_date_option_reads_through_the_one_parser(
    cli, examples_home: Path, flag: str, args: list[str]
) -> None:
    before = {p.name: p.read_bytes() for p in (examples_home / "clients").glob("*.toml")}
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"clientexit: error: {flag} {DATE!r} is not a date. {HINT}"
    ]
    after = {p.name: p.read_bytes() for p in (examples_home / "clients").glob("*.toml")}
    assert after == before


def test_a_date_field_is_read_by_the_same_parser(cli, examples_home: Path) -> None:
    result = cli("client", "add", "Nordlicht Studio", "--started", DATE)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"clientexit: error: started={DATE!r}: started must be a date written YYYY-MM-DD."
    )
    assert cli("client", "set", "northwind-bakery", "ended=2026-11-31").exit_code == 2


def test_the_cli_parses_no_date_itself() -> None:
    import clientexit.cli

    folder = Path(clientexit.cli.__file__).parent
    found = [
        f"{path.name}: {word}"
        for path in sorted(folder.glob("*.py"))
        for word in ("fromisoformat", "strptime")
        if word in path.read_text(encoding="utf-8")
    ]
    assert found == []
