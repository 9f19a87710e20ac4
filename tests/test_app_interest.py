"""app/interest.py and app/rates.py's listing as plain calls: the claim `clientexit interest`
prints and the coverage `clientexit rates` prints, on the example data folder in tmp_path."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from clientexit._paths import Paths
from clientexit.app import interest, rates
from clientexit.collect.interest import as_dict
from clientexit.record.model import Client

TODAY = dt.date(2026, 11, 25)
SLUG = "ashgrove-print"


def test_the_claim_joins_the_client_the_rates_and_the_profile(examples_home: Path) -> None:
    found = interest.reckon(Paths(examples_home), "Ashgrove Print", TODAY, TODAY)
    figures = as_dict(found.claim)
    # 1800 x 11.75% x 180 / 365 = 104.30; 650 x 11.75% x 152 / 365 = 31.81;
    # 2400 x 11.75% x 19 / 365 = 14.68 (paid late); the fixed sums 70 + 70 + 40.
    assert (figures["interest"], figures["compensation"]) == (150.79, 180.0)
    assert found.record.slug == SLUG and found.profile.country == "SE"
    assert "Late Payment of Commercial Debts" in found.claim.law  # the client's law=GB
    assert found.rates_file.endswith("rates.toml")


def test_an_unset_customer_is_asked_recorded_and_then_claimed(examples_home: Path) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('customer = "business"\n', ""), encoding="utf-8"
    )
    asked: list[str] = []
    told: list[tuple[str, str]] = []

    def ask(record: Client) -> str:
        asked.append(record.slug)
        return "business"

    def recorded(record: Client, answer: str) -> None:
        told.append((record.customer or "", answer))

    found = interest.reckon(
        Paths(examples_home), SLUG, TODAY, TODAY, ask_customer=ask, recorded=recorded
    )
    assert asked == [SLUG] and told == [("business", "business")]
    assert tomllib.loads(path.read_text(encoding="utf-8"))["customer"] == "business"
    assert as_dict(found.claim)["interest"] == 150.79


def test_the_rates_listing_names_the_file_and_each_regimes_coverage(examples_home: Path) -> None:
    found = rates.listing(Paths(examples_home), TODAY)
    assert found.own_file == examples_home / "rates.toml"
    assert found.source.name == "rates.toml" and found.rows
    assert {"GB", "DE"} <= {country for row in found.rows for country in row["countries"]}
