"""clientexit statement: invoices, payments, overdue, interest and fixed sums, in three formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

SLUG = "ashgrove-print"


def test_text_statement_adds_up(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Statement of account: Ashgrove Print Ltd, as of 2026-11-25\n")
    row = next(line for line in text.splitlines() if line.startswith("AP-2026-05"))
    assert row.split() == [
        "AP-2026-05",
        "2026-04-29",
        "2026-05-29",
        "£1,800.00",
        "overdue",
        "180",
        "£104.30",
        "£70.00",
    ]
    assert "Outstanding:                        £2,450.00" in text
    # 2,450.00 + 150.79 interest + 180.00 fixed sums
    assert "Total with interest and fixed sums: £2,780.79" in text
    assert "may be entitled to under Late Payment of Commercial Debts" in text


def test_csv_keeps_plain_amounts(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["invoice"] for r in rows] == [
        "AP-2026-03",
        "AP-2026-05",
        "AP-2026-06",
    ]
    assert rows[0]["state"] == "paid late" and rows[0]["interest"] == "14.68"
    assert rows[2]["amount"] == "650.00" and rows[2]["fixed_sum"] == "40.00"
    assert {r["currency"] for r in rows} == {"GBP"}


def test_markdown_to_a_file(cli, examples_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "statement.md"
    result = cli("statement", SLUG, "-f", "markdown", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Statement of account: Ashgrove Print Ltd")
    assert "| AP-2026-06 | 2026-05-27 | 2026-06-26 | £650.00 |  | overdue | 152 |" in text
    assert "- **Statutory interest:** £150.79" in text


def test_as_of_an_earlier_day(cli, examples_home: Path) -> None:
    data = json.loads(cli("statement", SLUG, "--on", "2026-04-10", "--json").stdout)
    assert [i["number"] for i in data["invoices"]] == ["AP-2026-03"]  # the others came later
    assert data["invoices"][0]["state"] == "overdue" and data["invoices"][0]["days_late"] == 9
    assert data["outstanding"] == 2400.0 and data["paid"] == 0.0


def test_not_known_as_a_business_it_says_why_there_is_no_interest(cli, examples_home: Path) -> None:
    result = cli("statement", "northwind-bakery")
    assert result.exit_code == 0, result.stderr
    assert "No statutory interest: northwind-bakery is not recorded as a business" in result.stdout
    assert "Statutory interest:" not in result.stdout
    assert "2026-045" in result.stdout and "Overdue:     €2,635.00" in result.stdout


def test_bad_format_is_refused(cli, examples_home: Path) -> None:
    result = cli("statement", SLUG, "--format", "pdf")
    assert result.exit_code == 2 and "choose text, markdown, csv" in result.stderr


def test_csv_never_hands_a_spreadsheet_a_formula(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"AP-2026-05"', '"=HYPERLINK(1)"'), encoding="utf-8")
    rows = list(csv.reader(io.StringIO(cli("statement", SLUG, "-f", "csv").stdout)))
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(1)"]
