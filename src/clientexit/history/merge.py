"""Client files merged by meaning, never by line: the rules behind git's merge driver (sync and
undo) and behind merging a sync tool's conflict copy.

- Entries of a list ([[invoices]], [[letters]] ...) are joined by their stable id (else their
  natural fields, see entries.py); one added on each side gives both.
- A value changed on one side only takes that side; removed on one side and untouched on the
  other, it is removed.
- A value changed differently on both sides is a Conflict, named in words, with both values
  kept; the merged file holds this side's value until ``sync --resolve`` decides. A value
  removed on one side and changed on the other is kept, changed (nothing is lost).
- Without a common version (a conflict copy), nothing can be told removed: entries are joined,
  and a value that differs is a Conflict.

The merged file keeps this side's layout and comments, and is parsed and checked (the client
record's own checks) before anyone writes it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from clientexit._errors import ClientExitError, DataFileError
from clientexit.history.entries import is_entry_list, keys_of, label

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.container import Container
    from tomlkit.items import AoT, Item, Table


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


class MergeFailed(ClientExitError):
    """A merge whose result would not be a usable file (it is not written)."""


@dataclass(frozen=True)
class Conflict:
    """A value changed differently on both sides. ``where``: the keys down to it (an entry of a
    list by its key); ``what``: it in words ("invoice 2026-052: amount")."""

    file: str
    who: str
    where: tuple[str, ...]
    what: str
    mine: object
    theirs: object

    def sentence(self, other: str = "on the other computer", here: str = "here") -> str:
        """The conflict in words: 'invoice 2026-052: amount of Northwind Bakery is 1190 here
        and 1250 on the other computer'."""
        mine, theirs = _show(self.mine), _show(self.theirs)
        return f"{self.what} of {self.who} is {mine} {here} and {theirs} {other}"


@dataclass
class Merged:
    """A merge's result: the merged data, its text (this side's layout), the conflicts."""

    data: dict[str, object]
    text: str
    conflicts: list[Conflict] = field(default_factory=list)


def _show(value: object) -> str:
    if value is MISSING:
        return "removed"
    if isinstance(value, Mapping):
        return "present"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:.0f}"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


class _Merger:
    def __init__(self, file: str, who: str, mine: Mapping[str, object]) -> None:
        self.file, self.who, self.mine = file, who, mine
        self.conflicts: list[Conflict] = []

    def _words(self, where: tuple[str, ...]) -> str:
        """An entry's place in words ("invoice A1") from this side's data."""
        entries = self.mine.get(where[0]) if where else None
        if len(where) >= 2 and is_entry_list(entries):
            keys = keys_of(where[0], entries)
            if where[1] in keys:
                return label(where[0], entries[keys.index(where[1])])
        return ".".join(where)

    def value(
        self, where: tuple[str, ...], what: str, base: object, mine: object, theirs: object
    ) -> object:
        if _same(mine, theirs):
            return mine
        if _same(base, mine):
            return theirs
        if _same(base, theirs):
            return mine
        if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
            return self.table(where, what, base if isinstance(base, Mapping) else {}, mine, theirs)
        b, m, t = (_entries_or_none(v) for v in (base, mine, theirs))
        if where and b is not None and m is not None and t is not None:
            # A list of entries ([[invoices]], an invoice's payments = [{...}]): joined entry
            # by entry; one side without the key at all has none of them.
            joined = self.entries(where[-1], b, m, t, where[:-1])
            return MISSING if not joined and (mine is MISSING or theirs is MISSING) else joined
        self.conflicts.append(Conflict(self.file, self.who, where, what, mine, theirs))
        return mine if mine is not MISSING else theirs

    def table(
        self,
        where: tuple[str, ...],
        what: str,
        base: Mapping[str, object],
        mine: Mapping[str, object],
        theirs: Mapping[str, object],
    ) -> dict[str, object]:
        merged: dict[str, object] = {}
        for key in [*mine, *(k for k in theirs if k not in mine)]:
            here = (*where, str(key))
            words = f"{what}: {key}" if what else str(key)
            value = self.value(
                here,
                words,
                base.get(key, MISSING),
                mine.get(key, MISSING),
                theirs.get(key, MISSING),
            )
            if value is not MISSING:
                merged[key] = value
        return merged

    def entries(
        self,
        table: str,
        base: list[Mapping[str, object]],
        mine: list[Mapping[str, object]],
        theirs: list[Mapping[str, object]],
        parent: tuple[str, ...] = (),
    ) -> list[object]:
        by_base = dict(zip(keys_of(table, base), base, strict=True))
        by_mine = dict(zip(keys_of(table, mine), mine, strict=True))
        by_theirs = dict(zip(keys_of(table, theirs), theirs, strict=True))
        order = [*by_mine, *(k for k in by_theirs if k not in by_mine)]
        merged: list[object] = []
        for key in order:
            b, m, t = (side.get(key, MISSING) for side in (by_base, by_mine, by_theirs))
            shown = next(e for e in (m, t, b) if not isinstance(e, _Missing))
            words = label(table, shown)
            if parent:  # an entry inside an entry: "invoice A1: payment"
                words = f"{self._words(parent)}: {words}"
            value = self.value((*parent, table, key), words, b, m, t)
            if value is not MISSING:
                merged.append(value)
        return merged


def _entries_or_none(value: object) -> list[Mapping[str, object]] | None:
    """A side's list of entries ([] for an empty list or no key at all), or None if it is
    something else."""
    if value is MISSING or value == []:
        return []
    return value if is_entry_list(value) else None


def _same(a: object, b: object) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    from clientexit._store import _same as same_values

    return same_values(a, b)


