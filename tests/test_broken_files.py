"""One client file that does not parse never hides the others: the lists show what they can, warn
once per broken file and exit 4; commands about that one client keep refusing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths

BAD_INVOICE = '\n[[invoices]]\nnumber = "X-1"\namount = "1200"\n'


def _break(home: Path, slug: str, how: str = "syntax") -> Path:
    path = home / "clients" / f"{slug}.toml"
    if how == "syntax":
        path.write_text('schema_version = 1\nname = "Broken"\nrate = = 95\n', encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + BAD_INVOICE, encoding="utf-8")
    return path


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("clientexit: warning: ")]


SLUGS = {"tidewater-yoga", "solvberg-architects"}  # former clients: in every list below
LISTS = [
    (["clients", "--json"], lambda data: {row["slug"] for row in data}, SLUGS),
    (["client", "list", "--all", "--json"], lambda data: {row["slug"] for row in data}, SLUGS),
    (["followup", "--weeks", "52", "--json"], lambda data: {row["slug"] for row in data}, SLUGS),
    (
        ["churn", "--period", "2026", "--json"],
        lambda data: {row["name"] for row in data["lost_clients"]},
        {"Tidewater Yoga Studio", "Sølvberg Architects"},
    ),
]


@pytest.mark.parametrize(("args", "listed", "gone"), LISTS)
def test_a_broken_file_is_left_out_and_the_others_are_listed(
    cli, examples_home: Path, args: list[str], listed, gone: set[str]
) -> None:
    before = listed(json.loads(cli(*args).stdout))
    assert gone <= before
    syntax = _break(examples_home, "tidewater-yoga")
    invoice = _break(examples_home, "solvberg-architects", how="invoice")

    result = cli(*args)
    assert result.exit_code == 4
    assert listed(json.loads(result.stdout)) == before - gone  # still one valid JSON document
    warnings = _warnings(result.stderr)
    assert len(warnings) == 2, result.stderr
    assert any(f"{syntax}:3:" in w and "Fix that line" in w for w in warnings)
    assert any(str(invoice) in w and "X-1" in w and "Write the amount" in w for w in warnings)


@pytest.mark.parametrize("args", [["clients"], ["client", "list"]])
def test_the_table_shows_the_others_and_the_warning_follows(
    cli, examples_home: Path, args: list[str]
) -> None:
    broken = _break(examples_home, "kestrel-analytics")
    result = cli(*args)
    assert result.exit_code == 4
    assert "Northwind Bakery" in result.stdout and "Kestrel" not in result.stdout
    (warning,) = _warnings(result.stderr)
    assert warning.startswith(f"clientexit: warning: skipped {broken}:3:")


def test_only_broken_files_give_no_misleading_no_clients_yet(cli, home: Path) -> None:
    assert cli("client", "add", "Acme").exit_code == 0
    _break(home, "acme")
    result = cli("client", "list")
    assert result.exit_code == 4
    assert "No clients yet" not in result.stderr
    assert len(_warnings(result.stderr)) == 1


def test_a_command_about_the_broken_client_still_refuses_it(cli, examples_home: Path) -> None:
    path = _break(examples_home, "kestrel-analytics")
    result = cli("client", "show", "kestrel-analytics")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"clientexit: error: {path}:3:")
    assert not _warnings(result.stderr)


def test_list_records_raises_unless_given_a_list(examples_home: Path) -> None:
    _break(examples_home, "kestrel-analytics")
    with pytest.raises(DataFileError):
        clients.list_records(Paths(examples_home))
    broken: list[DataFileError] = []
    found = clients.list_records(Paths(examples_home), broken=broken)
    assert len(broken) == 1 and "kestrel-analytics.toml" in str(broken[0])
    assert "kestrel-analytics" not in {r.slug for r in found} and len(found) > 3
