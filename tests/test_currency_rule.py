"""One rule for a client's currency everywhere (Client.billing_currency): the client's, else the
profile's, else EUR; never an empty string."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clientexit.handover.situation import assess_situation
from clientexit.record.summary import Summary
from clientexit.reports import portfolio
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
CASES = [
    ({"currency": "CZK"}, {"currency": "TRY"}, "CZK"),
    ({}, {"currency": "TRY"}, "TRY"),
    ({}, {}, "EUR"),
    ({"currency": ""}, {"currency": ""}, "EUR"),
]


@pytest.mark.parametrize(("client", "profile", "expected"), CASES)
def test_the_clients_table(client: dict, profile: dict, expected: str) -> None:
    listed = Summary.of(record_of({"name": "Acme", **client}, "acme"))
    row = portfolio.row_of(listed, as_profile(profile), TODAY, checklist=lambda *_: (0, None))
    assert row.currency == expected


@pytest.mark.parametrize(("client", "profile", "expected"), CASES)
def test_the_handover_situation(client: dict, profile: dict, expected: str) -> None:
    assert (
        assess_situation(record_of({"name": "Acme", **client}), as_profile(profile)).currency
        == expected
    )


@pytest.mark.parametrize(
    ("client", "default", "expected"), [(c, p.get("currency", ""), e) for c, p, e in CASES]
)
def test_churns_lost_clients(client: dict, default: str, expected: str) -> None:
    from clientexit.reports import churn

    data = {
        "name": "Acme",
        "status": "former",
        "started": dt.date(2025, 1, 6),
        "lifecycle": {"end_date": dt.date(2026, 3, 31)},
        **client,
    }
    period = churn.parse_period("2026")
    (lost,) = churn.compute([Summary.of(record_of(data))], period, default, TODAY).lost
    assert lost.currency == expected


def test_a_lowercase_currency_written_by_hand_is_the_same_currency(cli, examples_home) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('currency = "EUR"', 'currency = "eur"'), encoding="utf-8")
    listing = json.loads(cli("invoice", "northwind-bakery", "list", "--json").stdout)
    assert listing["currency"] == "EUR"
