"""One client as the book's listings see it: a slim summary of its record, small enough to cache.

``clients``, ``client list``, ``churn`` and ``followup`` read every client of the book; parsing
every file each time, or caching whole records, made a large book slow and heavy. ``summarize``
keeps only the facts of a Client (record/model.py) that those listings read, none of which
depends on the day (the stored status, the end date, the unpaid invoices, the last two
assessments' figures ...), as a flat list of JSON values that the listing cache
(``_record_cache``, through ``clients.load_book``) stores per file. A ``Summary`` answers the
questions that do depend on the day (status as of today, what is overdue, whether a handover is
under way) with the model's own rules (``status_on``, ``handover_concerns``, ``totals_of``), and
reads the whole file only when a listing needs it (``record()``: the handover checklist of a
client whose handover is under way).

The cache keeps each fact that is a list of rows (ROWS) as its JSON text (``stored``), which a
Summary decodes the first time it is asked for: most listings read none of them (``client
list``, ``churn``, a ``clients`` whose rows are cached for the day), and decoding every
client's invoice rows was most of the time it took to load a large book.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clientexit._types import JSONValue
from clientexit.record.invoices import Invoice, Totals, overdue_of, totals_of
from clientexit.record.model import (
    Client,
    Incident,
    LetterSent,
    Profile,
    handover_concerns,
    status_on,
)
from clientexit.record.payment_metrics import Fact, Metrics, facts_of, metrics

# What a summary holds, in this order; ROWS: the fields of each row of a fact that is a list of
# rows. The cache's version (version()) is derived from them and from the code that makes and
# checks a summary: a change of either reads every file again, with no number to bump by hand.
FACTS = (
    "name",
    "status",  # as stored; status_on(today) gives the status as of a day
    "archived",
    "contact",
    "email",
    "currency",  # the client's own, if any
    "start",  # Client.start_date, ISO
    "end",  # Client.end_date, ISO
    "ended_by",
    "reason_category",
    "verdict",  # of the latest assessment
    "score",  # red-flag score of the latest assessment
    "previous_score",  # ... and of the one before it
    "problem_kinds",  # red-flag categories above zero in the latest assessment
    "effective_rate",
    "target_rate",
    "handover_started",  # any [handover.items] progress recorded
    "unpaid",  # [[number, balance, issued ISO, due ISO, id], ...]: what is still owed on each
    "monthly_revenue",  # as of the end date (None without one): see monthly_revenue
    "letters",  # [[type, day ISO, invoices], ...]: the letters drafted (the reminder ladder)
    "billing",  # [[issued, due, paid ISO, billed, balance], ...]: payment_metrics.Fact per invoice
    "ladder_incidents",  # [[kind, date ISO, invoice, until ISO], ...]: the first payment
    # incident and every dispute or promise (what the reminder ladder reads; no free text)
)
ROWS = {
    "unpaid": ("number", "balance", "issued", "due", "id"),
    "letters": ("type", "day", "invoices"),
    "billing": ("issued", "due", "paid", "billed", "balance"),
    "ladder_incidents": ("kind", "date", "invoice", "until"),
}


# The modules whose rules decide what a cached summary holds or whether a file passes.
_RULES = (
    "record/summary.py",
    "record/model.py",
    "record/invoices.py",
    "record/schema.py",
    "record/payment_metrics.py",
    "record/ids.py",
    "record/hours.py",
    "config.py",
    "clients.py",
    "_record_cache.py",  # and how the cache file lays them out
    "_jsonl_cache.py",
)


def version() -> str:
    """The listing cache's version: the summary's shape (FACTS, ROWS) and the source of the
    rules that make and check it."""
    import hashlib

    import clientexit

    digest = hashlib.sha256(repr((FACTS, sorted(ROWS.items()), clientexit.__version__)).encode())
    package = Path(clientexit.__file__).parent
    for name in _RULES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:  # run without its sources: the release's version alone
            continue
    return digest.hexdigest()[:16]


_ROW_FACTS = tuple(FACTS.index(name) for name in ROWS)
# The facts whose values repeat across a book (a few statuses, currencies and verdicts, dates).
_REPEATING = tuple(
    FACTS.index(name)
    for name in ("status", "currency", "start", "end", "ended_by", "reason_category", "verdict")
)


def sharing() -> Callable[[list[object]], None]:
    """A function that makes the summaries it is given (``summarize``'s facts, as read from
    the cache) share one copy of each repeating text: some 12 MB less over 50,000 files."""
    memo: dict[str, str] = {}

    def share(facts: list[object]) -> None:
        if len(facts) == len(FACTS):
            for index in _REPEATING:
                value = facts[index]
                if type(value) is str:
                    facts[index] = memo.setdefault(value, value)

    return share


def without_rows(facts: list[object]) -> list[object]:
    """``facts`` (in place) without their lists of rows (ROWS), for a listing that reads none:
    a Summary asked for them after all reads its file (``_rows``)."""
    for index in _ROW_FACTS:
        facts[index] = None
    return facts


_compact = json.JSONEncoder(separators=(",", ":")).encode


def stored(facts: list[object]) -> list[object]:
    """``summarize``'s facts as the listing cache keeps them: each list of rows as its JSON
    text (a Summary decodes it when it is first asked for)."""
    kept = list(facts)
    for index in _ROW_FACTS:
        kept[index] = _compact(kept[index])
    return kept


def _plain(value: object) -> str | int | float | bool | None:
    # A hand-written contact or email that is not text still lists (as text).
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def monthly_revenue(client: Client, end: dt.date) -> float | None:
    """The client's monthly revenue: the latest assessment's figure, else its invoice average
    over the 12 months before ``end`` (total invoiced / months from the first of those invoices
    to ``end``, 1 to 12)."""
    for entry in reversed(client.assessments):
        if entry.monthly_revenue is not None:
            return entry.monthly_revenue
    window = end - dt.timedelta(days=365)
    recent = [
        (inv.issued, inv.amount)
        for inv in client.invoices
        if inv.issued is not None and window < inv.issued <= end
    ]
    if not recent:
        return None
    first = min(day for day, _ in recent)
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    return round(sum(a for _, a in recent) / max(1, min(12, months)), 2)


def summarize(client: Client) -> list[JSONValue]:
    """The facts of ``client`` that listings read, as plain JSON values (in FACTS' order)."""
    past = client.assessments
    last = past[-1] if past else None
    end = client.end_date
    ending = client.ending
    return [
        _plain(client.data.get("name")),
        client.status,
        client.archived,
        _plain(client.get("contact")),
        _plain(client.get("email")),
        client.currency,
        _iso(client.start_date),
        _iso(end),
        ending.ended_by if ending else None,
        ending.reason_category if ending else None,
        last.verdict if last else None,
        last.red_flag_score if last else None,
        past[-2].red_flag_score if len(past) > 1 else None,
        last.problem_kinds if last else 0,
        last.effective_rate if last else None,
        last.target_rate if last else None,
        bool(client.handover),
        [
            [inv.number, inv.balance, _iso(inv.issued), _iso(inv.due), inv.id]
            for inv in client.unpaid
        ],
        None if end is None else monthly_revenue(client, end),
        [
            [row.type, _iso(row.day), None if row.invoices is None else list(row.invoices)]
            for row in client.letters
        ],
        [
            [_iso(f.issued), _iso(f.due), _iso(f.paid), f.billed, f.balance]
            for f in facts_of(client.invoices)
        ],
        _ladder_incidents(client),
    ]


def _ladder_incidents(client: Client) -> list[JSONValue]:
    """What the reminder ladder reads of the log: the first payment incident (it skips the
    courtesy stage) and the disputes and promises that pause an invoice."""
    from clientexit.record.schema import PAUSING_KINDS

    payment = next((i for i in client.incidents if i.kind == "payment"), None)
    kept = [payment] if payment is not None else []
    kept += [i for i in client.incidents if i.kind in PAUSING_KINDS and i.invoice and i.until]
    return [[i.kind, _iso(i.date), i.invoice, _iso(i.until)] for i in kept]


# Most clients owe nothing: one answer for all of them, from the same rule.
_NOTHING_OWED = totals_of((), dt.date.min)


@functools.lru_cache(maxsize=4096)  # a book's start and end dates repeat: one date each
def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


class Summary:
    """A client as listings see it (see the module docstring); ``facts`` is ``summarize``'s list
    (or its ``stored`` form)."""

    __slots__ = (
        "_billing",
        "_client",
        "_ladder_incidents",
        "_letters",
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
        "stamp",
        "start",
        "status",
        "target_rate",
        "verdict",
    )
    # The facts' types (summarize writes them; a cache line is trusted as its version says).
    slug: str
    folder: Path | None
    stamp: list[int] | None
    _name: str | int | float | bool | None
    status: str
    archived: bool
    contact: str | int | float | bool | None
    email: str | int | float | bool | None
    currency: str | None
    ended_by: str | None
    reason_category: str | None
    verdict: str | None
    score: float | None
    previous_score: float | None
    problem_kinds: int
    effective_rate: float | None
    target_rate: float | None
    handover_started: bool
    monthly_revenue: float | None
    _client: Client | None

    def __init__(
        self,
        slug: str,
        folder: Path | None,
        facts: list[Any],  # Any: json (a cache line as json.loads reads it; see _rows)
        client: Client | None = None,
        stamp: list[int] | None = None,
    ) -> None:
        self.slug = slug
        self.folder = folder  # clients/: the file is folder / f"{slug}.toml"
        # The file's identity on disk when it was summarized (_record_cache), if read from one.
        self.stamp = stamp
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
            self._letters,
            self._billing,
            self._ladder_incidents,
        ) = facts
        self.start: dt.date | None = _date(start)
        self.end: dt.date | None = _date(end)
        self._client = client

    @classmethod
    def of(cls, client: Client) -> Summary:
        """The summary of a record already read (it keeps it: ``record()`` costs nothing)."""
        return cls(client.slug, None, summarize(client), client)

    @property
    def name(self) -> str:
        return str(self._name) if self._name is not None else self.slug

    @property
    def path(self) -> Path | None:
        """The client's file (None for a summary of a record held in memory)."""
        return None if self.folder is None else self.folder / f"{self.slug}.toml"

    def status_on(self, today: dt.date) -> str:
        """The status as of ``today`` (Client.effective_status's rule)."""
        return status_on(self.status, self.end, today)

    def handover_under_way(self, today: dt.date) -> bool:
        """Whether the handover checklist concerns this client (Client.handover_under_way)."""
        return handover_concerns(
            archived=self.archived,
            status=self.status_on(today),
            end=self.end,
            started=self.handover_started,
            today=today,
        )

    def billing_currency(self, profile: Profile) -> str:
        """The client's currency, else the profile's (Client.billing_currency)."""
        return self.currency or profile.currency

    def _rows(self, name: str) -> list[list[Any]]:  # Any: json (rows of the cache line)
        """The fact ``name`` of ROWS, decoded from its stored text the first time."""
        slot = f"_{name}"
        rows = getattr(self, slot)
        if rows is None:  # left out (without_rows): the file says what they are
            rows = summarize(self.record())[FACTS.index(name)]
        elif isinstance(rows, str):
            try:
                rows = json.loads(rows)
                width = len(ROWS[name])
                if not all(isinstance(row, list) and len(row) == width for row in rows):
                    raise ValueError(f"a row of another shape in {name}")
            except (ValueError, TypeError):
                # A cache entry damaged by hand (or by a bug): the file says what is true.
                rows = summarize(self.record())[FACTS.index(name)]
            setattr(self, slot, rows)
        return rows  # type: ignore[no-any-return]  # json: checked for shape above, not per value

    def unpaid(self) -> list[Invoice]:
        """The open invoices (number, balance as the amount, issued, due, id)."""
        return [
            Invoice(number, amount, _date(issued), _date(due), id=stable)
            for number, amount, issued, due, stable in self._rows("unpaid")
        ]

    def overdue(self, today: dt.date) -> tuple[Invoice, ...]:
        """The unpaid invoices past their due date as of ``today`` (Client.overdue)."""
        return overdue_of(self.unpaid(), today) if self._rows("unpaid") else ()

    @property
    def letters(self) -> tuple[LetterSent, ...]:
        """The letters drafted: type and day (Client.letters, without language and file)."""
        return tuple(
            LetterSent(kind, None, _date(day), None, None if asked is None else tuple(asked))
            for kind, day, asked in self._rows("letters")
        )

    @property
    def ladder_incidents(self) -> tuple[Incident, ...]:
        """The log as the reminder ladder reads it: the first payment incident, and every
        dispute or promise to pay against an invoice (Client.incidents, in part, without
        their text)."""
        return tuple(
            Incident(_date(day), kind, "", invoice=invoice, until=_date(until))
            for kind, day, invoice, until in self._rows("ladder_incidents")
        )

    def payment_metrics(self, today: dt.date) -> Metrics:
        """How the client pays as of ``today`` (Client.payment_metrics)."""
        found = [
            Fact(_date(issued), _date(due), _date(paid), billed, balance)
            for issued, due, paid, billed, balance in self._rows("billing")
        ]
        return metrics(found, today)

    def totals(self, today: dt.date) -> Totals:
        """Outstanding and overdue sums as of ``today`` (Client.totals)."""
        return totals_of(self.unpaid(), today) if self._rows("unpaid") else _NOTHING_OWED

    def record(self) -> Client:
        """The whole client record, read from its file the first time it is asked for."""
        if self._client is None:
            from clientexit._store import read_toml

            path = self.path
            if path is None:
                raise ValueError(f"no file for {self.slug}")
            self._client = Client(self.slug, path, read_toml(path))
        return self._client
