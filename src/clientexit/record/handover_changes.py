"""Typed changes to the handover's progress: ``[handover.items.<id>]`` with ``done`` and ``note``.

Each function takes the client's document as opened with ``clients.edit`` and changes only the
one item table it is about, so comments and keys a person added by hand anywhere else in the
file survive. Which ids are on the checklist is the handover feature's to say
(handover/progress.py checks them); here an id is a key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, MutableMapping

from clientexit._errors import UsageError
from clientexit._types import Document
from clientexit.secretcheck import refuse_secrets

MAX_NOTE = 500


def _items_table(doc: Document) -> Document:
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


def _item(doc: Document, item_id: str) -> Document:
    import tomlkit

    items = _items_table(doc)
    if item_id not in items:
        items[item_id] = tomlkit.table()
    item: Document = items[item_id]
    return item


def _drop_if_empty(doc: Document, item_id: str) -> None:
    items = _items_table(doc)
    if item_id in items and not items[item_id]:
        del items[item_id]


def mark_done(doc: Document, ids: Iterable[str], today: dt.date) -> list[str]:
    """Record ``today`` as the done date of each item not done yet; returns those changed."""
    changed = []
    for item_id in ids:
        item = _item(doc, item_id)
        if "done" not in item:
            item["done"] = today
            changed.append(item_id)
    return changed


def undo(doc: Document, ids: Iterable[str]) -> list[str]:
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


def set_note(doc: Document, item_id: str, text: str) -> None:
    """Store a note on an item (checked for secrets first); an empty text removes the note."""
    text = check_note(text)
    if text:
        _item(doc, item_id)["note"] = text
    else:
        items = _items_table(doc)
        if item_id in items and "note" in items[item_id]:
            del items[item_id]["note"]
            _drop_if_empty(doc, item_id)
