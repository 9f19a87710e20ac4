"""History over git: `history init`, one commit per command with a message in words, hand
edits committed apart, the listing and the record as it stood on a day. Real git, tmp folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program"),
    pytest.mark.slow,  # real git repositories
]


def git(home: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(home), *args], capture_output=True, text=True, check=True
    ).stdout


def subjects(home: Path) -> list[str]:
    return git(home, "log", "--format=%s").splitlines()


@pytest.fixture
def book(cli, examples_home: Path) -> Path:
    result = cli("history", "init")
    assert result.exit_code == 0, result.stderr
    return examples_home


def test_init_commits_the_book_with_the_profile_as_author(book: Path) -> None:
    assert subjects(book) == ["history started"]
    assert git(book, "log", "-1", "--format=%an <%ae>").strip() == (
        "Maya Lindqvist <maya@lindqvist.example>"
    )
    assert git(book, "config", "--local", "commit.gpgsign").strip() == "false"
    tracked = git(book, "ls-files").splitlines()
    assert "clients/northwind-bakery.toml" in tracked and "config.toml" in tracked
    # Nothing set outside the folder: HOME is tmp_path/user, and it has no git config.
    assert not (Path.home() / ".gitconfig").exists()


def test_a_letter_is_one_commit_in_words(cli, book: Path) -> None:
    result = cli("letter", "northwind-bakery", "--type", "payment", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    assert subjects(book)[0].startswith("letter payment recorded for Northwind Bakery")
    assert len(subjects(book)) == 2
    assert git(book, "status", "--porcelain") == ""


def test_a_payment_says_which_invoice_and_when(cli, book: Path) -> None:
    result = cli("invoice", "northwind-bakery", "paid", "2026-052", "--on", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert subjects(book)[0] == "invoice 2026-052 marked paid on 2026-11-20"
    body = git(book, "log", "-1", "--format=%b")
    assert "clientexit invoice northwind-bakery paid 2026-052 --on 2026-11-20" in body


def test_reading_commits_nothing_and_caches_and_locks_are_ignored(cli, book: Path) -> None:
    assert cli("clients").exit_code == 0
    assert cli("client", "show", "northwind-bakery").exit_code == 0
    assert cli("log", "fjord-coffee", "add", "Late again", "--kind", "payment").exit_code == 0
    assert len(subjects(book)) == 2
    assert any(book.glob(".cache/*")) or any(book.glob("clients/.*.lock"))
    assert git(book, "status", "--porcelain", "--ignored").count("!!") >= 1
    assert git(book, "status", "--porcelain") == ""
    assert not [f for f in git(book, "ls-files").splitlines() if "/." in f or f.startswith(".c")]


def test_a_hand_edit_is_committed_apart_before_the_next_change(cli, book: Path) -> None:
    file = book / "clients" / "fjord-coffee.toml"
    file.write_text(file.read_text().replace('status = "active"', 'status = "at-risk"'))
    result = cli("log", "fjord-coffee", "add", "Late again", "--kind", "payment")
    assert result.exit_code == 0, result.stderr
    command, hand = subjects(book)[:2]
    assert hand == "edited by hand"
    assert "status of Fjord Coffee Roasters changed from active to at-risk" in git(
        book, "log", "-1", "--skip=1", "--format=%b"
    )
    assert command == "incident of 2026-11-25 (payment) logged for Fjord Coffee Roasters"
    # The command's commit holds its own change only, not the hand edit.
    shown = git(book, "show", "HEAD", "--format=", "--unified=0")
    assert "at-risk" not in shown and "Late again" in shown


def test_history_lists_newest_first_with_dates(cli, book: Path) -> None:
    cli("end", "halvorsen-freight", "--by", "me", "--reason", "Abuse", "--date", "2026-12-09")
    cli("log", "fjord-coffee", "add", "Late again", "--kind", "payment")
    listed = cli("history", "--json")
    changes = [entry["change"] for entry in json.loads(listed.stdout)]
    assert changes == [
        "incident of 2026-11-25 (payment) logged for Fjord Coffee Roasters",
        "end date of Halvorsen Freight set to 2026-12-09",
        "history started",
    ]
    only = json.loads(cli("history", "halvorsen-freight", "--json").stdout)
    assert [e["change"] for e in only] == changes[1:]
    assert all(e["at"][:2] == "20" and len(e["id"]) >= 7 for e in only)
    text = cli("history").stdout
    assert text.index("Fjord") < text.index("Halvorsen") < text.index("history started")
    assert "end date of Halvorsen Freight set to 9 December 2026" in text  # git keeps ISO


def test_the_record_as_it_stood_on_a_day(cli, examples_home: Path, monkeypatch) -> None:
    def on(day: str) -> None:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T12:00:00+00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00+00:00")

    on("2026-11-01")
    assert cli("history", "init").exit_code == 0
    for day, number in (("2026-11-10", "2026-91"), ("2026-11-20", "2026-92")):
        on(day)
        result = cli(
            "invoice", "fjord-coffee", "add", number, "100",
            "--issued", "2026-11-01", "--due", "2026-11-30",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    shown = cli("history", "fjord-coffee", "--on", "2026-11-15")
    assert shown.exit_code == 0, shown.stderr
    assert 'number = "2026-91"' in shown.stdout and "2026-92" not in shown.stdout
    assert (
        "fjord-coffee as it stood at the end of 15 November 2026: last changed 10 November 2026"
        in (shown.stderr)
    )
    record = json.loads(cli("history", "fjord-coffee", "--on", "2026-11-21", "--json").stdout)
    assert {"2026-91", "2026-92"} <= {i["number"] for i in record["record"]["invoices"]}
    early = cli("history", "fjord-coffee", "--on", "2026-10-31")
    assert early.exit_code == 3
    assert (
        "The history of fjord-coffee starts on 1 November 2026: nothing is on record for "
        "31 October 2026." in early.stderr
    )


def test_without_git_history_says_so_and_the_rest_works(cli, examples_home, monkeypatch) -> None:
    monkeypatch.setenv("CLIENTEXIT_GIT", "no-such-git-program")
    result = cli("history", "init")
    assert result.exit_code == 1
    assert "History, undo and sync need the git program, and it is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("log", "fjord-coffee", "add", "Late again").exit_code == 0
    assert cli("clients").exit_code == 0


def test_history_before_init_says_how_to_start(cli, examples_home) -> None:
    result = cli("history")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("Start it with: clientexit history init")


def test_with_history_off_no_history_module_is_loaded(examples_home: Path) -> None:
    code = (
        "import sys; from clientexit.cli import run\n"
        "try:\n    run(['log', 'fjord-coffee', 'add', 'x'])\nexcept SystemExit:\n    pass\n"
        "print('clientexit.history' in sys.modules, 'subprocess' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split()[-2] == "False"


def test_every_file_still_parses(cli, book: Path) -> None:
    cli("letter", "northwind-bakery", "--type", "payment", "--no-cooldown")
    for file in (book / "clients").glob("*.toml"):
        tomllib.loads(file.read_text())


def test_a_change_is_saved_even_when_git_has_gone(cli, book: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLIENTEXIT_GIT", "no-such-git-program")
    result = cli("log", "fjord-coffee", "add", "Late again", "--kind", "payment")
    assert result.exit_code == 0
    assert "Late again" in (book / "clients" / "fjord-coffee.toml").read_text()
    assert (
        "clientexit: warning: the change is saved, but not in the history: History, undo and "
        "sync need the git program"
    ) in result.stderr
    monkeypatch.delenv("CLIENTEXIT_GIT")
    cli(
        "log", "fjord-coffee", "add", "Again", "--kind", "payment"
    )  # git is back: both are committed
    assert subjects(book)[:2] == [
        "incident of 2026-11-25 (payment) logged for Fjord Coffee Roasters",
        "edited by hand",
    ]
    assert git(book, "status", "--porcelain") == ""
