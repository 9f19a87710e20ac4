"""followup over the book reads its rows from a per-file index kept across days
(app/followup_index.py): the same rows as working every client out, a warm run that reads no
summary, and every change (a hand edit, a file gone, the day, the profile, the ladder) seen on
the next run."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from clientexit import clients
from clientexit._paths import Paths
from clientexit.app import followup, followup_index
from clientexit.collect import ladder
from clientexit.handover import due
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
PROFILE = as_profile({"currency": "EUR", "language": "en"})


def _append(paths: Paths, slug: str, text: str) -> Path:
    path = paths.clients / f"{slug}.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


@pytest.fixture
def book(examples_home: Path) -> Paths:
    paths = Paths(examples_home)
    path = _append(paths, "fjord-coffee", "\n[lifecycle]\nend_date = 2026-12-09\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status = "active"', 'status = "ending"'), encoding="utf-8")
    return paths


def worked_out(paths: Paths, day: dt.date, weeks: int, profile=PROFILE) -> list[due.Due]:  # type: ignore[no-untyped-def]
    """The rows as followup worked them out before the index: every summary read, the handover
    checklists built, the ladder's standing of every client that owes money."""
    every = clients.load_book(paths)
    found = due.due_across(every, profile, day, weeks)
    steps = ladder.load(paths)
    for summary in every:
        if summary.totals(day).overdue_count:
            standing = ladder.standing(steps, summary, day)
            found += followup.ladder_rows(standing, day, weeks, profile)
    return sorted(found, key=lambda d: (d.date, d.client.casefold(), d.kind, d.id))


