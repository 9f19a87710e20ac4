"""clientexit log: appending incidents and listing them."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from clientexit.record import incidents
from record_helpers import client as record_of

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def test_log_appends_and_lists(cli, examples_home) -> None:
    result = cli(
        "log", "Brightpath Marketing", "add", "Asked for  a newsletter   template, unpaid",
        "--kind", "scope", "--date", "2026-11-10", "--amount", "1,200", "--ref", "mail-42",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    entries = json.loads(cli("log", "brightpath-marketing", "list", "--json").stdout)
    assert len(entries) == 4
    assert re.fullmatch(r"inc-[0-9a-hjkmnp-tv-z]{6}", entries[-1].pop("id"))
    assert entries[-1] == {
        "client": "brightpath-marketing",
        "name": "Brightpath Marketing",
        "date": "2026-11-10",
        "kind": "scope",
        "text": "Asked for a newsletter template, unpaid",
        "amount": 1200.0,
        "ref": "mail-42",
    }
    text = (examples_home / "clients" / "brightpath-marketing.toml").read_text(encoding="utf-8")
    assert text.startswith("# A scope creeper")
    assert "date = 2026-11-10\n" in text  # a real TOML date, not a string
    assert "newsletter" in cli("log", "brightpath-marketing", "list").stdout


def test_log_defaults_to_today_and_other(cli, examples_home) -> None:
    assert cli("log", "fjord-coffee", "add", "Sent a thank-you card").exit_code == 0
    (entry,) = json.loads(cli("log", "fjord-coffee", "list", "--json").stdout)
    assert entry.pop("id").startswith("inc-")
    assert entry == {
        "client": "fjord-coffee",
        "name": "Fjord Coffee Roasters",
        "date": TODAY.isoformat(),
        "kind": "other",
        "text": "Sent a thank-you card",
    }


def test_empty_log_says_how_to_add(cli, examples_home) -> None:
    result = cli("log", "fjord-coffee", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "Nothing logged for Fjord Coffee Roasters yet. "
        'Add: clientexit log fjord-coffee add "what happened"\n'
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["northwind-bakery", "add", "x", "--kind", "rude"], 2, "--kind 'rude'"),
        (["northwind-bakery", "add", "x", "--date", "2026-02-31"], 2, "not a date"),
        (["northwind-bakery", "add", "x", "--date", "2099-01-01"], 2, "in the future"),
        (["northwind-bakery", "add", "x", "--amount", "-5"], 2, "not an amount"),
        (["northwind-bakery", "add", "   "], 2, "cannot be empty"),
        (["nobody-here", "add", "x"], 3, "No client called"),
    ],
)
def test_log_errors_change_nothing(cli, examples_home, args, code, message) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    result = cli("log", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert path.read_bytes() == before


def test_incidents_are_sorted_and_filtered() -> None:
    data = {
        "incidents": [
            {"date": dt.date(2026, 5, 2), "kind": "scope", "text": "b"},
            {"kind": "other", "text": "undated"},
            {"date": dt.date(2026, 1, 2), "kind": "payment", "text": "a", "amount": 10},
        ]
    }
    assert [i.text for i in incidents.incidents(record_of(data))] == ["a", "b", "undated"]
    assert [i.text for i in incidents.incidents(record_of(data), kind="scope")] == ["b"]
    assert incidents.incidents(record_of(data))[0].amount == 10.0


def test_a_mail_link_as_a_log_reference_is_not_a_secret(cli, examples_home) -> None:
    link = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqHhZkvTpLmNsdRKlBrXqW"
    result = cli("log", "northwind-bakery", "add", "Reminder sent", "--ref", link)
    assert result.exit_code == 0, result.stderr
    for secret in ("https://x.com/a?token=Zx81kPq2LmN7vB3", "https://bob:hunter22@host/x"):
        assert cli("log", "northwind-bakery", "add", "Reminder", "--ref", secret).exit_code == 2
