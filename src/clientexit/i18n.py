"""Language choice and locale-aware formatting of dates, numbers and money (Babel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

SUPPORTED = ("en", "tr", "cs")
DEFAULT_LANGUAGE = "en"


def choose_language(
    explicit: str | None, client: Mapping[str, Any] | None, profile: Mapping[str, Any] | None
) -> str:
    """``--lang``, else the client's ``language``, else the profile's, else English."""
    for source in (explicit, (client or {}).get("language"), (profile or {}).get("language")):
        if source:
            return str(source).lower().split("-")[0].split("_")[0]
    return DEFAULT_LANGUAGE


def format_date(value: dt.date, lang: str) -> str:
    """A date as a person writes it: 23 November 2026, 23 Kasım 2026, 23. listopadu 2026."""
    from babel.dates import format_date as babel_date

    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_date(value, format="long", locale=lang)


def format_number(value: float, lang: str, decimals: int = 2) -> str:
    """A number with the language's separators: 1,234.50 / 1.234,50 / 1 234,50."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


def format_money(amount: float, currency: str, lang: str) -> str:
    """An amount of money in the language's style: €1,234.50 / 1.234,50 ₺ / 1 234,50 Kč."""
    from babel.numbers import format_currency

    # CLDR puts the lira sign first; Turkish invoices and letters write it after the amount.
    pattern = _MONEY_PATTERNS.get(lang)
    return format_currency(amount, currency, format=pattern, locale=lang, currency_digits=True)


_MONEY_PATTERNS = {"tr": "#,##0.00\xa0¤"}
