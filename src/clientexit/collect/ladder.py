"""The reminder ladder: which letter is due next for a client's overdue invoices.

The stages are data (templates/collect/ladder.toml; a ladder.toml in the data folder replaces
it). Days count from the due date of the oldest overdue invoice; a stage counts as sent when a
[[letters]] entry of its type was written on or after that day, so a client who paid and fell
behind again starts at the bottom.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit._errors import DataFileError, UsageError

if TYPE_CHECKING:
    from clientexit.record.model import Client, LetterSent
    from clientexit.record.summary import Summary

FILE_NAME = "ladder.toml"
_STAGE_KEYS = {"type": True, "after_days": True, "pay_within_days": True, "in_sequence": False}
_DEMAND_KEYS = {"country": True, "debtor": False, "procedure": True, "pay_within_days": True}
DEBTORS = ("individual", "company")
_COMPANY = re.compile(
    r"\b(ltd|limited|plc|llp|l\.l\.p\.|inc|gmbh|s\.r\.o\.|a\.s\.|şti|a\.ş\.)(\W|$)", re.I
)


@dataclass(frozen=True)
class Stage:
    """One rung: its letter type, when it is due and the pay-by period it gives."""

    type: str
    after_days: int
    pay_within_days: int
    in_sequence: bool = True


@dataclass(frozen=True)
class Demand:
    """What the formal demand asks in one country (and kind of debtor)."""

    country: str
    debtor: str | None
    procedure: str
    pay_within_days: int


@dataclass(frozen=True)
class Ladder:
    """The stages in order, the minimum gap between two letters, and the formal demands."""

    stages: tuple[Stage, ...]
    min_gap_days: int
    demands: tuple[Demand, ...]
    source: Path

    @property
    def sequence(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.in_sequence)

    def names(self) -> list[str]:
        return [s.type for s in self.stages]

    def get(self, name: str) -> Stage:
        """The stage called ``name``; an unknown one lists them."""
        for stage in self.stages:
            if stage.type == name.strip().lower():
                return stage
        raise UsageError(
            f"There is no reminder stage {name!r} in {self.source}.",
            f"Choose one of: {', '.join(self.names())}.",
        )

    def demand(self, country: str | None, debtor: str) -> Demand | None:
        """The formal demand for ``country`` and ``debtor``; None: the generic one."""
        for found in self.demands:
            if found.country == (country or "").upper() and found.debtor in (None, debtor):
                return found
        return None


@dataclass(frozen=True)
class Sent:
    """A reminder letter on record: its type and the day it was drafted."""

    type: str
    on: dt.date


@dataclass(frozen=True)
class Position:
    """Where a client stands on the ladder today."""

    since: dt.date  # the oldest overdue invoice's due date
    sent: tuple[Sent, ...]  # stage letters since then, oldest first
    reached: Stage | None  # the highest stage in sequence sent
    next: Stage | None  # None: the ladder is done
    next_on: dt.date | None

    def is_due(self, today: dt.date) -> bool:
        return self.next_on is not None and today >= self.next_on


def location(paths: Any) -> Path:
    """Where a ladder of the user's own goes: ``<data folder>/ladder.toml``."""
    return Path(paths.home) / FILE_NAME


def load(paths: Any | None = None) -> Ladder:
    """The user's ladder.toml if there is one, else the built-in one, checked."""
    from clientexit._resources import templates_dir
    from clientexit._store import read_toml

    own = location(paths) if paths is not None else None
    source = own if own is not None and own.is_file() else templates_dir() / "collect" / FILE_NAME
    return parse(read_toml(source), source)


def _fail(source: Path, key: str, what: str) -> DataFileError:
    return DataFileError(
        f"{source}: {key} {what}.", "Fix it by hand, or delete it to use the built-in ladder."
    )


def _days(source: Path, table: Mapping[str, Any], key: str, where: str) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise _fail(source, f"{where}.{key}", "must be a whole number of days from 0 to 3650")
    return value


def _check_keys(source: Path, table: Any, allowed: Mapping[str, bool], where: str) -> None:
    if not isinstance(table, Mapping):
        raise _fail(source, where, "is not a table")
    for name in table:
        if name not in allowed:
            raise _fail(source, f"{where}.{name}", f"is not a known key ({', '.join(allowed)})")
    for name, required in allowed.items():
        if required and name not in table:
            raise _fail(source, f"{where}.{name}", "is missing")


def parse(data: Mapping[str, Any], source: Path) -> Ladder:
    """Check and convert a ladder read from TOML; any problem names the file and the key."""
    for name in data:
        if name not in ("schema_version", "min_gap_days", "stage", "demand"):
            raise _fail(source, name, "is not a known key (min_gap_days, stage, demand)")
    stages = []
    for n, table in enumerate(data.get("stage") or [], start=1):
        where = f"stage[{n}]"
        _check_keys(source, table, _STAGE_KEYS, where)
        kind = table["type"]
        if not isinstance(kind, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", kind):
            raise _fail(source, f"{where}.type", "must be a letter type like firm-reminder")
        in_sequence = table.get("in_sequence", True)
        if not isinstance(in_sequence, bool):
            raise _fail(source, f"{where}.in_sequence", "must be true or false")
        stages.append(
            Stage(
                kind,
                _days(source, table, "after_days", where),
                _days(source, table, "pay_within_days", where),
                in_sequence,
            )
        )
    if not any(s.in_sequence for s in stages):
        raise _fail(source, "stage", "lists no [[stage]] in the sequence")
    if len({s.type for s in stages}) != len(stages):
        raise _fail(source, "stage", "lists a type twice")
    days = [s.after_days for s in stages if s.in_sequence]
    if days != sorted(days):
        raise _fail(source, "stage", "must list the stages in order of after_days")
    demands = []
    for n, table in enumerate(data.get("demand") or [], start=1):
        where = f"demand[{n}]"
        _check_keys(source, table, _DEMAND_KEYS, where)
        debtor = table.get("debtor")
        if debtor is not None and debtor not in DEBTORS:
            raise _fail(source, f"{where}.debtor", f"must be {' or '.join(DEBTORS)}")
        country, procedure = table["country"], table["procedure"]
        if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country):
            raise _fail(source, f"{where}.country", "must be a two-letter code like GB")
        if not isinstance(procedure, str) or not procedure.strip():
            raise _fail(source, f"{where}.procedure", "must be a text in quotes")
        demands.append(
            Demand(country, debtor, procedure, _days(source, table, "pay_within_days", where))
        )
    gap = data.get("min_gap_days", 0)
    return Ladder(
        tuple(stages),
        _days(source, {"min_gap_days": gap}, "min_gap_days", "ladder"),
        tuple(demands),
        source,
    )


