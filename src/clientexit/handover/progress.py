"""Which checklist items a change of the handover's progress is about: the ids checked against
this client's checklist, and what a checkbox selection means. The change itself is written by
record/handover_changes.py (``[handover.items.<id>]``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from clientexit._errors import NotFoundError, UsageError
from clientexit.handover.checklist import Checklist


def check_ids(checklist: Checklist, ids: Iterable[str]) -> list[str]:
    """The ids, each on this client's checklist; an unknown one is an error with suggestions."""
    known = checklist.ids
    result = []
    for raw in ids:
        item_id = raw.strip()
        if item_id in known:
            if item_id not in result:
                result.append(item_id)
            continue
        close = difflib.get_close_matches(item_id, known, n=3, cutoff=0.5)
        close += [k for k in known if item_id and item_id in k and k not in close][: 3 - len(close)]
        hint = (
            f"Did you mean: {', '.join(close)}?"
            if close
            else "See every id with: clientexit handover CLIENT --json"
        )
        raise NotFoundError(f"No item {item_id!r} on {checklist.client}'s checklist.", hint)
    return result


def check_change(
    checklist: Checklist, done: Iterable[str], undone: Iterable[str]
) -> tuple[list[str], list[str]]:
    """The ids to mark done and not done, all known, and none asked for both ways."""
    to_do, to_undo = check_ids(checklist, done), check_ids(checklist, undone)
    both = sorted(set(to_do) & set(to_undo))
    if both:
        raise UsageError(f"{', '.join(both)}: both --done and --undo; pick one.")
    return to_do, to_undo


def selection(checklist: Checklist, selected: Iterable[str]) -> tuple[list[str], list[str]]:
    """The ids to mark done and not done so that the done items are exactly ``selected`` (from a
    checkbox)."""
    chosen = set(selected)
    return (
        [i.id for i in checklist.items if i.id in chosen],
        [i.id for i in checklist.items if i.is_done and i.id not in chosen],
    )
