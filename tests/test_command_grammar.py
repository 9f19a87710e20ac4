"""One command grammar: ``invoice``, ``deliverable`` and ``log`` are ``NOUN CLIENT ACTION``
groups, like ``client``. The forms of the release before are hidden aliases for one release:
they do what they did, print the same on stdout, say what the form is now in one line on
stderr, and no --help shows them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from completion_helpers import complete

SLUG = "northwind-bakery"
NOTE = "clientexit: note: '{old}' is now '{new}'; the old form goes in the next release.\n"


def _file(home: Path) -> bytes:
    return (home / "clients" / f"{SLUG}.toml").read_bytes()


def test_log_client_list_lists_and_records_nothing(cli, examples_home: Path) -> None:
    before = _file(examples_home)
    listed = cli("log", SLUG, "list")
    assert listed.exit_code == 0, listed.stderr
    assert _file(examples_home) == before  # no incident with the text "list"
    assert listed.stderr == ""
    rows = json.loads(cli("log", SLUG, "list", "--json").stdout)
    assert rows and "list" not in [row["text"] for row in rows]
    assert "Date" in listed.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("old", "new", "old_form", "new_form"),
    [
        (["log", SLUG], ["log", SLUG, "list"], "log CLIENT", "log CLIENT list"),
        (["log", SLUG, "--json"], ["log", SLUG, "list", "--json"], "log CLIENT", "log CLIENT list"),
        (["invoice", SLUG], ["invoice", SLUG, "list"], "invoice CLIENT", "invoice CLIENT list"),
        (
            ["invoice", "--json", SLUG],
            ["invoice", SLUG, "list", "--json"],
            "invoice CLIENT",
            "invoice CLIENT list",
        ),
        (
            ["deliverable", SLUG],
            ["deliverable", SLUG, "list"],
            "deliverable CLIENT",
            "deliverable CLIENT list",
        ),
    ],
)
def test_an_old_listing_form_prints_the_same_and_one_note(
    cli, examples_home, old: list[str], new: list[str], old_form: str, new_form: str
) -> None:
    was, now = cli(*old), cli(*new)
    assert was.exit_code == now.exit_code == 0, was.stderr
    assert was.stdout == now.stdout and now.stdout
    note = NOTE.format(old=f"clientexit {old_form}", new=f"clientexit {new_form}")
    assert was.stderr == note + now.stderr


def test_the_old_log_form_adds_the_same_entry(cli, examples_home: Path) -> None:
    old = cli("log", "--kind", "scope", SLUG, "Asked for a portal", "--json")
    new = cli("log", SLUG, "add", "Asked for a portal", "--kind", "scope", "--json")
    assert old.exit_code == new.exit_code == 0, old.stderr
    added = [json.loads(result.stdout) for result in (old, new)]
    for entry in added:
        entry.pop("id")
    assert added[0] == added[1]
    assert added[0]["text"] == "Asked for a portal" and added[0]["kind"] == "scope"
    assert old.stderr == NOTE.format(
        old="clientexit log CLIENT TEXT", new="clientexit log CLIENT add TEXT"
    )
    assert new.stderr == ""


def test_a_word_after_the_client_that_names_no_action_is_an_error_for_invoices(
    cli, examples_home
) -> None:
    before = _file(examples_home)
    for command in (["invoice", SLUG, "refund", "2026-045"], ["deliverable", SLUG, "finish"]):
        result = cli(*command)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"clientexit: error: No such command '{command[2]}'")
        assert result.stderr.count("\n") == 1
    assert _file(examples_home) == before


def test_options_may_come_anywhere_after_the_action(cli, examples_home: Path) -> None:
    result = cli("deliverable", SLUG, "add", "--due", "2026-12-18", "Handover notes", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["what"] == "Handover notes"


@pytest.mark.parametrize(
    ("noun", "actions"),
    [
        ("log", ["list", "add", "remove"]),
        ("deliverable", ["list", "add", "done", "remove"]),
        (
            "invoice",
            ["list", "add", "paid", "pay", "credit", "void", "correct", "unpaid", "remove"],
        ),
    ],
)
def test_help_shows_the_actions_and_examples_and_no_old_form(cli, noun, actions) -> None:
    shown = cli(noun, "--help")
    assert shown.exit_code == 0
    text = shown.stdout
    assert text.startswith(f"Usage: clientexit {noun} [OPTIONS] {{CLIENT}} COMMAND [ARGS]...")
    listed = re.findall(r"^  (\w+) ", text.split("Commands:")[1].split("Examples:")[0], re.M)
    assert listed == actions
    examples = text.split("Examples:")[1].strip().splitlines()
    assert all(line.strip().startswith(f"clientexit {noun} ") for line in examples)
    assert f"clientexit {noun} northwind-bakery list" in examples[0]
    assert "Leave out to list" not in text and "leave out to list" not in text


@pytest.mark.parametrize("noun", ["log", "deliverable", "invoice"])
def test_each_action_has_its_own_help_with_examples(cli, noun: str) -> None:
    from clientexit.cli import app

    group = app.registered_groups[[g.name for g in app.registered_groups].index(noun)]
    for command in group.typer_instance.registered_commands:
        for args in ([noun, SLUG, command.name, "--help"], [noun, command.name, "--help"]):
            shown = cli(*args)
            assert shown.exit_code == 0, shown.stderr
            assert shown.stdout.startswith(f"Usage: clientexit {noun} {{CLIENT}} {command.name} ")
            assert f"  clientexit {noun} northwind-bakery {command.name}" in shown.stdout
            assert shown.stderr == ""


def test_invoice_import_takes_no_client_and_is_not_an_action_after_one(cli, home: Path) -> None:
    shown = cli("invoice", "import", "--help")
    assert shown.stdout.startswith("Usage: clientexit invoice import [OPTIONS] {FILE}")
    assert "(invoice import FILE, no client)" in " ".join(cli("invoice", "--help").stdout.split())


def test_completion_offers_the_actions_after_a_client_and_clients_before(home: Path) -> None:
    """The real completion protocol (bash)."""
    (home / "clients").mkdir(parents=True)
    (home / "clients" / "acme-ltd.toml").write_text('name = "Acme Ltd"\n', encoding="utf-8")

    def offered(words: str) -> list[str]:
        return complete(home, words)

    assert offered("invoice ") == ["acme-ltd", "import"]
    assert offered("invoice acme-ltd ") == [
        "list", "add", "paid", "pay", "credit", "void", "correct", "unpaid", "remove",
    ]  # fmt: skip
    assert offered("log acme-ltd ") == ["list", "add", "remove"]
    assert offered("deliverable acme-ltd d") == ["done"]
    assert offered("log acm") == ["acme-ltd"]


@pytest.mark.parametrize("name", ["import", "Import", " IMPORT "])
def test_a_client_named_like_the_import_is_refused_saying_why(cli, home: Path, name: str) -> None:
    # `invoice import list` would run the import of a file called "list": no such client.
    result = cli("client", "add", name)
    assert result.exit_code == 2
    assert (
        f"A client cannot be called {name.strip()!r}: after `clientexit invoice`, 'import' "
        "means the import (clientexit invoice import FILE), so the client could never be named "
        "there."
    ) in result.stderr
    assert f'Give it a longer name, e.g. "{name.strip()} Ltd".' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "clients" / "import.toml").exists()
    added = cli("client", "add", f"{name.strip()} Ltd")
    assert added.exit_code == 0, added.stderr
    listed = cli("invoice", "import-ltd", "list")
    assert listed.exit_code == 0, listed.stderr


def test_every_word_a_client_group_routes_is_refused_as_a_slug() -> None:
    import clientexit.cli.deliverable_cmd
    import clientexit.cli.invoice_cmd
    import clientexit.cli.log_cmd  # noqa: F401 (their groups are subclasses once imported)
    from clientexit import names
    from clientexit.cli._grammar import ClientGroup

    def groups(cls: type[ClientGroup]) -> list[type[ClientGroup]]:
        return [cls, *(g for sub in cls.__subclasses__() for g in groups(sub))]

    routed = {word for group in groups(ClientGroup) for word in group.ROUTED}
    assert "import" in routed
    assert routed == set(names.COMMAND_WORDS)
