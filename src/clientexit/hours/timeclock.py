"""hledger's timeclock format (hledger_timeclock(5)):

    i 2015/03/30 09:00:00 some:account name  optional description
    o 2015/03/30 09:20:00

A time is ``HH:MM[:SS]`` with an optional ``+-ZZZZ`` offset; the account (colon-separated) and
the description are parted by two spaces or a tab. Lines starting with ``;``, ``#`` or ``*``
are comments. A clock-in with no clock-out yet is running and not counted.
"""

from __future__ import annotations

import datetime as dt
import re

from clientexit.hours.entries import Entry, Identities, Parsed, Problem, check_span

_LINE = re.compile(
    r"^(?P<code>[iIoO])\s+(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s*(?P<zone>[+-]\d{4}))?(?:\s+(?P<rest>.*))?$"
)
_COMMENT = (";", "#", "*")


def _moment(match: re.Match[str]) -> dt.datetime:
    year, month, day = (int(p) for p in re.split(r"[-/.]", match["date"]))
    parts = [int(p) for p in match["time"].split(":")]
    moment = dt.datetime(year, month, day, parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
    if match["zone"]:
        moment = moment.replace(tzinfo=dt.datetime.strptime(match["zone"], "%z").tzinfo)
    return moment


def parse(text: str) -> Parsed:
    """Entries of a timeclock file: each ``i`` line paired with the ``o`` line after it."""
    parsed = Parsed("timeclock")
    keys = Identities("timeclock")
    clocked_in: tuple[int, dt.datetime, str, str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(_COMMENT):
            continue
        match = _LINE.match(line)
        try:
            if not match:
                raise ValueError("not an i or o line like: i 2026/03/30 09:00:00 client:project")
            moment = _moment(match)
        except ValueError as exc:
            parsed.problems.append(Problem(number, str(exc)))
            continue
        if match["code"] in "iI":
            if clocked_in is not None:
                parsed.problems.append(
                    Problem(clocked_in[0], f"clocked in again on line {number} with no clock-out")
                )
            account, description = _account_and_description((match["rest"] or "").strip())
            clocked_in = (number, moment, account, description)
            continue
        if clocked_in is None:
            parsed.problems.append(Problem(number, "a clock-out with no clock-in before it"))
            continue
        start_line, start, account, description = clocked_in
        clocked_in = None
        try:
            if (start.tzinfo is None) != (moment.tzinfo is None):
                raise ValueError("one of its times has a UTC offset and the other has none")
            seconds = check_span(start, moment)
        except ValueError as exc:
            parsed.problems.append(Problem(start_line, str(exc)))
            continue
        parsed.entries.append(
            Entry(
                day=start.date(),
                seconds=seconds,
                key=keys.key(start.isoformat(), moment.isoformat(), account, description),
                project=account,
                description=description,
                line=start_line,
            )
        )
    if clocked_in is not None:
        parsed.running += 1
    return parsed


def _account_and_description(rest: str) -> tuple[str, str]:
    parts = re.split(r"\t| {2,}", rest, maxsplit=1)
    account = parts[0].strip()
    description = parts[1].strip() if len(parts) > 1 else ""
    return account, description
