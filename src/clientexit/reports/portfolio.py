"""The book at a glance: one row per client, the ones needing attention first.

The ordering rule (``attention_key``), applied in this order:
1. Current clients (active, at-risk, ending) before former ones.
2. By the last verdict: exit_now, prepare_exit, repair, not yet assessed, keep.
   An unknown client is worth a look before one you have already decided to keep.
3. More kinds of problems first: the number of red-flag categories with a score above zero
   (a client with payment and scope problems comes before one with only scope problems).
4. A higher red-flag score first.
5. Longer overdue first: the days past its due date of the client's most overdue unpaid invoice
   (nothing overdue counts as 0); then by name. Days, not amounts: clients are billed in different
   currencies, and 40,000 TRY owed for a day is not more urgent than 2,000 EUR owed for two months.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from clientexit.record.model import Client, Profile
from clientexit.record.summary import Summary

if TYPE_CHECKING:
    from clientexit._errors import DataFileError
    from clientexit._paths import Paths
    from clientexit.collect.ladder import Ladder, Standing
    from clientexit.exchange import FxQuote
    from clientexit.exchange import Table as FxTable
    from clientexit.handover.due import Overview, Plan

VERDICT_ORDER = ("exit_now", "prepare_exit", "repair", None, "keep")

ChecklistFn = Callable[[Client, Profile, dt.date], tuple[int, dt.date | None]]


@dataclass(frozen=True, slots=True)
class Row:
    """What the ``clients`` table shows for one client (slots: a large book has many)."""

    slug: str
    name: str
    status: str
    verdict: str | None
    score: float | None
    trend: float | None  # score change since the previous assessment
    problem_kinds: int
    effective_rate: float | None
    target_rate: float | None
    rate_share: float | None  # effective rate as % of target
    open_items: int | None  # None: no handover under way
    next_due: dt.date | None
    overdue: float  # in ``currency``
    days_overdue: int  # of the most overdue unpaid invoice; 0 when nothing is overdue
    currency: str
    # How the client pays (record/payment_metrics.py); None where there is nothing to average.
    average_days_to_pay: float | None = None
    average_days_late: float | None = None
    dso: float | None = None  # days sales outstanding over the last 12 months
    paid_late_percent: float | None = None

    def as_dict(self) -> dict[str, object]:
        # Every field is a plain value: a shallow copy, not dataclasses.asdict's deep one
        # (which took ~200 ms over 10,000 rows), all fields fetched by one C call.
        return dict(zip(self.__slots__, _row_values(self), strict=True))


_row_values = attrgetter(*Row.__slots__)
_NEXT_DUE = Row.__slots__.index("next_due")


def handover_progress(
    client: Client, profile: Profile, today: dt.date
) -> tuple[int, dt.date | None]:
    """Open checklist items and the next due date, from the handover checklist."""
    from clientexit.handover.checklist import build

    checklist = build(client, profile, today)
    return checklist.open_count, checklist.next_due


def row_of(
    client: Summary,
    profile: Profile,
    today: dt.date,
    checklist: ChecklistFn = handover_progress,
    overview: Overview | None = None,
) -> Row:
    """One client's row as of ``today``, from its summary (the whole record is read only for a
    client whose handover is under way: its checklist, unless its ``overview`` is given)."""
    open_items: int | None = None
    next_due: dt.date | None = None
    if overview is not None:
        open_items, next_due = overview.open_items, overview.next_due
    elif client.handover_under_way(today):
        open_items, next_due = checklist(client.record(), profile, today)
    money = client.totals(today)
    paying = client.payment_metrics(today).as_dict()
    score, before = client.score, client.previous_score
    effective, target = client.effective_rate, client.target_rate
    return Row(
        slug=client.slug,
        name=client.name,
        status=client.status_on(today),
        verdict=client.verdict,
        score=score,
        trend=round(score - before, 2) if score is not None and before is not None else None,
        problem_kinds=client.problem_kinds,
        effective_rate=effective,
        target_rate=target,
        rate_share=round(effective / target * 100, 1) if effective is not None and target else None,
        open_items=open_items,
        next_due=next_due,
        overdue=money.overdue,
        days_overdue=money.max_days_overdue,
        currency=client.billing_currency(profile),
        average_days_to_pay=paying["average_days_to_pay"],
        average_days_late=paying["average_days_late"],
        dso=paying["dso_12_months"],
        paid_late_percent=paying["paid_late_percent"],
    )


def attention_key(row: Row) -> tuple[bool, int, int, float, int, str]:
    """Sort key: the clients that need attention first (the rule is in the module docstring)."""
    verdict = row.verdict if row.verdict in VERDICT_ORDER else None
    return (
        row.status == "former",
        VERDICT_ORDER.index(verdict),
        -row.problem_kinds,
        -(row.score or 0.0),
        -row.days_overdue,
        row.name.casefold(),
    )


def book_rows(
    records: Iterable[Summary],
    profile: Profile,
    today: dt.date,
    *,
    status: str | None = None,
    checklist: ChecklistFn = handover_progress,
    cache: Path | None = None,
) -> list[Row]:
    """Rows for client summaries, filtered by the status as of
    ``today``, in attention order. With a ``cache`` (handover/due.py), the handover
    checklists come from it: a client's file is read again only when it or the day changed."""
    from clientexit._gc import paused

    with paused():
        clients = list(records)
        if status is not None:
            clients = [c for c in clients if c.status_on(today) == status]
        found: Mapping[str, Overview] = {}
        if cache is not None and checklist is handover_progress:
            from clientexit.handover.due import overviews

            found = overviews(clients, profile, today, cache)
        rows = [row_of(c, profile, today, checklist, found.get(c.slug)) for c in clients]
    return sorted(rows, key=attention_key)


