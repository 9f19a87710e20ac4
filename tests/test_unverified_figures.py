"""A figure resting on a rate the rates file marks unverified says "unverified" wherever it
appears (issue 18): each invoice's figure and every total built on it, in the letter (en, cs,
tr), the statement and `interest`. Germany's 2024 Basiszinssatz entries are such rates: no
Bundesbank publication of them has been read, so they stay marked unverified."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from clientexit._resources import templates_dir

SLUG = "ashgrove-print"
FINAL = ("remind", SLUG, "--stage", "final-notice", "--skip-stages", "--dry-run")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def german_2024(cli, examples_home: Path) -> Path:
    """Ashgrove under German law (chosen in the contract), billed in EUR, with one more
    invoice due 31 May 2024 whose first half-year rates are the 2024 ones."""
    assert cli("client", "set", SLUG, "law=DE", "currency=EUR").exit_code == 0
    added = cli(
        "invoice", SLUG, "add", "DE-24", "1000", "--issued", "2024-05-01", "--due", "2024-05-31"
    )
    assert added.exit_code == 0, added.stderr
    return examples_home


def test_the_2024_basiszinssatz_entries_are_marked_unverified() -> None:
    with (templates_dir() / "collect" / "rates.toml").open("rb") as handle:
        rates = tomllib.load(handle)["regimes"]["DE"]["rate"]
    checks = {r["period"]: r["check"] for r in rates}
    assert checks["2024-H1"] == checks["2024-H2"] == "unverified"


@pytest.mark.parametrize(
    ("lang", "row", "total"),
    [
        ("en", "interest at least €231.32 (unverified), fixed sum €40.00",
         "In total: interest at least €248.26 (unverified) and fixed sums €120.00."),
        ("cs", "úrok nejméně 231,32 € (neověřeno), paušální náhrada 40,00 €",
         "Celkem: úrok nejméně 248,26 € (neověřeno) a paušální náhrady 120,00 €."),
        ("tr", "faiz en az 231,32 € (doğrulanmadı), giderim tutarı 40,00 €",
         "Toplam: faiz en az 248,26 € (doğrulanmadı), giderim tutarları 120,00 €."),
    ],
)  # fmt: skip
def test_the_letter_says_unverified_with_each_figure_and_its_total(
    cli, german_2024: Path, lang: str, row: str, total: str
) -> None:
    # DE-24 by hand: 1000 x (12.62% x 30 + 12.37% x 184 + 11.27% x 181 + 10.27% x 184
    # + 10.27% x 181) / 365 = 10.37 + 62.36 + 55.89 + 51.77 + 50.93 = 231.32 (2026-H2 has no
    # rate: "at least"); AP-2026-05 30 May - 30 June 2026, 32 days x 10.27% on 1800 = 16.21;
    # AP-2026-06 27 - 30 June, 4 days x 10.27% on 650 = 0.73: 248.26. €40 each: three in the
    # letter, four with the one paid late.
    result = cli(*FINAL, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert row in text and total in text


def test_the_statement_and_interest_say_unverified_with_their_totals(
    cli, german_2024: Path
) -> None:
    text = _flat(cli("statement", SLUG).stdout)
    assert "Interest on open invoices: at least €248.26 (unverified)" in text
    assert "Interest: at least €261.09 (unverified)" in text
    assert "Balance with interest and fixed sums: at least €3,871.09 (unverified)" in text
    assert "30 days at 12.62% a year on €1,000.00 (unverified)" in text
    shown = _flat(cli("interest", SLUG).stdout)
    assert "Total interest: at least €261.09 (unverified)" in shown
    assert "Total claimed: at least €421.09 (unverified)" in shown
    data = json.loads(cli("interest", SLUG, "--json").stdout)
    row = next(i for i in data["invoices"] if i["number"] == "DE-24")
    assert row["unverified"] and data["unverified"]
    ap = next(i for i in data["invoices"] if i["number"] == "AP-2026-05")
    assert not ap["unverified"]
