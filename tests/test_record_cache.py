"""The listing cache is invisible: the same answers as reading every file, every change seen,
and it holds a slim summary per client, not whole records."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit._record_cache import cache_file
from clientexit._store import read_toml
from clientexit.clients import load_book
from clientexit.record import summary
from clientexit.record.model import Client
from clientexit.record.summary import Summary, stored, summarize
from clientexit.reports import churn, portfolio
from record_helpers import profile as as_profile
from record_helpers import summaries

TODAY = dt.date(2026, 11, 25)
PROFILE = as_profile({"currency": "EUR"})


def _parsed(paths: Paths) -> dict[str, dict]:
    return {p.stem: read_toml(p) for p in sorted(paths.clients.glob("*.toml"))}


def _listed(paths: Paths) -> dict[str, Summary]:
    return {s.slug: s for s in load_book(paths, include_archived=True)}


def _cache(location: Path) -> tuple[dict, dict[str, list]]:
    """The cache file's header and its entries by file name, read line by line."""
    header, *lines = location.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    return json.loads(header), {entry[0]: entry for entry in entries}


def _write_cache(location: Path, header: dict, entries: dict[str, list]) -> None:
    lines = [json.dumps(header), *(json.dumps(entry) for entry in entries.values())]
    location.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _facts(paths: Paths) -> dict[str, list]:
    _, cached = _cache(cache_file(paths.home))
    return {name[:-5]: entry[5] for name, entry in cached.items()}


