"""`clientexit clients` and `churn` minus the terminal: the book's listing joined with the
reminder ladder (collect/ladder.py) and the exchange rates on file, and the churn of a period
with its revenue lost totalled in the profile's currency. reports/ computes over the book;
this loads what it needs (the profile, the ladder, the rates) and hands back what the command
prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from clientexit._errors import DataFileError
    from clientexit._paths import Paths
    from clientexit.collect.ladder import Standing
    from clientexit.exchange import Total
    from clientexit.record.model import Profile
    from clientexit.record.summary import Summary
    from clientexit.reports.churn import Churn, Period
    from clientexit.reports.portfolio import OverdueTotal, Row


@dataclass(frozen=True)
class Listing:
    """The `clients` table: its rows (attention first), each overdue client's standing on the
    reminder ladder by slug, and the profile the listing was made for."""

    profile: Profile
    rows: list[Row]
    ladder: dict[str, Standing]


def listing(
    where: Paths,
    today: dt.date,
    *,
    status: str | None = None,
    broken: list[DataFileError] | None = None,
) -> Listing:
    """Every client that is not archived (``status``: only those), with the reminder ladder's
    standing of each client with overdue invoices; unreadable files go to ``broken``."""
    from clientexit import config
    from clientexit.collect import ladder
    from clientexit.reports import portfolio

    profile = config.load_profile(where)
    listed = portfolio.book_listing(
        where, profile, today, ladder.load(where), status=status, broken=broken
    )
    rows = [row for row, _ in listed]
    return Listing(profile, rows, {r.slug: s for r, s in listed if s is not None})


def overdue_total(where: Paths, rows: list[Row], currency: str, today: dt.date) -> OverdueTotal:
    """What the rows owe past due, in ``currency`` at the ECB rates on file (the exchange-rates
    file is read only when some amount is in another currency)."""
    from clientexit.reports import portfolio

    table = None
    if any(row.overdue and row.currency != currency for row in rows):
        from clientexit import exchange

        table = exchange.load(where)
    return portfolio.overdue_total(rows, currency, today, table)


@dataclass(frozen=True)
class ChurnReport:
    """`clientexit churn` for one period: the summaries it read (for their slugs), the churn,
    and the monthly revenue lost totalled in the profile's currency (None with one currency)."""

    profile: Profile
    every: list[Summary]
    churn: Churn
    together: Total | None


def churn(
    where: Paths, period: Period, today: dt.date, broken: list[DataFileError] | None = None
) -> ChurnReport:
    """The churn of ``period`` over the whole book (archived clients too)."""
    from clientexit import config
    from clientexit.clients import load_book
    from clientexit.reports import churn as churn_core

    profile = config.load_profile(where)
    every = load_book(where, include_archived=True, broken=broken, rows=False)
    mine = profile.currency
    result = churn_core.compute(every, period, mine)
    day = min(period.end, today)
    return ChurnReport(profile, every, result, _together(where, result.revenue_lost(), mine, day))


def _together(where: Paths, amounts: dict[str, float], currency: str, day: dt.date) -> Total | None:
    """Revenue in several currencies totalled in ``currency`` at the ECB rates on file (None
    when there is only one currency)."""
    if len(amounts) < 2:
        return None
    from clientexit import exchange

    return exchange.total(amounts, currency, day, exchange.load(where))
