"""followup's index kept across days (app/followup_index.py, app/followup.py ``span``): on every
day of a season, over realistic records, the rows read from the index are the rows worked out
that day without any cache; and a new day reads again only the files whose span ended."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from benchmark_helpers import load_benchmark
from clientexit import clients
from clientexit._paths import Paths
from clientexit.app import followup, followup_index
from clientexit.collect import ladder
from clientexit.collect.ladder_file import source
from clientexit.handover import due
from day_helpers import season
from record_helpers import profile as as_profile

PROFILE = as_profile({"currency": "EUR", "language": "en"})
WEEKS = 3


def _client(name: str, status: str, body: str) -> str:
    return (
        f'schema_version = 1\nname = "{name}"\nstatus = "{status}"\ncurrency = "EUR"\n'
        'engagement = "ongoing"\nlanguage = "en"\nnotice_days = 30\n' + body
    )


def _invoice(number: str, issued: dt.date, due_on: dt.date) -> str:
    return (
        f'\n[[invoices]]\nnumber = "{number}"\namount = 900.0\nissued = {issued}\ndue = {due_on}\n'
    )


def _book(home: Path, count: int) -> dt.date:
    """``count`` realistic client files (benchmarks/book_scale.py: overdue invoices, reminders
    sent, disputes and promises with until dates, one in ten with a handover under way) and the
    cases it has none of, each dated within the season: an end date to come for a client whose
    handover has not started, a payment incident logged later (the courtesy stage skipped from
    then on), a promise whose pause starts later, an invoice falling due later, and a former
    client whose handover stops concerning it, a handover under way with no end recorded.
    Returns the generator's today."""
    book_scale = load_benchmark("book_scale")
    rng = random.Random(21)
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = book_scale.realistic_text(n * 3, rng)
        (folder / f"client-{n:05d}-ltd.toml").write_text(text, encoding="utf-8")
    today: dt.date = book_scale.TODAY
    day = today.__add__
    ended = '\n[lifecycle]\nended_by = "me"\nreason_category = "scope"\nend_date = '

    def days(n: int) -> dt.timedelta:
        return dt.timedelta(days=n)

    ends = _client("Ends Ltd", "active", _invoice("E-1", today - days(60), today - days(30)))
    ends += f"{ended}{day(days(20))}\n"
    (folder / "client-ends-ltd.toml").write_text(ends, encoding="utf-8")
    logged = _client("Logged Ltd", "active", _invoice("L-1", today - days(30), today - days(1)))
    logged += f'\n[[incidents]]\ndate = {day(days(1))}\nkind = "payment"\ntext = "Late again."\n'
    (folder / "client-logged-ltd.toml").write_text(logged, encoding="utf-8")
    promise = _client("Promise Ltd", "active", _invoice("P-1", today - days(50), today - days(20)))
    promise += (
        f'\n[[incidents]]\ndate = {day(days(5))}\nkind = "promise"\ntext = "Pays soon."\n'
        f'invoice = "P-1"\nuntil = {day(days(12))}\n'
    )
    (folder / "client-promise-ltd.toml").write_text(promise, encoding="utf-8")
    later = _client("Later Ltd", "active", _invoice("D-1", today - days(10), today + days(9)))
    (folder / "client-later-ltd.toml").write_text(later, encoding="utf-8")
    former = _client("Former Ltd", "former", _invoice("F-1", today - days(120), today - days(90)))
    former += f"{ended}{day(-days(85))}\n"
    (folder / "client-former-ltd.toml").write_text(former, encoding="utf-8")
    # A handover under way with no end recorded: its plan is dated from today, every day.
    no_end = _client("No End Ltd", "ending", _invoice("N-1", today - days(40), today + days(3)))
    (folder / "client-no-end-ltd.toml").write_text(no_end, encoding="utf-8")
    return today


def _fresh(paths: Paths, day: dt.date) -> list[due.Due]:
    """followup's rows as of ``day`` worked out without any cache: each client's whole record
    read, its checklist built that day, its ladder's standing."""
    from clientexit.handover.checklist import build

    steps = ladder.load(paths)
    until = day + dt.timedelta(weeks=WEEKS)
    rows: list[due.Due] = []
    for path in sorted(paths.clients.glob("*.toml")):
        record = clients.load(paths, path.stem)
        if record.archived:
            continue
        if record.handover_under_way(day):
            rows += due.due_for(build(record, PROFILE, day, "en"), record.slug, until)
        rows += followup._owed(steps, [record], day, WEEKS, PROFILE)
    return followup._sorted(rows)


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The clients whose rows are worked out (to be stored in the index) rather than read
    from it."""
    found: list[str] = []
    real = followup._store

    def counting(index, read, *args, **kwargs):  # type: ignore[no-untyped-def]
        found.extend(summary.slug for summary, _ in read)
        return real(index, read, *args, **kwargs)

    monkeypatch.setattr(followup, "_store", counting)
    return found


@pytest.mark.parametrize(("count", "step"), [(40, 2), pytest.param(120, 1, marks=pytest.mark.slow)])
def test_every_day_the_index_answers_as_the_records_do(
    home: Path, count: int, step: int, stored: list[str]
) -> None:
    paths = Paths(home)
    today = _book(home, count)
    files = count + 6
    kept = 0
    for day in season(today, step):
        stored.clear()
        answer = followup.across_book(paths, PROFILE, day, WEEKS)
        kept += files - len(stored)
        assert answer == _fresh(paths, day), day
    # The entries do hold across days: most days, most files are not worked out again.
    assert kept > files * len(season(today, step)) // 2


def test_a_new_day_reads_again_only_the_files_whose_span_ended(
    home: Path, stored: list[str]
) -> None:
    paths = Paths(home)
    today = _book(home, 40)
    followup.across_book(paths, PROFILE, today, WEEKS)
    index = followup_index.read(
        followup_index.cache_file(home), followup._context(PROFILE, source(paths))
    )
    tomorrow = (today + dt.timedelta(days=1)).toordinal()
    ended = sorted(slug for slug, entry in index.files.items() if entry[5] < tomorrow)
    assert "client-logged-ltd" in ended  # its payment incident is logged the day after
    assert "client-promise-ltd" not in ended and len(ended) < len(index.files) // 5
    stored.clear()
    answer = followup.across_book(paths, PROFILE, today + dt.timedelta(days=1), WEEKS)
    assert sorted(stored) == ended
    assert answer == _fresh(paths, today + dt.timedelta(days=1))
