"""Issue 24: CSV output has its control characters removed and no cell a spreadsheet would run
as a formula; files written with --out (letter, statement, handover, .eml, .ics) pass the same
filter as the terminal: no raw OSC, CSI, BEL or NUL."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.safe_text import for_file, spreadsheet_cell

SLUG = "ashgrove-print"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def runs_as_formula(cell: str) -> bool:
    """A spreadsheet's rule (Excel, LibreOffice, Google Sheets; OWASP's CSV injection list): a
    cell that starts, after spaces, with = + - @, a tab or a CR is evaluated, unless it is a
    plain number."""
    start = cell.lstrip(" ")
    return start[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠") and not (
        NUMBER.fullmatch(cell)
    )


# Numbers a spreadsheet would run as formulas. Numbers with a control character (ESC, a line
# break, NUL, a bidi override) never reach the CSV: they are refused when the file is read
# (test_control_characters_in_a_hand_edited_number_are_refused_on_load).
HOSTILE_NUMBERS = [
    "=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", " =1", "  +1", "＝1+1",
    '=HYPERLINK("http://evil.example","x")', "=cmd|'/c calc'!A0",
]  # fmt: skip
CONTROL_NUMBERS = ["\t=1", "\r=1", "a\x1b]0;x\x07b", "line\nbreak=1", "\x00=1", "\u202e=1"]


def _hand_edit_numbers(home: Path, numbers: list[str]) -> None:
    path = home / "clients" / f"{SLUG}.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    for index, number in enumerate(numbers):
        entry = tomlkit.table()
        entry.update({"number": number, "amount": 10.0 + index})
        entry["issued"], entry["due"] = tomlkit.date("2026-10-01"), tomlkit.date("2026-10-31")
        doc["invoices"].append(entry)
    path.write_text(doc.as_string(), encoding="utf-8")


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_every_cell_of_the_statement_csv_passes_a_spreadsheets_formula_rule(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    _hand_edit_numbers(examples_home, HOSTILE_NUMBERS)
    shown = cli("--home", str(examples_home), "statement", SLUG, "--format", "csv")
    target = tmp_path / "statement.csv"
    cli("--home", str(examples_home), "statement", SLUG, "--format", "csv", "--out", str(target))
    for text in (shown.stdout, target.read_text(encoding="utf-8")):
        cells = _cells(text)
        assert len(cells) > 12 * len(HOSTILE_NUMBERS)
        for cell in cells:
            assert not runs_as_formula(cell), repr(cell)
            assert not CONTROL.search(cell) and "\n" not in cell, repr(cell)
        assert "'=1+1" in cells and '\'=HYPERLINK("http://evil.example","x")' in cells
        assert "'-2+3" in cells


@pytest.mark.parametrize("number", CONTROL_NUMBERS)
def test_control_characters_in_a_hand_edited_number_are_refused_on_load(
    cli, examples_home: Path, number: str
) -> None:
    _hand_edit_numbers(examples_home, [number])
    result = cli("--home", str(examples_home), "statement", SLUG, "--format", "csv")
    assert result.exit_code == 4
    assert "control character" in result.stderr and f"{SLUG}.toml" in result.stderr


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=30) | st.from_regex(r"[ \t\r]*[=+\-@＝][^\n]{0,10}", fullmatch=True))
def test_any_text_becomes_a_cell_that_runs_nothing(value: str) -> None:
    cell = spreadsheet_cell(value)
    assert not runs_as_formula(cell) and not CONTROL.search(cell)
    # Read back by a CSV reader, it is one cell, the same one.
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell, "next"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [cell, "next"]


@pytest.mark.parametrize("number", ["-12.50", "0", "1500.00", "-3"])
def test_plain_numbers_stay_numbers(number: str) -> None:
    assert spreadsheet_cell(number) == number


ESCAPES = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x1b[31mred\x00 bell\x07 \x9b31m"


def _assert_clean(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text, repr(text[:300])
    assert "\x9b" not in text and not re.search("\r(?!\n)", text)
    return text


def test_a_letter_written_with_out_and_eml_passes_the_terminal_filter(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    (folder / "general.txt.j2").write_text(f"Subject: Hello\n\n{ESCAPES}\n", encoding="utf-8")
    out, eml = tmp_path / "letter.txt", tmp_path / "letter.eml"
    result = cli(
        "--home", str(examples_home), "letter", "northwind-bakery", "-t", "general",
        "--no-cooldown", "--out", str(out), "--eml", str(eml),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "click" in _assert_clean(out) and "red" in _assert_clean(out)
    _assert_clean(eml)


def test_a_statement_and_a_checklist_written_with_out_pass_it(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    _hand_edit_numbers(examples_home, ["INV\x1b]0;owned\x07-1", "INV\x1b[2J-2"])
    for fmt in ("text", "markdown"):
        # An escape in a hand-edited invoice number is refused when the file is read: the
        # statement is never written with it.
        target = tmp_path / f"statement.{fmt}"
        args = ("statement", SLUG, "--format", fmt, "--out", str(target))
        assert cli("--home", str(examples_home), *args).exit_code == 4
        assert not target.exists()
    target = tmp_path / "handover.md"
    folder = examples_home / "templates" / "checklists" / "en"
    folder.mkdir(parents=True)
    from clientexit._resources import templates_dir

    builtin = (templates_dir() / "checklists" / "en" / "handover.toml").read_text(encoding="utf-8")
    (folder / "handover.toml").write_text(
        builtin.replace("Handover", "Hand\\u001b[2Jover"), "utf-8"
    )
    result = cli("--home", str(examples_home), "handover", "halvorsen-freight", "--format",
                 "markdown", "--out", str(target))  # fmt: skip
    if result.exit_code == 0:
        _assert_clean(target)
    else:  # a checklist with a control character may be refused as a data file: never written
        assert result.exit_code == 4 and not target.exists()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_for_file_leaves_no_control_but_tab_newline_and_crlf(text: str) -> None:
    clean = for_file(text)
    assert not CONTROL.search(clean) and not re.search("\r(?!\n)", clean)
    assert for_file(clean) == clean
