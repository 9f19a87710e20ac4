"""Removing a log entry or a deliverable entered by mistake, by its stable id (inc-..., del-...;
a deliverable also by its number): the entry leaves the record and is kept whole, with the time
and the reason, in [[corrections]], which the listings and `client show` mention."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
import tomlkit

from clientexit._errors import NotFoundError, UsageError
from clientexit.record import entry_changes, ids
from clientexit.record.model import Client

AT = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
FILE = """# Acme, by hand
name = "Acme Ltd"

[[incidents]]  # typed before ids existed
date = 2026-10-01
kind = "payment"
text = "Paid late again"

[[incidents]]
id = "inc-2b3c4d"
date = 2026-10-02
kind = "scope"
text = "Logged for the wrong client"

[[deliverables]]
id = "del-5f6g7h"
what = "Logo files"
"""


def test_a_log_entry_is_removed_by_its_id_and_kept_in_corrections() -> None:
    doc = tomlkit.parse(FILE)
    gone = entry_changes.remove(doc, "incidents", "inc-2b3c4d", "  wrong   client ", AT)
    assert gone.label == "2026-10-02 scope Logged for the wrong client"
    data = tomllib.loads(tomlkit.dumps(doc))
    assert [i["text"] for i in data["incidents"]] == ["Paid late again"]
    assert data["corrections"] == [
        {
            "at": AT,
            "incident": "inc-2b3c4d",
            "change": "removed",
            "old": {
                "id": "inc-2b3c4d",
                "date": dt.date(2026, 10, 2),
                "kind": "scope",
                "text": "Logged for the wrong client",
            },
            "reason": "wrong client",
        }
    ]
    assert "# typed before ids existed" in tomlkit.dumps(doc)  # the hand comments survive
    client = Client("acme", None, data)
    assert [r.id for r in entry_changes.removed(client, "incidents")] == ["inc-2b3c4d"]
    assert entry_changes.removed(client, "deliverables") == []


def test_an_entry_without_a_stored_id_is_named_by_the_id_listings_show() -> None:
    doc = tomlkit.parse(FILE)
    derived = ids.ids_of("incidents", doc["incidents"].unwrap())[0]
    gone = entry_changes.remove(doc, "incidents", derived, "duplicate", AT)
    assert gone.entry["text"] == "Paid late again"
    assert gone.entry["id"] == derived  # the trace names it as the listing did
    assert [i["id"] for i in doc["incidents"]] == ["inc-2b3c4d"]


def test_a_deliverable_by_id_or_number() -> None:
    doc = tomlkit.parse(FILE)
    assert entry_changes.remove(doc, "deliverables", "1", "not ours", AT).id == "del-5f6g7h"
    assert "deliverables" not in tomllib.loads(tomlkit.dumps(doc)) or not doc["deliverables"]
    trace = tomllib.loads(tomlkit.dumps(doc))["corrections"][0]
    assert (trace["deliverable"], trace["old"]["what"]) == ("del-5f6g7h", "Logo files")


@pytest.mark.parametrize(
    ("table", "which", "reason", "error", "words"),
    [
        ("incidents", "inc-zzzzzz", "typo", NotFoundError, "No log entry 'inc-zzzzzz'"),
        ("incidents", "1", "typo", NotFoundError, "inc-2b3c4d (2026-10-02 scope Logged"),
        ("deliverables", "2", "typo", NotFoundError, "del-5f6g7h (Logo files)"),
        ("incidents", "inc-2b3c4d", "  ", UsageError, "say why"),
        ("incidents", "inc-2b3c4d", "one\ntwo", UsageError, "one line"),
    ],
)
def test_what_cannot_be_removed_changes_nothing(table, which, reason, error, words) -> None:
    doc = tomlkit.parse(FILE)
    with pytest.raises(error) as caught:
        entry_changes.remove(doc, table, which, reason, AT)
    assert words in str(caught.value) + " " + str(getattr(caught.value, "hint", ""))
    assert tomlkit.dumps(doc) == FILE


def test_log_remove_from_the_command_line(cli, examples_home: Path) -> None:
    added = cli(
        "log", "fjord-coffee", "add", "Shouted at the designer", "--kind", "conduct", "--json"
    )
    entry_id = json.loads(added.stdout)["id"]
    assert entry_id in cli("log", "fjord-coffee", "list").stdout.split()  # the listing names it
    file = examples_home / "clients" / "fjord-coffee.toml"
    before = file.read_bytes()
    refused = cli("log", "fjord-coffee", "remove", entry_id)
    assert refused.exit_code == 2 and "--reason" in refused.stderr
    assert file.read_bytes() == before
    result = cli("log", "fjord-coffee", "remove", entry_id, "--reason", "wrong client")
    assert result.exit_code == 0, result.stderr
    assert (
        f"Fjord Coffee Roasters: log entry {entry_id} ({dt.date(2026, 11, 25)} conduct Shouted at "
        "the designer) removed; it is kept in the file's [[corrections]]." in result.stderr
    )
    assert json.loads(cli("log", "fjord-coffee", "list", "--json").stdout) == []
    data = tomllib.loads(file.read_text("utf-8"))
    assert data["corrections"][-1]["old"]["text"] == "Shouted at the designer"
    assert "1 entry removed by mistake is kept" in cli("log", "fjord-coffee", "list").stderr
    assert "corrections" in cli("client", "show", "fjord-coffee").stdout
    which = cli("log", "fjord-coffee", "remove")
    assert which.exit_code == 2
    assert which.stderr.startswith("clientexit: error: Missing argument 'ID'.")
    stray = cli("log", "fjord-coffee", "add", "Paid", "late")
    assert stray.exit_code == 2
    assert stray.stderr.startswith("clientexit: error: Got unexpected extra argument(s) (late)")
    missing = cli("log", "fjord-coffee", "remove", entry_id, "--reason", "again")
    assert missing.exit_code == 3 and f"No log entry '{entry_id}'" in missing.stderr


def test_deliverable_remove_from_the_command_line(cli, examples_home: Path) -> None:
    assert (
        cli("deliverable", "fjord-coffee", "add", "Winter page", "--due", "2026-12-18").exit_code
        == 0
    )
    listed = json.loads(cli("deliverable", "fjord-coffee", "list", "--json").stdout)["deliverables"]
    did = listed[0]["id"]
    result = cli(
        "deliverable", "fjord-coffee", "remove", did, "--reason", "was never agreed", "--json"
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["removed"]["id"], report["removed"]["what"]) == (did, "Winter page")
    assert (
        json.loads(cli("deliverable", "fjord-coffee", "list", "--json").stdout)["deliverables"]
        == []
    )
    letter = cli("letter", "fjord-coffee", "-t", "general", "--dry-run").stdout
    assert "Winter page" not in letter
