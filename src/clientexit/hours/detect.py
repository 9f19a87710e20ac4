"""Which tracker wrote a file, told from its content, and parsing it with the right module."""

from __future__ import annotations

import json
import re

from clientexit.hours import clockify, harvest, timeclock, timewarrior, toggl, watson
from clientexit.hours._csv import delimiter, header_key, header_line
from clientexit.hours.entries import FORMATS, FormatError, Parsed, ReadOptions

_TIMECLOCK_LINE = re.compile(r"^[iIoO] \d{4}[-/.]\d{1,2}[-/.]\d{1,2} ", re.MULTILINE)
_TIMEW_LINE = re.compile(r"^inc \d{8}T\d{6}Z", re.MULTILINE)


def decode(raw: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"it is not UTF-8 text (byte {exc.start + 1}); export it again as UTF-8 CSV or JSON"
        ) from None


def detect(text: str) -> str:
    """The format of ``text`` (one of entries.FORMATS); FormatError when no format fits."""
    start = text.lstrip()
    if start.startswith("["):
        data = _json_list(text)
        first = next((item for item in data if item is not None), None)
        if isinstance(first, dict) and "project" not in first:
            return "timewarrior"
        return "watson"
    if _TIMEW_LINE.search(text):
        return "timewarrior"
    if _TIMECLOCK_LINE.search(text):
        return "timeclock"
    first_line = header_line(text)
    raw = [h.strip().strip('"') for h in first_line.split(delimiter(first_line))]
    keys = {header_key(h) for h in raw}
    if {"start date", "start time"} <= keys:
        if "Start Date" in raw or any(h.startswith("Duration (") for h in raw):
            return "clockify"
        return "toggl"
    if {"date", "hours"} <= keys:
        return "harvest"
    raise FormatError(
        "clientexit cannot tell which tracker wrote it (it reads Watson frames, Timewarrior data "
        "or export, Toggl, Clockify and Harvest CSV reports, and hledger timeclock)"
    )


def _json_list(text: str) -> list[object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"it is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise FormatError("its JSON nests lists or objects too deeply for an export") from None
    except ValueError:  # an integer beyond Python's conversion limit (4,300 digits)
        raise FormatError(
            "it holds a number thousands of digits long, which no export has"
        ) from None
    if not isinstance(data, list):
        raise FormatError("it is JSON, but not a list of entries")
    return data


def parse(text: str, fmt: str | None = None, options: ReadOptions | None = None) -> Parsed:
    """Parse ``text`` as ``fmt`` (detected when None)."""
    options = options or ReadOptions()
    fmt = fmt or detect(text)
    if fmt not in FORMATS:
        raise FormatError(f"{fmt!r} is not a format clientexit reads ({', '.join(FORMATS)})")
    if fmt == "watson":
        return watson.parse(_json_list(text), options)
    if fmt == "timewarrior":
        if text.lstrip().startswith("["):
            return timewarrior.parse_export(_json_list(text), options)
        return timewarrior.parse_data(text, options)
    if fmt == "toggl":
        return toggl.parse(text, options)
    if fmt == "clockify":
        return clockify.parse(text, options)
    if fmt == "harvest":
        return harvest.parse(text, options)
    return timeclock.parse(text)