def test_the_cached_summary_is_what_the_whole_record_gives(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    assert cache_file(examples_home).is_file()
    cached = _listed(paths)  # the second time from the cache
    parsed = _parsed(paths)
    assert cached.keys() == parsed.keys()
    for slug, data in parsed.items():
        assert _facts(paths)[slug] == stored(summarize(Client(slug, None, data)))
    # Every listing gives the same answer from the summaries as from the whole records.
    from clientexit.collect import ladder

    steps = ladder.load(paths)
    for day in (TODAY, dt.date(2026, 9, 1), dt.date(2027, 6, 1)):
        from_summaries = portfolio.book_rows(cached.values(), PROFILE, day)
        from_records = portfolio.book_rows(summaries(parsed.items()), PROFILE, day)
        assert from_summaries == from_records
        period = churn.parse_period(str(day.year))
        assert (
            churn.compute(cached.values(), period, "EUR", day).as_dict()
            == churn.compute(summaries(parsed.items()), period, "EUR", day).as_dict()
        )
        for slug, data in parsed.items():
            from clientexit.record import invoices

            assert cached[slug].status_on(day) == Client.from_data("", data).effective_status(day)
            assert cached[slug].handover_under_way(day) == Client.from_data(
                "", data
            ).handover_under_way(day)
            assert cached[slug].totals(day) == invoices.totals(data, day)
            client = Client(slug, paths.client_file(slug), data)
            assert cached[slug].overdue(day) == client.overdue(day)
            assert ladder.standing(steps, cached[slug], day) == ladder.standing(steps, client, day)


def _answers(one: Summary, day: dt.date) -> tuple:
    """What listings read of a summary as of ``day``."""
    return (
        one.slug,
        one.name,
        one.stamp,
        one.status_on(day),
        one.handover_under_way(day),
        one.totals(day),
        one.overdue(day),
        one.payment_metrics(day),
        one.letters,
        one.ladder_incidents,
        one.monthly_revenue,
        (one.verdict, one.score, one.previous_score, one.start, one.end, one.ended_by),
    )


def test_a_rebuild_lets_each_record_go_before_it_reads_the_next(examples_home: Path) -> None:
    """A book read with no cache yet keeps no parsed record (50,000 of them would not fit in
    150 MiB): when a file is read, the record of the one before is gone, and none is left once
    the book is loaded. What a caller needs of a whole record it takes in ``reading``."""
    import weakref

    paths = Paths(examples_home)
    seen: list[weakref.ref[Client]] = []
    alive: list[str] = []

    def reading(client: Client) -> None:
        alive.extend(str(ref().slug) for ref in seen if ref() is not None)  # type: ignore[union-attr]
        seen.append(weakref.ref(client))

    book = load_book(paths, include_archived=True, reading=reading)
    assert len(seen) == len(book) > 1
    assert alive == []
    assert all(ref() is None for ref in seen)
    # Every summary is held as the cache keeps it (its invoice rows as text), not decoded too.
    assert all(isinstance(one._unpaid, str) for one in book)
    seen.clear()
    assert len(load_book(paths, include_archived=True, reading=reading)) == len(book)
    assert seen == []  # from the cache: no file read, nothing handed to ``reading``


def test_a_rebuild_gives_what_the_cache_and_the_files_give(examples_home: Path) -> None:
    paths = Paths(examples_home)
    made = _listed(paths)  # no cache yet: every file read
    cached = _listed(paths)
    parsed = _parsed(paths)
    for day in (TODAY, dt.date(2027, 6, 1)):
        for slug, data in parsed.items():
            whole = Summary(slug, paths.clients, summarize(Client(slug, None, data)))
            whole.stamp = cached[slug].stamp
            assert _answers(made[slug], day) == _answers(cached[slug], day)
            assert _answers(made[slug], day) == _answers(whole, day)


def test_a_listing_without_money_holds_no_invoice_rows_yet_answers_as_the_file(
    examples_home: Path,
) -> None:
    """load_book(rows=False), for client list and churn, keeps no invoice, letter or ladder
    rows (a third of what a large book holds); asked for them after all, a summary reads its
    file, and the cache written keeps them."""
    paths = Paths(examples_home)
    for _ in range(2):  # made in the run, then from the cache
        slim = {s.slug: s for s in load_book(paths, include_archived=True, rows=False)}
        assert all(one._unpaid is None and one._billing is None for one in slim.values())
        whole = _listed(paths)
        assert all(isinstance(one._unpaid, str) for one in whole.values())
        for slug, one in slim.items():
            assert _answers(one, TODAY) == _answers(whole[slug], TODAY)


def test_a_rebuild_writes_each_entry_before_it_reads_the_next_file(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no cache yet, the cache is written as the files are read, an entry at a time (a
    book of 50,000 read anew never holds every entry to write them at the end)."""
    from clientexit import _jsonl_cache, _record_cache

    paths = Paths(examples_home)
    read: list[str] = []
    real_read = _record_cache.read_toml

    def reading(path: Path) -> dict:
        read.append(path.name)
        return real_read(path)

    received: list[tuple[str, int]] = []
    real_write = _jsonl_cache.write

    def write(path: Path, header: dict, entries) -> None:  # type: ignore[no-untyped-def]
        def watched():  # type: ignore[no-untyped-def]
            for entry in entries:
                received.append((entry[0], len(read)))
                yield entry

        real_write(path, header, watched())

    monkeypatch.setattr(_record_cache, "read_toml", reading)
    monkeypatch.setattr(_jsonl_cache, "write", write)
    book = load_book(paths, include_archived=True)
    assert len(read) == len(book) > 2
    # The k-th entry is written when k files have been read, not after the last one.
    assert received == [(name, k) for k, name in enumerate(read, start=1)]
    assert _cache(cache_file(examples_home))[1].keys() == set(read)


def test_a_summary_the_caller_took_is_cached_not_handed_over(examples_home: Path) -> None:
    paths = Paths(examples_home)
    took: list[str] = []

    def made(one: Summary) -> bool:
        took.append(one.slug)
        return one.slug == "fjord-coffee"

    book = {s.slug: s for s in load_book(paths, include_archived=True, made=made)}
    assert "fjord-coffee" in took and "fjord-coffee" not in book
    assert set(book) | {"fjord-coffee"} == set(took)
    took.clear()
    again = _listed(paths)  # from the cache, whole: made is asked only of summaries made
    assert took == [] and set(again) == set(book) | {"fjord-coffee"}


def test_a_file_gone_while_the_cache_is_written_is_an_error_not_half_a_cache(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit import _record_cache

    paths = Paths(examples_home)
    read: list[str] = []
    real_read = _record_cache.read_toml

    def reading(path: Path) -> dict:
        read.append(path.name)
        if len(read) == 3:
            raise FileNotFoundError(path)
        return real_read(path)

    monkeypatch.setattr(_record_cache, "read_toml", reading)
    with pytest.raises(FileNotFoundError):
        load_book(paths, include_archived=True)
    cache = cache_file(examples_home)
    assert not cache.exists()
    assert not [p for p in cache.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_cache_holds_a_slim_summary_not_whole_records(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    text = cache_file(examples_home).read_text(encoding="utf-8")
    northwind = read_toml(paths.client_file("northwind-bakery"))
    for incident in northwind["incidents"]:
        assert incident["text"] not in text  # free text listings never show stays out
    assert len(text) < sum(p.stat().st_size for p in paths.clients.glob("*.toml")) / 3


def test_the_whole_record_is_read_only_for_a_handover_under_way(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths(examples_home)
    every = load_book(paths)
    read: list[str] = []
    real = summary.Summary.record

    def counting(self: Summary):
        read.append(self.slug)
        return real(self)

    monkeypatch.setattr(summary.Summary, "record", counting)
    rows = portfolio.book_rows(load_book(paths), PROFILE, TODAY)
    under_way = {s.slug for s in every if s.handover_under_way(TODAY)}
    assert under_way and len(under_way) < len(every)
    assert set(read) == under_way
    assert all((r.open_items is not None) == (r.slug in under_way) for r in rows)


def test_a_hand_edit_is_seen_even_when_the_size_stays_the_same(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    path = paths.client_file("fjord-coffee")
    text = path.read_text(encoding="utf-8")
    edited = text.replace('contact = "Ingrid Solberg"', 'contact = "Ingrid Solbers"')
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert _listed(paths)["fjord-coffee"].contact == "Ingrid Solbers"


def test_an_edit_that_restores_the_old_mtime_is_seen(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    path = paths.client_file("fjord-coffee")
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    # Same size, same inode, same mtime (as `cp -p` or an editor that keeps times would leave it).
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text.replace('contact = "Ingrid Solberg"', 'contact = "Ingrid Solbers"'))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (stat.st_mtime_ns, stat.st_ino)
    assert _listed(paths)["fjord-coffee"].contact == "Ingrid Solbers"


def test_a_changed_end_date_changes_the_listings(examples_home: Path, cli) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    assert cli("end", "fjord-coffee", "--by", "me", "--reason", "Moving on").exit_code == 0
    fjord = _listed(paths)["fjord-coffee"]
    assert fjord.end == TODAY and fjord.status_on(TODAY) == "former"
    listed = json.loads(cli("client", "list", "--json", "--status", "former").stdout)
    assert "fjord-coffee" in {row["client"] for row in listed}


def test_added_and_removed_files_are_seen(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    clients.create(paths, "Newcomer Ltd")
    paths.client_file("fjord-coffee").unlink()
    listed = _listed(paths)
    assert "newcomer-ltd" in listed
    assert "fjord-coffee" not in listed
    _, cached = _cache(cache_file(examples_home))
    assert "fjord-coffee.toml" not in cached


def test_after_every_file_changed_no_stale_summary_is_held_and_all_are_seen(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the folder as scanned (clients), entries for files changed or gone are left out
    as the cache is read: none is handed on to be kept, and the cache is written anew."""
    from clientexit import _record_cache

    paths = Paths(examples_home)
    _listed(paths)
    gone = paths.client_file("fjord-coffee")
    gone.unlink()
    for path in paths.clients.glob("*.toml"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    shared: list[str] = []
    real = summary.sharing

    def sharing():  # type: ignore[no-untyped-def]
        share = real()

        def counting(facts: list) -> None:
            shared.append(facts[0])
            share(facts)

        return counting

    monkeypatch.setattr(summary, "sharing", sharing)
    book = load_book(paths, include_archived=True, scanned=clients.scan_book(paths))
    # Shared as read from the cache: none (every one was stale); as made: every file.
    assert sorted(shared) == sorted(one.name for one in book)
    assert "fjord-coffee" not in {one.slug for one in book}
    assert _facts(paths).keys() == {one.slug for one in book}
    assert {s.slug: _answers(s, TODAY) for s in book} == {
        s.slug: _answers(s, TODAY) for s in _listed(paths).values()
    }
    assert _record_cache.cache_file(examples_home).is_file()


def test_a_file_broken_after_caching_is_reported_not_served_from_the_cache(
    examples_home: Path,
) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    paths.client_file("fjord-coffee").write_text("name = 'broken\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"fjord-coffee\.toml:1:"):
        load_book(paths)


def test_a_broken_file_is_one_warning_and_the_others_are_listed(examples_home: Path, cli) -> None:
    paths = Paths(examples_home)
    paths.client_file("fjord-coffee").write_text("name = 'broken\n", encoding="utf-8")
    for _ in range(2):  # the second time, the others come from the cache
        result = cli("clients")
        assert result.exit_code == 4
        warnings = [line for line in result.stderr.splitlines() if "fjord-coffee.toml" in line]
        assert len(warnings) == 1
        assert "Northwind Bakery" in result.stdout and "Fjord" not in result.stdout


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "{",
        "[]",
        '{"version": 99, "files": {}}',
        "\x00\xff",
        # Right version, wrong shapes: never trusted, read again.
        '{"version": "VERSION", "files": {"fjord-coffee.toml": [1, 2]}}',
        '{"version": "VERSION", "files": []}',
        # One entry per line: a damaged line anywhere, a blank one, an entry of another shape.
        '{"version": "VERSION"}\n["fjord-coffee.toml", 1]\n{',
        '{"version": "VERSION"}\n\n["fjord-coffee.toml", 1, 2, 3, 4, ["x"]]',
        '{"version": "VERSION"}\n[1, 2]\n"text"\n["fjord-coffee.toml", 1, 2, 3, 4, 5]',
        '{"version": "VERSION"}\n["fjord-coffee.toml", 1, 2, 3, 4, ["x"]], 7',
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(examples_home: Path, garbage: str) -> None:
    paths = Paths(examples_home)
    location = cache_file(examples_home)
    location.parent.mkdir(parents=True, exist_ok=True)
    garbage = garbage.replace("VERSION", summary.version())
    location.write_text(garbage, encoding="utf-8", errors="surrogateescape")
    listed = _listed(paths)
    assert {slug: s.name for slug, s in listed.items()} == {
        slug: data["name"] for slug, data in _parsed(paths).items()
    }
    header, entries = _cache(location)
    assert header == {"version": summary.version()}
    assert entries.keys() == {f"{slug}.toml" for slug in listed}


def test_a_cache_entry_that_matches_its_file_but_is_damaged_is_read_again(
    examples_home: Path,
) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    location = cache_file(examples_home)
    header, cached = _cache(location)
    entry = cached["fjord-coffee.toml"]
    for damaged in (entry[5][:3], [*entry[5][:6], "not a date", *entry[5][7:]]):
        cached["fjord-coffee.toml"] = [*entry[:5], damaged]
        _write_cache(location, header, cached)
        assert _listed(paths)["fjord-coffee"].start == dt.date(2024, 5, 13)


def test_a_damaged_row_text_in_the_cache_gives_the_files_answer(examples_home: Path) -> None:
    """The lists of rows are decoded only when asked for, long after the cache was read: a
    damaged one is read from the file instead, never a traceback or a wrong figure."""
    paths = Paths(examples_home)
    expected = {s.slug: s.totals(TODAY) for s in _listed(paths).values()}
    assert any(total.outstanding for total in expected.values())
    location = cache_file(examples_home)
    header, cached = _cache(location)
    unpaid = summary.FACTS.index("unpaid")
    for damaged in ("[[1, 2]]", "not json", "7", '[["A-1", 5.0, null, null]]'):
        for entry in cached.values():
            entry[5][unpaid] = damaged
        _write_cache(location, header, cached)
        listed = _listed(paths)
        assert {slug: s.totals(TODAY) for slug, s in listed.items()} == expected, damaged


def test_a_listing_that_shows_no_money_decodes_no_invoice_rows(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    decoded: list[str] = []
    real = Summary._rows

    def counting(self: Summary, name: str) -> list:
        decoded.append(name)
        return real(self, name)

    monkeypatch.setattr(Summary, "_rows", counting)
    assert cli("client", "list", "--json").exit_code == 0
    assert cli("churn", "--json").exit_code == 0
    assert decoded == []
    assert cli("clients", "--json").exit_code == 0
    assert "unpaid" in decoded


def test_a_read_only_folder_still_lists(examples_home: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("clientexit._atomic.atomic_write_lines", refuse)
    assert _listed(Paths(examples_home)).keys() == _parsed(Paths(examples_home)).keys()


def test_a_file_is_checked_once_per_change_not_on_every_listing(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.record import invoices

    paths = Paths(examples_home)
    _listed(paths)
    checked: list[str] = []
    read: list[str] = []
    real_check, real_read = clients.check_record, invoices.invoices

    def check(path: Path, data: dict, client: Client | None = None) -> None:
        checked.append(data["name"])
        real_check(path, data, client)

    def reading(data, source=None):  # type: ignore[no-untyped-def]
        read.append(data["name"])
        return real_read(data, source)

    monkeypatch.setattr(clients, "check_record", check)
    monkeypatch.setattr(invoices, "invoices", reading)
    monkeypatch.setattr("clientexit.record.model.read_invoices", reading)
    _listed(paths)
    assert checked == read == []
    path = paths.client_file("fjord-coffee")
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _listed(paths)
    assert checked == ["Fjord Coffee Roasters"]
    assert read == ["Fjord Coffee Roasters"]  # once, for the check and the summary


def test_a_bad_invoice_is_never_served_from_the_cache(examples_home: Path) -> None:
    paths = Paths(examples_home)
    path = paths.client_file("fjord-coffee")
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[invoices]]\nnumber = "X-1"\namount = "lots"\n',
        encoding="utf-8",
    )
    for _ in range(2):  # the second listing would come from the cache if the file had been cached
        broken: list[DataFileError] = []
        listed = {s.slug for s in load_book(paths, broken=broken)}
        assert "fjord-coffee" not in listed
        assert [str(e) for e in broken] and "fjord-coffee.toml" in str(broken[0])


_day = st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31))
_invoice = st.fixed_dictionaries(
    {
        "number": st.text("ABC-123", min_size=1, max_size=6),
        "amount": st.floats(0, 1e6, allow_nan=False),
        "issued": _day,
        "due": _day,
    },
    optional={"paid": _day},
)
_assessment = st.fixed_dictionaries(
    {},
    optional={
        "at": st.datetimes(dt.datetime(2024, 1, 1), dt.datetime(2028, 1, 1), timezones=st.none()),
        "red_flag_score": st.integers(0, 100),
        "categories": st.dictionaries(
            st.sampled_from(["payment", "scope", "conduct"]), st.integers(0, 30)
        ),
        "effective_rate": st.floats(1, 300),
        "target_rate": st.floats(0, 300),
        "verdict": st.sampled_from(["keep", "repair", "prepare_exit", "exit_now"]),
        "answers": st.fixed_dictionaries(
            {"economics": st.fixed_dictionaries({"monthly_revenue": st.floats(0, 1e5)})}
        ),
    },
)
_record = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=12)},
    optional={
        "status": st.sampled_from(["active", "at-risk", "ending", "former"]),
        "archived": st.booleans(),
        "currency": st.sampled_from(["EUR", "CZK", "usd"]),
        "contact": st.text(max_size=10),
        "started": _day,
        "created": _day,
        "ended": _day,
        "lifecycle": st.fixed_dictionaries(
            {},
            optional={
                "end_date": _day,
                "ended_by": st.sampled_from(["me", "client"]),
                "reason_category": st.sampled_from(["price", "payment", "other"]),
            },
        ),
        "invoices": st.lists(_invoice, max_size=4),
        "assessments": st.lists(_assessment, max_size=3),
        "handover": st.just({"items": {"deliverables-gather": {"done": dt.date(2026, 1, 2)}}}),
        "letters": st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["reminder", "final-notice", "payment", "general"])},
                optional={
                    "at": st.datetimes(
                        dt.datetime(2024, 1, 1), dt.datetime(2028, 1, 1), timezones=st.none()
                    )
                },
            ),
            max_size=3,
        ),
    },
)


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=_record, day=_day)
def test_a_summary_answers_as_the_whole_record_does(record: dict, day: dt.date) -> None:
    from clientexit.record import invoices

    # Through JSON, as the cache stores it.
    client = Client("x", None, record)
    cached = Summary("x", None, json.loads(json.dumps(summarize(client))), client)
    assert cached.status_on(day) == Client.from_data("", record).effective_status(day)
    assert cached.handover_under_way(day) == Client.from_data("", record).handover_under_way(day)
    assert cached.totals(day) == invoices.totals(record, day)
    assert cached.overdue(day) == client.overdue(day)
    assert [(x.type, x.day) for x in cached.letters] == [(x.type, x.day) for x in client.letters]
    no_checklist = lambda *_: (0, None)  # noqa: E731
    assert portfolio.row_of(cached, PROFILE, day, no_checklist) == portfolio.row_of(
        Summary.of(client), PROFILE, day, no_checklist
    )
    end = Client.from_data("", record).end_date
    if end is not None:
        assert cached.monthly_revenue == summary.monthly_revenue(client, end)


