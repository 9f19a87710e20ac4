"""Which client an entry belongs to, and whether its hours are billable.

A client's ``[hours]`` table says which entries are its own: ``match`` holds names or glob
patterns (``acme``, ``acme-*``) compared, ignoring case, with the entry's client column, its
project (and each part of a colon-separated account), and its tags, in that order of strength;
``unbilled_tags`` names tags whose hours are not billed. An entry the tracker marks as not
billable is unbilled too.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clientexit._errors import UsageError
from clientexit.hours.entries import Entry

if TYPE_CHECKING:
    from clientexit.record.model import Client

_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Rule:
    """One client's mapping, as its file's ``[hours]`` table holds it."""

    slug: str
    name: str
    match: tuple[str, ...] = ()
    unbilled_tags: tuple[str, ...] = ()
    everything: bool = False  # claims every entry (import --client), named or not


def rule_of(client: Client) -> Rule | None:
    """The client's mapping (its ``[hours]`` table), or None when it has none."""
    table = client.hours_mapping
    if table is None:
        return None
    return Rule(client.slug, client.name, table.match, table.unbilled_tags)


@dataclass(frozen=True)
class Verdict:
    """Where one entry goes: a client's slug, or None with the reason (``unmatched`` or
    ``ambiguous`` naming the clients that all claim it)."""

    slug: str | None
    billable: bool = True
    claimants: tuple[str, ...] = ()


@dataclass
class Mapper:
    """Applies every client's rule to entries; results are cached per distinct (client column,
    project, tags), so that a year of frames over a few projects costs a few look-ups."""

    rules: Sequence[Rule]
    _exact: dict[str, set[str]] = field(default_factory=dict, init=False)
    _globs: list[tuple[re.Pattern[str], str]] = field(default_factory=list, init=False)
    _unbilled: dict[str, frozenset[str]] = field(default_factory=dict, init=False)
    _cache: dict[tuple[str, str, tuple[str, ...]], tuple[str, ...]] = field(
        default_factory=dict, init=False
    )
    _all: tuple[str, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        self._all = tuple(sorted(rule.slug for rule in self.rules if rule.everything))
        for rule in self.rules:
            self._unbilled[rule.slug] = frozenset(t.casefold() for t in rule.unbilled_tags)
            for pattern in rule.match:
                folded = pattern.strip().casefold()
                if _GLOB.search(folded):
                    self._globs.append((re.compile(fnmatch.translate(folded)), rule.slug))
                else:
                    self._exact.setdefault(folded, set()).add(rule.slug)

    def _claims(self, names: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for name in names:
            folded = name.casefold()
            if not folded:
                continue
            found |= self._exact.get(folded, set())
            found.update(slug for pattern, slug in self._globs if pattern.match(folded))
        return found

    def _claimants(self, entry: Entry) -> tuple[str, ...]:
        if self._all:
            return self._all
        cache_key = (entry.client, entry.project, entry.tags)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        project_names = [entry.project, *entry.project.split(":")] if entry.project else []
        result: tuple[str, ...] = ()
        # The strongest kind of name that any rule claims decides; ties within it are ambiguous.
        for names in ([entry.client], project_names, list(entry.tags)):
            found = self._claims(names)
            if found:
                result = tuple(sorted(found))
                break
        self._cache[cache_key] = result
        return result

    def verdict(self, entry: Entry) -> Verdict:
        """The client ``entry`` belongs to and whether its hours are billable."""
        claimants = self._claimants(entry)
        if len(claimants) != 1:
            return Verdict(None, claimants=claimants)
        slug = claimants[0]
        unbilled = self._unbilled[slug]
        billable = entry.billable is not False and not any(
            tag.casefold() in unbilled for tag in entry.tags
        )
        return Verdict(slug, billable)


def label(entry: Entry) -> str:
    """How an unmatched entry is named in the report: its client column and project, else its
    tags, else its description."""
    if entry.client and entry.project:
        return f"{entry.client} / {entry.project}"
    if entry.client or entry.project:
        return entry.client or entry.project
    if entry.tags:
        return " ".join(entry.tags)
    return entry.description or "(no project, client or tag)"


def checked_names(values: Iterable[str], option: str) -> list[str]:
    """Names or patterns given on the command line: one line each, not empty, no secret."""
    from clientexit.secretcheck import refuse_secrets

    names = []
    for value in values:
        text = value.strip()
        if not text or "\n" in text or "\r" in text:
            raise UsageError(
                f"{option} {value!r} is not a name.", f"Give one line, e.g. {option} acme"
            )
        names.append(refuse_secrets(text, f"{option} {text[:20]}", written_out=False))
    return names


def usable_names(values: Iterable[str], option: str) -> list[str]:
    """The names of an export that may be offered as answers: those ``checked_names`` accepts
    (a name with a control character or a credential is never offered, so never stored)."""
    usable = []
    for value in values:
        try:
            usable += checked_names([value], option)
        except UsageError:
            continue
    return usable


def shared_patterns(rule: Rule | None, others: Iterable[Rule | None]) -> list[tuple[str, str]]:
    """Patterns of ``rule`` that another client's mapping also holds: (pattern, other name).
    An entry both claim is counted for neither (it is reported as claimed by several)."""
    if rule is None:
        return []
    mine = {p.casefold(): p for p in rule.match}
    return [
        (mine[p.casefold()], other.name)
        for other in others
        if other is not None
        for p in other.match
        if p.casefold() in mine
    ]
