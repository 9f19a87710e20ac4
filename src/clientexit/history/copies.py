"""Conflict copies that a synced folder (Dropbox, Syncthing, Nextcloud) leaves beside a client
file when both computers changed it: found, and merged into the file by merge.py's rules.

Without a common version nothing can be told removed: the copy's entries are joined to the
file's, a value only one holds is kept, and a value both hold differently is a conflict (the
file's value stays until ``--keep`` says otherwise). The copy is deleted only on ``confirm``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from clientexit.history.merge import Conflict

# Syncthing: NAME.sync-conflict-20261204-101010-ABCDEFG.toml
_SYNCTHING = re.compile(r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.toml$")
# Dropbox: NAME (Maya's conflicted copy 2026-12-04).toml; Nextcloud and ownCloud:
# NAME (conflicted copy 2026-12-04 101010).toml
_COPY = re.compile(r"^(?P<stem>.+?) \((?P<who>[^()]*?)conflicted copy(?P<when>[^()]*)\)\.toml$")


@dataclass(frozen=True)
class Copy:
    """A conflict copy and the client file it is a copy of."""

    path: Path
    original: Path
    tool: str

    @property
    def slug(self) -> str:
        return self.original.stem


def _match(name: str) -> tuple[str, str] | None:
    if found := _SYNCTHING.match(name):
        return found["stem"], "Syncthing"
    if found := _COPY.match(name):
        return found["stem"], "Dropbox" if found["who"].strip() else "Nextcloud or Dropbox"
    return None


def find(clients: Path) -> list[Copy]:
    """Every conflict copy in the clients folder, sorted by name (one listing of the folder)."""
    try:
        entries = list(os.scandir(clients))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for entry in entries:
        if not entry.name.endswith(".toml") or "conflict" not in entry.name:
            continue
        matched = _match(entry.name)
        if matched is not None:
            found.append(Copy(Path(entry.path), clients / f"{matched[0]}.toml", matched[1]))
    return sorted(found, key=lambda c: c.path.name)


@dataclass(frozen=True)
class CopyMerged:
    """One copy merged into its file."""

    copy: Copy
    changed: list[str]  # what the copy brought, in words
    conflicts: list[Conflict]
    removed: bool  # the copy was deleted (confirmed)


def merge_copy(copy: Copy, *, keep: str | None = None, confirm: bool = False) -> CopyMerged:
    """Merge ``copy`` into its file (written atomically under the file's lock); with ``keep``
    ("mine": the file, "theirs": the copy) every conflict takes that value; with ``confirm`` the
    copy is deleted afterwards, which needs ``keep`` when there are conflicts."""
    from clientexit._errors import UsageError
    from clientexit._store import atomic_write_text, locked, read_regular_bytes
    from clientexit.history.merge import merge_texts
    from clientexit.history.words import describe_texts

    copy_text = read_regular_bytes(copy.path).decode("utf-8")
    with locked(copy.original):
        try:
            mine = read_regular_bytes(copy.original).decode("utf-8")
        except FileNotFoundError:
            mine = None
        if mine is None:  # the file itself is gone: the copy is all there is
            merged_text, conflicts = copy_text, []
        else:
            name = f"clients/{copy.original.name}"
            merged = merge_texts(name, None, mine, copy_text, path=copy.original)
            merged_text, conflicts = merged.text, merged.conflicts
            if conflicts and keep == "theirs":
                merged_text = _take_theirs(copy.original, merged_text, conflicts)
        if confirm and conflicts and keep is None:
            raise UsageError(
                f"{copy.path.name} and {copy.original.name} differ on {len(conflicts)} "
                "value(s); say which to keep before the copy is deleted.",
                "Add --keep mine (the file's values) or --keep theirs (the copy's).",
            )
        label = f"clients/{copy.original.name}"
        changed = describe_texts(copy.original.parent, {label: mine}, {label: merged_text})
        if merged_text != mine:
            atomic_write_text(copy.original, merged_text)
    if confirm:
        copy.path.unlink()
    return CopyMerged(copy, changed, conflicts, confirm)


def _take_theirs(path: Path, text: str, conflicts: list[Conflict]) -> str:
    import tomllib

    from clientexit._store import parse_for_edit
    from clientexit.history.merge import apply_value, check

    doc = parse_for_edit(path, text)
    for conflict in conflicts:
        apply_value(doc, conflict.where, conflict.theirs)
    result = doc.as_string()
    check(f"clients/{path.name}", path, result, tomllib.loads(result))
    return result
