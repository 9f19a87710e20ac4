"""Timewarrior: its ``data/YYYY-MM.data`` files and the JSON of ``timew export``.

A data line (src/Interval.cpp) is ``inc <start>[ - <end>][ # tag "two words" ...][ # note]``
with times in ISO basic UTC (``20260405T162205Z``); ``inc … # # note`` has a note and no tags.
Lines that do not start with ``inc`` are skipped. An interval with no end is still running and
is not counted. Timewarrior's ids are positions (@1 is the latest) that change as you track, so
an interval is keyed by its start, end, tags and note.
"""

from __future__ import annotations

import datetime as dt
import shlex

from clientexit.hours.entries import (
    Entry,
    Identities,
    Parsed,
    Problem,
    ReadOptions,
    check_span,
    local_day,
    shown,
)


def _time(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        raise ValueError(f"the time {shown(text)} is not a time like 20260405T162205Z") from None


def parse_data(text: str, options: ReadOptions | None = None) -> Parsed:
    """Entries from the text of one or more Timewarrior data files."""
    zone = (options or ReadOptions()).zone
    parsed = Parsed("timewarrior")
    keys = Identities("timewarrior")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("inc "):
            continue
        try:
            entry = _data_line(line, number, keys, zone)
        except ValueError as exc:
            parsed.problems.append(Problem(number, str(exc)))
            continue
        if entry is None:
            parsed.running += 1
        else:
            parsed.entries.append(entry)
    return parsed


def _data_line(line: str, number: int, keys: Identities, zone: dt.tzinfo) -> Entry | None:
    times, _, rest = line[4:].partition(" # ")
    start_text, _, end_text = times.strip().partition(" - ")
    start = _time(start_text.strip())
    if not end_text.strip():
        return None
    end = _time(end_text.strip())
    tags_text, _, note = rest.partition(" # ")
    if tags_text.startswith("# "):  # "inc … # # note": no tags
        tags_text, note = "", tags_text[2:]
    try:
        tags = tuple(shlex.split(tags_text))
    except ValueError:
        raise ValueError(f"the tags {shown(tags_text)} have an unclosed quote") from None
    return _entry(start, end, tags, unquote(note.strip()), number, keys, zone)


def unquote(note: str) -> str:
    """An annotation as a data file may write it, quoted with its quotes and backslashes
    escaped (``"Cover \\"final\\""``), as ``timew export`` gives it (``Cover "final"``): the same
    interval must make the same key from either."""
    if len(note) >= 2 and note[0] == note[-1] == '"':
        inner = note[1:-1]
        out, escaped = [], False
        for char in inner:
            if escaped or char != "\\":
                out.append(char)
                escaped = False
            else:
                escaped = True
        return "".join(out)
    return note


def _entry(
    start: dt.datetime,
    end: dt.datetime,
    tags: tuple[str, ...],
    note: str,
    number: int,
    keys: Identities,
    zone: dt.tzinfo,
) -> Entry:
    return Entry(
        day=local_day(start, zone),
        seconds=check_span(start, end),
        key=keys.key(start.isoformat(), end.isoformat(), " ".join(tags), note),
        tags=tags,
        description=note,
        line=number,
    )


def parse_export(data: list[object], options: ReadOptions | None = None) -> Parsed:
    """Entries from a decoded ``timew export`` list (objects with start, end, tags,
    annotation); element N is reported as entry N."""
    zone = (options or ReadOptions()).zone
    parsed = Parsed("timewarrior", unit="entry")
    keys = Identities("timewarrior")
    for number, item in enumerate(data, start=1):
        try:
            if not isinstance(item, dict) or "start" not in item:
                raise ValueError("it is not an interval with a start")
            if "end" not in item:
                parsed.running += 1
                continue
            tags = item.get("tags", [])
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ValueError("its tags are not a list of words")
            if not isinstance(item["start"], str) or not isinstance(item["end"], str):
                raise ValueError("its start and end are not times like 20260405T162205Z")
            start, end = _time(item["start"]), _time(item["end"])
            note = item.get("annotation", "")
            if not isinstance(note, str):
                raise ValueError("its annotation is not text")
            parsed.entries.append(_entry(start, end, tuple(tags), note.strip(), number, keys, zone))
        except ValueError as exc:
            parsed.problems.append(Problem(number, str(exc)))
    return parsed