# The sources whose rules decide a row and a reminder standing (beside the summary's and the
# checklist's, which their own contexts cover).
_RULES = (
    "reports/portfolio.py",
    "collect/ladder.py",
    "record/payment_metrics.py",
    "record/summary.py",
    "record/invoices.py",
    "record/model.py",
    "config.py",
    "_day_cache.py",
    "_jsonl_cache.py",
)


def rows_cache(home: Path) -> Path:
    """Where the rows of the data folder ``home`` are kept for the day (see ``listing``)."""
    return home / ".cache" / "rows.jsonl"


def listing(
    clients: Sequence[Summary],
    profile: Profile,
    today: dt.date,
    steps: Ladder,
    *,
    status: str | None = None,
    home: Path | None = None,
) -> list[tuple[Row, Standing | None]]:
    """Every client's row and reminder standing (collect.ladder.standing, without its
    position) as of ``today``, filtered by status, in attention order.

    With the data folder ``home``, both are kept for the day in ``rows_cache(home)`` (see
    _day_cache): a client's are worked out again only when its file, the day, the profile, the
    ladder or the code changed; the handover checklists behind them come from handover/due.py's
    cache."""
    by_slug = {c.slug: c for c in clients}
    files = [(c.slug, c.stamp or c.path) for c in clients]
    return _listing(
        files, lambda made: dict(by_slug), profile, today, steps, status=status, home=home
    )


def book_listing(
    paths: Paths,
    profile: Profile,
    today: dt.date,
    steps: Ladder,
    *,
    status: str | None = None,
    broken: list[DataFileError] | None = None,
) -> list[tuple[Row, Standing | None]]:
    """``listing`` of every client of the data folder that is not archived, for ``clients``.

    While every file's row is cached for the day, no summary is read at all: the files are
    only looked at (their identity on disk) and the rows read from the day's cache. The book's
    summaries (clients.load_book) are read the first time a row must be worked out; a file
    that does not parse goes to ``broken`` as with load_book, and is read again next time."""
    from clientexit import clients
    from clientexit.handover.due import taken

    scanned = clients.scan_book(paths, broken)
    # The handovers under way among the files read anew: their checklist's overview is built
    # while the record is in hand, not from a record kept (or read twice).
    take, built = taken(profile, today)

    def book(made: Callable[[Summary], bool]) -> dict[str, Summary]:
        every = clients.load_book(
            paths, include_archived=True, broken=broken, scanned=scanned, reading=take, made=made
        )
        return {s.slug: s for s in every}

    return _listing(
        scanned, book, profile, today, steps, status=status, home=paths.home, built=built
    )


