"""Reading an amount of money typed by a person, in any of the usual national forms.

Money has at most two decimals, so a separator followed by exactly three digits can only group
thousands: "1,275" and "1.275" are both 1275, "1,5" is 1.5, "1.275,50" and "1 275,50" are
1275.50. Whatever does not fit one of these shapes ("1,2345", "1.2.3", "12,34,56") is refused
rather than guessed, so a Czech or Turkish amount is never silently read as an English one.
(Babel's parse_decimal needs the writer's locale, and a person recording a Czech client's invoice
may well type 1275.50; these shapes need no locale.)
"""

from __future__ import annotations

import math
import re

_SHAPES = (
    re.compile(r"(?P<int>\d+)(?:[.,](?P<dec>\d{1,2}))?", re.ASCII),
    # 1,275.50  1.275,50  1 275,50  1'275.50: one grouping character, used consistently,
    # and a different one (or none) before the cents.
    re.compile(
        r"(?P<int>[1-9]\d{0,2}(?P<sep>[,.\u00a0\u202f ' ])\d{3}(?:(?P=sep)\d{3})*)"
        r"(?:(?!(?P=sep))[.,](?P<dec>\d{1,2}))?",
        re.ASCII,
    ),
)
SHAPE_HINT = "Write it with digits and at most two decimals, e.g. 1275.50, 1,275.50 or 1.275,50."
# The largest amount taken: far above any freelancer's rate or invoice in any currency (a year's
# work in Vietnamese dong or Indonesian rupiah runs to billions, so 10^9 would be too low), far
# below where a float stops holding cents. Anything above is a typo or a paste, never money.
MAX_AMOUNT = 1_000_000_000_000
TOO_LARGE_HINT = f"Check the digits: amounts go up to {MAX_AMOUNT:,}."


class AmountTooLarge(ValueError):
    """An amount above MAX_AMOUNT."""


def read_amount(text: str | float | int) -> float:
    """The amount ``text`` stands for, from 0 to MAX_AMOUNT, rounded to cents.

    Raises ValueError when it is not one (or could be read two ways); AmountTooLarge (a
    ValueError) when it is above MAX_AMOUNT.
    """
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = text.strip()
        for shape in _SHAPES:
            match = shape.fullmatch(cleaned)
            if match:
                whole = re.sub(r"\D", "", match["int"])
                value = float(f"{whole}.{match['dec'] or 0}")
                break
        else:
            raise ValueError(text)
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(text)
    if value > MAX_AMOUNT:
        raise AmountTooLarge(f"more than {MAX_AMOUNT:,}")
    return round(value, 2)
