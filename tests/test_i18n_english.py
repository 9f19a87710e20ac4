"""English dates, numbers and amounts are written without loading Babel (start-up): the text must
be exactly Babel's, for every value the fast path takes, and Babel's for everything else."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, get_currency_precision
from hypothesis import given
from hypothesis import strategies as st

from clientexit import i18n

ENGLISH = ("en", "en_GB", "en_US")
# Halves at every place (Babel rounds the decimal reading half to even), nines that carry into
# a new group, the edges of the fast path.
AMOUNTS = (
    0,
    0.0,
    0.004,
    0.005,
    0.015,
    0.025,
    0.125,
    1.005,
    2.675,
    2.665,
    999.995,
    999_999.995,
    1_234.5,
    1_445.0,
    12_345_678.9,
    10**15 - 0.01,
    10**15,
    1e16,
    -0.0,
    -1.5,
    Decimal("2.675"),
    Decimal("2.665"),
    Decimal("0.1234567890123456789012345678901"),
    Decimal("1E+3"),
    Decimal("-0"),
    float("inf"),
    float("nan"),
    7,
)


def test_every_english_date_of_five_years_reads_as_babel_writes_it() -> None:
    day = dt.date(2024, 1, 1)
    while day < dt.date(2029, 1, 1):
        for lang in ENGLISH:
            assert i18n.format_date(day, lang) == babel_date(day, format="long", locale=lang)
        day += dt.timedelta(days=1)


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from([*ENGLISH, "cs", "tr"]))
def test_any_date_reads_as_babel_writes_it(day: dt.date, lang: str) -> None:
    assert i18n.format_date(day, lang) == babel_date(day, format="long", locale=lang)


def test_a_month_reads_as_babel_writes_it() -> None:
    for lang in (*ENGLISH, "cs"):
        for year in (999, 1000, 2026, 9999):
            for month in range(1, 13):
                first = dt.date(year, month, 1)
                assert i18n.format_month(f"{year}-{month:02d}", lang) == babel_date(
                    first, "LLLL y", locale=lang
                )


@pytest.mark.parametrize("amount", AMOUNTS, ids=repr)
def test_edge_amounts_read_as_babel_writes_them(amount: float | Decimal) -> None:
    for currency in ("EUR", "GBP", "USD", "CZK", "JPY"):
        assert i18n.format_money(amount, currency, "en") == i18n._currency_spacing(
            format_currency(amount, currency, locale="en", currency_digits=True)
        )
    for decimals in (0, 1, 2, 3):
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        for lang in ENGLISH:
            assert i18n.format_number(amount, lang, decimals) == format_decimal(  # type: ignore[arg-type]
                amount, format=pattern, locale=lang
            )


@given(
    st.one_of(
        st.floats(min_value=-1e16, max_value=1e16, allow_nan=False),
        st.decimals(min_value=-(10**16), max_value=10**16, allow_nan=False, places=4),
        st.integers(min_value=0, max_value=10**16),
    ),
    st.sampled_from(["EUR", "GBP", "USD"]),
    st.integers(min_value=0, max_value=3),
)
def test_any_amount_reads_as_babel_writes_it(
    amount: float | Decimal, currency: str, decimals: int
) -> None:
    assert i18n.format_money(amount, currency, "en") == format_currency(
        amount, currency, locale="en", currency_digits=True
    )
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert i18n.format_number(amount, "en", decimals) == format_decimal(  # type: ignore[arg-type]
        amount, format=pattern, locale="en"
    )


def test_a_list_reads_as_babel_writes_it() -> None:
    for lang in ("en", "cs", "tr"):
        for count in range(6):
            items = [f"2026-0{n}" for n in range(count)]
            assert i18n.format_list(items, lang) == format_list(items, locale=lang)


def test_the_fast_currencies_have_two_decimals() -> None:
    for currency in i18n._ENGLISH_SYMBOLS:
        assert get_currency_precision(currency) == 2


def test_an_english_amount_and_date_do_not_load_babel() -> None:
    code = (
        "import datetime, sys\nfrom clientexit import i18n\n"
        "print(i18n.format_money(1445.5, 'EUR', 'en'), i18n.format_date(datetime.date(2026, 12,"
        " 4), 'en_GB'), i18n.format_number(2.675, 'en'), i18n.format_month('2026-07', 'en'))\n"
        "print(i18n.format_list(['1', '2', '3'], 'en'))\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "€1,445.50 4 December 2026 2.68 July 2026",
        "1, 2, and 3",
        "False",
    ]
