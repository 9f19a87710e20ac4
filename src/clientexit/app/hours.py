"""Tracked hours in the clients' files: which entries are a client's own (its ``[hours]``
mapping), and an export's entries added to every client they belong to in one change
(hours/importer.py reads and maps the export; record/hours_changes.py writes the months)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.hours.importer import Outcome, Plan, Rebuilt
    from clientexit.hours.mapping import Rule
    from clientexit.record.hours_changes import Added


def change_mapping(
    paths: Paths,
    name: str,
    match: Iterable[str],
    unbilled_tags: Iterable[str],
    remove: Iterable[str],
) -> None:
    """Add patterns and unbilled tags to the client's ``[hours]`` and take ``remove`` out, in one
    change of its file (a name to remove it does not hold is a UsageError: nothing changes)."""
    from clientexit import clients
    from clientexit.record import hours_changes

    with clients.edit(paths, name) as doc:
        hours_changes.change_mapping(doc, match, unbilled_tags, remove)


def rules(paths: Paths) -> list[Rule]:
    """Every current client's ``[hours]`` mapping."""
    from clientexit import clients
    from clientexit.hours.mapping import rule_of

    found = []
    for record in clients.list_records(paths):
        rule = rule_of(record)
        if rule is not None and rule.match:
            found.append(rule)
    return found


def whole_file_rule(paths: Paths, client: str) -> Rule:
    """``--client``: every entry of the file is this client's (its unbilled tags still apply)."""
    from clientexit import clients
    from clientexit.hours.mapping import Rule, rule_of

    record = clients.load(paths, client)
    own = rule_of(record)
    return Rule(record.slug, record.name, (), own.unbilled_tags if own else (), everything=True)


def apply(
    paths: Paths, planned: Plan, *, new_rules: Iterable[Rule] = (), dry_run: bool = False
) -> Outcome:
    """Add the planned entries to their clients' files in one change: all are written or, on
    any error, none. ``new_rules`` (mappings a person just chose) are saved in the same change.
    With ``dry_run`` nothing is written, and the outcome says what would have changed."""
    from clientexit import clients
    from clientexit.hours.importer import Outcome
    from clientexit.record import hours_changes

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


def rebuild(paths: Paths, planned: Plan, *, dry_run: bool = False) -> Rebuilt:
    """Count the export of ``planned`` again from nothing with the mappings as they are now:
    every mapped client's months are derived anew from its entries, in one change.

    Safe only if the export holds every entry counted so far: a stored key that none of its
    entries has (hours from another export) is a UsageError naming the client and the months,
    and nothing changes.
    """
    from clientexit import clients
    from clientexit._errors import UsageError
    from clientexit.hours.importer import Outcome, Rebuilt
    from clientexit.record import hours_changes

    keys = {entry.key for entry in planned.parsed.entries}  # matched by a client or not
    slugs = sorted({r.slug for r in clients.list_records(paths) if r.hours_mapping is not None})
    dropped: dict[str, int] = {}
    added: dict[str, Added] = {}
    try:
        with clients.edit_many(paths, slugs) as docs:
            for slug, doc in docs.items():
                stored = hours_changes.stored_keys(doc)
                before = 0
                if stored is not None:
                    before = sum(len(found) for found in stored.values())
                    missing = [month for month, found in stored.items() if found - keys]
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
