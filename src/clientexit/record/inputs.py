"""What a person types for an entry: dates, amounts, one line of text (checked, with one-line
errors that name the value and the form expected)."""

from __future__ import annotations

import datetime as dt
import re

from clientexit._errors import UsageError
from clientexit.amounts import SHAPE_HINT, TOO_LARGE_HINT, AmountTooLarge, read_amount

__all__ = ["DATE_FORM", "NotADate", "one_line", "parse_amount", "parse_date"]

DATE_FORM = "YYYY-MM-DD"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotADate(UsageError):
    """Typed text that is not a day written YYYY-MM-DD (or not a day of the calendar)."""


def parse_date(text: str | dt.date, what: str) -> dt.date:
    """The one reader of a date a person types (every option that takes one, and the date
    fields of ``client add``/``client set``): ``YYYY-MM-DD``, spaces around it ignored, a day of
    the calendar within the dates clientexit works with (timeline.plausible). ``what`` names
    where it came from (``--due``); the error is one line naming the value and the form.
    A date already parsed is returned as it is (a datetime as its day)."""
    if isinstance(text, dt.date):
        return text.date() if isinstance(text, dt.datetime) else text
    from clientexit.timeline import plausible

    written = text.strip()
    try:
        if not _DAY.fullmatch(written):
            raise ValueError(written)
        day = dt.date.fromisoformat(written)
    except ValueError:
        raise NotADate(
            f"{what} {text!r} is not a date.", f"Write it as {DATE_FORM}, e.g. 2026-11-02."
        ) from None
    return plausible(day, what)


def parse_amount(text: str | float, what: str) -> float:
    """An amount of money, 0 or more, rounded to cents (see clientexit.amounts for the forms)."""
    try:
        return read_amount(text)
    except AmountTooLarge:
        raise UsageError(f"{what} is too large.", TOO_LARGE_HINT) from None
    except ValueError:
        raise UsageError(f"{what} {text!r} is not an amount of 0 or more.", SHAPE_HINT) from None


def one_line(text: str, what: str) -> str:
    """Non-empty text on one line, spaces tidied."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UsageError(f"{what} cannot be empty.")
    if "\n" in text.strip() or "\r" in text.strip():
        raise UsageError(f"{what} must be on one line.", "Log each event as its own entry.")
    return cleaned
