"""The clients listing keeps each client's row and reminder standing for the day: the same as
working them out, and any change (the file, the day, the profile, the ladder) seen."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from clientexit._paths import Paths
from clientexit.clients import load_book
from clientexit.collect import ladder
from clientexit.record.model import Profile
from clientexit.reports import portfolio
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
PROFILE = as_profile({"currency": "EUR", "language": "en"})


@pytest.fixture
def worked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The clients whose row is worked out (not read from the cache)."""
    done: list[str] = []
    real = portfolio.row_of

    def counting(client, *args, **kwargs):  # type: ignore[no-untyped-def]
        done.append(client.slug)
        return real(client, *args, **kwargs)

    monkeypatch.setattr(portfolio, "row_of", counting)
    return done


def _expected(paths: Paths, day: dt.date = TODAY, profile: Profile | None = None) -> list:
    """Rows and standings worked out without any cache."""
    every = load_book(paths)
    steps = ladder.load(paths)
    rows = portfolio.book_rows(every, profile or PROFILE, day)
    standings = {s.slug: s for s in (ladder.standing(steps, c, day) for c in every) if s}
    found = []
    for row in rows:
        where = standings.get(row.slug)
        found.append((row, replace(where, position=None) if where else None))
    return found


def _listed(paths: Paths, day: dt.date = TODAY, profile: Profile | None = None, **kw) -> list:
    every = load_book(paths)
    return portfolio.listing(
        every, profile or PROFILE, day, ladder.load(paths), home=paths.home, **kw
    )


def test_a_book_read_anew_works_each_row_out_as_its_file_is_read(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """clients over a book with no cache yet works a row out while the file's summary is in
    hand (load_book(made=)) and keeps no summary beside the rows: the same rows and standings
    as worked out from the summaries, and the caches it leaves give them again."""
    from clientexit import clients

    paths = Paths(examples_home)
    steps = ladder.load(paths)
    handed: list[int] = []
    real = clients.load_book

    def loading(*args, **kwargs):  # type: ignore[no-untyped-def]
        book = real(*args, **kwargs)
        handed.append(len(book))
        return book

    monkeypatch.setattr(clients, "load_book", loading)
    first = portfolio.book_listing(paths, PROFILE, TODAY, steps)
    assert handed == [0]  # every summary was taken as it was made
    assert first == _expected(paths)
    assert any(row.open_items for row, _ in first)  # handovers under way among them
    assert portfolio.book_listing(paths, PROFILE, TODAY, steps) == first  # from the caches
    (examples_home / ".cache" / "rows.jsonl").unlink()
    handed.clear()
    assert portfolio.book_listing(paths, PROFILE, TODAY, steps) == first  # from the summaries
    assert handed == [len(load_book(paths, include_archived=True))]


def test_the_cached_rows_are_the_worked_out_ones(examples_home: Path, worked: list[str]) -> None:
    paths = Paths(examples_home)
    first = _listed(paths)
    assert portfolio.rows_cache(examples_home).is_file()
    assert len(worked) == len(first) == len(load_book(paths))
    worked.clear()
    again = _listed(paths)
    assert worked == []
    assert again == first == _expected(paths)
    assert any(where is not None for _, where in again)  # the examples owe money
    assert any(row.open_items for row, _ in again)  # and have handovers under way
    wanted = first[-1][0].status
    worked.clear()
    some = _listed(paths, status=wanted)
    assert some and all(row.status == wanted for row, _ in some)
    assert len(some) < len(first)
    assert worked == []


def test_an_edited_file_another_day_profile_or_ladder_is_worked_out_again(
    examples_home: Path, worked: list[str]
) -> None:
    paths = Paths(examples_home)
    everyone = len(_listed(paths))
    worked.clear()

    path = paths.clients / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'name = "Fjord Coffee Roasters"', 'name = "Fjord Kaffe"'
        ),
        encoding="utf-8",
    )
    edited = _listed(paths)
    assert worked == ["fjord-coffee"]
    assert "Fjord Kaffe" in {row.name for row, _ in edited}
    assert edited == _expected(paths)

    for change in (
        {"day": TODAY + dt.timedelta(days=1)},
        {"profile": as_profile({**PROFILE.data, "currency": "CZK"})},
    ):
        worked.clear()
        listed = _listed(paths, **change)
        assert len(worked) == everyone, change
        assert listed == _expected(paths, **change)

    _listed(paths)
    worked.clear()
    own = paths.home / ladder.FILE_NAME
    builtin = ladder.load(paths).source.read_text(encoding="utf-8")
    own.write_text(builtin.replace("min_gap_days = 7", "min_gap_days = 8"), encoding="utf-8")
    assert "min_gap_days = 8" in own.read_text(encoding="utf-8")
    listed = _listed(paths)
    assert len(worked) == everyone
    assert listed == _expected(paths)


def test_a_damaged_cache_only_costs_time(examples_home: Path, worked: list[str]) -> None:
    paths = Paths(examples_home)
    expected = _expected(paths)
    cache = portfolio.rows_cache(examples_home)
    _listed(paths)
    header, *lines = cache.read_text(encoding="utf-8").splitlines()
    for garbage in ("{", "[]", '{"context": 1, "files": []}', f"{header}\n[1, 2]\n{{"):
        cache.write_text(garbage, encoding="utf-8")
        assert _listed(paths) == expected
    entries = [json.loads(line) for line in lines]
    assert len(entries) == len(expected)
    for entry in entries:
        entry[5] = [["a row", "of another shape"], None]
    cache.write_text("\n".join([header, *map(json.dumps, entries)]) + "\n", encoding="utf-8")
    worked.clear()
    assert _listed(paths) == expected
    assert len(worked) == len(expected)


