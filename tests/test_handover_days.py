"""A handover's overview kept across days (handover/due.py ``Plan``): on every day of a season,
for every kind of record, the cached answer is the checklist built that day; and a new day with
no file changed builds only the checklists the day changes."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from benchmark_helpers import load_benchmark
from clientexit._paths import Paths
from clientexit.clients import load_book
from clientexit.handover import due
from day_helpers import season
from record_helpers import profile as as_profile

PROFILE = as_profile({"currency": "EUR", "language": "en"})


def _realistic(home: Path, count: int) -> dt.date:
    """``count`` realistic client files with a handover under way (benchmarks/book_scale.py:
    end dates from two months past to six weeks ahead, invoices overdue or not, disputes and
    promises, part of the checklist ticked off), plus the cases its generator has none of: a
    termination letter drafted (notice given), a handover started with no end recorded (a
    plan), a payment letter (a non-paying exit). Returns the generator's today."""
    book_scale = load_benchmark("book_scale")
    rng = random.Random(21)
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(0, count * 10, 10):  # one file in ten has a handover under way
        text = book_scale.realistic_text(n, rng)
        if n % 30 == 10:
            text += '\n[[letters]]\ntype = "general"\nlang = "en"\nat = '
            text += f"{book_scale.TODAY - dt.timedelta(days=n % 17)}T09:00:00Z\n"
        if n % 30 == 20:
            text += '\n[[letters]]\ntype = "payment"\nlang = "en"\nat = '
            text += f"{book_scale.TODAY - dt.timedelta(days=3)}T09:00:00Z\n"
        (folder / f"client-{n:05d}-ltd.toml").write_text(text, encoding="utf-8")
    plan = book_scale.realistic_text(10_000, rng).replace("\nended = ", "\n# ended = ")
    plan = plan.replace("\nend_date = ", "\n# end_date = ")
    plan = plan.replace('status = "ending"', 'status = "active"')
    plan = plan.replace('status = "former"', 'status = "active"')
    (folder / "client-plan-ltd.toml").write_text(plan, encoding="utf-8")
    today: dt.date = book_scale.TODAY
    (folder / "client-turns-ltd.toml").write_text(_turns_non_paying(today), encoding="utf-8")
    # Notice given and no end recorded: the end planned is today plus the notice, every day.
    no_end = _turns_non_paying(today).split("\n[lifecycle]")[0]
    (folder / "client-no-end-ltd.toml").write_text(no_end, encoding="utf-8")
    return today


def _turns_non_paying(today: dt.date) -> str:
    """An exit that ends well until its first open invoice is NON_PAYING_OVERDUE_DAYS overdue,
    three weeks from ``today`` (nothing else makes it hostile: no payment letter, incident or
    late payment; notice was given, so the day changes nothing else)."""
    end = today + dt.timedelta(days=40)
    return (
        'schema_version = 1\nname = "Turns Ltd"\nstatus = "ending"\ncurrency = "EUR"\n'
        'engagement = "ongoing"\nlanguage = "en"\nnotice_days = 30\n'
        f'\n[[invoices]]\nnumber = "T-1"\namount = 800.0\nissued = {today - dt.timedelta(days=40)}'
        f"\ndue = {today - dt.timedelta(days=10)}\n"
        f'\n[[invoices]]\nnumber = "T-2"\namount = 500.0\nissued = {today - dt.timedelta(days=5)}'
        f"\ndue = {today + dt.timedelta(days=25)}\n"
        f'\n[[letters]]\ntype = "general"\nlang = "en"\n'
        f"at = {today - dt.timedelta(days=20)}T09:00:00Z\n"
        f'\n[lifecycle]\nended_by = "me"\nreason_category = "scope"\nend_date = {end}\n'
    )


def _fresh(paths: Paths, day: dt.date) -> dict[str, due.Overview]:
    """Every handover's overview from its checklist built that day (no plan, no cache)."""
    from clientexit.handover.checklist import build

    return {
        s.slug: due.of_checklist(build(s.record(), PROFILE, day, "en"), s.slug)
        for s in load_book(paths)
        if s.handover_under_way(day)
    }


