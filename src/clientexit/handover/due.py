"""What is due across clients in the coming weeks, and where each handover under way stands.

``clients`` shows the open items and the next due date of every client whose handover is under
way, and ``followup`` lists their dated items; both come from the client's checklist, and
building one reads the whole client file and fills in every item's text. Over a book with a
thousand handovers under way that was most of a listing's time, on every run. ``overviews``
keeps what listings read of a checklist (the open count, the next due date, the open dated items
and the key dates) in ``<home>/.cache/handovers.json``, per client file, for one day: an entry is
used only while the file's identity on disk (as in ``_record_cache``), the day, the profile and
the checklist's code and built-in files are unchanged, else the checklist is built again. It is
JSON, derived only, and may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from clientexit._types import JSONValue
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


def overviews(
    clients: Iterable[Summary],
    profile: Profile,
    today: dt.date,
    cache: Path | None = None,
    built: Mapping[str, Overview] | None = None,
    *,
    store: bool = True,
) -> dict[str, Overview]:
    """The overview of every client whose handover is under way as of ``today``, by slug.

    The items' text is in the user's language (the profile's): listings are for the user, not
    the client. ``cache`` is the handovers.json file (see the module docstring); without one
    every checklist is built. A client whose file cannot be read as it was listed is built from
    its record like any other, so its error is the one ``record()`` raises. ``built``: the
    overviews ``taken`` as the files were read in this run (a record is not read again). A
    summary of a record held in memory (no ``path``) is looked up by its ``stamp``, the
    identity its file had when read. With ``store`` False the cache is only looked up, never
    written (for a few clients: the cache is the whole book's). The checklist's code is
    imported only when one is built."""
    from clientexit._day_cache import remembered
    from clientexit.i18n import choose_language

    lang = choose_language(None, None, profile.data)  # in the context: the profile's content
    wanted = [c for c in clients if c.handover_under_way(today)]
    context = overview_context(profile, today) if cache is not None and wanted else ""
    ready = built or {}

    def overview(i: int) -> Overview:
        client = wanted[i]
        found = ready.get(client.slug)
        if found is not None:
            return found
        from clientexit.handover.checklist import build

        return of_checklist(build(client.record(), profile, today, lang), client.slug)

    made = remembered(
        cache,
        context,
        [(c.slug, c.stamp if c.path is None else c.path) for c in wanted],
        overview,
        _encoded,
        _decoded,
        store=store,
    )
    return {client.slug: overview for client, overview in zip(wanted, made, strict=True)}


def taken(profile: Profile, today: dt.date) -> tuple[Callable[[Client], None], dict[str, Overview]]:
    """A ``reading`` hook for clients.load_book that builds the overview of each record read
    whose handover is under way, while it is in hand, and the overviews it fills (by slug, for
    ``overviews(built=...)``): a book read anew keeps an overview per handover, not its record."""
    found: dict[str, Overview] = {}

    def take(client: Client) -> None:
        if client.handover_under_way(today):  # the checklist's imports only then
            from clientexit.handover.checklist import build
            from clientexit.i18n import choose_language

            lang = choose_language(None, None, profile.data)
            found[client.slug] = of_checklist(build(client, profile, today, lang), client.slug)

    return take, found


def _encoded(overview: Overview) -> list[JSONValue]:
    slug = overview.due[0].slug if overview.due else ""
    name = overview.due[0].client if overview.due else ""
    rows: list[JSONValue] = [
        [d.kind, d.id, d.text, d.date.isoformat(), d.overdue] for d in overview.due
    ]
    next_due = overview.next_due.isoformat() if overview.next_due else None
    return [overview.open_items, next_due, slug, name, rows]


def _decoded(entry: list[Any]) -> Overview:  # Any: json (a cache entry as read)
    open_items, next_due, slug, name, rows = entry
    if not isinstance(open_items, int) or not isinstance(name, str) or not isinstance(slug, str):
        raise TypeError("a damaged entry")
    due = tuple(
        Due(slug, name, str(kind), str(key), str(text), dt.date.fromisoformat(day), bool(late))
        for kind, key, text, day, late in rows
    )
    return Overview(open_items, None if next_due is None else dt.date.fromisoformat(next_due), due)


def overview_context(profile: Profile, today: dt.date) -> str:
    """The day, the profile's content, and the code and built-in checklists that make an
    overview: a change of any of them builds every checklist again. Worked out once a run
    (followup's index and the cache both ask)."""
    profile_text = json.dumps(profile.data, sort_keys=True, default=str)
    known = _CONTEXTS.get((profile_text, today))
    if known is None:
        known = _CONTEXTS[(profile_text, today)] = _context_of(profile_text, today)
    return known


_CONTEXTS: dict[tuple[str, dt.date], str] = {}


def _context_of(profile_text: str, today: dt.date) -> str:
    import clientexit
    from clientexit._day_cache import fingerprint
    from clientexit._resources import templates_dir

    package = Path(clientexit.__file__).parent
    checklists = templates_dir() / "checklists"
    languages: list[str] = []
    with contextlib.suppress(OSError):
        languages = sorted(entry.name for entry in os.scandir(checklists))
    return fingerprint(
        today.isoformat(),
        profile_text,
        clientexit.__version__,
        *languages,
        files=[
            *(package / name for name in _RULES),
            *(checklists / lang / "handover.toml" for lang in languages),
        ],
    )
