"""record/hours.py: the reader of [hours] and [[rate_changes]] in a client file."""

from __future__ import annotations

import datetime as dt

import pytest

from clientexit._errors import DataFileError
from clientexit.record import hours
from clientexit.record.model import Client


def test_the_rate_in_force_on_a_day() -> None:
    client = Client.from_data(
        "acme",
        {
            "rate": 80.0,
            "rate_changes": [
                {"from": dt.date(2026, 9, 1), "rate": 95.0},
                {"from": dt.date(2026, 3, 1), "rate": 85.0},  # out of order by hand
            ],
        },
    )
    assert client.rate_on(dt.date(2026, 2, 28)) == 80.0
    assert client.rate_on(dt.date(2026, 3, 1)) == 85.0
    assert client.rate_on(dt.date(2026, 8, 31)) == 85.0
    assert client.rate_on(dt.date(2027, 1, 1)) == 95.0
    assert Client.from_data("plain", {"rate": 85}).rate_on(dt.date(2026, 1, 1)) == 85.0
    assert Client.from_data("none", {}).rate_on(dt.date(2026, 1, 1)) is None


def test_keys_round_trip() -> None:
    keys = {b"abcdef", b"\x00\x01\x02\x03\x04\x05", b"zzzzzz"}
    text = hours.encode_keys(keys)
    assert len(text) == 8 * len(keys)
    assert hours.decode_keys(text) == keys
    assert hours.encode_keys(reversed(sorted(keys))) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours": "acme"}, "hours must be a table"),
        ({"hours": {"match": "acme"}}, "[hours] match must be a list of names"),
        ({"hours": {"months": {"2026-13": {}}}}, "[hours.months.2026-13] is not a month"),
        (
            {"hours": {"months": {"2026-10": {"billable_hours": -1}}}},
            "[hours.months.2026-10] billable_hours must be an amount of 0 or more",
        ),
        (
            {"hours": {"months": {"2026-10": {"keys": "abc"}}}},
            "[hours.months.2026-10] keys is damaged",
        ),
        ({"rate_changes": [{"from": "2026-09-01", "rate": 9}]}, "rate change 1: from must be"),
        ({"rate_changes": [{"from": dt.date(2026, 9, 1)}]}, "rate change 1: rate must be"),
    ],
)
def test_a_hand_broken_table_names_the_file_and_key(data: dict, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        hours.check(data, "clients/acme.toml")
    assert str(caught.value).startswith("clients/acme.toml: ")
    assert message in str(caught.value)


def test_the_months_and_mapping_as_read() -> None:
    client = Client.from_data(
        "acme",
        {
            "hours": {
                "match": ["acme", "acme-*"],
                "unbilled_tags": ["admin"],
                "months": {
                    "2026-10": {"billable_hours": 4.5, "unbilled_hours": 1, "entries": 3},
                    "2026-09": {"billable_hours": 2},
                },
            }
        },
    )
    assert client.hours_mapping == hours.HoursMapping(("acme", "acme-*"), ("admin",))
    assert client.tracked_months == (
        hours.TrackedMonth("2026-09", 2.0, 0.0, 0, 7200, 0),  # seconds from the hours
        hours.TrackedMonth("2026-10", 4.5, 1.0, 3, 16200, 3600),
    )
