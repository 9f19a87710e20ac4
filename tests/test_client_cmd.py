"""clientexit client / clients as a reviewer found them: piped tables, order, dates, amounts and
clearing a field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NAMES = [
    "Brightpath Marketing",
    "Çağrı Yazılım Ltd. Şti.",
    "Fjord Coffee Roasters",
    "Halvorsen Freight",
    "Kestrel Analytics",
    "Northwind Bakery",
    "Zelená Louka s.r.o.",
]


@pytest.mark.parametrize("args", [["clients"], ["client", "list"]])
def test_piped_output_has_one_whole_row_per_client_whatever_the_width(
    cli, examples_home: Path, args: list[str]
) -> None:
    result = cli(*args, env={"COLUMNS": "40"})  # CliRunner's stdout is not a terminal
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "…" not in result.stdout
    for name in NAMES:
        assert sum(name in line for line in lines) == 1, name
    data = json.loads(cli(*args, "--json").stdout)
    assert len(lines) == 1 + len(data)  # the header, then one line per client


def test_a_terminal_still_gets_a_table_that_fits_its_width(cli, examples_home: Path) -> None:
    result = cli("client", "list", env={"COLUMNS": "40", "FORCE_COLOR": "1", "TERM": "xterm"})
    assert result.exit_code == 0
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()  # bold headers
    assert max(len(line) for line in lines) <= 40
    assert len(lines) > 1 + len(NAMES)  # long names wrap on a narrow terminal


def test_client_list_is_sorted_by_slug(cli, examples_home: Path) -> None:
    rows = json.loads(cli("client", "list", "--json").stdout)
    slugs = [row["slug"] for row in rows]
    assert slugs == sorted(slugs)
    assert slugs.index("cagri-yazilim-ltd-sti") < slugs.index("fjord-coffee")
    text = cli("client", "list").stdout
    assert text.index("Çağrı") < text.index("Fjord") < text.index("Zelená")


def test_a_start_date_after_today_is_refused(cli, home: Path) -> None:
    result = cli("client", "add", "Future Ltd", "--started", "2030-01-01")
    assert result.exit_code == 2
    assert "started must be today (2026-11-25) or earlier" in result.stderr
    assert not (home / "clients" / "future-ltd.toml").exists()
    assert cli("client", "add", "Now Ltd", "--started", "2026-11-25").exit_code == 0
    tomorrow = cli("client", "set", "now-ltd", "started=2026-11-26")
    assert tomorrow.exit_code == 2 and "2026-11-26" in tomorrow.stderr
    assert cli("client", "set", "now-ltd", "started=2019-03-01").exit_code == 0


def _file(home: Path, slug: str) -> dict:
    import tomllib

    return tomllib.loads((home / "clients" / f"{slug}.toml").read_text(encoding="utf-8"))


def test_an_empty_value_clears_an_optional_field_and_says_so(cli, home: Path) -> None:
    added = cli("client", "add", "Acme Ltd", "--email", "ops@acme.example", "--rate", "85")
    assert added.exit_code == 0
    assert cli("client", "set", "acme-ltd", "po_number=PO-7", "phone=+1 555").exit_code == 0

    result = cli("client", "set", "acme-ltd", "email=", "po_number=", "rate=90")
    assert result.exit_code == 0, result.stderr
    assert "rate; cleared email, po_number (removed from the file)" in result.stderr
    data = _file(home, "acme-ltd")
    assert "email" not in data and "custom" not in data  # an emptied [custom] goes too
    assert (data["rate"], data["phone"]) == (90.0, "+1 555")
    assert "email = " not in (home / "clients" / "acme-ltd.toml").read_text(encoding="utf-8")


def test_status_cannot_be_cleared(cli, home: Path) -> None:
    assert cli("client", "add", "Acme Ltd").exit_code == 0
    result = cli("client", "set", "acme-ltd", "status=")
    assert result.exit_code == 2
    assert "status cannot be cleared" in result.stderr and "at-risk" in result.stderr
    assert _file(home, "acme-ltd")["status"] == "active"


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("created", "the day the client was added"),
        ("archived", "clientexit client archive CLIENT"),
        ("invoices", "clientexit invoice CLIENT add"),
        ("lifecycle", "clientexit end CLIENT"),
        ("name", "edit name in its file by hand"),
    ],
)
def test_a_managed_key_is_refused_saying_what_to_do_instead(
    cli, home: Path, key: str, hint: str
) -> None:
    assert cli("client", "add", "Acme Ltd").exit_code == 0
    before = (home / "clients" / "acme-ltd.toml").read_bytes()
    result = cli("client", "set", "acme-ltd", f"{key}=2020-01-01")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"clientexit: error: {key} is managed by clientexit") and hint in line
    assert (home / "clients" / "acme-ltd.toml").read_bytes() == before


def test_client_show_prints_dates_and_nested_tables_as_a_person_reads_them(
    cli, examples_home: Path
) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write(
            '\n[custom]\nrenewal = 2026-12-03\ntags = ["retail", "web"]\n'
            '[lifecycle]\nended_by = "me"\nend_date = 2026-12-03\n'
            "[handover.items.money-final-invoice]\ndone = 2026-11-20\n"
            '[handover.items.wrapup-archive]\ndone = 2026-11-21\nnote = "zip in Drive"\n'
        )
    result = cli("client", "show", "northwind-bakery")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "datetime" not in out and "{" not in out and "[" not in out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "custom.renewal 2026-12-03" in lines
    assert "custom.tags retail, web" in lines
    assert "lifecycle.end_date 2026-12-03" in lines
    assert "handover.items 2 entries" in lines, "|".join(lines)
    assert "invoices 4 entries" in lines


def test_an_unknown_status_filter_is_a_usage_error_in_both_lists(cli, examples_home) -> None:
    for args in (["client", "list"], ["clients"]):
        result = cli(*args, "--status", "bogus")
        assert result.exit_code == 2, args
        assert "is not a status" in result.stderr
    empty = cli("client", "list", "--status", "ending")
    assert empty.exit_code == 0
    assert "No clients with status ending." in empty.stderr
