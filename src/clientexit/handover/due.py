"""What is due across clients in the coming weeks, and where each handover under way stands.

``clients`` shows the open items and the next due date of every client whose handover is under
way, and ``followup`` lists their dated items; both come from the client's checklist, and
building one reads the whole client file and fills in every item's text. Over a book with a
thousand handovers under way that was most of a listing's time, on every run. ``overviews``
keeps what listings read of a checklist in ``<home>/.cache/handovers.json``, per client file,
as a ``Plan``: the open count, the next due date, the open dated items and every key date, and
the span of days over which they hold (``span``). A day within the span answers from the plan,
working out only what the day itself decides (which items are overdue, which key dates are
still to come); a day outside it, a changed file (its identity on disk, as in
``_record_cache``), profile, or checklist code or built-in file builds the checklist again. So
the first run of a new day rebuilds only the checklists that the day changes. It is JSON,
derived only, and may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from clientexit.handover.checklist import Checklist
    from clientexit.record.model import Client, Profile
    from clientexit.record.summary import Summary


class Due(NamedTuple):
    """One thing due for one client: an open checklist item, a key date, a reminder stage or a
    paused invoice. A named tuple: followup makes one for every row of a book (tens of
    thousands), and a tuple is made several times faster than a frozen dataclass."""

    slug: str
    client: str
    kind: str  # "item", "key_date" (handover), "reminder" or "pause" (the ladder)
    id: str
    text: str
    date: dt.date
    overdue: bool


def nothing_to_follow(client: Client, today: dt.date) -> bool:
    """Whether a client has no end date recorded and no handover under way: its exit plan would
    be dated from an end nobody decided, so there is nothing to follow up yet."""
    return client.end_date is None and not client.handover_under_way(today)


def due_for(checklist: Checklist, slug: str, until: dt.date) -> list[Due]:
    """Open dated items up to ``until`` (overdue ones included) and key dates from today on,
    soonest first (checklist order on the same day).

    A key date that a checklist item stands for (the follow-up) appears as that item only.
    """
    today = checklist.today
    found = [
        Due(slug, checklist.client, "item", i.id, i.text, i.due, i.due < today)
        for i in checklist.items
        if not i.is_done and i.due is not None and i.due <= until
    ]
    covered = {i.key_date for i in checklist.items if i.key_date}
    found += [
        Due(slug, checklist.client, "key_date", k.id, k.title, k.date, False)
        for k in checklist.key_dates
        if today <= k.date <= until and k.id not in covered
    ]
    return sorted(found, key=lambda d: d.date)


def due_across(
    records: Iterable[Summary],
    profile: Profile,
    today: dt.date,
    weeks: int,
    cache: Path | None = None,
) -> list[Due]:
    """Everything due within ``weeks`` for every client whose handover is under way (the rule is
    ``Client.handover_under_way``, the same as the clients table's), soonest first.

    ``records`` are client summaries (clients.load_book); a summary's whole record is read only
    for a client whose handover is under way, and with a ``cache`` (``overviews``) only when its
    file or the day changed."""
    until = today + dt.timedelta(weeks=weeks)
    found: list[Due] = []
    for overview in overviews(records, profile, today, cache).values():
        found += overview.due_until(until)
    return sorted(found, key=lambda d: (d.date, d.client.casefold(), d.kind, d.id))


FILE_NAME = "handovers.json"
# The sources whose rules decide what a checklist holds (beside record/summary.py's list).
_RULES = (
    "handover/checklist.py",
    "handover/situation.py",
    "handover/template.py",
    "handover/due.py",
    "record/model.py",
    "record/invoices.py",
    "record/payterms.py",
    "i18n.py",
    "workdays.py",
)


def cache_file(home: Path) -> Path:
    """Where the overviews of the data folder ``home`` are kept."""
    return home / ".cache" / FILE_NAME


@dataclass(frozen=True, slots=True)
class Overview:
    """What listings read of one client's checklist as of a day: the open items, the earliest
    due date among them, and ``due``: every open dated item and every key date from that day on
    (handover.due.due_for's rows, before its cut at a horizon)."""

    open_items: int
    next_due: dt.date | None
    due: tuple[Due, ...]

    def due_until(self, until: dt.date) -> list[Due]:
        """The rows up to ``until`` (overdue items included), as ``due_for`` lists them."""
        return [d for d in self.due if d.date <= until]


def of_checklist(checklist: Checklist, slug: str) -> Overview:
    """The overview of a built checklist."""
    return Overview(
        checklist.open_count, checklist.next_due, tuple(due_for(checklist, slug, dt.date.max))
    )


# (id, text or title, date) of a dated item or a key date, as a plan keeps it.
Dated = tuple[str, str, dt.date]


@dataclass(frozen=True, slots=True)
class Plan:
    """A checklist's overview without the day: the open count, the open dated items and the
    key dates no item stands for (checklist order), and the days from ``first`` to ``last``
    (both included) on which a checklist built would hold the same (``span``). ``by_notice``:
    the items among them due by the day notice is given while none is (BEFORE_NOTICE), each
    with its day counted from the end: due that day or today, whichever comes first.
    ``on(day)`` is the overview of any day of the span."""

    slug: str
    name: str
    open_items: int
    items: tuple[Dated, ...]
    key_dates: tuple[Dated, ...]
    by_notice: frozenset[str]
    first: dt.date
    last: dt.date

    def holds(self, today: dt.date) -> bool:
        """Whether ``today`` is within the plan's span."""
        return self.first <= today <= self.last

    def on(self, today: dt.date) -> Overview:
        """The overview as of ``today`` (a day of the span): as ``of_checklist`` of the
        checklist built that day."""
        slug, name, capped = self.slug, self.name, self.by_notice
        found = []
        for key, text, day in self.items:
            if key in capped:
                day = min(day, today)
            found.append(Due(slug, name, "item", key, text, day, day < today))
        next_due = min((row.date for row in found), default=None)
        found += [
            Due(slug, name, "key_date", key, title, day, False)
            for key, title, day in self.key_dates
            if today <= day
        ]
        return Overview(self.open_items, next_due, tuple(sorted(found, key=_day)))


def _day(row: Due) -> dt.date:
    return row.date


def plan_of(checklist: Checklist, record: Client, slug: str) -> Plan:
    """The plan of a checklist built for ``record`` (as of ``checklist.today``)."""
    covered = {i.key_date for i in checklist.items if i.key_date}
    # No termination letter: notice is "today", whichever day that is.
    unnoticed = record.notice_day(dt.date.max) == dt.date.max
    items, capped = [], set()
    for item in checklist.items:
        if item.is_done or item.due is None:
            continue
        if unnoticed and item.from_end is not None:
            items.append((item.id, item.text, item.from_end))
            capped.add(item.id)
        else:
            items.append((item.id, item.text, item.due))
    first, last = span(record, checklist)
    return Plan(
        slug,
        checklist.client,
        checklist.open_count,
        tuple(items),
        tuple((k.id, k.title, k.date) for k in checklist.key_dates if k.id not in covered),
        frozenset(capped),
        first,
        last,
    )


def span(record: Client, checklist: Checklist) -> tuple[dt.date, dt.date]:
    """The first and last day on which ``build`` gives ``checklist`` again for ``record``, but
    for what the day itself decides (overdue items, key dates to come, the steps due by the
    day notice is given while none is: ``Plan.by_notice``).

    The day enters a checklist only through these rules (handover/checklist.py and the
    record's rules it reads), each of which changes its answer on a day known in advance:
    the planned end (today plus the notice when no end is recorded: a new answer every day);
    the day notice was given (a termination letter's day, else today: the plan keeps what it
    caps); and the situation (money owed, a non-paying or hostile exit, whether a referral
    fits), which changes as an open invoice falls overdue (the day after its due date) and as
    it turns non-paying (NON_PAYING_OVERDUE_DAYS after it). A rule that reads the day in
    another way belongs here: tests/test_handover_days.py builds every day of a season for
    every kind of record and compares."""
    from clientexit.record.model import NON_PAYING_OVERDUE_DAYS

    today = checklist.today
    if record.end_date is None:
        return today, today
    first, last = dt.date.min, dt.date.max

    def changes_on(day: dt.date) -> None:
        nonlocal first, last
        if day <= today:
            first = max(first, day)
        else:
            last = min(last, day - dt.timedelta(days=1))

    for invoice in record.unpaid:
        if invoice.due is not None:
            for after in (1, NON_PAYING_OVERDUE_DAYS):
                with contextlib.suppress(OverflowError):
                    changes_on(invoice.due + dt.timedelta(days=after))
    return first, last


def overviews(
    clients: Iterable[Summary],
    profile: Profile,
    today: dt.date,
    cache: Path | None = None,
    built: Mapping[str, Plan] | None = None,
    *,
    store: bool = True,
) -> dict[str, Overview]:
    """The overview of every client whose handover is under way as of ``today``, by slug.

    The items' text is in the user's language (the profile's): listings are for the user, not
    the client. ``cache`` is the handovers.json file (see the module docstring); without one
    (and no ``built``) every checklist is built and read as it is, without a plan. A client
    whose file cannot be read as it was listed is built from its record like any other, so
    its error is the one ``record()`` raises. ``built``: the
    plans ``taken`` as the files were read in this run (a record is not read again). A
    summary is looked up by its ``stamp``, the identity its file had when read (so that an
    entry for a file changed since is let go as the cache is read), else by its file. With
    ``store`` False the cache is only looked up, never written (for a few clients: the cache
    is the whole book's). The checklist's code is imported only when one is built."""
    if cache is None and not built:  # nothing kept: each checklist as built, no plan
        from clientexit.handover.checklist import build
        from clientexit.i18n import choose_language

        lang = choose_language(None, None, profile)
        return {
            c.slug: of_checklist(build(c.record(), profile, today, lang), c.slug)
            for c in clients
            if c.handover_under_way(today)
        }
    found = plans(clients, profile, today, cache, built, store=store)
    return {slug: plan.on(today) for slug, plan in found.items()}


def plans(
    clients: Iterable[Summary],
    profile: Profile,
    today: dt.date,
    cache: Path | None = None,
    built: Mapping[str, Plan] | None = None,
    *,
    store: bool = True,
) -> dict[str, Plan]:
    """The plan (holding ``today``) of every client whose handover is under way as of
    ``today``, by slug, as ``overviews`` finds them (the same arguments): for a cache that
    keeps answers across days itself (followup's index keeps each plan's span)."""
    from clientexit._day_cache import remembered
    from clientexit.i18n import choose_language

    lang = choose_language(None, None, profile)  # in the context: the profile's content
    wanted = [c for c in clients if c.handover_under_way(today)]
    context = plan_context(profile) if cache is not None and wanted else ""
    ready = built or {}

    def plan(i: int) -> Plan:
        client = wanted[i]
        found = ready.get(client.slug)
        if found is not None and found.holds(today):
            return found
        from clientexit.handover.checklist import build

        record = client.record()
        return plan_of(build(record, profile, today, lang), record, client.slug)

    if cache is None:
        return {client.slug: plan(i) for i, client in enumerate(wanted)}

    def decoded(entry: object) -> Plan:
        found = _decoded(entry)
        if not found.holds(today):
            raise ValueError("a plan for other days")
        return found

    made = remembered(
        cache,
        context,
        [(c.slug, c.path if c.stamp is None else c.stamp) for c in wanted],
        plan,
        _encoded,
        decoded,
        store=store,
    )
    return {client.slug: p for client, p in zip(wanted, made, strict=True)}


def taken(profile: Profile, today: dt.date) -> tuple[Callable[[Client], None], dict[str, Plan]]:
    """A ``reading`` hook for clients.load_book that builds the plan of each record read
    whose handover is under way, while it is in hand, and the plans it fills (by slug, for
    ``overviews(built=...)``): a book read anew keeps a plan per handover, not its record."""
    found: dict[str, Plan] = {}

    def take(client: Client) -> None:
        if client.handover_under_way(today):  # the checklist's imports only then
            from clientexit.handover.checklist import build
            from clientexit.i18n import choose_language

            lang = choose_language(None, None, profile)
            found[client.slug] = plan_of(build(client, profile, today, lang), client, client.slug)

    return take, found


def _dated(rows: tuple[Dated, ...]) -> list[list[str]]:
    return [[key, text, day.isoformat()] for key, text, day in rows]


def _undated(rows: object) -> tuple[Dated, ...]:
    if not isinstance(rows, list):
        raise TypeError("a damaged entry")
    return tuple((str(key), str(text), dt.date.fromisoformat(day)) for key, text, day in rows)


def _encoded(plan: Plan) -> list[object]:
    return [
        plan.slug,
        plan.name,
        plan.open_items,
        _dated(plan.items),
        _dated(plan.key_dates),
        sorted(plan.by_notice),
        plan.first.isoformat(),
        plan.last.isoformat(),
    ]


def _decoded(entry: object) -> Plan:
    if not isinstance(entry, list):
        raise TypeError("a damaged entry")
    slug, name, open_items, items, key_dates, by_notice, first, last = entry
    if not isinstance(open_items, int) or not isinstance(name, str) or not isinstance(slug, str):
        raise TypeError("a damaged entry")
    if not isinstance(by_notice, list):
        raise TypeError("a damaged entry")
    return Plan(
        slug,
        name,
        open_items,
        _undated(items),
        _undated(key_dates),
        frozenset(str(key) for key in by_notice),
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )


def overview_context(profile: Profile, today: dt.date) -> str:
    """The day and ``plan_context``: what an overview of a day is made of (the caches that
    keep a day's answers include it)."""
    from clientexit._day_cache import fingerprint

    return fingerprint(today.isoformat(), plan_context(profile))


def plan_context(profile: Profile) -> str:
    """The profile's content, and the code and built-in checklists that make a plan: a change
    of any of them builds every checklist again. Worked out once a run (several caches ask)."""
    profile_text = json.dumps(profile.fields(), sort_keys=True, default=str)
    known = _CONTEXTS.get(profile_text)
    if known is None:
        known = _CONTEXTS[profile_text] = _context_of(profile_text)
    return known


_CONTEXTS: dict[str, str] = {}


def _context_of(profile_text: str) -> str:
    import clientexit
    from clientexit._day_cache import fingerprint
    from clientexit._resources import templates_dir

    package = Path(clientexit.__file__).parent
    checklists = templates_dir() / "checklists"
    languages: list[str] = []
    with contextlib.suppress(OSError):
        languages = sorted(entry.name for entry in os.scandir(checklists))
    return fingerprint(
        profile_text,
        clientexit.__version__,
        *languages,
        files=[
            *(package / name for name in _RULES),
            *(checklists / lang / "handover.toml" for lang in languages),
        ],
    )