def test_clients_prints_the_same_from_the_cache(cli, examples_home: Path) -> None:
    first = cli("clients", "--json")
    assert first.exit_code == 0, first.stderr
    assert portfolio.rows_cache(examples_home).is_file()
    again = cli("clients", "--json")
    assert again.stdout == first.stdout
    table = cli("clients")
    assert table.stdout == cli("clients").stdout
    rows = json.loads(again.stdout)
    assert any(row["reminder"] for row in rows)


def test_a_warm_listing_reads_no_summary(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While every file's row is cached for the day, `clients` only looks at the files."""
    from clientexit import clients

    first = cli("clients", "--json")
    read: list[bool] = []
    real = clients.load_book

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(clients, "load_book", counting)
    assert cli("clients", "--json").stdout == first.stdout
    assert read == []
    path = examples_home / "clients" / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'name = "Fjord Coffee Roasters"', 'name = "Fjord Kaffe"'
        ),
        encoding="utf-8",
    )
    edited = json.loads(cli("clients", "--json").stdout)
    assert read == [True]
    assert "Fjord Kaffe" in {row["name"] for row in edited}


def test_archived_added_and_removed_clients_from_the_cached_rows(cli, examples_home: Path) -> None:
    def listed() -> set[str]:
        result = cli("clients", "--json")
        assert result.exit_code == 0, result.stderr
        return {row["client"] for row in json.loads(result.stdout)}

    everyone = listed()
    assert "fjord-coffee" in everyone
    assert cli("client", "archive", "fjord-coffee").exit_code == 0
    for _ in range(2):  # worked out, then from the cache: still left out
        assert listed() == everyone - {"fjord-coffee"}
    assert cli("client", "archive", "fjord-coffee", "--undo").exit_code == 0
    assert listed() == everyone
    (examples_home / "clients" / "fjord-coffee.toml").unlink()
    assert listed() == everyone - {"fjord-coffee"}
    assert cli("client", "add", "Newcomer Ltd").exit_code == 0
    assert listed() == (everyone - {"fjord-coffee"}) | {"newcomer-ltd"}


def test_a_file_broken_after_its_row_was_cached_is_reported_every_time(
    cli, examples_home: Path
) -> None:
    assert cli("clients", "--json").exit_code == 0
    path = examples_home / "clients" / "fjord-coffee.toml"
    path.write_text("name = 'broken\n", encoding="utf-8")
    for _ in range(2):
        result = cli("clients", "--json")
        assert result.exit_code == 4
        assert "fjord-coffee.toml" in result.stderr
        assert "fjord-coffee" not in {row["client"] for row in json.loads(result.stdout)}


def _client_reads(patch: pytest.MonkeyPatch) -> list[str]:
    """The names of the client files read (parsed) while ``patch`` holds, in order."""
    from clientexit import _record_cache, _store

    read: list[str] = []
    real = _store.read_toml

    def counting(path: Path) -> dict:
        if path.parent.name == "clients":
            read.append(path.name)
        return real(path)

    patch.setattr(_store, "read_toml", counting)
    patch.setattr(_record_cache, "read_toml", counting)
    return read


def test_a_first_listing_reads_each_client_file_once(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checklists of the handovers under way are built from the read that summarized
    them (handover.due.taken): their files are not read again."""
    read = _client_reads(monkeypatch)
    rows = json.loads(cli("clients", "--json").stdout)
    assert any(row["open_items"] is not None for row in rows)  # a handover under way
    assert sorted(read) == sorted(p.name for p in (examples_home / "clients").glob("*.toml"))


def test_a_first_followup_reads_each_client_file_once(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """followup's first run reads the book as clients does: a handover's checklist is built
    from the read that summarized it, and gives the rows a run without it gives."""
    with monkeypatch.context() as patched:
        read = _client_reads(patched)
        first = cli("followup", "--json")
    assert first.exit_code == 0, first.stderr
    assert any(row["kind"] == "item" for row in json.loads(first.stdout))
    assert sorted(read) == sorted(p.name for p in (examples_home / "clients").glob("*.toml"))
    shutil.rmtree(examples_home / ".cache")
    from clientexit.handover import due

    # Built from each summary's record instead (read again): the same rows.
    monkeypatch.setattr(due, "taken", lambda profile, today: (lambda client: None, {}))
    assert cli("followup", "--json").stdout == first.stdout


def test_rows_cached_under_older_checks_are_worked_out_again(
    examples_home: Path, worked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row from the cache stands for a file that passed the checks: code that checks (or
    summarizes) differently works every row out again, whatever the day's cache holds."""
    from clientexit.record import summary

    paths = Paths(examples_home)
    with monkeypatch.context() as old:
        old.setattr(summary, "version", lambda: "older")
        everyone = len(_listed(paths))
    worked.clear()
    listed = _listed(paths)
    assert len(worked) == everyone
    assert listed == _expected(paths)
