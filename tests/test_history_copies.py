"""Without git: conflict copies left by Syncthing, Dropbox or Nextcloud in clients/ are found,
listings warn about them, and doctor --merge-conflicts merges them by meaning, keeping the
copies until the merge is confirmed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from clientexit.history.copies import find

SYNCTHING = "northwind-bakery.sync-conflict-20261204-101010-ABCDEFG.toml"


@pytest.fixture
def copy(examples_home: Path) -> Path:
    """The laptop paid an invoice and changed an amount; the desktop (the copy) added an
    invoice and changed the same amount differently."""
    file = examples_home / "clients" / "northwind-bakery.toml"
    text = file.read_text()
    other = text.replace("amount = 1190.0", "amount = 1250.0") + (
        '\n[[invoices]]\nnumber = "2026-061"\namount = 200.0\n'
        "issued = 2026-11-02\ndue = 2026-11-16\n"
    )
    (examples_home / "clients" / SYNCTHING).write_text(other)
    file.write_text(
        text.replace("amount = 1190.0", "amount = 1300.0").replace(
            "issued = 2026-09-01\ndue = 2026-09-15\n",
            "issued = 2026-09-01\ndue = 2026-09-15\npaid = 2026-11-20\n",
        )
    )
    return examples_home / "clients" / SYNCTHING


def invoices(home: Path) -> dict[str, dict]:
    data = tomllib.loads((home / "clients" / "northwind-bakery.toml").read_text())
    return {i["number"]: i for i in data["invoices"]}


def test_the_sync_tools_copies_are_found(tmp_path: Path) -> None:
    names = [
        SYNCTHING,
        "northwind-bakery (Maya's conflicted copy 2026-12-04).toml",
        "northwind-bakery (conflicted copy 2026-12-04 101010).toml",
        "northwind-bakery.toml",
        "notes (conflicted copy 2026-12-04 101010).txt",
    ]
    for name in names:
        (tmp_path / name).write_text("")
    found = {(c.path.name, c.slug, c.tool) for c in find(tmp_path)}
    assert found == {
        (SYNCTHING, "northwind-bakery", "Syncthing"),
        (names[1], "northwind-bakery", "Dropbox"),
        (names[2], "northwind-bakery", "Nextcloud or Dropbox"),
    }


@pytest.mark.parametrize("command", [("clients",), ("client", "list")])
def test_listings_warn_about_a_copy(cli, copy: Path, command: tuple[str, ...]) -> None:
    result = cli(*command)
    assert result.exit_code == 0, result.stderr
    assert (
        f"clientexit: warning: {SYNCTHING} is a conflict copy (Syncthing) of northwind-bakery: "
        "its changes are not in the book until you run clientexit doctor --merge-conflicts"
    ) in result.stderr
    assert SYNCTHING not in result.stdout


def test_doctor_merges_by_meaning_and_keeps_the_copy(cli, copy: Path, examples_home) -> None:
    report = cli("doctor")
    assert f"Conflict copy (Syncthing) of northwind-bakery: {SYNCTHING}" in report.stderr
    result = cli("doctor", "--merge-conflicts")
    assert result.exit_code == 0, result.stderr
    assert "invoice 2026-061 added for Northwind Bakery" in result.stderr
    assert (
        "differs: invoice 2026-052: amount of Northwind Bakery is 1300 in the file and 1250 in "
        "the copy"
    ) in result.stderr
    merged = invoices(examples_home)
    assert merged["2026-061"]["amount"] == 200.0  # the copy's new invoice
    assert str(merged["2026-045"]["paid"]) == "2026-11-20"  # the file's payment
    assert merged["2026-052"]["amount"] == 1300.0  # the file's value until decided
    assert copy.exists()  # kept until confirmed
    refused = cli("doctor", "--merge-conflicts", "--confirm")
    assert refused.exit_code == 2 and "Add --keep mine" in refused.stderr
    assert copy.exists()
    done = cli("doctor", "--merge-conflicts", "--confirm", "--keep", "theirs", "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)[0]["copy_deleted"] is True
    assert not copy.exists()
    assert invoices(examples_home)["2026-052"]["amount"] == 1250.0
    assert set(invoices(examples_home)) >= {"2026-045", "2026-052", "2026-061"}
    assert "warning" not in cli("clients").stderr


def test_a_copy_that_does_not_parse_is_not_merged(cli, copy: Path, examples_home) -> None:
    copy.write_text("name = \n")
    before = (examples_home / "clients" / "northwind-bakery.toml").read_text()
    result = cli("doctor", "--merge-conflicts")
    assert result.exit_code != 0
    assert "not valid TOML" in result.stderr and "Traceback" not in result.stderr
    assert (examples_home / "clients" / "northwind-bakery.toml").read_text() == before
    assert copy.exists()