def merge_data(
    file: str,
    base: Mapping[str, object] | None,
    mine: Mapping[str, object],
    theirs: Mapping[str, object],
) -> tuple[dict[str, object], list[Conflict]]:
    """The merged data of one file and its conflicts (``base`` None: no common version)."""
    who = str(mine.get("name") or theirs.get("name") or file)
    merger = _Merger(file, who, mine)
    merged = merger.table((), "", base if base is not None else {}, mine, theirs)
    if base is None:
        # Without a common version "changed on one side" cannot be told from "removed on the
        # other": table() saw MISSING as the base, so a key on one side only is kept.
        pass
    return merged, merger.conflicts


def merge_texts(
    file: str, base: str | None, mine: str, theirs: str, *, path: Path | None = None
) -> Merged:
    """Merge three versions of ``file`` (its name relative to the data folder); the text keeps
    ``mine``'s layout. A version that does not parse, or a result that would not parse or not
    pass the record's checks, is MergeFailed (nothing is written)."""
    from clientexit._store import parse_for_edit

    where = path or Path(file)
    parsed = [
        _parse(where, text, side)
        for text, side in ((mine, "this side"), (theirs, "the other side"))
    ]
    ancestor = _parse(where, base, "the common version") if base is not None else None
    data, conflicts = merge_data(file, ancestor, parsed[0], parsed[1])
    doc = parse_for_edit(where, mine)
    _sync(doc, data)
    text = doc.as_string()
    check(file, where, text, data)
    return Merged(data, text, conflicts)


def _parse(path: Path, text: str, side: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MergeFailed(
            f"{path} on {side} is not valid TOML ({exc}); it cannot be merged."
        ) from None


def check(file: str, path: Path, text: str, data: Mapping[str, object]) -> None:
    """The merged text must parse back to the merged data and, for a client file, be a usable
    record: else MergeFailed."""
    from clientexit._store import _same as same_values

    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MergeFailed(
            f"merging {file} gave text that is not TOML ({exc}); nothing written."
        ) from None
    if not same_values(parsed, dict(data)):
        raise MergeFailed(f"merging {file} could not keep its layout; nothing written.")
    if file.startswith("clients/"):
        from clientexit.clients import check_record

        try:
            check_record(path, parsed)
        except DataFileError as exc:
            raise MergeFailed(f"the merged {file} would not be a usable record: {exc}") from None


# --- Writing the merged data into this side's document (its comments and layout kept) -------


def _plain(item: object) -> object:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if callable(unwrap) else item


def _sync(container: Container | Table, merged: Mapping[str, object]) -> None:
    """Make the tomlkit ``container`` hold ``merged``, changing only what differs."""
    from tomlkit.items import AoT, Array, Table

    for key in [k for k in container if k not in merged]:
        del container[key]
    for key, value in merged.items():
        if key in container:
            current = container[key]
            if _same(_plain(current), value):
                continue
            if isinstance(current, Table) and isinstance(value, Mapping):
                _sync(current, value)
                continue
            if isinstance(current, AoT) and is_entry_list(value):
                _sync_entries(str(key), current, value)
                continue
            if isinstance(current, Array) and isinstance(value, list):
                container[key] = _inline(value)
                continue
        container[key] = _item(value)


def _sync_entries(table: str, current: AoT, merged: list[Mapping[str, object]]) -> None:
    existing = dict(zip(keys_of(table, [t.unwrap() for t in current]), list(current), strict=True))
    wanted = keys_of(table, merged)
    for index in reversed(range(len(current))):
        key = keys_of(table, [t.unwrap() for t in current])[index]
        if key not in wanted:
            del current[index]
    kept = set(keys_of(table, [t.unwrap() for t in current]))
    for key, entry in zip(wanted, merged, strict=True):
        if key in kept:
            _sync(existing[key], entry)
        else:
            current.append(_item(entry))


def _inline(values: list[object]) -> Item:
    """A list written inline, as it was (``payments = [{on = ..., amount = ...}]``)."""
    import tomlkit

    array = tomlkit.array()
    for value in values:
        if isinstance(value, Mapping):
            table = tomlkit.inline_table()
            table.update(value)
            array.append(table)
        else:
            array.append(value)
    return array


def _item(value: object) -> object:
    import tomlkit

    if isinstance(value, Mapping):
        table = tomlkit.table()
        for key, inner in value.items():
            table.add(key, _item(inner))
        return table
    if is_entry_list(value):
        aot = tomlkit.aot()
        for entry in value:
            aot.append(_item(entry))
        return aot
    return value


def apply_value(doc: tomlkit.TOMLDocument, where: tuple[str, ...], value: object) -> None:
    """Set (or, for MISSING, remove) the value at ``where`` in a document: how a conflict is
    resolved. A list of entries in ``where`` is followed by the entry's key."""
    container: Any = doc  # Any: tomlkit (a document, a table or an entry: no common type)
    parts = list(where)
    while len(parts) > 1:
        key = parts.pop(0)
        item = container.get(key)
        if isinstance(item, list):
            entry = parts.pop(0)
            plain = [_plain(e) for e in item]
            keys = keys_of(key, plain) if is_entry_list(plain) else []
            if entry not in keys:
                if value is not MISSING and not parts:
                    item.append(_item(value))
                return
            index = keys.index(entry)
            if not parts:
                if value is MISSING:
                    del item[index]
                elif isinstance(value, Mapping):
                    _sync(item[index], value)
                else:  # not an entry any more: written as it is
                    item[index] = _item(value)
                return
            container = item[index]
            continue
        if item is None:
            if value is MISSING:
                return
            container[key] = _item({})
            item = container[key]
        container = item
    last = parts[0]
    if value is MISSING:
        if last in container:
            del container[last]
    else:
        container[last] = _item(value)