@pytest.fixture
def no_summaries(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make reading the book's summaries fail: what a warm run must not need."""

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the book's summaries were read")

    def apply() -> None:
        monkeypatch.setattr(clients, "load_book", refuse)

    return apply


def test_the_index_gives_the_worked_out_rows_and_a_warm_run_reads_no_summary(
    book: Paths, no_summaries
) -> None:  # type: ignore[no-untyped-def]
    expected = {weeks: worked_out(book, TODAY, weeks) for weeks in (1, 4, 52)}
    kinds = {d.kind for d in expected[52]}
    assert {"item", "key_date", "reminder"} <= kinds
    assert len(expected[1]) < len(expected[4]) < len(expected[52])
    assert followup.across_book(book, PROFILE, TODAY, 4) == expected[4]
    assert followup_index.cache_file(book.home).is_file()
    no_summaries()
    for weeks, rows in expected.items():
        assert followup.across_book(book, PROFILE, TODAY, weeks) == rows


def test_a_hand_edit_shows_on_the_next_run(book: Paths, no_summaries) -> None:  # type: ignore[no-untyped-def]
    followup.across_book(book, PROFILE, TODAY, 8)
    before = followup.across_book(book, PROFILE, TODAY, 8)
    assert "kestrel-analytics" not in {d.slug for d in before}

    path = _append(
        book,
        "kestrel-analytics",
        '\n[[invoices]]\nnumber = "K-99"\namount = 900.0\nissued = 2026-09-01\ndue = 2026-10-01\n',
    )
    owed = followup.across_book(book, PROFILE, TODAY, 8)
    assert owed == worked_out(book, TODAY, 8)
    assert [d.kind for d in owed if d.slug == "kestrel-analytics"] == ["reminder"]

    # A promise to pay: the same bytes' length and the old mtime (cp -p, some editors) still
    # count as a change (the ctime and the inode).
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    promise = (
        '\n[[incidents]]\ndate = 2026-11-20\nkind = "promise"\ntext = "Pays on the 30th."\n'
        'invoice = "K-99"\nuntil = 2026-11-30\n'
    )
    path.unlink()
    path.write_text(text + promise, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    paused = followup.across_book(book, PROFILE, TODAY, 8)
    assert paused == worked_out(book, TODAY, 8)
    rows = {d.kind: d for d in paused if d.slug == "kestrel-analytics"}
    assert rows["pause"].text.startswith("Invoice K-99 is paused until 30 November 2026")

    (book.clients / "halvorsen-freight.toml").unlink()
    gone = followup.across_book(book, PROFILE, TODAY, 8)
    assert "halvorsen-freight" not in {d.slug for d in gone}
    assert "halvorsen-freight" in {d.slug for d in before}
    no_summaries()
    assert followup.across_book(book, PROFILE, TODAY, 8) == gone
    stored = json.loads(followup_index.cache_file(book.home).read_text(encoding="utf-8"))
    assert "halvorsen-freight" not in stored["files"]


def test_a_pause_shows_while_it_lasts_beyond_the_horizon(book: Paths) -> None:
    _append(
        book,
        "ashgrove-print",
        '\n[[incidents]]\ndate = 2026-11-20\nkind = "dispute"\ntext = "Disputes the total."\n'
        f'invoice = "{_first_overdue(book, "ashgrove-print")}"\nuntil = 2027-03-01\n',
    )
    followup.across_book(book, PROFILE, TODAY, 1)
    again = followup.across_book(book, PROFILE, TODAY, 1)
    assert again == worked_out(book, TODAY, 1)
    assert [d.date for d in again if d.kind == "pause"] == [dt.date(2027, 3, 1)]


def _first_overdue(paths: Paths, slug: str) -> str:
    return clients.load(paths, slug).overdue(TODAY)[0].number


def test_another_day_profile_or_ladder_works_the_rows_out_again(book: Paths) -> None:
    followup.across_book(book, PROFILE, TODAY, 4)
    later = TODAY + dt.timedelta(days=20)
    assert worked_out(book, later, 4) != worked_out(book, TODAY, 4)
    assert followup.across_book(book, PROFILE, later, 4) == worked_out(book, later, 4)

    _append(
        book,
        "kestrel-analytics",
        '\n[[invoices]]\nnumber = "K-99"\namount = 900.0\nissued = 2026-09-01\n'
        'due = 2026-10-01\n\n[[incidents]]\ndate = 2026-11-20\nkind = "promise"\n'
        'text = "Pays soon."\ninvoice = "K-99"\nuntil = 2026-11-30\n',
    )
    followup.across_book(book, PROFILE, TODAY, 4)
    us = as_profile({**PROFILE.data, "country": "US"})
    in_us_style = followup.across_book(book, us, TODAY, 4)
    assert in_us_style == worked_out(book, TODAY, 4, us)
    pause = next(d for d in in_us_style if d.kind == "pause")
    assert "paused until November 30, 2026" in pause.text

    builtin = followup.across_book(book, PROFILE, TODAY, 4)
    own = ladder.location(book)
    own.write_text(_slower_ladder(), encoding="utf-8")
    assert ladder.load(book).source == own
    slower = followup.across_book(book, PROFILE, TODAY, 4)
    assert slower == worked_out(book, TODAY, 4)
    assert slower != builtin


def _slower_ladder() -> str:
    """The built-in ladder with every stage's wait a month longer."""
    import re

    from clientexit._resources import templates_dir

    text = (templates_dir() / "collect" / ladder.FILE_NAME).read_text(encoding="utf-8")
    return re.sub(r"(?m)^(\s*after_days\s*=\s*)(\d+)", lambda m: f"{m[1]}{int(m[2]) + 30}", text)


def test_a_damaged_index_only_costs_time(book: Paths) -> None:
    expected = worked_out(book, TODAY, 4)
    where = followup_index.cache_file(book.home)
    for garbage in ("{", "[]", '{"context": 1, "files": []}', '{"texts": 3}'):
        where.parent.mkdir(exist_ok=True)
        where.write_text(garbage, encoding="utf-8")
        assert followup.across_book(book, PROFILE, TODAY, 4) == expected
    stored = json.loads(where.read_text(encoding="utf-8"))
    for damage in ([1, 2, 3], ["x"] * 6, [10**9, 0, 0, 0, 1, 0]):
        for entry in stored["files"].values():
            entry[4] = damage
        where.write_text(json.dumps(stored), encoding="utf-8")
        assert followup.across_book(book, PROFILE, TODAY, 4) == expected


def test_a_broken_file_is_named_on_every_run(cli, book: Paths) -> None:  # type: ignore[no-untyped-def]
    (book.clients / "broken-one.toml").write_text('name = "Broken\n', encoding="utf-8")
    for _ in range(2):
        result = cli("followup", "--json")
        assert result.exit_code == 4
        assert "broken-one.toml" in result.stderr
        assert {r["client"] for r in json.loads(result.stdout)} >= {"fjord-coffee"}


def test_a_few_changed_files_are_read_alone(book: Paths, no_summaries) -> None:  # type: ignore[no-untyped-def]
    # One file changed in a book of a dozen: followup reads that file, not the book's
    # summaries, and gives the rows of the full read.
    followup.across_book(book, PROFILE, TODAY, 8)
    path = book.clients / "fjord-coffee.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[handover.items.deliverables-gather]\n"
        "done = 2026-11-20\n",
        encoding="utf-8",
    )
    expected = worked_out(book, TODAY, 8)
    assert "deliverables-gather" not in {d.id for d in expected if d.slug == "fjord-coffee"}
    no_summaries()
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected


def test_a_ladder_broken_by_hand_is_named_although_the_index_answers(book: Paths) -> None:
    from clientexit._errors import DataFileError

    followup.across_book(book, PROFILE, TODAY, 4)
    own = ladder.location(book)
    own.write_text(_slower_ladder() + "\n[oops]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"ladder\.toml"):
        followup.across_book(book, PROFILE, TODAY, 4)
    with pytest.raises(DataFileError, match=r"ladder\.toml"):
        followup.across_book(book, PROFILE, TODAY, 4)


# What only working the rows out again needs: a run the index answers imports none of them
# (each costs start-up, benchmarks/startup.py).
NOT_FOR_A_WARM_RUN = (
    "clientexit.collect.ladder",
    "clientexit.handover.checklist",
    "clientexit.handover.situation",
    "clientexit.handover.template",
    "clientexit.workdays",
)


@pytest.mark.slow
def test_a_run_the_index_answers_imports_neither_ladder_nor_checklist(book: Paths) -> None:
    import subprocess
    import sys

    code = (
        "import json, sys\nfrom clientexit.cli import run\n"
        "try:\n    run(['followup', '--json'])\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write(json.dumps(sorted(set(json.loads(sys.argv[1])) & set(sys.modules))))\n"
    )
    seen, outputs = [], []
    for _ in range(2):  # the first run writes the index; the second reads it
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps(NOT_FOR_A_WARM_RUN)],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
        seen.append(json.loads(out.stderr.strip().splitlines()[-1]))
        outputs.append(out.stdout)
    assert seen == [sorted(NOT_FOR_A_WARM_RUN), []]
    assert outputs[0] == outputs[1]
    assert "fjord-coffee" in outputs[1]


def _tick(paths: Paths, slug: str, item: str) -> None:
    _append(paths, slug, f"\n[handover.items.{item}]\ndone = 2026-11-20\n")


def test_a_changed_file_whose_overview_the_listing_just_made_is_not_built_again(
    book: Paths, builds: list[str]
) -> None:
    # startup.py's sequence: a command changes a file, `clients` lists the book (and keeps the
    # handover's overview of the new file in handovers.json), then followup runs.
    followup.across_book(book, PROFILE, TODAY, 8)
    _tick(book, "fjord-coffee", "deliverables-gather")
    due.overviews(clients.load_book(book), PROFILE, TODAY, due.cache_file(book.home))
    listed = due.cache_file(book.home).read_bytes()
    expected = worked_out(book, TODAY, 8)
    builds.clear()
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected
    assert builds == []
    # followup only looks the listing's cache up: it stays as the listing wrote it.
    assert due.cache_file(book.home).read_bytes() == listed

    # Changed again with no listing since: the cache does not hold this file, so it is built.
    _tick(book, "fjord-coffee", "contract-terms")
    expected = worked_out(book, TODAY, 8)
    builds.clear()
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected
    assert builds == ["fjord-coffee"]


def test_a_few_changed_files_go_to_the_delta_not_a_new_index(
    book: Paths, no_summaries, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    followup.across_book(book, PROFILE, TODAY, 8)
    where = followup_index.cache_file(book.home)
    delta = followup_index.delta_file(where)
    index_before = (where.read_bytes(), where.stat().st_ino, where.stat().st_mtime_ns)
    assert not delta.exists()

    _append(
        book,
        "kestrel-analytics",
        '\n[[invoices]]\nnumber = "K-99"\namount = 900.0\nissued = 2026-09-01\ndue = 2026-10-01\n',
    )
    expected = worked_out(book, TODAY, 8)
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected
    assert (where.read_bytes(), where.stat().st_ino, where.stat().st_mtime_ns) == index_before
    lines = delta.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)[1] for line in lines] == ["kestrel-analytics"]

    # The next run reads the index and its delta, and works nothing out again.
    no_summaries()

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a file was read again")

    monkeypatch.setattr(followup, "_read_changed", refuse)
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected
    # A torn line (a crash mid-append) and a line of another day are left out.
    with delta.open("a", encoding="utf-8") as handle:
        handle.write('["' + "0" * 16 + '","kestrel-analytics",1,2,3,4,0]\n["abc", 3\n')
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected


