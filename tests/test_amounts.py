"""Amounts typed by a person: every usual national form read right, anything ambiguous refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientexit.amounts import MAX_AMOUNT, AmountTooLarge, read_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1275", 1275.0),
        ("1275.5", 1275.5),
        ("1275,50", 1275.5),
        ("1,5", 1.5),  # a decimal comma, never fifteen
        ("1,275", 1275.0),  # three digits after a separator group thousands: money has two decimals
        ("1.275", 1275.0),
        ("1,275.50", 1275.5),
        ("1.275,50", 1275.5),  # Turkish
        ("1 275,50", 1275.5),  # Czech, with a space or a no-break space
        ("1\u00a0275,50", 1275.5),
        ("84.000,00", 84000.0),
        ("1,234,567.89", 1234567.89),
        (" 12 ", 12.0),
        (2400.5, 2400.5),
    ],
)
def test_the_usual_forms(text: str | float, expected: float) -> None:
    assert read_amount(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,2345",
        "1.2.3",
        "12,34,56",
        "1,275,5",
        "1.275.50",
        "1.275,500",
        "1,,275",
        "-5",
        "1e3",
        "nan",
        "inf",
        "",
        " ",
        "١٢٣",
        "12 €",
        "1,275 000",
        True,
        -1.0,
        float("inf"),
    ],
)
def test_anything_ambiguous_or_not_an_amount_is_refused(text: object) -> None:
    with pytest.raises(ValueError):
        read_amount(text)  # type: ignore[arg-type]


@given(st.integers(0, 10**9), st.integers(0, 99))
def test_every_form_of_a_number_reads_back_the_same(units: int, cents: int) -> None:
    expected = units + cents / 100
    english = f"{units:,}.{cents:02d}"
    continental = english.replace(",", " ").replace(".", ",")
    turkish = english.replace(",", "_").replace(".", ",").replace("_", ".")
    for text in (f"{units}.{cents:02d}", english, continental, turkish):
        assert read_amount(text) == pytest.approx(expected), text


@pytest.mark.parametrize(("typed", "stored"), [("1.275,50", 1275.5), ("1,5", 1.5)])
def test_log_and_invoice_store_what_was_meant(cli, examples_home, typed, stored) -> None:
    assert cli("log", "zelena-louka-s-r-o", "add", "Late again", "--amount", typed).exit_code == 0
    entries = json.loads(cli("log", "zelena-louka-s-r-o", "list", "--json").stdout)
    assert entries[-1]["amount"] == stored
    result = cli(
        "invoice",
        "zelena-louka-s-r-o",
        "add",
        "CZ-99",
        typed,
        "--issued",
        "2026-11-01",
        "--due",
        "2026-11-15",
    )
    assert result.exit_code == 0, result.stderr
    listing = json.loads(cli("invoice", "zelena-louka-s-r-o", "list", "--json").stdout)
    assert listing["invoices"][-1]["amount"] == stored


@pytest.mark.parametrize("typed", ["1,2345", "84.000,000", "12,34,56"])
def test_an_ambiguous_amount_is_refused_and_nothing_is_written(cli, examples_home, typed) -> None:
    path = examples_home / "clients" / "zelena-louka-s-r-o.toml"
    before = path.read_bytes()
    for args in (
        ["log", "zelena-louka-s-r-o", "add", "Late", "--amount", typed],
        [
            "invoice",
            "zelena-louka-s-r-o",
            "add",
            "CZ-98",
            typed,
            "--issued",
            "2026-11-01",
            "--due",
            "2026-11-15",
        ],
        ["client", "set", "zelena-louka-s-r-o", f"rate={typed}"],
    ):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stdout)
        assert "1275.50" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "text", ["1000000000000.01", "1" + "0" * 308, "1.000.000.000.000,01", 1e15, 1e308]
)
def test_an_amount_above_the_bound_is_refused_as_too_large(text: str | float) -> None:
    with pytest.raises(AmountTooLarge):
        read_amount(text)


@pytest.mark.parametrize("text", ["1000000000000", "1,000,000,000,000.00", 1e12, "999999999999.99"])
def test_the_bound_itself_is_an_amount(text: str | float) -> None:
    assert read_amount(text) == float(text if isinstance(text, float) else text.replace(",", ""))
    assert read_amount(text) <= MAX_AMOUNT


@pytest.mark.parametrize(
    "args",
    [
        ["client", "set", "zelena-louka-s-r-o", "rate=" + "1" + "0" * 308],
        ["client", "add", "Big Spender", "--rate", "1" + "0" * 13],
        ["invoice", "zelena-louka-s-r-o", "add", "CZ-97", "1000000000000000",
         "--issued", "2026-11-01", "--due", "2026-11-15"],
        ["log", "zelena-louka-s-r-o", "add", "Late", "--amount", "1000000000001"],
        ["init", "--rate", "2000000000000", "--yes"],
    ],
)  # fmt: skip
def test_a_huge_amount_is_refused_with_a_clear_message(cli, examples_home, args) -> None:
    before = {p.name: p.read_bytes() for p in (examples_home / "clients").glob("*.toml")}
    result = cli(*args)
    assert result.exit_code == 2, result.stdout
    line = result.stderr.strip()
    assert "\n" not in line and "1,000,000,000,000" in line
    assert "0" * 60 not in line  # a pasted run of digits is not echoed back in full
    assert {p.name: p.read_bytes() for p in (examples_home / "clients").glob("*.toml")} == before


@pytest.mark.parametrize("text", ["0.125", "0,500", "00.100", "012,345"])
def test_a_leading_zero_group_is_not_thousands(text: str) -> None:
    with pytest.raises(ValueError):
        read_amount(text)
