"""`hours import` minus the terminal: read an export, map its entries, add them in one change."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientexit._errors import UsageError
from clientexit._paths import Paths
from clientexit.hours import detect
from clientexit.hours.entries import FORMATS, Entry, FormatError, Parsed, Problem, ReadOptions
from clientexit.hours.mapping import Mapper, Rule, label, rule_of
from clientexit.record import hours_changes
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


def rules(paths: Paths) -> list[Rule]:
    """Every current client's ``[hours]`` mapping."""
    from clientexit import clients

    found = []
    for record in clients.list_records(paths):
        rule = rule_of(record)
        if rule is not None and rule.match:
            found.append(rule)
    return found


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


def apply(
    paths: Paths, planned: Plan, *, new_rules: Iterable[Rule] = (), dry_run: bool = False
) -> Outcome:
    """Add the planned entries to their clients' files in one change: all are written or, on
    any error, none. ``new_rules`` (mappings a person just chose) are saved in the same change.
    With ``dry_run`` nothing is written, and the outcome says what would have changed."""
    from clientexit import clients

    extra = {rule.slug: rule for rule in new_rules}
    slugs = sorted(set(planned.by_client) | set(extra))
    added: dict[str, Added] = {}
    if not slugs:
        return Outcome(planned, added, written=False)
    try:
        with clients.edit_many(paths, slugs) as docs:
            for slug, doc in docs.items():
                if slug in extra:
                    hours_changes.save_rule(doc, extra[slug].match, extra[slug].unbilled_tags)
                added[slug] = hours_changes.add_tracked(doc, planned.by_client.get(slug, []))
            if dry_run:
                raise _DryRun
    except _DryRun:
        return Outcome(planned, added, written=False)
    return Outcome(planned, added, written=any(a.entries for a in added.values()) or bool(extra))


class _DryRun(Exception):
    """Leaves edit_many without writing anything."""


@dataclass(frozen=True)
class Rebuilt:
    """What ``rebuild`` did: the import of the file afresh, and how many entries counted before
    it let go (now claimed by another client, or by none)."""

    outcome: Outcome
    dropped: dict[str, int]


def rebuild(paths: Paths, planned: Plan, *, dry_run: bool = False) -> Rebuilt:
    """Count the export of ``planned`` again from nothing with the mappings as they are now:
    every mapped client's months are derived anew from its entries, in one change.

    Safe only if the export holds every entry counted so far: a stored key that none of its
    entries has (hours from another export) is a UsageError naming the client and the months,
    and nothing changes.
    """
    from clientexit import clients
    from clientexit.record.hours import decode_keys

    keys = {entry.key for entry in planned.parsed.entries}  # matched by a client or not
    slugs = sorted({r.slug for r in clients.list_records(paths) if "hours" in r.data})
    dropped: dict[str, int] = {}
    added: dict[str, Added] = {}
    try:
        with clients.edit_many(paths, slugs) as docs:
            for slug, doc in docs.items():
                table: Any = doc.get("hours")
                months = table.get("months") if table is not None else None
                before = 0
                if months is not None:
                    missing = []
                    for month, figures in months.items():
                        stored = decode_keys(str(figures.get("keys", "")))
                        before += len(stored)
                        if stored - keys:
                            missing.append(month)
                    if missing:
                        raise UsageError(
                            f"{slug}: hours counted in {', '.join(missing)} come from entries "
                            "this export does not hold (another export?); --rebuild would lose "
                            "them, so nothing was changed.",
                            "Give an export holding every entry imported so far (Watson's "
                            "frames file holds all of Watson's history; for Timewarrior: "
                            "cat data/*.data | clientexit hours import - --rebuild).",
                        )
                    hours_changes.forget_months(doc)
                added[slug] = hours_changes.add_tracked(doc, planned.by_client.get(slug, []))
                dropped[slug] = max(before - added[slug].entries, 0)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return Rebuilt(Outcome(planned, added, written=False), dropped)
    return Rebuilt(Outcome(planned, added, written=True), dropped)
