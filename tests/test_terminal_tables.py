"""Listings on a terminal of 60, 80 and 120 columns never cut a number, a date, a slug or a name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clientexit.cli._table import Column, plan

WIDTHS = [60, 80, 120]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_terminal(cli, width: int, *args: str):
    """Run a command as on a terminal ``width`` columns wide (FORCE_COLOR makes rich see one)."""
    env = {"COLUMNS": str(width), "FORCE_COLOR": "1", "TERM": "xterm"}
    result = cli(*args, env=env)
    assert result.exit_code == 0, result.stderr
    text = ANSI.sub("", result.stdout)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width, text
    assert "…" not in text
    return text, ANSI.sub("", result.stderr)


def day_first(iso: str) -> str:
    """An ISO date from --json as the screens write it for the example (SE) profile."""
    import datetime as dt

    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def words(text: str) -> set[str]:
    return set(text.split())


def assert_name_whole(name: str, text: str) -> None:
    """A name may wrap at a space, never inside a word: every word is there, on one line."""
    for word in name.split():
        assert word in words(text), (word, text)


@pytest.mark.parametrize("width", WIDTHS)
def test_clients(cli, examples_home: Path, width: int) -> None:
    text, err = on_terminal(cli, width, "clients")
    for row in json.loads(cli("clients", "--json").stdout):
        assert_name_whole(row["name"], text)
        assert row["status"] in words(text)
        if row["next_due"] and "Next due" in text:
            assert day_first(row["next_due"]) in text  # as the letters write it
    assert "€2,635.00" in words(text) and "TRY\xa01,234.50" in text
    if width == 60:
        assert "Left out to fit 60 columns: Paid late, Reminder, Open, Rate, Score" in err
        assert "Open" not in text
    if width == 120:
        assert "Left out" not in err
        assert all(h in text for h in ("Verdict", "Score", "Rate", "Open", "Next due"))


@pytest.mark.parametrize("width", WIDTHS)
def test_client_list(cli, examples_home: Path, width: int) -> None:
    text, _ = on_terminal(cli, width, "client", "list")
    for row in json.loads(cli("client", "list", "--json").stdout):
        assert row["slug"] in words(text)  # the longest is cagri-yazilim-ltd-sti
        assert_name_whole(row["name"], text)
        assert_name_whole(row["contact"], text)


@pytest.mark.parametrize("width", WIDTHS)
def test_invoice(cli, examples_home: Path, width: int) -> None:
    text, err = on_terminal(cli, width, "invoice", "northwind-bakery", "list")
    data = json.loads(cli("invoice", "northwind-bakery", "list", "--json").stdout)
    for row in data["invoices"]:
        line = next(line for line in text.splitlines() if line.startswith(row["number"]))
        assert day_first(row["due"]) in line  # as the letters write it: SE profile, day first
        assert f"€{row['amount']:,.2f}" in line
    assert "71 d overdue" in text
    assert ("Issued" in text) == (width > 80)
    assert ("Left out to fit 60 columns: Issued, Paid, Owed" in err) == (width == 60)
    assert ("Left out to fit 80 columns: Issued, Paid" in err) == (width == 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_log(cli, examples_home: Path, width: int) -> None:
    text, _ = on_terminal(cli, width, "log", "northwind-bakery", "list")
    for entry in json.loads(cli("log", "northwind-bakery", "list", "--json").stdout):
        assert day_first(entry["date"]) in text
        for word in entry["text"].split():
            assert word in words(text)
        if entry.get("amount"):
            assert f"€{entry['amount']:,.2f}" in words(text)


@pytest.mark.parametrize("width", WIDTHS)
def test_followup(cli, examples_home: Path, width: int) -> None:
    text, _ = on_terminal(cli, width, "followup", "--weeks", "20")
    found = json.loads(cli("followup", "--weeks", "20", "--json").stdout)
    assert found
    for item in found:
        assert item["id"] in words(text)
        assert_name_whole(item["name"], text)
    assert "14 September 2026" in text  # the longest date is on one line (day first: SE)


@pytest.mark.parametrize("width", WIDTHS)
def test_churn(cli, examples_home: Path, width: int) -> None:
    text, _ = on_terminal(cli, width, "churn", "--period", "2026")
    for name in ("Larkspur Events", "Tidewater Yoga Studio", "Sølvberg Architects"):
        assert_name_whole(name, text)
    assert "€3,556.67" in words(text)
    assert "2026Q3" in text


def test_the_plan_drops_optional_columns_in_order_then_stacks() -> None:
    columns = [
        Column("Name", wrap=True),
        Column("Amount", right=True),
        Column("Note", wrap=True, drop=2),
        Column("Code", drop=1),
    ]
    rows = [["Long Company Name", "€12,345.00", "a few words here", "ABC-123456"]]
    wide = plan(columns, rows, 120)
    assert wide.shown == (0, 1, 2, 3) and not wide.dropped and not wide.stacked
    assert wide.widths == (17, 10, 16, 10)  # everything on one line
    narrow = plan(columns, rows, 30)
    assert narrow.dropped == ("Code",) and narrow.shown == (0, 1, 2)
    assert narrow.widths[1] == 10  # an amount is never narrower than itself
    assert plan(columns, rows, 20).dropped == ("Code", "Note")
    assert plan(columns, rows, 15).stacked


def test_a_very_narrow_terminal_gets_one_stack_per_record(cli, examples_home: Path) -> None:
    text, _ = on_terminal(cli, 40, "client", "list")
    assert "cagri-yazilim-ltd-sti" in words(text)
    assert "Slug" in text and text.count("Slug") == 11  # one "Slug value" line per client