@pytest.mark.parametrize(("count", "step"), [(6, 3), pytest.param(30, 1, marks=pytest.mark.slow)])
def test_every_day_the_cached_overview_is_the_one_built_that_day(
    home: Path, count: int, step: int, builds: list[str]
) -> None:
    paths = Paths(home)
    today = _realistic(home, count)
    cache = due.cache_file(home)
    kept = built = 0
    for day in season(today, step):
        builds.clear()
        cached = due.overviews(load_book(paths), PROFILE, day, cache)
        built += len(builds)
        kept += len(cached) - len(builds)
        assert cached == _fresh(paths, day), day
    # The plans do hold across days: most days, most checklists are not built again.
    assert kept > built


def test_a_new_day_builds_only_the_checklists_the_day_changes(
    home: Path, builds: list[str]
) -> None:
    paths = Paths(home)
    today = _realistic(home, 20)
    cache = due.cache_file(home)
    due.overviews(load_book(paths), PROFILE, today, cache)
    from clientexit._jsonl_cache import read

    stored = read(cache, {"context": due.plan_context(PROFILE)})
    plans = {key: due._decoded(entry[5]) for key, entry in stored.items()}
    tomorrow = today + dt.timedelta(days=1)
    outside = sorted(slug for slug, plan in plans.items() if not plan.holds(tomorrow))
    assert {"client-plan-ltd", "client-no-end-ltd"} <= set(outside)  # planned from today
    assert len(outside) < len(plans) // 2

    builds.clear()
    answer = due.overviews(load_book(paths), PROFILE, tomorrow, cache)
    assert sorted(builds) == outside
    assert answer == _fresh(paths, tomorrow)
    # Overdue items and past key dates follow the day, from the plan alone.
    later = today + dt.timedelta(days=2)
    assert answer != _fresh(paths, later) or not any(
        d.date == tomorrow for o in answer.values() for d in o.due
    )


def test_a_changed_file_is_built_again_whatever_its_span(home: Path, builds: list[str]) -> None:
    paths = Paths(home)
    today = _realistic(home, 5)
    cache = due.cache_file(home)
    due.overviews(load_book(paths), PROFILE, today, cache)
    path = home / "clients" / "client-00000-ltd.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n[handover.items.access-inventory]\ndone = {today}\n",
        encoding="utf-8",
    )
    builds.clear()
    tomorrow = today + dt.timedelta(days=1)
    answer = due.overviews(load_book(paths), PROFILE, tomorrow, cache)
    assert "client-00000-ltd" in builds
    assert answer == _fresh(paths, tomorrow)
    assert "access-inventory" not in {d.id for d in answer["client-00000-ltd"].due}


def test_followup_on_a_new_day_builds_only_what_the_day_changes(
    home: Path, builds: list[str]
) -> None:
    from clientexit.app import followup
    from clientexit.collect import ladder

    paths = Paths(home)
    today = _realistic(home, 12)
    followup.across_book(paths, PROFILE, today, 8)
    tomorrow = today + dt.timedelta(days=1)
    builds.clear()
    answer = followup.across_book(paths, PROFILE, tomorrow, 8)
    rebuilt = sorted(builds)

    every = load_book(paths)
    expected = due.due_across(every, PROFILE, tomorrow, 8)  # no cache: every checklist built
    steps = ladder.load(paths)
    for summary in every:
        if summary.totals(tomorrow).overdue_count:
            standing = ladder.standing(steps, summary, tomorrow)
            expected += followup.ladder_rows(standing, tomorrow, 8, PROFILE)
    expected.sort(key=lambda d: (d.date, d.client.casefold(), d.kind, d.id))
    assert answer == expected
    assert any(d.overdue for d in answer if d.kind == "item")
    under_way = [s.slug for s in every if s.handover_under_way(tomorrow)]
    assert "client-plan-ltd" in rebuilt
    assert len(rebuilt) < len(under_way) // 2
