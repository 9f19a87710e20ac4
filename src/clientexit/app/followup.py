"""What each client needs next (``followup``): the handover checklist's dated items and key
dates (handover/due.py) joined with the reminder ladder's next stage and the invoices a dispute
or a promise pauses (collect/ladder.py), over the whole book or for one client, and one
client's calendar of both (--ics)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from clientexit._errors import DataFileError
    from clientexit._paths import Paths
    from clientexit.app import followup_index
    from clientexit.collect.ladder import Ladder, Standing
    from clientexit.handover.checklist import Checklist
    from clientexit.handover.due import Due, Plan
    from clientexit.record.model import Client, Profile
    from clientexit.record.summary import Summary


@dataclass(frozen=True)
class ClientFollowup:
    """One client's follow-up: the rows due within the horizon, soonest first; the calendar
    (iCalendar text) and how many reminders it holds, when one was asked for; and whether
    there is nothing to follow at all (no end date, no handover under way, nothing overdue).
    ``slug`` and ``name`` say who it is."""

    slug: str
    name: str
    rows: list[Due]
    calendar: str | None = None
    reminders: int = 0
    nothing_to_follow: bool = False


def _order(row: Due) -> tuple[dt.date, str, str, str]:
    return (row.date, row.client.casefold(), row.kind, row.id)


def _sorted(rows: list[Due]) -> list[Due]:
    """``rows`` soonest first, then by client name (case-folded), kind and id; ties keep their
    order. As sorted(rows, key=_order), with each name folded once and the tuples compared
    without a call per row (a book has a hundred thousand rows)."""
    folded: dict[str, str] = {}
    keyed = []
    for place, row in enumerate(rows):
        fold = folded.get(row.client)
        if fold is None:
            fold = folded[row.client] = row.client.casefold()
        keyed.append((row.date, fold, row.kind, row.id, place))
    keyed.sort()
    return [rows[key[4]] for key in keyed]


def across_book(
    paths: Paths,
    profile: Profile,
    today: dt.date,
    weeks: int,
    broken: list[DataFileError] | None = None,
) -> list[Due]:
    """Everything due within ``weeks`` across the book, soonest first: for every client whose
    handover is under way its open dated items and key dates, and for every client (not
    archived) with an overdue invoice the ladder's next stage and its paused invoices.

    The rows come from followup's index (app/followup_index.py) while a client's file is
    unchanged and the day within the span its rows hold (``span``): a run in which no file
    changed and no span ended reads no summary. A file that does not parse raises
    DataFileError, or with a ``broken`` list is added there and left out."""
    from clientexit import clients
    from clientexit.app import followup_index
    from clientexit.collect.ladder_file import source

    if not paths.clients.is_dir():
        return []
    clients.settle(paths)
    where = followup_index.cache_file(paths.home)
    index = followup_index.read(where, _context(profile, source(paths)))
    # The ladder's rules are read only where rows are worked out again. An index with entries
    # was written in this context, so with a ladder of this very content that was checked.
    steps = None if index.files else _ladder(paths)
    until, days = today + dt.timedelta(weeks=weeks), dict[int, dt.date]()
    found: list[Due] = []
    files = followup_index.scan(paths.clients, index.files)
    if files is not None:
        changed = [(slug, i) for slug, i in files if index.entry(slug, i, today) is None]
        # A few files changed or reached the end of their span (a hand edit, a command's
        # write, a new day): read only those. Many (a first run): the summaries and the
        # handovers' cache read them faster.
        if len(changed) <= len(files) // 10:
            if changed:
                if steps is None:
                    steps = _ladder(paths)
                _read_changed(index, changed, steps, profile, today, (paths, broken))
            try:
                for slug, identity in files:
                    entry = index.entry(slug, identity, today)
                    if entry is not None:  # None: a broken file, named in ``broken``
                        found += index.rows(slug, entry, today, until, days)
            except (TypeError, ValueError, IndexError):  # a damaged index: made again below
                index, found = followup_index.Index(index.context), []
            else:
                if changed:  # appended to the index's delta: a few lines, not the whole book
                    followup_index.add(where, index, [slug for slug, _ in changed])
                elif len(index.files) != len(files):  # files gone since
                    index.files = {s: index.files[s] for s, _ in files if s in index.files}
                    followup_index.write(where, index)
                return _sorted(found)
    from clientexit.handover import due

    if steps is None:
        steps = _ladder(paths)
    take, built = due.taken(profile, today)  # a handover's overview while its file is read
    every = clients.load_book(paths, include_archived=True, broken=broken, reading=take)
    stale = [
        s for s in every if s.stamp is not None and index.entry(s.slug, s.stamp, today) is None
    ]
    plans: dict[str, due.Plan] = {}
    if any(s.handover_under_way(today) for s in stale):
        # Over the whole book, so that handovers.json keeps every client's plan.
        plans = due.plans(every, profile, today, due.cache_file(paths.home), built)
    _store(index, [(s, s.stamp) for s in stale if s.stamp], steps, profile, today, plans)
    index.files = {s.slug: index.files[s.slug] for s in every if s.slug in index.files}
    followup_index.write(where, index)
    for summary in every:
        if not summary.archived and summary.slug in index.files:
            entry = index.files[summary.slug][6]
            found += index.rows(summary.slug, entry, today, until, days)
    return _sorted(found)


def _ladder(paths: Paths) -> Ladder:
    """The reminder ladder in use, checked (collect.ladder.load)."""
    from clientexit.collect import ladder

    return ladder.load(paths)


def _read_changed(
    index: followup_index.Index,
    changed: list[tuple[str, list[int]]],
    steps: Ladder,
    profile: Profile,
    today: dt.date,
    where: tuple[Paths, list[DataFileError] | None],
) -> None:
    """Read the client files in ``changed`` (slug, identity when scanned) and store their rows
    in ``index``; a file that does not parse or pass is left out of it, and raised or added to
    the ``broken`` list of ``where`` (as clients.load_book does).

    A handover's plan comes from the listings' cache (handovers.json) where it holds this
    very file and day, as it does after ``clients`` ran since: its checklist is built (and its
    code imported) only otherwise. That cache is looked up, never written: it is the whole
    book's, and its owner, the listing, keeps it. The files are read a batch at a time, so
    that a new day on which many spans end does not hold all their records at once."""
    from clientexit import clients
    from clientexit._errors import DataFileError
    from clientexit._store import read_toml
    from clientexit.handover import due
    from clientexit.record.model import Client
    from clientexit.record.summary import Summary, summarize

    paths, broken = where
    for at in range(0, len(changed), _BATCH):
        read: list[tuple[Summary, list[int]]] = []
        for slug, identity in changed[at : at + _BATCH]:
            index.files.pop(slug, None)
            path = paths.clients / f"{slug}.toml"
            try:
                data = read_toml(path)
                clients.check_record(path, data)
            except FileNotFoundError:  # gone since the scan
                continue
            except DataFileError as exc:
                if broken is None:
                    raise
                broken.append(exc)
                continue
            client = Client.from_data(slug, data, path)
            read.append((Summary(slug, None, summarize(client), client, identity), identity))
        plans = due.plans(
            [summary for summary, _ in read],
            profile,
            today,
            due.cache_file(paths.home),
            store=False,
        )
        _store(index, read, steps, profile, today, plans)


# How many changed files _read_changed holds at once.
_BATCH = 500


def _store(
    index: followup_index.Index,
    read: list[tuple[Summary, list[int]]],
    steps: Ladder,
    profile: Profile,
    today: dt.date,
    plans: dict[str, Plan],
) -> None:
    """Store in ``index`` the rows of each summary of ``read`` (with its file's identity when
    it was read): its handover's (``plans``) and the ladder's, for the days of their span."""
    from clientexit.collect import ladder
    from clientexit.handover.due import Due

    for summary, identity in read:
        rows: list[tuple[Due, bool]] = []
        plan = plans.get(summary.slug)
        if not summary.archived:
            if plan is not None:
                capped = plan.by_notice
                rows += [
                    (Due(summary.slug, plan.name, "item", key, text, day, False), key in capped)
                    for key, text, day in plan.items
                ]
                rows += [
                    (Due(summary.slug, plan.name, "key_date", key, title, day, False), False)
                    for key, title, day in plan.key_dates
                ]
            if summary.totals(today).overdue_count:
                standing = ladder.standing(steps, summary, today)
                rows += [(row, False) for row in ladder_rows(standing, today, None, profile)]
        first, last = span(summary, steps, today, plan)
        index.put(summary.slug, identity, rows, (first.toordinal(), last.toordinal()))


def span(
    summary: Summary, steps: Ladder, today: dt.date, plan: Plan | None
) -> tuple[dt.date, dt.date]:
    """The first and last day on which the client's rows (as ``_store`` keeps them: without
    what the day itself decides, which followup_index.Index.rows works out) are those of
    ``today``.

    The day enters them only through these rules, each of which changes its answer on a day
    known in advance: the handover's plan (``plan``: its own span); whether the handover
    concerns the client (the end date comes, and HANDOVER_DAYS_AFTER_END after it the handover
    no longer does); which invoices are overdue (the day after each one's due date); the stage
    an invoice no letter has asked for starts at (its age reaching each stage's after_days);
    whether a payment incident is logged (its day); and a dispute or a promise to pay holding
    an invoice (from its day to its until). A rule that reads the day in another way belongs
    here: tests/test_followup_days.py works out every day of a season without the index and
    compares."""
    from clientexit.record.model import HANDOVER_DAYS_AFTER_END

    first, last = (plan.first, plan.last) if plan is not None else (dt.date.min, dt.date.max)

    def changes_on(day: dt.date | None, after: int = 0) -> None:
        nonlocal first, last
        if day is None:
            return
        try:
            day += dt.timedelta(days=after)
        except OverflowError:
            return
        if day <= today:
            first = max(first, day)
        else:
            last = min(last, day - dt.timedelta(days=1))

    changes_on(summary.end)
    changes_on(summary.end, HANDOVER_DAYS_AFTER_END + 1)
    if summary.archived:
        return first, last
    stages = [stage.after_days for stage in steps.sequence]
    for invoice in summary.unpaid():
        changes_on(invoice.due, 1)
        for after in stages:
            changes_on(invoice.due, after)
    for incident in summary.ladder_incidents:
        changes_on(incident.date)
        changes_on(incident.until, 1)
    return first, last


# The sources whose rules decide followup's rows (beside the summary's and the checklist's,
# which record.summary.version and handover.due.overview_context cover).
_RULES = (
    "app/followup.py",
    "app/followup_index.py",
    "collect/ladder.py",
    "collect/ladder_file.py",
    "handover/due.py",
    "i18n.py",
    "names.py",
)


def _context(profile: Profile, ladder: Path) -> str:
    """What followup's index is made in: the profile and the checklists (plan_context; not
    the day: each entry keeps the span it holds for), the summary's shape and rules, the
    ladder file in use (``ladder``: its path and content) and the code."""
    from pathlib import Path

    import clientexit
    from clientexit._day_cache import fingerprint
    from clientexit.handover.due import plan_context
    from clientexit.record.summary import version

    package = Path(clientexit.__file__).parent
    return fingerprint(
        plan_context(profile),
        version(),
        str(ladder),
        files=[ladder, *(package / name for name in _RULES)],
    )


def _owed(
    steps: Ladder,
    every: list[Client],
    today: dt.date,
    weeks: int,
    profile: Profile,
) -> list[Due]:
    """The ladder's rows of every client (not archived) with an overdue invoice."""
    from clientexit.collect import ladder

    found: list[Due] = []
    for item in every:
        if item.archived or not item.totals(today).overdue_count:
            continue
        found += ladder_rows(ladder.standing(steps, item, today), today, weeks, profile)
    return found


def ladder_rows(
    standing: Standing | None, today: dt.date, weeks: int | None, profile: Profile
) -> list[Due]:
    """The client's next reminder stage (if it falls within ``weeks``; any day with None) and
    its paused invoices, dates in the text in ``profile``'s style."""
    from clientexit.handover.due import Due
    from clientexit.i18n import date_style, format_date

    if standing is None or standing.position is None:
        return []
    rows = []
    if (
        standing.next
        and standing.next_on
        and (weeks is None or standing.next_on <= today + dt.timedelta(weeks=weeks))
    ):
        text = f"Send the {standing.next}: clientexit remind {standing.slug}"
        rows.append(
            Due(
                standing.slug,
                standing.name,
                "reminder",
                standing.next,
                text,
                standing.next_on,
                standing.next_on < today,
            )
        )
    style = date_style("en", profile)
    for step in standing.position.steps:
        if step.pause is not None and step.paused(today):
            what = "a dispute" if step.pause.kind == "dispute" else "a promise to pay"
            text = (
                f"Invoice {step.number} is paused until {format_date(step.pause.until, style)} "
                f"({what}, logged {format_date(step.pause.since, style)}): its reminders resume "
                "the day after"
            )
            rows.append(
                Due(
                    standing.slug,
                    standing.name,
                    "pause",
                    f"pause-{step.number}",
                    text,
                    step.pause.until,
                    False,
                )
            )
    return rows


def for_client(
    paths: Paths,
    name: str,
    profile: Profile,
    today: dt.date,
    weeks: int,
    *,
    lang: str | None = None,
    calendar: bool = False,
) -> ClientFollowup:
    """What is due for one client within ``weeks`` (the checklist in ``lang``, else the
    user's: the profile's language, as over the whole book), and with
    ``calendar`` its iCalendar reminders: the checklist's and every reminder stage still to
    come. A client that only owes money has the ladder's rows and no checklist."""
    from clientexit import clients
    from clientexit.collect import ladder
    from clientexit.handover import due
    from clientexit.i18n import choose_language

    record = clients.load(paths, name)
    steps = ladder.load(paths)
    owed = sorted(_owed(steps, [record], today, weeks, profile), key=_order)
    idle = due.nothing_to_follow(record, today)
    if idle and not owed:
        return ClientFollowup(record.slug, record.name, [], nothing_to_follow=True)
    checklist = None
    if not idle:
        from clientexit.handover.checklist import build
        from clientexit.workdays import calendar as holidays

        checklist = build(
            record,
            profile,
            today,
            choose_language(lang, None, profile),
            user_templates=paths.templates,
            calendar=holidays(profile.country, record.country, cache=paths.holidays_cache),
        )
    rows = owed
    if checklist is not None:
        found = due.due_for(checklist, record.slug, today + dt.timedelta(weeks=weeks))
        rows = sorted([*found, *owed], key=lambda d: d.date)
    if not calendar:
        return ClientFollowup(record.slug, record.name, rows)
    text, count = _calendar(checklist, record, steps, today)
    return ClientFollowup(record.slug, record.name, rows, text, count)


def _calendar(
    checklist: Checklist | None, record: Client, steps: Ladder, today: dt.date
) -> tuple[str, int]:
    """The client's calendar and how many reminders it holds: the handover checklist's (if
    any) and every reminder stage still to come, on the day it falls due first
    (collect.ladder.schedule)."""
    from clientexit.collect import ladder
    from clientexit.handover.calendar import Reminder, reminders, to_ics

    standing = ladder.standing(steps, record, today)
    extra = []
    if standing is not None and standing.position is not None:
        for stage, when, numbers in ladder.schedule(steps, standing.position, today):
            text = f"Send the {stage.type}: clientexit remind {record.slug}"
            what = f"{text} (invoice{'s' if len(numbers) > 1 else ''} {', '.join(numbers)})"
            extra.append(
                Reminder(
                    f"{record.slug}.{stage.type}@clientexit", when, f"{record.name}: {text}", what
                )
            )
    text = to_ics(checklist, record.slug, extra=extra, name=record.name)
    count = (len(reminders(checklist, record.slug)) if checklist else 0) + len(extra)
    return text, count
