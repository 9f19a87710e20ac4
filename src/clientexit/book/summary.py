"""One client as the book's listings see it: a slim summary of its file, small enough to cache.

``clients``, ``client list``, ``churn`` and ``followup`` read every client of the book; parsing
every file each time, or caching whole records, made a large book slow and heavy. ``summarize``
keeps only the facts those listings read, none of which depends on the day (the stored status,
the end date, the unpaid invoices, the last two assessments' figures ...), as a flat JSON list
that the listing cache (``_record_cache``) stores per file. A ``Summary`` answers the questions
that do depend on the day (status as of today, what is overdue, whether a handover is under way)
with the same rules as the full record (``lifecycle.status_on``, ``lifecycle.handover_concerns``,
``invoices.totals_of``), and reads the whole file only when a listing needs it (``record()``:
the handover checklist of a client whose handover is under way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit.assess.history import in_order
from clientexit.book import invoices, lifecycle

if TYPE_CHECKING:
    from clientexit._errors import DataFileError
    from clientexit._paths import Paths

# What a summary holds, in this order. Bump _record_cache.CACHE_VERSION when it changes.
FACTS = (
    "name",
    "status",  # as stored; status_on(today) gives the status as of a day
    "archived",
    "contact",
    "email",
    "currency",  # the client's own, if any (config.currency_for adds the profile's)
    "start",  # lifecycle.start_date, ISO
    "end",  # lifecycle.end_date, ISO
    "ended_by",
    "reason_category",
    "verdict",  # of the last assessment
    "score",  # red-flag score of the last assessment
    "previous_score",  # ... and of the one before it
    "problem_kinds",  # red-flag categories above zero in the last assessment
    "effective_rate",
    "target_rate",
    "handover_started",  # any [handover.items] progress recorded
    "unpaid",  # [[number, amount, issued ISO, due ISO], ...]
    "monthly_revenue",  # as of the end date (None without one): see monthly_revenue
)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _plain(value: Any) -> Any:
    # A hand-written contact or email that is not text still lists (as text).
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def monthly_revenue(data: Mapping[str, Any], end: dt.date) -> float | None:
    """The client's monthly revenue: the last assessment's figure, else its invoice average
    over the 12 months before ``end`` (total invoiced / months from the first of those invoices
    to ``end``, 1 to 12)."""
    for entry in reversed(in_order(data)):
        economics = (entry.get("answers") or {}).get("economics") or {}
        value = economics.get("monthly_revenue")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    window = end - dt.timedelta(days=365)
    recent = [
        (inv.issued, inv.amount)
        for inv in invoices.invoices(data)
        if inv.issued is not None and window < inv.issued <= end
    ]
    if not recent:
        return None
    first = min(day for day, _ in recent)
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    return round(sum(a for _, a in recent) / max(1, min(12, months)), 2)


def summarize(data: Mapping[str, Any]) -> list[Any]:
    """The facts of a client record (tomllib data) that listings read, as plain JSON values."""
    from clientexit.handover.checklist import progress_of

    past = in_order(data)
    last = past[-1] if past else {}
    categories = last.get("categories")
    kinds = sum(
        1 for v in (categories.values() if isinstance(categories, Mapping) else ()) if _number(v)
    )
    verdict = last.get("verdict")
    end = lifecycle.end_date(data)
    life = data.get("lifecycle")
    life = life if isinstance(life, Mapping) else {}
    unpaid = [
        [inv.number, inv.amount, _iso(inv.issued), _iso(inv.due)]
        for inv in invoices.invoices(data)
        if inv.paid is None
    ]
    return [
        _plain(data.get("name")),
        str(data.get("status", "active")),
        bool(data.get("archived", False)),
        _plain(data.get("contact")),
        _plain(data.get("email")),
        str(data["currency"]) if data.get("currency") else None,
        _iso(lifecycle.start_date(data)),
        _iso(end),
        _plain(life.get("ended_by")),
        _plain(life.get("reason_category")),
        str(verdict) if verdict else None,
        _number(last.get("red_flag_score")),
        _number(past[-2].get("red_flag_score")) if len(past) > 1 else None,
        kinds,
        _number(last.get("effective_rate")),
        _number(last.get("target_rate")),
        bool(progress_of(data)),
        unpaid,
        None if end is None else monthly_revenue(data, end),
    ]


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


class Summary:
    """A client as listings see it (see the module docstring); ``facts`` is ``summarize``'s list."""

    __slots__ = (
        "_data",
        "_name",
        "_unpaid",
        "archived",
        "contact",
        "currency",
        "effective_rate",
        "email",
        "end",
        "ended_by",
        "folder",
        "handover_started",
        "monthly_revenue",
        "previous_score",
        "problem_kinds",
        "reason_category",
        "score",
        "slug",
        "start",
        "status",
        "target_rate",
        "verdict",
    )

    def __init__(
        self,
        slug: str,
        folder: Path | None,
        facts: list[Any],
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.slug = slug
        self.folder = folder  # clients/: the file is folder / f"{slug}.toml"
        (
            self._name,
            self.status,
            self.archived,
            self.contact,
            self.email,
            self.currency,
            start,
            end,
            self.ended_by,
            self.reason_category,
            self.verdict,
            self.score,
            self.previous_score,
            self.problem_kinds,
            self.effective_rate,
            self.target_rate,
            self.handover_started,
            self._unpaid,
            self.monthly_revenue,
        ) = facts
        self.start: dt.date | None = _date(start)
        self.end: dt.date | None = _date(end)
        self._data = data

    @classmethod
    def of(cls, slug: str, data: Mapping[str, Any]) -> Summary:
        """The summary of a record already read (it keeps the record: ``record()`` is free)."""
        return cls(slug, None, summarize(data), data)

    @property
    def path(self) -> Path | None:
        """The client's file (None for a summary made from a record in memory)."""
        return None if self.folder is None else self.folder / f"{self.slug}.toml"

    @property
    def name(self) -> str:
        return str(self._name) if self._name is not None else self.slug

    def status_on(self, today: dt.date) -> str:
        """The status as of ``today`` (lifecycle.effective_status's rule)."""
        return lifecycle.status_on(self.status, self.end, today)

    def handover_under_way(self, today: dt.date) -> bool:
        """Whether the handover checklist concerns this client (lifecycle.handover_under_way)."""
        return lifecycle.handover_concerns(
            archived=self.archived,
            status=self.status_on(today),
            end=self.end,
            started=self.handover_started,
            today=today,
        )

    def unpaid(self) -> list[invoices.Invoice]:
        """The unpaid invoices (number, amount, issued, due)."""
        return [
            invoices.Invoice(number, amount, _date(issued), _date(due))
            for number, amount, issued, due in self._unpaid
        ]

    def totals(self, today: dt.date) -> invoices.Totals:
        """Outstanding and overdue sums as of ``today`` (invoices.totals)."""
        return invoices.totals_of(self.unpaid(), today)

    def record(self) -> Mapping[str, Any]:
        """The whole client record, read from its file the first time it is asked for."""
        if self._data is None:
            from clientexit._store import read_toml

            path = self.path
            if path is None:
                raise ValueError(f"no file for {self.slug}")
            self._data = read_toml(path)
        return self._data


def as_summary(item: Summary | tuple[str, Mapping[str, Any]] | Mapping[str, Any]) -> Summary:
    """A Summary, from a Summary, a ``(slug, data)`` pair or a record's data."""
    if isinstance(item, Summary):
        return item
    if isinstance(item, tuple):
        slug, data = item
        return Summary.of(slug, data)
    return Summary.of(str(item.get("name", "")), item)


def load_book(
    paths: Paths, *, include_archived: bool = False, broken: list[DataFileError] | None = None
) -> list[Summary]:
    """Every client's summary, sorted by slug, from the listing cache (see _record_cache).

    A file that does not parse, or holds values clientexit cannot use, raises DataFileError;
    given a ``broken`` list, it is added there and left out instead (clients.list_records' rule).
    """
    from clientexit import clients, names
    from clientexit._gc import paused
    from clientexit._record_cache import read_all

    if not paths.clients.is_dir():
        return []

    def read() -> list[Summary]:
        with paused():
            return [
                Summary(slug, paths.clients, facts)
                for slug, facts in read_all(
                    paths.home,
                    paths.clients,
                    names.is_slug,
                    broken,
                    clients.check_record,
                    summarize,
                )
            ]

    try:
        found = read()
    except (ValueError, TypeError):
        # A cache entry damaged by hand (or by a bug): the cache is only ever derived, so
        # drop it and read every file again.
        from clientexit._record_cache import cache_file

        cache_file(paths.home).unlink(missing_ok=True)
        if broken is not None:
            broken.clear()
        found = read()
    if not include_archived:
        found = [s for s in found if not s.archived]
    return sorted(found, key=lambda s: s.slug)
