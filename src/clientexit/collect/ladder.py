"""The reminder ladder: which letter is due next, for which of a client's overdue invoices.

The stages are data (templates/collect/ladder.toml; a ladder.toml in the data folder replaces
it). Each overdue invoice walks its own stages (``Step``): days count from its own due date, and
a stage letter counts for it when the [[letters]] entry lists it (``invoices``) or, for an entry
written before letters kept their invoices, when it was overdue on the letter's day. So an
invoice that falls due after a demand starts at the bottom, and a sentence naming earlier
letters names only the ones that asked for it. An invoice no letter has asked for yet starts at
the stage its age calls for (never one with ``opens = false``), past the first, courtesy stage
when payment incidents are logged; a dispute or a promise to pay logged against it (``Pause``)
holds it until the day after the pause ends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit._errors import DataFileError, UsageError
from clientexit.collect.ladder_file import FILE_NAME as FILE_NAME
from clientexit.collect.ladder_file import location as location
from clientexit.collect.notes import Voice

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.record.invoices import Invoice
    from clientexit.record.model import Client, Incident, LetterSent
    from clientexit.record.summary import Summary

_STAGE_KEYS = {
    "type": True,
    "after_days": True,
    "pay_within_days": True,
    "in_sequence": False,
    "opens": False,
}
_DEMAND_KEYS = {"country": True, "debtor": False, "procedure": True, "pay_within_days": True}
DEBTORS = ("individual", "company")
_COMPANY = re.compile(
    r"\b(ltd|limited|plc|llp|l\.l\.p\.|inc|gmbh|s\.r\.o\.|a\.s\.|şti|a\.ş\.)(\W|$)", re.I
)


@dataclass(frozen=True)
class Stage:
    """One rung: its letter type, when it is due and the pay-by period it gives; ``opens``:
    whether it may be the first letter an invoice gets."""

    type: str
    after_days: int
    pay_within_days: int
    in_sequence: bool = True
    opens: bool = True


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


def load(paths: Paths | None = None) -> Ladder:
    """The user's ladder.toml if there is one, else the built-in one, checked."""
    from clientexit._store import read_toml
    from clientexit.collect.ladder_file import source

    found = source(paths)
    return parse(read_toml(found), found)


def _fail(source: Path, key: str, what: str) -> DataFileError:
    return DataFileError(
        f"{source}: {key} {what}.", "Fix it by hand, or delete it to use the built-in ladder."
    )


def _days(source: Path, table: Mapping[str, object], key: str, where: str) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise _fail(source, f"{where}.{key}", "must be a whole number of days from 0 to 3650")
    return value


def _flag(source: Path, table: Mapping[str, object], key: str, where: str) -> bool:
    value = table.get(key, True)
    if not isinstance(value, bool):
        raise _fail(source, f"{where}.{key}", "must be true or false")
    return value


def _check_keys(
    source: Path, table: object, allowed: Mapping[str, bool], where: str
) -> Mapping[str, object]:
    """``table`` checked: a table with only the ``allowed`` keys and every required one."""
    if not isinstance(table, Mapping):
        raise _fail(source, where, "is not a table")
    for name in table:
        if name not in allowed:
            raise _fail(source, f"{where}.{name}", f"is not a known key ({', '.join(allowed)})")
    for name, required in allowed.items():
        if required and name not in table:
            raise _fail(source, f"{where}.{name}", "is missing")
    return table