def test_a_delta_past_its_limit_is_folded_into_the_index(
    book: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    followup.across_book(book, PROFILE, TODAY, 8)
    where = followup_index.cache_file(book.home)
    _tick(book, "fjord-coffee", "deliverables-gather")
    followup.across_book(book, PROFILE, TODAY, 8)
    assert followup_index.delta_file(where).is_file()

    monkeypatch.setattr(followup_index, "_DELTA_LIMIT", 0)
    _tick(book, "fjord-coffee", "contract-terms")
    expected = worked_out(book, TODAY, 8)
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected
    assert not followup_index.delta_file(where).exists()
    stored = json.loads(where.read_text(encoding="utf-8"))
    identity = followup_index.scan(book.clients)
    assert stored["files"]["fjord-coffee"][:4] == dict(identity)["fjord-coffee"]
    assert followup.across_book(book, PROFILE, TODAY, 8) == expected


def test_a_delta_that_is_a_link_is_never_written_through(book: Paths, tmp_path: Path) -> None:
    followup.across_book(book, PROFILE, TODAY, 8)
    where = followup_index.cache_file(book.home)
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n", encoding="utf-8")
    followup_index.delta_file(where).symlink_to(outside)
    _tick(book, "fjord-coffee", "deliverables-gather")
    assert followup.across_book(book, PROFILE, TODAY, 8) == worked_out(book, TODAY, 8)
    assert outside.read_text(encoding="utf-8") == "mine\n"


def test_the_ladder_stands_a_record_and_its_summary_alike(book: Paths) -> None:
    """The ladder reads one shape (ladder_incidents, letters, overdue) from a Client or the
    Summary the book caches: the same standing for every example that owes money."""
    from clientexit.record.summary import Summary

    steps = ladder.load(book)
    owing = [c for c in clients.list_records(book) if c.overdue(TODAY)]
    assert owing
    for record in owing:
        assert ladder.standing(steps, record, TODAY) == ladder.standing(
            steps, Summary.of(record), TODAY
        )
