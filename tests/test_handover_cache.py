"""The handovers under way, as listings read them, come from a derived cache per file and day:
the same rows as building every checklist, and any change (the file, the day, the profile) seen."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from clientexit._paths import Paths
from clientexit.clients import load_book
from clientexit.handover import due
from clientexit.reports import portfolio
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
PROFILE = as_profile({"currency": "EUR", "language": "en"})


def _end(home: Path, slug: str, end: str) -> Path:
    path = home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8").replace('status = "active"', 'status = "ending"')
    path.write_text(text + f"\n[lifecycle]\nend_date = {end}\n", encoding="utf-8")
    return path


@pytest.fixture
def book(examples_home: Path) -> Paths:
    _end(examples_home, "fjord-coffee", "2026-12-09")
    _end(examples_home, "northwind-bakery", "2026-12-18")
    return Paths(examples_home)


def _under_way(paths: Paths, day: dt.date = TODAY) -> list[str]:
    return sorted(s.slug for s in load_book(paths) if s.handover_under_way(day))


def _uncached(paths: Paths, day: dt.date = TODAY, weeks: int = 4) -> list[due.Due]:
    return due.due_across(load_book(paths), PROFILE, day, weeks)


def test_the_cached_rows_are_the_built_ones_and_the_second_run_builds_none(
    book: Paths, builds: list[str]
) -> None:
    cache = due.cache_file(book.home)
    first = due.due_across(load_book(book), PROFILE, TODAY, 8, cache)
    under_way = sorted(set(builds))
    assert under_way == _under_way(book)
    assert "fjord-coffee" in under_way and "northwind-bakery" in under_way
    assert cache.is_file()
    builds.clear()
    for weeks in (1, 4, 8, 52):
        again = due.due_across(load_book(book), PROFILE, TODAY, weeks, cache)
        assert again == _uncached(book, TODAY, weeks)
    assert again and first == due.due_across(load_book(book), PROFILE, TODAY, 8, cache)
    assert sorted(set(builds)) == under_way  # only by _uncached, never from the cache path
    assert any(d.overdue for d in _uncached(book, dt.date(2026, 12, 20), 52))


def test_the_clients_rows_read_the_same_counts_from_the_cache(
    book: Paths, builds: list[str]
) -> None:
    cache = due.cache_file(book.home)
    plain = portfolio.book_rows(load_book(book), PROFILE, TODAY)
    portfolio.book_rows(load_book(book), PROFILE, TODAY, cache=cache)
    builds.clear()
    cached = portfolio.book_rows(load_book(book), PROFILE, TODAY, cache=cache)
    assert builds == []
    assert cached == plain
    fjord = next(r for r in cached if r.slug == "fjord-coffee")
    assert fjord.open_items and fjord.next_due is not None


def test_an_edited_file_another_day_or_profile_is_seen(book: Paths, builds: list[str]) -> None:
    cache = due.cache_file(book.home)
    due.due_across(load_book(book), PROFILE, TODAY, 4, cache)
    builds.clear()

    path = book.clients / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n[handover.items.deliverables-gather]\ndone = 2026-11-20\n",
        encoding="utf-8",
    )
    edited = due.due_across(load_book(book), PROFILE, TODAY, 52, cache)
    assert builds == ["fjord-coffee"]
    assert "deliverables-gather" not in {d.id for d in edited if d.slug == "fjord-coffee"}
    assert edited == _uncached(book, TODAY, 52)

    # Another day builds only the checklists whose plan does not hold that day
    # (tests/test_handover_days.py); the answer is the day's all the same.
    builds.clear()
    tomorrow = TODAY + dt.timedelta(days=1)
    next_day = due.due_across(load_book(book), PROFILE, tomorrow, 4, cache)
    assert set(builds) <= set(_under_way(book, tomorrow))
    assert next_day == _uncached(book, tomorrow, 4)
    builds.clear()
    assert due.due_across(load_book(book), PROFILE, tomorrow, 4, cache) == next_day
    assert builds == []
    builds.clear()
    other = as_profile({**PROFILE.data, "language": "cs"})
    in_czech = due.due_across(load_book(book), other, tomorrow, 4, cache)
    assert sorted(builds) == _under_way(book, tomorrow)
    assert in_czech == due.due_across(load_book(book), other, tomorrow, 4)


def test_a_damaged_or_unwritable_cache_only_costs_time(book: Paths, builds: list[str]) -> None:
    cache = due.cache_file(book.home)
    expected = _uncached(book)
    for garbage in ("{", "[]", '{"context": 1, "files": []}'):
        cache.write_text(garbage, encoding="utf-8")
        assert due.due_across(load_book(book), PROFILE, TODAY, 4, cache) == expected
    # One line per client file after the header (_jsonl_cache): each value damaged.
    header, *lines = cache.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert entries
    for entry in entries:
        entry[5] = ["not", "an", "overview", "entry"]
    cache.write_text("\n".join([header, *map(json.dumps, entries)]) + "\n", encoding="utf-8")
    builds.clear()
    assert due.due_across(load_book(book), PROFILE, TODAY, 4, cache) == expected
    assert sorted(builds) == _under_way(book)
    if os.geteuid() != 0:  # root writes anywhere
        cache.unlink()
        cache.parent.chmod(0o500)
        try:
            assert due.due_across(load_book(book), PROFILE, TODAY, 4, cache) == expected
        finally:
            cache.parent.chmod(0o700)


def test_followup_and_clients_keep_it_in_the_data_folder_cache(cli, book: Paths) -> None:
    first = cli("followup", "--json")
    assert first.exit_code == 0, first.stderr
    assert due.cache_file(book.home).is_file()
    again = cli("followup", "--json")
    assert again.stdout == first.stdout
    slugs = {row["client"] for row in json.loads(again.stdout)}
    assert {"fjord-coffee", "northwind-bakery"} <= slugs
    listed = json.loads(cli("clients", "--json").stdout)
    assert next(r for r in listed if r["client"] == "fjord-coffee")["open_items"]
