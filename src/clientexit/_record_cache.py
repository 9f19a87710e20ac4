"""A derived cache of parsed client files, so that listing a large book does not parse every file.

``<home>/.cache/clients.json`` maps each client file's name to its identity on disk (mtime in
nanoseconds, size, inode) and its parsed content. A file whose identity changed is parsed again, so
hand edits are always seen. It is JSON, never pickle: nothing in the data folder may run code when
read. It holds nothing that is not in clients/, and may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clientexit._errors import ClientExitError, DataFileError
from clientexit._store import atomic_write_text, read_regular_bytes, read_toml

CACHE_VERSION = 3
_TAGS = {"$date": dt.date, "$datetime": dt.datetime, "$time": dt.time}


def cache_file(home: Path) -> Path:
    """Where the cache of ``home`` lives."""
    return home / ".cache" / "clients.json"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _escape(value: Any) -> Any:
    # A user's table whose only key looks like a tag must not come back as a date.
    if isinstance(value, dict):
        escaped = {k: _escape(v) for k, v in value.items()}
        if len(escaped) == 1 and next(iter(escaped)).startswith("$"):
            # As a [key, value] pair: JSON decodes innermost first, so a nested wrapper
            # must not be able to unwrap the user's own table.
            return {"$table": next(iter(escaped.items()))}
        return escaped
    if isinstance(value, list):
        return [_escape(v) for v in value]
    return value


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((key, value),) = obj.items()
        if key in _TAGS:
            return _TAGS[key].fromisoformat(value)
        if key == "$table":
            return {value[0]: value[1]}
    return obj


def _read(path: Path) -> dict[str, Any]:
    from clientexit._gc import paused

    try:
        with paused():
            cached = json.loads(read_regular_bytes(path), object_hook=_decode)
    except (OSError, ValueError, TypeError, DataFileError):
        return {}
    if not isinstance(cached, dict) or cached.get("version") != CACHE_VERSION:
        return {}
    files = cached.get("files")
    return files if isinstance(files, dict) else {}


def read_all(
    home: Path,
    clients_dir: Path,
    wanted: Callable[[str], bool],
    broken: list[DataFileError] | None = None,
    check: Callable[[Path, dict[str, Any]], None] | None = None,
) -> list[tuple[Path, dict[str, Any]]]:
    """Every client file in ``clients_dir`` whose name passes ``wanted(stem)``, with its content.

    Unchanged files come from the cache; changed or new ones are parsed and passed to ``check``
    (which raises DataFileError for content that parses but is not valid), so a file is checked
    once per change, not on every listing; the cache is rewritten when anything changed. A file
    that does not parse or pass raises DataFileError as usual, or, given a ``broken`` list, is
    added to it and left out (and out of the cache, so it is read again next time). Bump
    CACHE_VERSION when ``check`` grows stricter, so that cached files are checked again.
    """
    location = cache_file(home)
    cached = _read(location)
    fresh: dict[str, Any] = {}
    changed = False
    with os.scandir(clients_dir) as entries:
        for entry in entries:
            if not entry.name.endswith(".toml") or not wanted(entry.name[:-5]):
                continue
            try:
                is_file = entry.is_file()
            except OSError:  # a symlink loop
                is_file = False
            if not is_file:
                if entry.is_symlink():  # a loop or a dangling link: say so, do not skip quietly
                    missing = DataFileError(f"{entry.path} is a link to no readable file.")
                    if broken is None:
                        raise missing
                    broken.append(missing)
                continue
            stat = entry.stat()
            # ctime too: an edit that restores the old mtime (cp -p, some editors) still changes it.
            identity = [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]
            hit = cached.get(entry.name)
            if isinstance(hit, dict) and hit.get("id") == identity and "data" in hit:
                data = hit["data"]
            else:
                try:
                    data = read_toml(Path(entry.path))
                    if check is not None:
                        check(Path(entry.path), data)
                except DataFileError as exc:
                    if broken is None:
                        raise
                    broken.append(exc)
                    continue
                changed = True
            fresh[entry.name] = {"id": identity, "data": data}
    if changed or fresh.keys() != cached.keys():
        _write(location, fresh)
    return [(clients_dir / name, fresh[name]["data"]) for name in sorted(fresh)]


def _write(location: Path, files: dict[str, Any]) -> None:
    payload = {"version": CACHE_VERSION, "files": _escape(files)}
    # A read-only data folder (or a cache that is not a file) still lists fine, only without
    # the speed-up.
    with contextlib.suppress(OSError, ClientExitError):
        atomic_write_text(location, json.dumps(payload, default=_encode, separators=(",", ":")))