def debtor_kind(name: str, custom: Mapping[str, Any]) -> tuple[str, bool]:
    """ "individual" or "company", and whether it was guessed from the name (no custom.debtor)."""
    given = str(custom.get("debtor") or "").strip().lower()
    if given in DEBTORS:
        return given, False
    return ("company" if _COMPANY.search(name) else "individual"), True


def position(ladder: Ladder, overdue_since: dt.date, letters: Iterable[Sent]) -> Position:
    """Where the client stands, given the oldest overdue due date and the letters on record."""
    order = {s.type: i for i, s in enumerate(ladder.sequence)}
    sent = tuple(
        sorted(
            (s for s in letters if s.type in order and s.on >= overdue_since), key=lambda s: s.on
        )
    )
    reached = max((order[s.type] for s in sent), default=-1)
    sequence = ladder.sequence
    nxt = sequence[reached + 1] if reached + 1 < len(sequence) else None
    next_on = None
    if nxt is not None:
        next_on = overdue_since + dt.timedelta(days=nxt.after_days)
        if sent:
            next_on = max(next_on, sent[-1].on + dt.timedelta(days=ladder.min_gap_days))
    return Position(overdue_since, sent, sequence[reached] if reached >= 0 else None, nxt, next_on)


def choose(
    ladder: Ladder,
    where: Position,
    today: dt.date,
    *,
    requested: str | None,
    skip: bool,
    who: str,
) -> Stage:
    """The stage to draft now: the next one when it is due, or ``requested`` if it skips none
    (or ``skip`` says to). A UsageError says what is due when, or what would be skipped."""
    if requested is None:
        if where.next is None:
            last = where.sent[-1]
            raise UsageError(
                f"Every stage has gone to {who}: the {last.type} on {last.on.isoformat()}. "
                "What follows is a claim (a court or a collection agency): take advice there.",
                f"To send a stage again, name it: clientexit remind {who} --stage {last.type}",
            )
        assert where.next_on is not None
        if not where.is_due(today):
            raise UsageError(
                f"The next reminder for {who}, the {where.next.type}, is due on "
                f"{where.next_on.isoformat()}.",
                f"To draft it now: clientexit remind {who} --stage {where.next.type}",
            )
        return where.next
    stage = ladder.get(requested)
    if not stage.in_sequence or skip or where.next is None:
        return stage
    order = [s.type for s in ladder.sequence]
    skipped = order[order.index(where.next.type) : order.index(stage.type)]
    if skipped:
        raise UsageError(
            f"The {stage.type} would skip the {', '.join(skipped)} for {who}: each stage gives "
            "the client a chance to pay before the next.",
            f"Send the {skipped[0]} first (clientexit remind {who}), or pass --skip-stages to "
            f"draft the {stage.type} now.",
        )
    return stage


def pay_within(ladder: Ladder, stage: Stage, country: str | None, debtor: str) -> tuple[int, str]:
    """The days to pay the stage gives and, for the formal demand, the procedure it follows
    ("generic" where the file names none for the country)."""
    if stage.type != "formal-demand":
        return stage.pay_within_days, ""
    found = ladder.demand(country, debtor)
    if found is None:
        return stage.pay_within_days, "generic"
    return found.pay_within_days, found.procedure


def stage_letters(letters: Iterable[LetterSent], ladder: Ladder) -> list[Sent]:
    """The letters on record that are stages of the ladder, as Sent."""
    names = set(ladder.names())
    return [Sent(row.type, row.day) for row in letters if row.type in names and row.day]


@dataclass(frozen=True)
class Standing:
    """Where one client stands on the ladder today, for the book's listings."""

    slug: str
    name: str
    reached: str | None  # the highest stage sent for the invoices now overdue
    next: str | None  # None: every stage has been sent
    next_on: dt.date | None
    overdue_count: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "reached": self.reached,
            "next": self.next,
            "next_on": self.next_on,
            "overdue_invoices": self.overdue_count,
        }


def standing(ladder: Ladder, client: Client | Summary, today: dt.date) -> Standing | None:
    """The client's standing, or None when nothing is overdue (a record or its summary: the
    book's listings read summaries)."""
    overdue = client.overdue(today)
    since = min((i.due for i in overdue if i.due is not None), default=None)
    if since is None:
        return None
    where = position(ladder, since, stage_letters(client.letters, ladder))
    return Standing(
        client.slug,
        client.name,
        where.reached.type if where.reached else None,
        where.next.type if where.next else None,
        where.next_on,
        len(overdue),
    )