class _Unlisted(enum.Enum):
    """What a row is worked out as for a file that is not listed after all: one that does not
    parse or is gone (never kept, it is looked at again next time). An archived client's is
    None (kept)."""

    ROW = 0


_UNLISTED: Final = _Unlisted.ROW
Listed = tuple[Row, "Standing | None"]


def _listing(
    files: Sequence[tuple[str, Path | list[int] | None]],
    book: Callable[[Callable[[Summary], bool]], dict[str, Summary]],
    profile: Profile,
    today: dt.date,
    steps: Ladder,
    *,
    status: str | None,
    home: Path | None,
    built: Mapping[str, Plan] | None = None,
) -> list[tuple[Row, Standing | None]]:
    """``listing`` of the clients of ``files`` (slug, file or identity on disk); ``book(made)``
    gives their summaries by slug, asked once, and only when a row is not in the cache; it may
    hand each summary it makes from a file to ``made`` first, which works its row out then and
    says it needs the summary no more (a book read anew holds its rows, not its summaries
    too). ``built``: handover plans made as ``book`` read the files (handover.due.taken)."""
    import clientexit
    from clientexit._day_cache import fingerprint, remembered
    from clientexit._gc import paused
    from clientexit.collect.ladder import standing
    from clientexit.handover.due import Overview, cache_file, overview_context, overviews
    from clientexit.record.summary import version as summary_version

    summaries: dict[str, Summary] | None = None
    handovers: list[Summary] = []
    overviewed: dict[str, Overview] | None = None
    # Rows worked out as the files were read (by ``made``), and whether the client's handover
    # is under way: (row and standing, or None for an archived client; under way).
    ready: dict[str, tuple[Listed | None, bool]] = {}

    def overview_of(slug: str) -> Overview:
        nonlocal overviewed
        if overviewed is None:  # once, and only when a row is worked out again
            where = cache_file(home) if home is not None else None
            # A row reads the open count and the next due date, not the dated items.
            overviewed = {
                key: Overview(found.open_items, found.next_due, ())
                for key, found in overviews(handovers, profile, today, where, built).items()
            }
        return overviewed[slug]

    def pair(client: Summary, overview: Overview | None) -> Listed:
        found = standing(steps, client, today)
        if found is not None:
            found = replace(found, position=None)
        return row_of(client, profile, today, overview=overview), found

    def made(client: Summary) -> bool:
        if client.archived:
            ready[client.slug] = (None, False)
            return True
        under_way = client.handover_under_way(today)
        overview = None
        if under_way:
            plan = (built or {}).get(client.slug)
            if plan is None or not plan.holds(today):
                return False  # worked out with the others, below
            overview = plan.on(today)
        ready[client.slug] = (pair(client, overview), under_way)
        if under_way:
            client.forget_rows()  # its row is made: what handovers.json needs is its file
            handovers.append(client)  # handovers.json keeps every one
        return True

    def compute(index: int) -> Listed | _Unlisted | None:
        nonlocal summaries
        if summaries is None:
            summaries = book(made)
            handovers.extend(
                c for c in summaries.values() if not c.archived and c.handover_under_way(today)
            )
        slug = files[index][0]
        if slug in ready:
            done, under_way = ready.pop(slug)
            if under_way:
                overview_of(slug)  # the day's handovers cache made, as for any row worked out
            return done
        # Taken out once its row is made: a summary's invoice rows, decoded for it, are let
        # go (the first listing of a large book would otherwise hold every one of them).
        client = summaries.pop(slug, None)
        if client is None:
            return _UNLISTED
        if client.archived:
            return None
        under_way = client.handover_under_way(today)
        return pair(client, overview_of(client.slug) if under_way else None)

    context = ""
    if home is not None:
        package = Path(clientexit.__file__).parent
        # The summary's version too: a row served from this cache stands for a file that passed
        # the checks of the code that made it (a new check reads every file again).
        context = fingerprint(
            clientexit.__version__,
            summary_version(),
            overview_context(profile, today),
            files=[steps.source, *(package / name for name in _RULES)],
        )
    with paused(keep=True):
        found = remembered(
            rows_cache(home) if home is not None else None,
            context,
            files,
            compute,
            _encoded,
            _decoded,
            keep=lambda pair: pair is not _UNLISTED,
        )
    rows = [pair for pair in found if pair is not None and pair is not _UNLISTED]
    if status is not None:
        rows = [pair for pair in rows if pair[0].status == status]
    return sorted(rows, key=lambda pair: attention_key(pair[0]))


