"""Status rules: what an assessment does to a status, and one answer to 'handover under way'."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from clientexit.record import lifecycle
from clientexit.record.model import HANDOVER_DAYS_AFTER_END, Client
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day
PAST = TODAY - dt.timedelta(days=10)
AHEAD = TODAY + dt.timedelta(days=10)


@pytest.mark.parametrize(
    ("status", "verdict", "after"),
    [
        ("active", "keep", "active"),
        ("at-risk", "keep", "active"),
        ("active", "repair", "at-risk"),
        ("active", "prepare_exit", "at-risk"),
        ("active", "exit_now", "at-risk"),
        ("at-risk", "repair", "at-risk"),
        ("ending", "keep", "ending"),
        ("ending", "exit_now", "ending"),
        ("former", "keep", "former"),
        ("former", "repair", "former"),
    ],
)
def test_status_after_an_assessment(status: str, verdict: str, after: str) -> None:
    data = {"status": status}
    assert lifecycle.status_after_assessment(Client.from_data("", data), verdict, TODAY) == after


def test_an_assessment_leaves_a_client_whose_end_date_has_passed_alone() -> None:
    # Stored as at-risk, but the end date has come: it is former, and keep does not revive it.
    data = {"status": "at-risk", "ended": PAST}
    assert Client.from_data("", data).effective_status(TODAY) == "former"
    assert lifecycle.status_after_assessment(Client.from_data("", data), "keep", TODAY) == "at-risk"
    assert (
        lifecycle.status_after_assessment(Client.from_data("", {"status": "active"}), "keep", TODAY)
        == "active"
    )
    assert lifecycle.status_after_assessment(Client.from_data("", {}), "repair", TODAY) == "at-risk"


def _status(home: Path, slug: str) -> str:
    path = home / "clients" / f"{slug}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["status"]


def _set_status(home: Path, slug: str, status: str) -> None:
    path = home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    assert 'status = "active"' in text
    path.write_text(text.replace('status = "active"', f'status = "{status}"', 1), "utf-8")


def test_keep_puts_an_at_risk_client_back_to_active(cli, examples_home, examples) -> None:
    _set_status(examples_home, "fjord-coffee", "at-risk")
    answers = examples / "answers" / "fjord-coffee.toml"
    result = cli("assess", "fjord-coffee", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["verdict"], data["status"], data["status_changed"]) == ("keep", "active", True)
    assert _status(examples_home, "fjord-coffee") == "active"

    _set_status(examples_home, "fjord-coffee", "at-risk")
    text = cli("assess", "fjord-coffee", "--answers", str(answers)).stdout
    assert "Status set to active." in text and "at-risk" not in text


def test_an_ending_client_stays_ending_whatever_the_verdict(cli, examples_home, examples) -> None:
    _set_status(examples_home, "halvorsen-freight", "ending")
    answers = examples / "answers" / "halvorsen-freight.toml"
    result = cli("assess", "halvorsen-freight", "--answers", str(answers), "--json")
    data = json.loads(result.stdout)
    assert (data["verdict"], data["status"], data["status_changed"]) == (
        "exit_now",
        "ending",
        False,
    )
    assert _status(examples_home, "halvorsen-freight") == "ending"


PROGRESS = {"handover": {"items": {"contract-terms": {"done": PAST}}}}
WINDOW = HANDOVER_DAYS_AFTER_END


@pytest.mark.parametrize(
    ("data", "under_way"),
    [
        ({"status": "ending"}, True),  # no end date yet: still ending
        ({"status": "ending", "ended": AHEAD}, True),
        ({"status": "active", "ended": AHEAD}, False),  # a date alone does not start a handover
        ({"status": "former", "ended": TODAY - dt.timedelta(days=WINDOW)}, True),
        ({"status": "former", "ended": TODAY - dt.timedelta(days=WINDOW + 1)}, False),
        ({"status": "ending", "ended": TODAY - dt.timedelta(days=WINDOW + 1)}, False),  # former
        ({"status": "former"}, False),  # no end date: nothing to count from
        ({"status": "former", "ended": TODAY - dt.timedelta(days=400), **PROGRESS}, False),
        ({"status": "active"}, False),
        ({"status": "active", **PROGRESS}, True),  # started early
        ({"status": "at-risk", **PROGRESS}, True),
        ({"status": "active", "handover": {}}, False),  # an empty table is no progress
        ({"status": "ending", "archived": True}, False),
    ],
)
def test_handover_under_way(data: dict, under_way: bool) -> None:
    assert Client.from_data("", data).handover_under_way(TODAY) is under_way


def _write(home: Path, slug: str, extra: str) -> None:
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    name = slug.replace("-", " ").title()
    text = f'schema_version = 1\nname = "{name}"\nnotice_days = 14\n{extra}'
    (folder / f"{slug}.toml").write_text(text, encoding="utf-8")


def test_clients_table_and_followup_agree_on_whose_handover_is_under_way(cli, home) -> None:
    def ended(days: int) -> str:
        return f'status = "former"\nended = {TODAY - dt.timedelta(days=days)}\n'

    _write(home, "left-75-days-ago", ended(75))  # inside the window (followup once used 60)
    _write(home, "left-95-days-ago", ended(95))  # outside it (the table once showed 90)
    _write(home, "stale-ending", f'status = "ending"\nended = {TODAY - dt.timedelta(days=95)}\n')
    _write(home, "ending-soon", f'status = "ending"\nended = {AHEAD}\n')
    _write(home, "active", 'status = "active"\n')
    rows = json.loads(cli("clients", "--json").stdout)
    in_table = {r["slug"] for r in rows if r["open_items"] is not None}
    due = json.loads(cli("followup", "--json", "--weeks", "52").stdout)
    in_followup = {d["slug"] for d in due}
    assert in_table == in_followup == {"left-75-days-ago", "ending-soon"}


def test_planned_end_date_is_the_recorded_end_date_else_today_plus_notice() -> None:
    def planned(data: dict, profile: dict) -> dt.date:
        return Client.from_data("acme", data).planned_end_date(as_profile(profile), TODAY)

    recorded = {"lifecycle": {"end_date": dt.datetime(2026, 12, 9, 17, 0)}, "ended": AHEAD}
    assert planned(recorded, {}) == dt.date(2026, 12, 9)
    assert type(planned(recorded, {})) is dt.date
    assert planned({"ended": AHEAD}, {}) == AHEAD
    assert planned({}, {"notice_days": 14}) == TODAY + dt.timedelta(14)
    for data in (recorded, {"ended": AHEAD}, {}):
        assert planned(data, {}) == (
            Client.from_data("", data).end_date or TODAY + dt.timedelta(days=30)
        )


def test_client_list_shows_and_filters_the_status_as_of_today(cli, examples_home) -> None:
    assert (
        cli(
            "end", "fjord-coffee", "--by", "me", "--reason", "Moving on", "--date", "2026-12-01"
        ).exit_code
        == 0
    )
    later = {"CLIENTEXIT_TODAY": "2026-12-10"}
    listed = json.loads(cli("client", "list", "--status", "former", "--json", env=later).stdout)
    assert "fjord-coffee" in [row["client"] for row in listed]
    booked = json.loads(cli("clients", "--status", "former", "--json", env=later).stdout)
    assert "fjord-coffee" in [row["slug"] for row in booked]
