"""Values edited by hand in a client file are checked when it is read: a due date that is not a
date, an unknown status, incident kind or verdict is one line naming the file, the key and what
to write (exit 4), with the file unchanged; never a traceback or nonsense further on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit.record.incidents import KINDS

SLUG = "kestrel-analytics"
# (the text in the example file, what replaces it, the key named, the example to write)
EDITS = {
    "due": ("due = 2026-12-15", 'due = "next week"', 'due = "next week"', "due = 2026-12-15"),
    "status": ('status = "active"', 'status = "paused"', "status", 'status = "active"'),
    "kind": (
        'kind = "communication"',
        'kind = "rudeness"',
        'kind = "rudeness"',
        'kind = "scope"',
    ),
    "verdict": (
        'text = "Reverted the agreed chart library choice for the third time."',
        'text = "Reverted the agreed chart library choice for the third time."\n\n'
        '[[assessments]]\nat = 2026-11-20T10:00:00\nverdict = "fire them"',
        'verdict = "fire them"',
        'verdict = "repair"',
    ),
}


def _edit(home: Path, name: str) -> tuple[Path, bytes]:
    path = home / "clients" / f"{SLUG}.toml"
    old, new, _, _ = EDITS[name]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, path.read_bytes()


@pytest.mark.parametrize("name", EDITS)
@pytest.mark.parametrize(
    "command",
    [
        ("letter", SLUG, "-t", "general", "--no-cooldown"),
        ("client", "show", SLUG),
        ("handover", SLUG),
        ("log", SLUG, "add", "Another change of mind"),
        ("client", "set", SLUG, "rate=90"),
    ],
)
def test_a_bad_hand_edit_is_one_line_naming_file_key_and_fix(
    cli, examples_home: Path, name: str, command: tuple[str, ...]
) -> None:
    path, before = _edit(examples_home, name)
    result = cli(*command)
    assert result.exit_code == 4, (result.stdout, result.stderr)
    error = result.stderr.strip()
    assert "Traceback" not in error and "\n" not in error
    _, _, key, example = EDITS[name]
    assert error.startswith(f"clientexit: error: {path}: "), error
    assert key in error and f"Write it like {example}" in error
    assert "left the file unchanged" in error
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", EDITS)
def test_listing_skips_the_file_with_a_warning(cli, examples_home: Path, name: str) -> None:
    path, _ = _edit(examples_home, name)
    result = cli("clients")
    assert result.exit_code == 4
    assert f"clientexit: warning: skipped {path}: " in result.stderr
    assert "Northwind" in result.stdout  # the others are listed


def test_the_suggested_fix_goes_through(cli, examples_home: Path) -> None:
    _edit(examples_home, "status")
    assert "client set kestrel-analytics status=active" in cli("client", "show", SLUG).stderr
    assert cli("client", "set", SLUG, "status=active").exit_code == 0
    assert clients.load(Paths(examples_home), SLUG).status == "active"


@pytest.mark.parametrize(
    ("group", "entry"),
    [("deliverables", '"a report"'), ("incidents", "3"), ("assessments", '"keep"')],
)
def test_an_entry_that_is_not_a_table_is_named(examples_home: Path, group: str, entry: str) -> None:
    path = examples_home / "clients" / "broken.toml"
    path.write_text(f'schema_version = 1\nname = "Broken"\n{group} = [{entry}]\n', "utf-8")
    with pytest.raises(DataFileError) as caught:
        clients.load(Paths(examples_home), "broken")
    assert f"{path}: entry 1 of {group} is {entry}, not a table." in str(caught.value)


def test_well_formed_entries_pass(examples_home: Path) -> None:
    for record in clients.list_records(Paths(examples_home), include_archived=True):
        clients.check_record(record.path, record.data)  # every example stays readable
    path = examples_home / "clients" / "dated.toml"
    path.write_text(
        'schema_version = 1\nname = "Dated"\nstatus = "former"\n'
        '[[deliverables]]\nwhat = "No date yet"\n'
        "[[deliverables]]\ndue = 2026-12-01\n"
        '[[incidents]]\nkind = "values"\n[[incidents]]\ntext = "no kind: other"\n'
        '[[assessments]]\nverdict = "exit_now"\n',
        "utf-8",
    )
    assert clients.load(Paths(examples_home), "dated").status == "former"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.text(max_size=12).filter(lambda k: k not in KINDS))
def test_any_unknown_kind_is_refused(examples_home: Path, kind: str) -> None:
    import tomlkit

    path = examples_home / "clients" / "kinds.toml"
    doc = tomlkit.document()
    doc.update({"schema_version": 1, "name": "Kinds"})
    doc["incidents"] = tomlkit.aot()
    doc["incidents"].append(tomlkit.item({"kind": kind, "text": "x"}))
    path.write_text(tomlkit.dumps(doc), "utf-8")
    with pytest.raises(DataFileError, match="kind must be one of payment, scope"):
        clients.load(Paths(examples_home), "kinds")


def test_files_cached_by_an_older_check_are_checked_again(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit import _record_cache
    from clientexit.clients import load_book
    from clientexit.record import summary

    paths = Paths(examples_home)
    path, _ = _edit(examples_home, "due")
    with monkeypatch.context() as old:  # the previous clientexit: no check of due
        old.setattr(summary, "version", lambda: "older")
        old.setattr(clients, "check_record", lambda path, data, client=None: None)
        assert SLUG in {r.slug for r in load_book(paths)}
    assert os.path.exists(_record_cache.cache_file(examples_home))
    broken: list[DataFileError] = []
    listed = {r.slug for r in load_book(paths, broken=broken)}
    assert SLUG not in listed
    assert [str(path) in str(e) for e in broken] == [True]


def test_an_edit_that_leaves_a_bad_record_writes_nothing(cli, examples_home) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("rate = 95.0", 'rate = "95"'), encoding="utf-8"
    )
    assert 'rate = "95"' in path.read_text(encoding="utf-8")
    before = path.read_bytes()
    for args in (
        ["client", "set", "fjord-coffee", "notes=hello"],
        ["log", "fjord-coffee", "add", "Asked for a discount", "--kind", "payment"],
        [
            "invoice",
            "fjord-coffee",
            "add",
            "X-9",
            "100",
            "--issued",
            "2026-11-01",
            "--due",
            "2026-11-15",
        ],
    ):
        result = cli(*args)
        assert result.exit_code == 4, args
        assert "left the file unchanged" in result.stderr
        assert path.read_bytes() == before
    # The fix the message suggests goes through.
    assert cli("client", "set", "fjord-coffee", "rate=85.0").exit_code == 0
    assert json.loads(cli("client", "show", "fjord-coffee", "--json").stdout)["rate"] == 85.0
