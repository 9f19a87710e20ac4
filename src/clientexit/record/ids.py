"""Stable ids for the entries a command, an import or a letter names: ``[[invoices]]``,
``[[incidents]]``, ``[[deliverables]]`` and ``[[letters]]``.

An id is the table's prefix and six characters of a lowercase alphabet without look-alikes
(no i, l, o, u): ``inv-7k3q2m``, ``inc-...``, ``del-...``, ``let-...``. It is unique within the
file and never changes once written.

- An entry appended by clientexit gets a random id (``new_id``) that no entry of the file has.
- An entry without one (a file from before ids, or written by hand) has the id ``ids_of`` derives
  from the table and the fields that name the entry (``NATURAL``: an invoice's number, a
  letter's type and time ...; the whole entry where those are missing), counting repeats. The
  next write that changes the file anyway stores exactly that id (``missing``,
  ``store_missing``): an id a listing showed before still names the same entry after, a read
  never writes, and two copies of one file that changed other fields (a payment, a delivery)
  derive the same ids. Deleting an ``id`` line by hand gives the entry a derived one again.
- A hand-written id is kept as written, if it is one word of at most 40 printable characters;
  two entries of one file with the same id are a DataFileError (``problem``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, MutableMapping, Sequence

from clientexit._types import Document

PREFIXES = {"invoices": "inv", "incidents": "inc", "deliverables": "del", "letters": "let"}
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
LENGTH = 6
MAX_LENGTH = 40
# The fields that name an entry without an id: what its derived id is made of.
NATURAL: dict[str, tuple[str, ...]] = {
    "invoices": ("number",),
    "incidents": ("date", "kind", "text"),
    "deliverables": ("what",),
    "letters": ("type", "at"),
}


def _encode(number: int) -> str:
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def new_id(table: str, taken: set[str]) -> str:
    """A fresh random id for a new entry of ``table``, not one of ``taken``."""
    import secrets  # only a write makes new ids

    while True:
        candidate = f"{PREFIXES[table]}-{_encode(secrets.randbits(LENGTH * 5))}"
        if candidate not in taken:
            return candidate


def _naming(table: str, entry: Mapping[str, object]) -> str:
    # str() of dates and datetimes reads the same from tomllib and from tomlkit's unwrap().
    fields = NATURAL[table]
    if any(f in entry for f in fields):
        return json.dumps([str(entry.get(f, "")) for f in fields], ensure_ascii=False)
    content = {str(k): v for k, v in entry.items() if k != "id"}
    return json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)


def _derived(table: str, naming: str, repeat: int, attempt: int) -> str:
    seed = f"{table}\0{naming}\0{repeat}\0{attempt}".encode()
    number = int.from_bytes(hashlib.sha256(seed).digest()[:8], "big")
    return f"{PREFIXES[table]}-{_encode(number)}"


def written_id(entry: Mapping[str, object]) -> str | None:
    """The id stored in ``entry``, if it has a usable one (see ``problem``)."""
    value = entry.get("id")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def ids_of(table: str, entries: Sequence[object]) -> list[str]:
    """The id of every entry of ``table`` in file order: the written one, else the derived one
    (the one the next write stores). Entries that are not tables get ""."""
    rows = [entry if isinstance(entry, Mapping) else None for entry in entries]
    taken = {found for row in rows if row is not None and (found := written_id(row))}
    repeats: dict[str, int] = {}
    result = []
    for row in rows:
        if row is None:
            result.append("")
            continue
        found = written_id(row)
        if found is None:
            naming = _naming(table, row)
            repeat = repeats[naming] = repeats.get(naming, -1) + 1
            attempt = 0
            derived = _derived(table, naming, repeat, attempt)
            while derived in taken:
                attempt += 1
                derived = _derived(table, naming, repeat, attempt)
            taken.add(derived)
            found = derived
        result.append(found)
    return result


def problem(table: str, entries: Sequence[object]) -> str | None:
    """What is wrong with the ids written in ``table``'s entries, else None: an id that is not
    one word of at most 40 printable characters, or one used twice."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping) or "id" not in entry:
            continue
        value = entry["id"]
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > MAX_LENGTH
            or not value.isprintable()
            or value.split() != [value]  # a space inside (as c.isspace(), without a loop)
        ):
            return (
                f"[[{table}]] entry {index}: id = {json.dumps(str(value)[:40])} is not valid: "
                f"an id is one word of at most {MAX_LENGTH} characters"
            )
        if value in seen:
            return (
                f"[[{table}]] entries {seen[value]} and {index} have the same id {value!r}; "
                "ids must be unique (delete the id line of the copy and clientexit gives it one)"
            )
        seen[value] = index
    return None


def taken_in(doc: Mapping[str, object]) -> set[str]:
    """Every id of the file's entries, written or derived (ids are unique per file)."""
    found: set[str] = set()
    for table in PREFIXES:
        entries = doc.get(table)
        if isinstance(entries, list) and entries:
            plain = [e.unwrap() if hasattr(e, "unwrap") else e for e in entries]
            found.update(value for value in ids_of(table, plain) if value)
    return found


Missing = dict[int, tuple[MutableMapping[str, object], str]]


def missing(doc: Mapping[str, object]) -> Missing:
    """The entries of a client document opened for an edit (tomlkit) that have no id stored,
    with the id ``ids_of`` gives them now (as the file is, before the edit changes it)."""
    found: Missing = {}
    for table in PREFIXES:
        entries = doc.get(table)
        if not isinstance(entries, list) or not entries:
            continue
        plain = [e.unwrap() if hasattr(e, "unwrap") else e for e in entries]
        for entry, plain_entry, value in zip(entries, plain, ids_of(table, plain), strict=True):
            if isinstance(plain_entry, Mapping) and written_id(plain_entry) is None and value:
                found[id(entry)] = (entry, value)
    return found


def store_missing(doc: Document, pending: Missing) -> bool:
    """Store the ids ``missing`` found in the entries still in the document and still without
    one; say whether any was stored. Called for an edit that changed the file anyway (see
    clients.edit): a read, or an edit that changes nothing, never writes ids by itself.
    ``doc`` is a tomlkit document: tomlkit types its values as Any."""
    stored = False
    for table in PREFIXES:
        for entry in doc.get(table) or ():
            hit = pending.get(id(entry))
            if hit is not None and hit[0] is entry and "id" not in entry:
                entry["id"] = hit[1]
                stored = True
    return stored
