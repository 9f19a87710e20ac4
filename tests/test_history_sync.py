"""Two computers, one book: two clones of one bare remote in tmp folders, real git, and the
merge driver that joins client files by meaning; undo by reverting commits."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program"),
    pytest.mark.slow,  # real git repositories
]

NORTHWIND = "clients/northwind-bakery.toml"


def git(home: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(home), *args], capture_output=True, text=True, check=True
    ).stdout


def subjects(home: Path) -> list[str]:
    return git(home, "log", "--format=%s").splitlines()


def record(home: Path, file: str = NORTHWIND) -> dict:
    return tomllib.loads((home / file).read_text())


def all_parse(home: Path) -> None:
    for path in home.rglob("*.toml"):
        if ".git" not in path.parts:
            tomllib.loads(path.read_text())


@pytest.fixture
def two(cli, examples_home: Path, tmp_path: Path):
    """(laptop, desktop, run): the book on two computers sharing a bare remote."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    laptop, desktop = examples_home, tmp_path / "desktop"

    def run(where: Path, *args: str):
        result = cli("--home", str(where), *args)
        return result

    assert run(laptop, "history", "init").exit_code == 0
    git(laptop, "remote", "add", "origin", str(remote))
    first = run(laptop, "sync")
    assert first.exit_code == 0, first.stderr
    git(tmp_path, "clone", "-q", str(remote), str(desktop))
    assert run(desktop, "history", "init").exit_code == 0
    return laptop, desktop, run


