"""Watson (td-watson): its ``frames`` file, and the JSON of ``watson log --json``.

``frames`` is a JSON list of ``[start, stop, project, id, tags, updated_at]`` with UTC epoch
seconds (watson/frames.py); ``watson log --json`` gives objects with ``id``, ``start``, ``stop``
(ISO times with an offset), ``project`` and ``tags``. Frames have a stable 32-hex id, which keys
them across imports. A running frame lives in Watson's ``state`` file and is not read.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from clientexit.hours.entries import (
    Entry,
    Parsed,
    Problem,
    ReadOptions,
    check_span,
    identity,
    local_day,
    shown,
)

FRAMES = "frames"


def default_folder(
    environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """Where Watson keeps its files: ``$WATSON_DIR``, else what ``click.get_app_dir("watson")``
    returns (watson/watson.py): ``%APPDATA%\\watson`` on Windows (the home folder when APPDATA
    is unset), ``~/Library/Application Support/watson`` on macOS, else
    ``$XDG_CONFIG_HOME/watson`` or ``~/.config/watson``."""
    env = os.environ if environ is None else environ
    where = sys.platform if platform is None else platform
    user = Path(env.get("HOME") or Path.home()) if home is None else home
    if env.get("WATSON_DIR"):
        return Path(env["WATSON_DIR"])
    if where.startswith("win"):
        return Path(env.get("APPDATA") or user) / "watson"
    if where == "darwin":
        return user / "Library" / "Application Support" / "watson"
    return Path(env.get("XDG_CONFIG_HOME") or user / ".config") / "watson"


def default_frames(environ: Mapping[str, str] | None = None) -> Path:
    """Watson's frames file at its default location (see default_folder)."""
    return default_folder(environ) / FRAMES


def parse(data: list[object], options: ReadOptions | None = None) -> Parsed:
    """Entries from a decoded ``frames`` file or ``watson log --json`` list. Element N of the
    list is reported as entry N (1-based)."""
    zone = (options or ReadOptions()).zone
    parsed = Parsed("watson", unit="entry")
    for number, item in enumerate(data, start=1):
        try:
            parsed.entries.append(_entry(item, number, zone))
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, OSError) as exc:
            parsed.problems.append(Problem(number, _why(exc)))
    return parsed


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"it has no {exc.args[0]!r}"
    if isinstance(exc, ValueError):
        return str(exc)
    return "it is not a frame [start, stop, project, id, tags, updated_at]"


def _entry(item: object, number: int, zone: dt.tzinfo) -> Entry:
    if isinstance(item, list):
        start_ts, stop_ts, project, frame_id, tags = item[:5]
        start = _epoch(start_ts, "start")
        stop = _epoch(stop_ts, "stop")
    elif isinstance(item, dict):  # watson log --json
        project, frame_id, tags = item["project"], item["id"], item.get("tags", [])
        start = _iso(item["start"], "start")
        stop = _iso(item["stop"], "stop")
    else:
        raise ValueError("it is not a frame [start, stop, project, id, tags, updated_at]")
    if not isinstance(project, str) or not project:
        raise ValueError("it has no project")
    if isinstance(frame_id, bool) or not isinstance(frame_id, str | int) or frame_id == "":
        raise ValueError("its id is not a frame id like 41dcffb7bd74442794b9385c3e8891fc")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("its tags are not a list of words")
    return Entry(
        day=local_day(start, zone),
        seconds=check_span(start, stop),
        key=identity("watson", frame_id),
        project=project,
        tags=tuple(tags),
        line=number,
    )


def _epoch(value: object, what: str) -> dt.datetime:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"its {what} {shown(value)} is not a time in epoch seconds")
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"its {what} {shown(value)} is not a time clientexit can read") from None


def _iso(value: object, what: str) -> dt.datetime:
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"its {what} {shown(value)} is not a time like 2026-10-05T09:00:00+02:00"
        ) from None
