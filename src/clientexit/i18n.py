"""Language choice and locale-aware formatting of dates, numbers and money (Babel)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Protocol

from clientexit._errors import UsageError

if TYPE_CHECKING:
    from decimal import Decimal

SUPPORTED = ("en", "tr", "cs")
DEFAULT_LANGUAGE = "en"
# A code becomes a folder or file name (templates/letters/<code>/): letters only, never a path.
# A region, script or encoding after it (tr-TR, cs_CZ, cs_CZ.UTF-8 as in $LANG) is dropped.
_CODE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*(?:\.[a-z0-9-]+)?(?:@[a-z]+)?")
CODE_SHAPE = "two or three letters, such as en, tr or cs"


class Speaker(Protocol):
    """Who a language is chosen for: a client or the freelancer's profile (record/model.py
    Client, Profile), as typed values, never the file's table."""

    @property
    def name(self) -> str | None:
        """The name shown in a hint (a client's)."""

    @property
    def language(self) -> str | None:
        """The ``language`` field, if any."""


class Place(Protocol):
    """Where the freelancer writes from (record/model.py Profile): what decides the date style."""

    @property
    def country(self) -> str | None:
        """The ``country`` field, if any."""

    @property
    def currency(self) -> str | None:
        """The currency billed in, if any."""


def language_code(value: object, source: str, hint: str | None = None) -> str:
    """``value`` as a language code (stripped, lower-cased, "tr-TR" -> "tr"), else a UsageError
    naming ``source``.

    The one check for every code that is turned into a path, whatever it came from.
    """
    match = _CODE.fullmatch(str(value).strip().lower())
    if not match:
        raise UsageError(
            f"Language {str(value)!r} (from {source}) is not a language code.",
            hint or f"Use {CODE_SHAPE}.",
        )
    return match[1]


def choose_language(explicit: str | None, client: Speaker | None, profile: Speaker | None) -> str:
    """``--lang``, else the client's ``language``, else the profile's, else English.

    Whichever is used must be a language code (see language_code); a bad one is an error
    saying where it came from, never a fallback.
    """
    name = (client.name if client is not None else None) or ""
    target = _quote(name) if name else "CLIENT"
    sources = (
        (explicit, "--lang", None),
        (
            client.language if client is not None else None,
            f"the language field of client {name!r}",
            f"Use {CODE_SHAPE}: clientexit client set {target} language=en",
        ),
        (
            profile.language if profile is not None else None,
            "language in your profile, config.toml",
            f"Use {CODE_SHAPE}: clientexit init --language en --yes",
        ),
    )
    for value, source, hint in sources:
        if value is not None and str(value).strip():
            return language_code(value, source, hint)
    return DEFAULT_LANGUAGE


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def format_date(value: dt.date, lang: str) -> str:
    """A date as a person writes it: 23 November 2026, 23 Kasım 2026, 23. listopadu 2026.
    ``lang`` may be a locale such as en_GB (day first) or en_US (month first)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    english = _english_date(value, lang)
    if english is not None:
        return english
    from babel.dates import format_date as babel_date

    return babel_date(value, format="long", locale=lang)


def format_month(month: str, lang: str) -> str:
    """A month written "2026-07" as the language names it: July 2026, Temmuz 2026, červenec
    2026 (the text as given when it is not such a month)."""
    year, _, number = month.partition("-")
    if not (year.isdigit() and number.isdigit() and 1 <= int(number) <= 12):
        return month
    if lang in _ENGLISH and 1000 <= int(year) <= 9999:
        return f"{_ENGLISH_MONTHS[int(number) - 1]} {int(year)}"
    from babel.dates import format_date as babel_date

    return babel_date(dt.date(int(year), int(number), 1), "LLLL y", locale=lang)


def format_number(value: float, lang: str, decimals: int = 2) -> str:
    """A number with the language's separators: 1,234.50 / 1.234,50 / 1 234,50."""
    english = _english_number(value, decimals) if lang in _ENGLISH else None
    if english is not None:
        return english
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