def parse(data: Mapping[str, object], source: Path) -> Ladder:
    """Check and convert a ladder read from TOML; any problem names the file and the key."""
    for name in data:
        if name not in ("schema_version", "min_gap_days", "stage", "demand"):
            raise _fail(source, name, "is not a known key (min_gap_days, stage, demand)")
    lists: dict[str, list[object]] = {}
    for name in ("stage", "demand"):
        found = data.get(name) or []
        if not isinstance(found, list):
            raise _fail(source, name, f"is not a list of [[{name}]] tables")
        lists[name] = found
    stages = []
    for n, raw in enumerate(lists["stage"], start=1):
        where = f"stage[{n}]"
        table = _check_keys(source, raw, _STAGE_KEYS, where)
        kind = table["type"]
        if not isinstance(kind, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", kind):
            raise _fail(source, f"{where}.type", "must be a letter type like firm-reminder")
        in_sequence, opens = (_flag(source, table, key, where) for key in ("in_sequence", "opens"))
        stages.append(
            Stage(
                kind,
                _days(source, table, "after_days", where),
                _days(source, table, "pay_within_days", where),
                in_sequence,
                opens,
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
    for n, raw in enumerate(lists["demand"], start=1):
        where = f"demand[{n}]"
        table = _check_keys(source, raw, _DEMAND_KEYS, where)
        debtor = table.get("debtor")
        if debtor is not None and (not isinstance(debtor, str) or debtor not in DEBTORS):
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


def debtor_kind(name: str, custom: Mapping[str, object]) -> tuple[str, bool]:
    """ "individual" or "company", and whether it was guessed from the name (no custom.debtor)."""
    given = str(custom.get("debtor") or "").strip().lower()
    if given in DEBTORS:
        return given, False
    return ("company" if _COMPANY.search(name) else "individual"), True


@dataclass(frozen=True)
class Sent:
    """A reminder letter on record: its type, the day it was drafted and, where the record
    says, the invoices it asked for (None: every invoice overdue on that day)."""

    type: str
    on: dt.date
    invoices: tuple[str, ...] | None = None

    def covers(self, number: str, due: dt.date) -> bool:
        """Whether this letter asked for the invoice ``number`` due on ``due``: it names it,
        or (an older record that names none) the invoice was overdue on the letter's day."""
        if self.invoices is not None:
            return number in self.invoices
        return due < self.on


@dataclass(frozen=True)
class Pause:
    """A dispute or a promise to pay logged against an invoice: no reminder until ``until``."""

    kind: str  # "dispute" or "promise"
    since: dt.date
    until: dt.date
    text: str


@dataclass(frozen=True)
class Step:
    """Where one overdue invoice stands on the ladder.

    ``opened_at`` is the stage its age called for when no letter had asked for it yet, where
    that stage may not open a ladder (a formal demand): ``next`` is then the highest one that
    may, and the reminder says why."""

    number: str
    due: dt.date
    sent: tuple[Sent, ...]  # the stage letters that asked for it, oldest first
    reached: Stage | None
    next: Stage | None
    next_on: dt.date | None
    pause: Pause | None = None
    opened_at: Stage | None = None

    def paused(self, today: dt.date) -> bool:
        return self.pause is not None and self.pause.since <= today <= self.pause.until

    def is_due(self, today: dt.date) -> bool:
        return self.next_on is not None and today >= self.next_on and not self.paused(today)


@dataclass(frozen=True)
class Position:
    """Where a client's overdue invoices stand on the ladder today, one Step each."""

    since: dt.date  # the oldest overdue invoice's due date
    steps: tuple[Step, ...]

    @property
    def sent(self) -> tuple[Sent, ...]:
        """Every stage letter that asked for one of these invoices, oldest first."""
        found = {(s.on, s.type): s for step in self.steps for s in step.sent}
        return tuple(found[key] for key in sorted(found))

    @property
    def reached(self) -> Stage | None:
        """The highest stage any of the invoices reached."""
        return _highest(s.reached for s in self.steps)

    @property
    def waiting(self) -> tuple[Step, ...]:
        """The steps with a stage still to come, soonest first."""
        steps = [s for s in self.steps if s.next is not None and s.next_on is not None]
        return tuple(sorted(steps, key=lambda s: (s.next_on, s.due, s.number)))

    @property
    def next(self) -> Stage | None:
        """The stage due soonest (None: every stage has gone for every invoice)."""
        waiting = self.waiting
        return waiting[0].next if waiting else None

    @property
    def next_on(self) -> dt.date | None:
        waiting = self.waiting
        return waiting[0].next_on if waiting else None

    def is_due(self, today: dt.date) -> bool:
        return any(s.is_due(today) for s in self.steps)


def schedule(
    ladder: Ladder, where: Position, today: dt.date
) -> list[tuple[Stage, dt.date, tuple[str, ...]]]:
    """The stages still to come and the day each falls due first, with the invoices it will ask
    for then: each invoice's next stage on its day, and the later ones as if each letter went
    on the day it is due (one already late: today). A calendar of the ladder, soonest first."""
    sequence = list(ladder.sequence)
    gap = dt.timedelta(days=ladder.min_gap_days)
    first: dict[str, tuple[Stage, dt.date, list[str]]] = {}
    for item in where.steps:
        if item.next is None or item.next_on is None:
            continue
        day = item.next_on
        for stage in sequence[sequence.index(item.next) :]:
            if stage != item.next:
                day = max(item.due + dt.timedelta(days=stage.after_days), max(day, today) + gap)
            kept = first.get(stage.type)
            if kept is None or day < kept[1]:
                first[stage.type] = (stage, day, [item.number])
            elif day == kept[1]:
                kept[2].append(item.number)
    rows = [(stage, day, tuple(numbers)) for stage, day, numbers in first.values()]
    return sorted(rows, key=lambda row: (row[1], row[0].after_days))


def _highest(stages: Iterable[Stage | None]) -> Stage | None:
    found = [s for s in stages if s is not None]
    return max(found, key=lambda s: s.after_days) if found else None


def step(
    ladder: Ladder,
    number: str,
    due: dt.date,
    letters: Iterable[Sent],
    today: dt.date,
    *,
    incidents_logged: bool = False,
    pause: Pause | None = None,
) -> Step:
    """Where the invoice ``number`` (due on ``due``) stands: the stage letters that asked for
    it, and the next stage with its day.

    An invoice no letter has asked for yet starts at the stage its age calls for (a debt 71
    days overdue does not get the friendly reminder), never at one that may not open a ladder
    (``opens = false``), and past the first, courtesy stage when payment incidents are logged.
    A pause moves the next day after its end."""
    sequence = ladder.sequence
    order = {s.type: i for i, s in enumerate(sequence)}
    sent = tuple(
        sorted(
            (s for s in letters if s.type in order and s.covers(number, due)), key=lambda s: s.on
        )
    )
    opened_at = None
    if sent:
        reached = max(order[s.type] for s in sent)
        index = reached + 1
        nxt = sequence[index] if index < len(sequence) else None
        next_on = None
        if nxt is not None:
            next_on = max(
                due + dt.timedelta(days=nxt.after_days),
                sent[-1].on + dt.timedelta(days=ladder.min_gap_days),
            )
        reached_stage: Stage | None = sequence[reached]
    else:
        reached_stage = None
        aged = [i for i, s in enumerate(sequence) if due + dt.timedelta(days=s.after_days) <= today]
        index = aged[-1] if aged else 0
        opening = [i for i in range(index + 1) if sequence[i].opens]
        if index not in opening:
            opened_at = sequence[index]
            index = opening[-1] if opening else index
        if incidents_logged and index == 0 and len(sequence) > 1:
            index = 1
        nxt = sequence[index]
        # The first letter goes when the first stage would, or as soon as the age calls for it.
        first = sequence[aged[-1]] if aged else sequence[0]
        next_on = due + dt.timedelta(days=min(first.after_days, nxt.after_days))
    if pause is not None and next_on is not None:
        next_on = max(next_on, pause.until + dt.timedelta(days=1))
    return Step(number, due, sent, reached_stage, nxt, next_on, pause, opened_at)


def pauses(incidents: Iterable[Incident]) -> dict[str, Pause]:
    """The latest dispute or promise logged against each invoice (``Incident`` rows)."""
    from clientexit.record.schema import PAUSING_KINDS

    found: dict[str, Pause] = {}
    for row in incidents:
        if row.kind in PAUSING_KINDS and row.invoice and row.until and row.date:
            kept = found.get(row.invoice)
            if kept is None or row.date >= kept.since:
                found[row.invoice] = Pause(row.kind, row.date, row.until, row.text)
    return found


def position(
    ladder: Ladder,
    overdue: Iterable[Invoice],
    letters: Iterable[Sent],
    today: dt.date,
    *,
    incidents: Iterable[Incident] = (),
) -> Position | None:
    """Where each overdue invoice (``Invoice`` rows with a due date) stands; None when none
    is overdue. Payment incidents on record skip the courtesy stage; a dispute or a promise
    logged against an invoice pauses it."""
    rows = sorted((i.due, i.number) for i in overdue if i.due is not None)
    if not rows:
        return None
    letters = tuple(letters)
    incidents = tuple(incidents)
    logged = any(i.kind == "payment" and (i.date is None or i.date <= today) for i in incidents)
    held = pauses(incidents)
    steps = tuple(
        step(
            ladder,
            number,
            due,
            letters,
            today,
            incidents_logged=logged,
            pause=held.get(number),
        )
        for due, number in rows
    )
    return Position(rows[0][0], steps)


@dataclass(frozen=True)
class Choice:
    """The stage to draft, the invoices it asks for, and what the person should know about
    the others (stderr)."""

    stage: Stage
    steps: tuple[Step, ...]
    cautions: tuple[str, ...]


def _paused_error(who: str, held: Sequence[Step], voice: Voice) -> UsageError:
    first = held[0]
    assert first.pause is not None
    what = "a dispute" if first.pause.kind == "dispute" else "a promise to pay"
    return UsageError(
        f"Every overdue invoice of {who} is paused: invoice {first.number} until "
        f"{_day(first.pause.until, voice)} ({what} logged on {_day(first.pause.since, voice)})"
        + (f", and {len(held) - 1} more." if len(held) > 1 else "."),
        f"The reminders resume the day after; see them with clientexit followup {who}",
    )


def _day(value: dt.date, voice: Voice) -> str:
    """A day in a refusal (English, as every refusal is) in the reader's date style: the
    letter's when it is English, else day first."""
    from clientexit.i18n import format_date

    return format_date(value, voice.dates if voice.lang == "en" else "en_GB")


def choose(
    ladder: Ladder,
    where: Position,
    today: dt.date,
    *,
    requested: str | None,
    skip: bool,
    who: str,
    voice: Voice | None = None,
) -> Choice:
    """The stage to draft now and the invoices it asks for. Without ``requested``: the highest
    stage due today, for the invoices whose next stage it is (the others wait for their own
    letter). ``requested`` drafts that stage for the invoices at it, never skipping one unless
    ``skip``. A UsageError says what is due when, or what would be skipped. The cautions are
    in ``voice`` (the letter's language; English by default)."""
    voice = voice or Voice()
    active = tuple(s for s in where.steps if not s.paused(today))
    held = tuple(s for s in where.steps if s.paused(today))
    cautions = [_pause_note(s, voice) for s in held]
    if not active:
        raise _paused_error(who, held, voice)
    if requested is None:
        due = [s for s in active if s.is_due(today)]
        if not due:
            waiting = [s for s in active if s.next is not None and s.next_on is not None]
            if not waiting:
                last = where.sent[-1]
                raise UsageError(
                    f"Every stage has gone to {who}: the {last.type} on "
                    f"{_day(last.on, voice)}. What follows is a claim (a court or a collection "
                    "agency): take advice there.",
                    f"To send a stage again, name it: clientexit remind {who} --stage {last.type}",
                )
            soon = min(waiting, key=lambda s: (s.next_on, s.number))
            assert soon.next is not None and soon.next_on is not None
            raise UsageError(
                f"The next reminder for {who}, the {soon.next.type}, is due on "
                f"{_day(soon.next_on, voice)}.",
                f"To draft it now: clientexit remind {who} --stage {soon.next.type}",
            )
        stage = max((s.next for s in due if s.next is not None), key=_rank(ladder))
        chosen = tuple(s for s in due if s.next == stage)
        later = [s for s in due if s.next != stage]
        if later:
            cautions.append(
                voice.say(
                    "also_due_many" if len(later) > 1 else "also_due_one",
                    stage=later[0].next.type if later[0].next else "",
                    numbers=", ".join(s.number for s in later),
                    who=who,
                )
            )
        return Choice(stage, chosen, tuple(cautions + _opened_notes(chosen, stage, voice)))
    stage = ladder.get(requested)
    if not stage.in_sequence:
        return Choice(stage, active, tuple(cautions))
    rank = _rank(ladder)
    chosen = tuple(s for s in active if s.next == stage or s.reached == stage)
    behind = tuple(s for s in active if s.next is not None and rank(s.next) < rank(stage))
    if behind and (skip or not chosen):
        if not skip:
            order = [s.type for s in ladder.sequence]
            first = min((s.next for s in behind if s.next), key=rank)
            skipped = order[order.index(first.type) : order.index(stage.type)]
            raise UsageError(
                f"The {stage.type} would skip the {', '.join(skipped)} for {who}: each stage "
                "gives the client a chance to pay before the next.",
                f"Send the {skipped[0]} first (clientexit remind {who}), or pass --skip-stages "
                f"to draft the {stage.type} now.",
            )
        chosen = tuple(s for s in active if s in chosen or s in behind)
    elif behind:
        cautions.append(
            voice.say(
                "left_out_many" if len(behind) > 1 else "left_out_one",
                stage=stage.type,
                numbers=", ".join(s.number for s in behind),
                who=who,
            )
        )
    if not chosen and skip:
        chosen = active  # asked for by name, past it or not: the person decides
    if not chosen:
        raise UsageError(
            f"No overdue invoice of {who} is at the {stage.type}: every one is past it.",
            f"Draft the next stage due: clientexit remind {who}",
        )
    return Choice(stage, chosen, tuple(cautions + _opened_notes(chosen, stage, voice)))


def _rank(ladder: Ladder) -> Callable[[Stage], int]:
    order = {s.type: i for i, s in enumerate(ladder.sequence)}
    return lambda stage: order.get(stage.type, -1)


def _pause_note(held: Step, voice: Voice) -> str:
    assert held.pause is not None
    kind = "pause_dispute" if held.pause.kind == "dispute" else "pause_promise"
    why = voice.say(kind, since=voice.day(held.pause.since))
    return voice.say("pause", number=held.number, until=voice.day(held.pause.until), why=why)


def _opened_notes(steps: Iterable[Step], stage: Stage, voice: Voice) -> list[str]:
    notes = []
    for s in steps:
        if s.opened_at is not None and s.next == stage and not s.sent and s.next is not None:
            notes.append(
                voice.say("opened", number=s.number, opened=s.opened_at.type, next=s.next.type)
            )
    return notes


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
    return [
        Sent(row.type, row.day, row.invoices) for row in letters if row.type in names and row.day
    ]


@dataclass(frozen=True)
class Standing:
    """Where one client stands on the ladder today, for the book's listings."""

    slug: str
    name: str
    reached: str | None  # the highest stage sent for the invoices now overdue
    next: str | None  # None: every stage has been sent
    next_on: dt.date | None
    overdue_count: int
    position: Position | None = None

    def as_dict(self) -> dict[str, object]:
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
    if not overdue:
        return None
    # A summary keeps what the ladder reads of the log: no file is read again.
    where = position(
        ladder,
        overdue,
        stage_letters(client.letters, ladder),
        today,
        incidents=client.ladder_incidents,
    )
    if where is None:
        return None
    waiting = [s for s in where.waiting if not s.paused(today)] or list(where.waiting)
    first = waiting[0] if waiting else None
    return Standing(
        client.slug,
        client.name,
        where.reached.type if where.reached else None,
        first.next.type if first and first.next else None,
        first.next_on if first else None,
        len(overdue),
        where,
    )
