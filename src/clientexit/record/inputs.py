"""What a person types for an entry: dates, amounts, one line of text (checked, with one-line
errors that name the value and the form expected)."""

from __future__ import annotations

import datetime as dt

from clientexit._errors import UsageError
from clientexit.amounts import SHAPE_HINT, TOO_LARGE_HINT, AmountTooLarge, read_amount
from clientexit.record.schema import as_date

__all__ = ["as_date", "one_line", "parse_amount", "parse_date"]


def parse_date(text: str | dt.date, what: str) -> dt.date:
    """A date written YYYY-MM-DD (or already a date); ``what`` names the option in the error."""
    if isinstance(text, dt.date):
        return text.date() if isinstance(text, dt.datetime) else text
    from clientexit.timeline import plausible

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{what} {text!r} is not a date.", "Write it as YYYY-MM-DD, e.g. 2026-11-02."
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