def format_money(amount: float | Decimal, currency: str, lang: str) -> str:
    """An amount of money in the language's style: €1,234.50 / 1.234,50 ₺ / 1 234,50 Kč."""
    symbol = _ENGLISH_SYMBOLS.get(currency) if lang == "en" else None
    english = _english_number(amount, 2) if symbol is not None else None
    if english is not None:
        return f"{symbol}{english}"
    from babel.numbers import format_currency

    # CLDR puts the lira sign first; Turkish invoices and letters write it after the amount.
    pattern = _MONEY_PATTERNS.get(lang)
    text = format_currency(amount, currency, format=pattern, locale=lang, currency_digits=True)
    return _currency_spacing(text)


# CLDR's currency spacing, which Babel does not apply: a symbol that ends (or starts) with a
# letter, such as a code, is kept apart from the digits by a no-break space ("CZK 1,234.50"),
# while a sign such as € or $ stays against them ("€1,234.50", "US$5.00").
_LETTER_THEN_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def _currency_spacing(text: str) -> str:
    return _LETTER_THEN_DIGIT.sub("\xa0", text)


def format_list(items: list[str], lang: str) -> str:
    """Items as the language lists them: "a, b, and c" / "a, b ve c" / "a, b a c"."""
    if lang == "en":  # CLDR's "en" list patterns, without loading Babel (see _ENGLISH below)
        if len(items) < 3:
            return " and ".join(items)
        return f"{', '.join(items[:-1])}, and {items[-1]}"
    from babel.lists import format_list as babel_list

    return babel_list(items, locale=lang)


# Countries writing the month first in English dates ("December 4, 2026"); the rest of the
# English-writing world puts the day first ("4 December 2026").
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"})


def date_locale(lang: str, profile_country: str | None, profile_currency: str | None) -> str:
    """The locale a letter's dates are written in: the language's own, except that English
    follows the freelancer's convention (month first only for a US-style profile: country US,
    or no country and USD)."""
    if lang != "en":
        return lang
    if profile_country:
        return "en_US" if profile_country.upper() in _MONTH_FIRST else "en_GB"
    return "en_US" if profile_currency == "USD" else "en_GB"


def date_style(lang: str, profile: Place | None) -> str:
    """The locale every screen and document for ``profile`` writes dates in, as the letters do:
    day first ("4 January 2027"), month first only for a US-style profile. --json keeps ISO."""
    if profile is None:
        return date_locale(lang, None, None)
    return date_locale(lang, profile.country, profile.currency)


_MONEY_PATTERNS = {"tr": "#,##0.00\xa0¤"}


# English dates, numbers and the three most used currencies, written without Babel: loading its
# locale data (and Babel's dates module, which asks for the local time zone on import) is about
# 1.5x bare python at start-up, on every letter and screen. The text is Babel's own (CLDR's "en"
# long date "MMMM d, y", en_GB's "d MMMM y", en's "#,##0.00" and "¤#,##0.00" rounded half to
# even on the number's decimal reading, as Babel does): tests/test_i18n_english.py checks it
# against Babel. Anything else (another language, a negative amount, another currency) asks
# Babel.
_ENGLISH = frozenset({"en", "en_GB", "en_US"})
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The symbol CLDR's "en" gives each; every one has two decimals (Babel's currency digits).
_ENGLISH_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def _english_date(value: dt.date, lang: str) -> str | None:
    if lang not in _ENGLISH or not 1000 <= value.year <= 9999:
        return None
    month = _ENGLISH_MONTHS[value.month - 1]
    if lang == "en_GB":
        return f"{value.day} {month} {value.year}"
    return f"{month} {value.day}, {value.year}"


def _english_number(value: float | Decimal, decimals: int) -> str | None:
    """``value`` as Babel writes it in English with the pattern #,##0 and ``decimals`` zeros
    after the point, for a number from 0 up to 10^15; else None."""
    from decimal import Decimal

    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite() or number.is_signed() or number >= 10**15 or decimals > 6:
        return None
    rounded = abs(number).normalize().quantize(Decimal(10) ** -decimals)
    return f"{rounded:,f}"