def test_a_summary_has_the_shape_its_version_is_made_of(examples_home: Path) -> None:
    for slug, data in _parsed(Paths(examples_home)).items():
        facts = summarize(Client(slug, None, data))
        assert len(facts) == len(summary.FACTS)
        for name, fields in summary.ROWS.items():
            rows = facts[summary.FACTS.index(name)]
            assert all(len(row) == len(fields) for row in rows), (slug, name)
    assert summary.version() == summary.version()


def test_the_cache_version_follows_the_summarys_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact added to the summary, or a field to one of its rows, makes a new version (every
    file is read again); there is no version number to bump by hand."""
    import clientexit._record_cache as cache_module

    before = summary.version()
    monkeypatch.setattr(summary, "FACTS", (*summary.FACTS, "hours_this_month"))
    assert summary.version() != before
    monkeypatch.undo()
    assert summary.version() == before
    longer = {**summary.ROWS, "unpaid": (*summary.ROWS["unpaid"], "currency")}
    monkeypatch.setattr(summary, "ROWS", longer)
    assert summary.version() != before
    constants = [
        f"{module.__name__}.{name}"
        for module in (summary, cache_module)
        for name in vars(module)
        if name.isupper() and "VERSION" in name
    ]
    assert constants == []


def test_the_cycle_collector_is_paused_only_inside_the_block() -> None:
    import gc

    from clientexit._gc import paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is left as it was
    finally:
        gc.enable()


def test_what_a_listing_keeps_is_frozen_before_the_collector_runs_again() -> None:
    """Else the first collection after the block walks every object it made (a book's worth)."""
    import gc

    from clientexit._gc import paused

    before = gc.get_freeze_count()
    try:
        with paused():
            loose = [[n] for n in range(1000)]
        assert gc.get_freeze_count() == before
        with paused(keep=True):
            kept = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= before + len(kept)
        assert gc.isenabled()
        with pytest.raises(RuntimeError), paused(keep=True):  # nothing kept from a failed block
            raise RuntimeError
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    del loose


def test_values_that_repeat_across_the_book_are_kept_once(examples_home: Path) -> None:
    """Read from the cache, two clients' equal statuses and currencies are one object (memory
    on a large book), and each summary still answers as its file does."""
    paths = Paths(examples_home)
    _listed(paths)
    again = list(_listed(paths).values())
    by_status: dict[str, list[Summary]] = {}
    for one in again:
        by_status.setdefault(one.status, []).append(one)
    twins = [same for same in by_status.values() if len(same) > 1]
    assert twins, "the examples should hold two clients of one status"
    for same in twins:
        # Parsed apart, two equal texts are two objects; shared, they are one.
        assert all(one.status is same[0].status for one in same)
    assert {s.slug: s.status for s in again} == {
        slug: data["status"] for slug, data in _parsed(paths).items()
    }
