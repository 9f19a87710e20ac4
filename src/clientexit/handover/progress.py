"""Recording progress in the client file: ``[handover.items.<id>]`` with ``done`` and ``note``.

Each function changes only the one item table it is about, so comments and keys a person added by
hand anywhere else in the file survive.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, MutableMapping
from typing import Any

from clientexit._errors import NotFoundError, UsageError
from clientexit.handover.checklist import Checklist
from clientexit.secretcheck import refuse_secrets

MAX_NOTE = 500


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


def _items_table(doc: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    import tomlkit

    if "handover" not in doc:
        doc["handover"] = tomlkit.table(is_super_table=True)
    handover = doc["handover"]
    if "items" not in handover:
        handover["items"] = tomlkit.table(is_super_table=True)
    items = handover["items"]
    if not isinstance(items, MutableMapping):
        raise UsageError(
            "[handover] items in the client file is not a table.", "Fix it by hand, then retry."
        )
    return items


def _item(doc: MutableMapping[str, Any], item_id: str) -> MutableMapping[str, Any]:
    import tomlkit

    items = _items_table(doc)
    if item_id not in items:
        items[item_id] = tomlkit.table()
    item: MutableMapping[str, Any] = items[item_id]
    return item


def _drop_if_empty(doc: MutableMapping[str, Any], item_id: str) -> None:
    items = _items_table(doc)
    if item_id in items and not items[item_id]:
        del items[item_id]


def mark_done(doc: MutableMapping[str, Any], ids: Iterable[str], today: dt.date) -> list[str]:
    """Record ``today`` as the done date of each item not done yet; returns those changed."""
    changed = []
    for item_id in ids:
        item = _item(doc, item_id)
        if "done" not in item:
            item["done"] = today
            changed.append(item_id)
    return changed


def undo(doc: MutableMapping[str, Any], ids: Iterable[str]) -> list[str]:
    """Forget the done date of each item (its note stays); returns those changed."""
    changed = []
    for item_id in ids:
        items = _items_table(doc)
        if item_id in items and "done" in items[item_id]:
            del items[item_id]["done"]
            changed.append(item_id)
            _drop_if_empty(doc, item_id)
    return changed


def check_note(text: str) -> str:
    """A note fit to store: one line, not too long, and no secret in it."""
    text = " ".join(text.split())
    if len(text) > MAX_NOTE:
        raise UsageError(f"The note is {len(text)} characters long; keep it under {MAX_NOTE}.")
    refuse_secrets(text)
    return text


def set_note(doc: MutableMapping[str, Any], item_id: str, text: str) -> None:
    """Store a note on an item (checked for secrets first); an empty text removes the note."""
    text = check_note(text)
    if text:
        _item(doc, item_id)["note"] = text
    else:
        items = _items_table(doc)
        if item_id in items and "note" in items[item_id]:
            del items[item_id]["note"]
            _drop_if_empty(doc, item_id)


def apply_selection(
    doc: MutableMapping[str, Any], checklist: Checklist, selected: Iterable[str], today: dt.date
) -> tuple[list[str], list[str]]:
    """Make the done items exactly ``selected`` (from a checkbox): returns (newly done, undone)."""
    chosen = set(selected)
    done_now = mark_done(doc, [i.id for i in checklist.items if i.id in chosen], today)
    undone = undo(doc, [i.id for i in checklist.items if i.is_done and i.id not in chosen])
    return done_now, undone