def add_invoice(run, home: Path, number: str, amount: str) -> None:
    result = run(
        home, "invoice", "northwind-bakery", "add", number, amount,
        "--issued", "2026-11-01", "--due", "2026-11-15",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def numbers(home: Path) -> list[str]:
    return [i["number"] for i in record(home)["invoices"]]


def test_an_invoice_added_on_each_side_gives_both(two) -> None:
    laptop, desktop, run = two
    add_invoice(run, laptop, "2026-060", "100")
    add_invoice(run, desktop, "2026-061", "200")
    assert run(laptop, "sync").exit_code == 0
    synced = run(desktop, "sync", "--json")
    assert synced.exit_code == 0, synced.stderr
    report = json.loads(synced.stdout)
    assert report["received"] == ["invoice 2026-060 added for Northwind Bakery"]
    assert report["conflicts"] == [] and report["sent"] >= 1
    assert run(laptop, "sync").exit_code == 0
    for home in (laptop, desktop):
        assert {"2026-060", "2026-061"} <= set(numbers(home))
        assert len(numbers(home)) == 6
        all_parse(home)
    assert record(laptop) == record(desktop)
    assert git(laptop, "status", "--porcelain") == ""


def test_a_field_changed_on_one_side_takes_that_side(two) -> None:
    laptop, desktop, run = two
    paid = run(desktop, "invoice", "northwind-bakery", "paid", "2026-052", "--on", "2026-11-20")
    assert paid.exit_code == 0, paid.stderr
    add_invoice(run, laptop, "2026-060", "100")  # the same file changes on the laptop too
    assert run(desktop, "sync").exit_code == 0
    synced = run(laptop, "sync")
    assert synced.exit_code == 0, synced.stderr
    assert "received: invoice 2026-052 marked paid on 2026-11-20" in synced.stderr
    invoices = {i["number"]: i for i in record(laptop)["invoices"]}
    assert str(invoices["2026-052"]["paid"]) == "2026-11-20"
    assert "2026-060" in invoices
    all_parse(laptop)


def test_the_same_field_changed_on_both_sides_is_a_conflict_kept_for_resolve(two) -> None:
    laptop, desktop, run = two
    assert run(laptop, "client", "set", "northwind-bakery", "rate=90").exit_code == 0
    assert run(desktop, "client", "set", "northwind-bakery", "rate=95").exit_code == 0
    assert run(desktop, "sync").exit_code == 0
    synced = run(laptop, "sync")
    assert synced.exit_code == 0, synced.stderr
    assert "conflict: rate of Northwind Bakery is 90 here and 95 on the other computer" in (
        synced.stderr
    )
    assert "decide with: clientexit sync --resolve" in synced.stderr
    assert record(laptop)["rate"] == 90  # this computer's value, until decided
    all_parse(laptop)
    no_terminal = run(laptop, "sync", "--resolve")
    assert no_terminal.exit_code == 2 and "--keep mine or --keep theirs" in no_terminal.stderr
    resolved = run(laptop, "sync", "--resolve", "--keep", "theirs")
    assert resolved.exit_code == 0, resolved.stderr
    assert "rate of Northwind Bakery: kept the other computer's value." in resolved.stderr
    assert record(laptop)["rate"] == 95
    assert subjects(laptop)[0] == (
        "conflict resolved: rate of Northwind Bakery kept as 95 (the other computer's)"
    )
    assert run(laptop, "sync", "--resolve").stderr.strip() == "No conflicts to resolve."
    assert run(laptop, "sync").exit_code == 0 and run(desktop, "sync").exit_code == 0
    assert record(desktop)["rate"] == 95


def test_the_same_invoice_edited_differently_by_hand_on_both_sides(two) -> None:
    laptop, desktop, run = two
    for home, amount in ((laptop, "1250.0"), (desktop, "1300.0")):
        file = home / NORTHWIND
        file.write_text(file.read_text().replace("amount = 1190.0", f"amount = {amount}"))
    assert run(desktop, "sync").exit_code == 0
    synced = run(laptop, "sync")
    assert synced.exit_code == 0, synced.stderr
    assert "invoice 2026-052: amount of Northwind Bakery is 1250 here and 1300 on the other" in (
        synced.stderr
    )
    assert subjects(laptop)[1:3] == ["edited by hand", "edited by hand"] or "edited by hand" in (
        subjects(laptop)
    )
    all_parse(laptop)


def test_sync_without_a_remote_says_how_to_add_one(cli, examples_home) -> None:
    cli("history", "init")
    result = cli("sync")
    assert result.exit_code == 2
    assert "has no remote to sync with" in result.stderr
    assert "remote add origin URL" in result.stderr


# --- Undo ----------------------------------------------------------------------------------


@pytest.fixture
def book(cli, examples_home: Path) -> Path:
    assert cli("history", "init").exit_code == 0
    return examples_home


def test_undo_of_a_letter(cli, book: Path) -> None:
    before = record(book)
    assert cli("letter", "northwind-bakery", "--type", "payment", "--no-cooldown").exit_code == 0
    assert len(record(book).get("letters", [])) == len(before.get("letters", [])) + 1
    result = cli("undo")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Undone: letter payment recorded for Northwind Bakery")
    assert record(book) == before
    assert subjects(book)[:2] == [
        "undo: " + subjects(book)[1],
        subjects(book)[1],
    ]


def test_undo_of_an_end_by_its_id(cli, book: Path) -> None:
    before = record(book, "clients/halvorsen-freight.toml")
    cli("end", "halvorsen-freight", "--by", "me", "--reason", "Abuse", "--date", "2026-12-09")
    end_id = git(book, "rev-parse", "--short", "HEAD").strip()
    cli(
        "log", "fjord-coffee", "add", "Late again", "--kind", "payment"
    )  # a later, unrelated change
    result = cli("undo", "--change", end_id, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["undone"]["change"] == (
        "end date of Halvorsen Freight set to 2026-12-09"
    )
    assert record(book, "clients/halvorsen-freight.toml") == before
    assert "Late again" in (book / "clients" / "fjord-coffee.toml").read_text()


def test_undo_of_an_import(cli, book: Path) -> None:
    before = record(book, "clients/kestrel-analytics.toml")
    imported = cli("hours", "import", str(REPO / "examples" / "hours" / "frames"))
    assert imported.exit_code == 0, imported.stderr
    assert subjects(book)[0].startswith("hours of 2026-06 to 2026-11 imported for Kestrel")
    assert cli("undo").exit_code == 0
    assert record(book, "clients/kestrel-analytics.toml") == before
    all_parse(book)


def test_undo_is_refused_when_a_later_change_depends_on_it(cli, book: Path) -> None:
    cli("invoice", "northwind-bakery", "add", "2026-060", "100",
        "--issued", "2026-11-01", "--due", "2026-11-15")  # fmt: skip
    added = git(book, "rev-parse", "--short", "HEAD").strip()
    cli("invoice", "northwind-bakery", "paid", "2026-060", "--on", "2026-11-20")
    paid = git(book, "rev-parse", "--short", "HEAD").strip()
    text = (book / NORTHWIND).read_text()
    result = cli("undo", "--change", added)
    assert result.exit_code == 1
    assert (
        f'"invoice 2026-060 added for Northwind Bakery" ({added}) cannot be undone: a later '
        f'change depends on it: "invoice 2026-060 marked paid on 2026-11-20" ({paid}'
    ) in result.stderr
    assert f"Undo that one first (clientexit undo --change {paid})" in result.stderr
    assert (book / NORTHWIND).read_text() == text
    assert git(book, "status", "--porcelain") == ""
    assert cli("undo", "--change", paid).exit_code == 0
    assert cli("undo", "--change", added).exit_code == 0
    assert "2026-060" not in (book / NORTHWIND).read_text()


def test_undo_of_a_hand_edit_and_of_unknown_ids(cli, book: Path) -> None:
    file = book / NORTHWIND
    original = file.read_text()
    file.write_text(original.replace("notice_days = 14", "notice_days = 21"))
    result = cli("undo")  # the hand edit is committed first: it is the last change
    assert result.exit_code == 0, result.stderr
    assert "Undone: edited by hand" in result.stderr
    assert file.read_text() == original
    missing = cli("undo", "--change", "abcdef1")
    assert missing.exit_code == 3
    assert "There is no change abcdef1 in the history." in missing.stderr


def test_undo_is_shared_by_sync(two) -> None:
    laptop, desktop, run = two
    add_invoice(run, laptop, "2026-060", "100")
    assert run(laptop, "undo").exit_code == 0
    assert run(laptop, "sync").exit_code == 0
    assert run(desktop, "sync").exit_code == 0
    assert "2026-060" not in numbers(desktop)
    assert subjects(desktop)[0] == "undo: invoice 2026-060 added for Northwind Bakery"


def test_a_side_that_does_not_parse_stops_the_sync_with_nothing_changed(two) -> None:
    laptop, desktop, run = two
    add_invoice(run, laptop, "2026-060", "100")
    broken = desktop / NORTHWIND
    broken.write_text(broken.read_text() + "\nrate = = 3\n")
    git(desktop, "commit", "-qam", "broken by hand")
    assert run(desktop, "sync").exit_code == 0  # nothing to merge: it only pushes
    before = (laptop / NORTHWIND).read_text()
    head = git(laptop, "rev-parse", "HEAD")
    result = run(laptop, "sync")
    assert result.exit_code == 1
    assert "could not be merged, so nothing changed here" in result.stderr
    assert "Traceback" not in result.stderr
    assert (laptop / NORTHWIND).read_text() == before
    assert git(laptop, "rev-parse", "HEAD") == head
    assert git(laptop, "status", "--porcelain") == ""


def test_a_sync_merge_and_the_first_snapshot_cannot_be_undone(two) -> None:
    laptop, desktop, run = two
    add_invoice(run, laptop, "2026-060", "100")
    add_invoice(run, desktop, "2026-061", "200")
    assert run(laptop, "sync").exit_code == 0
    assert run(desktop, "sync").exit_code == 0
    merge = git(desktop, "rev-parse", "--short", "HEAD").strip()
    refused = run(desktop, "undo")
    assert refused.exit_code == 1
    assert f"{merge} is a sync's merge, not one change." in refused.stderr
    first = git(desktop, "rev-list", "--max-parents=0", "--abbrev-commit", "HEAD").strip()
    root = run(desktop, "undo", "--change", first)
    assert root.exit_code == 1 and "is where the history starts" in root.stderr