def _encoded(pair: Listed | _Unlisted | None) -> list[object] | None:
    if pair is None or pair is _UNLISTED:  # an archived client: not listed (unlisted: not kept)
        return None
    row, where = pair
    values = list(_row_values(row))
    values[_NEXT_DUE] = _iso(row.next_due)
    if where is None:
        return [values, None]
    # The standing's slug and name are the row's: not stored twice.
    return [values, [where.reached, where.next, _iso(where.next_on), where.overdue_count]]


def _decoded(entry: list[Any] | None) -> tuple[Row, Standing | None] | None:  # Any: json
    from clientexit.collect.ladder import Standing

    if entry is None:
        return None
    values, where = entry
    if len(values) != len(Row.__slots__):
        raise ValueError("a row of another shape")
    if values[_NEXT_DUE] is not None:
        values = list(values)  # the cache's own list is written back as it is
        values[_NEXT_DUE] = dt.date.fromisoformat(values[_NEXT_DUE])
    row = Row(*values)
    if where is None:
        return row, None
    reached, following, next_on, count = where
    on = None if next_on is None else dt.date.fromisoformat(next_on)
    return row, Standing(row.slug, row.name, reached, following, on, count)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@dataclass(frozen=True)
class OverdueTotal:
    """What the listed clients owe past due, added up in ``currency``: ``amount`` holds the
    amounts in ``currency`` and those converted at an ECB rate on file (``quotes``, each dated);
    ``left_out`` the amounts in a currency with no rate on file, by currency: never converted
    with a guess, never added."""

    currency: str
    amount: Decimal
    quotes: tuple[FxQuote, ...]
    left_out: Mapping[str, Decimal]

    def converted(self, row: Row) -> dict[str, object]:
        """``row``'s overdue amount in ``currency``: the amount, and the rate with its date and
        source; the amount None with the reason where no rate is on file (a row of --json)."""
        found: dict[str, object] = {"currency": self.currency, "rate": None, "rate_date": None}
        if row.currency == self.currency:
            return {**found, "amount": round(row.overdue, 2)}
        if not row.overdue:
            return {**found, "amount": 0.0}
        quote = next((q for q in self.quotes if q.base == row.currency), None)
        if quote is None:
            why = (
                f"no {row.currency}/{self.currency} exchange rate on file (clientexit rates update)"
            )
            return {**found, "amount": None, "missing": why}
        amount = quote.convert(Decimal(str(row.overdue)))
        return {
            **found,
            "amount": float(round(amount, 2)),
            "rate": float(round(quote.rate, 6)),
            "rate_date": quote.day,
            "source": quote.source,
        }

    def as_dict(self) -> dict[str, object]:
        """Plain data: the total, each rate used with its date, what was left out."""
        rates = [
            {"from": q.base, "to": q.quote, "rate": float(round(q.rate, 6)), "date": q.day}
            for q in self.quotes
        ]
        return {
            "currency": self.currency,
            "amount": float(round(self.amount, 2)),
            "rates": rates,
            "left_out": {code: float(value) for code, value in self.left_out.items()},
        }


def overdue_total(
    rows: Iterable[Row], currency: str, day: dt.date, table: FxTable | None
) -> OverdueTotal:
    """The overdue amounts of ``rows`` in ``currency`` at the ECB rates of ``day`` (or the
    latest day on file within a week before it; ``table`` None: no exchange rates read, which
    only a book billed in one currency needs)."""
    by_currency: dict[str, Decimal] = {}
    for row in rows:
        if row.overdue:
            by_currency[row.currency] = by_currency.get(row.currency, Decimal(0)) + Decimal(
                str(row.overdue)
            )
    amount, quotes, left_out = Decimal(0), [], {}
    for code, owed in sorted(by_currency.items()):
        if code == currency:
            amount += owed
            continue
        quote = table.quote(code, currency, day) if table is not None else None
        if quote is None:
            left_out[code] = owed
            continue
        quotes.append(quote)
        amount += quote.convert(owed)
    return OverdueTotal(currency, amount, tuple(quotes), left_out)
