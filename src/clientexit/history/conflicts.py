"""The conflicts a merge left for ``clientexit sync --resolve``: both values of each, kept in the
repository's own folder (``.git/clientexit-conflicts.toml``: local to this computer, never
committed) until a person decides."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from clientexit.history.merge import MISSING, Conflict

FILE = "clientexit-conflicts.toml"


def location(git_dir: Path) -> Path:
    """Where the open conflicts of the repository whose git folder is ``git_dir`` are kept."""
    return git_dir / FILE


def _value(entry: Mapping[str, object], side: str) -> object:
    return MISSING if entry.get(f"{side}_removed") else entry.get(side)


def read(git_dir: Path) -> list[Conflict]:
    """The open conflicts, oldest first."""
    from clientexit._store import read_toml

    try:
        data = read_toml(location(git_dir))
    except FileNotFoundError:
        return []
    return [
        Conflict(
            str(e["file"]),
            str(e["who"]),
            tuple(e["where"]),
            str(e["what"]),
            _value(e, "mine"),
            _value(e, "theirs"),
        )
        for e in data.get("conflicts", [])
    ]


def write(git_dir: Path, found: list[Conflict]) -> None:
    """Keep exactly ``found`` as the open conflicts (none: the file is removed)."""
    import tomlkit

    from clientexit._store import atomic_write_text

    path = location(git_dir)
    if not found:
        path.unlink(missing_ok=True)
        return
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Conflicts left by a merge: clientexit sync --resolve decides them."))
    entries = tomlkit.aot()
    for conflict in found:
        entry: dict[str, object] = {
            "file": conflict.file,
            "who": conflict.who,
            "where": list(conflict.where),
            "what": conflict.what,
        }
        for side, value in (("mine", conflict.mine), ("theirs", conflict.theirs)):
            if value is MISSING:
                entry[f"{side}_removed"] = True
            else:
                entry[side] = value
        entries.append(entry)
    doc.add("conflicts", entries)
    atomic_write_text(path, doc.as_string())


def add(git_dir: Path, new: list[Conflict]) -> None:
    """Add ``new`` to the open conflicts (one value at one place is one conflict: the newest)."""
    kept = {(c.file, c.where): c for c in read(git_dir)}
    for conflict in new:
        kept[(conflict.file, conflict.where)] = conflict
    write(git_dir, list(kept.values()))
