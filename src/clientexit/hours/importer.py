"""`hours import` minus the terminal and the files: read an export, map its entries to clients,
and say what an import did (app/hours.py adds them to the clients' files in one change)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clientexit._errors import UsageError
from clientexit.hours import detect
from clientexit.hours.entries import FORMATS, Entry, FormatError, Parsed, Problem, ReadOptions
from clientexit.hours.mapping import Mapper, Rule, label
from clientexit.record.hours_changes import Added

STDIN = "-"  # FILE that means standard input (`timew export | clientexit hours import -`)


# The largest export read: years of entries are a few megabytes; a file (or a device such as
# /dev/zero) beyond this is not an export, and reading it all would only use up memory.
MAX_BYTES = 64 * 1024 * 1024
# The longest project, client or tag name an entry may carry into the book and onto a screen.
MAX_NAME = 200


def read(path: Path, fmt: str | None = None, options: ReadOptions | None = None) -> Parsed:
    """Parse the export at ``path`` (format detected when ``fmt`` is None). A file that is not
    an export of that kind is a UsageError naming the file and what is wrong; an entry that
    cannot be counted is a problem of the result, with its line and the reason in words."""
    raw = _read_bytes(path)
    try:
        parsed = detect.parse(detect.decode(raw), fmt, options)
    except FormatError as exc:
        where = f" as {fmt}" if fmt else ""
        hint = "Check that it is the right file, or give its format: --from " + "|".join(FORMATS)
        if "--date-order" in str(exc):
            hint = "Give the order the file's dates are written in; nothing was imported."
        raise UsageError(f"{path}: cannot read it{where}: {exc}.", hint) from None
    return _checked(parsed)


def _read_bytes(path: Path) -> bytes:
    import os
    import stat

    too_big = UsageError(
        f"{path} is larger than {MAX_BYTES // 2**20} MB: no time tracker's export is.",
        "Give the export file itself.",
    )
    if str(path) == STDIN:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise too_big
        return raw
    try:
        with path.open("rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise UsageError(f"{path} is a device, not a file.", "Give an export file.")
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(
            f"No file at {path}.", "Give the path of a time tracker's export."
        ) from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder.", "Give one export file.") from None
    except PermissionError:
        raise UsageError(f"{path} cannot be read: permission denied.") from None
    if len(raw) > MAX_BYTES:
        raise too_big
    return raw


def _checked(parsed: Parsed) -> Parsed:
    """``parsed`` without the entries clientexit must not count or store: a date outside the
    years it works with, or a name that is not plain text of a sensible length. Each becomes a
    problem naming the value."""
    kept: list[Entry] = []
    for entry in parsed.entries:
        problem = _entry_problem(entry)
        if problem is None:
            kept.append(entry)
        else:
            parsed.problems.append(Problem(entry.line, problem))
    parsed.entries = kept
    parsed.problems.sort(key=lambda p: p.line)
    return parsed


def _entry_problem(entry: Entry) -> str | None:
    from clientexit import timeline
    from clientexit.hours.entries import shown
    from clientexit.secretcheck import CONTROL

    if not timeline.FIRST_DAY <= entry.day <= timeline.LAST_DAY:
        return (
            f"its date {entry.day.isoformat()} is outside the years clientexit works with "
            f"({timeline.FIRST_DAY.year} to {timeline.LAST_DAY.year})"
        )
    for what, value in (
        ("project", entry.project),
        ("client", entry.client),
        *(("tag", tag) for tag in entry.tags),
        ("description", entry.description),
    ):
        if what != "description" and len(value) > MAX_NAME:
            return f"its {what} is {len(value):,} characters long (at most {MAX_NAME})"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            readable = value.encode("utf-8", "replace").decode()
            return f"its {what} {shown(readable)} holds a lone surrogate, which is not text"
        if CONTROL.search(value) or (what != "description" and ("\n" in value or "\r" in value)):
            return f"its {what} {shown(value)} holds a control character"
    return None


@dataclass
class Plan:
    """Which client each entry goes to, before anything is written."""

    parsed: Parsed
    by_client: dict[str, list[tuple[Entry, bool]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    unmatched: Counter[str] = field(default_factory=Counter)
    unmatched_seconds: Counter[str] = field(default_factory=Counter)
    ambiguous: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)


def plan(parsed: Parsed, rules: Sequence[Rule]) -> Plan:
    """Map each entry of ``parsed`` to a client with ``rules``; entries that no client, or more
    than one, claims are counted in the plan, never dropped silently."""
    mapper = Mapper(rules)
    result = Plan(parsed, names={rule.slug: rule.name for rule in rules})
    for entry in parsed.entries:
        verdict = mapper.verdict(entry)
        if verdict.slug is not None:
            result.by_client.setdefault(verdict.slug, []).append((entry, verdict.billable))
        elif verdict.claimants:
            result.ambiguous.append((entry.line, verdict.claimants))
        else:
            name = label(entry)
            result.unmatched[name] += 1
            result.unmatched_seconds[name] += entry.seconds
    return result


def unmatched_names(parsed: Parsed) -> list[str]:
    """The projects (or client columns, or tags) in an export, most hours first, each once
    whatever its case: what a person maps when no client has a mapping yet."""
    seconds: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for entry in parsed.entries:
        name = entry.client or entry.project or (entry.tags[0] if entry.tags else "")
        if name:
            folded = name.casefold()
            spelling.setdefault(folded, name)
            seconds[folded] += entry.seconds
    return [spelling[folded] for folded, _ in seconds.most_common()]


def common_tags(parsed: Parsed) -> list[str]:
    """The tags of an export, most used first, each once whatever its case."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for entry in parsed.entries:
        for tag in entry.tags:
            spelling.setdefault(tag.casefold(), tag)
            counts[tag.casefold()] += 1
    return [spelling[folded] for folded, _ in counts.most_common()]


@dataclass(frozen=True)
class Outcome:
    """What an import did, per client, and what it could not place."""

    plan: Plan
    added: dict[str, Added]
    written: bool

    @property
    def problems(self) -> list[tuple[int, str]]:
        return [(p.line, p.reason) for p in self.plan.parsed.problems]


@dataclass(frozen=True)
class Rebuilt:
    """What ``rebuild`` did: the import of the file afresh, and how many entries counted before
    it let go (now claimed by another client, or by none)."""

    outcome: Outcome
    dropped: dict[str, int]
