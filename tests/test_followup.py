"""clientexit followup: .ics reminders (read back with vobject) and what is due across clients."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import vobject

from clientexit._store import read_toml
from clientexit.handover.checklist import build
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = "2026-11-25"
KEY_UIDS = {"last-day", "final-invoice-due", "follow-up"}


def set_end(home: Path, slug: str, end: str, status: str = "ending") -> None:
    path = home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8").replace('status = "active"', f'status = "{status}"')
    path.write_text(text + f"\n[lifecycle]\nend_date = {end}\n", encoding="utf-8")


def read_ics(path: Path):
    return vobject.readOne(path.read_text(encoding="utf-8"))


def test_ics_has_one_event_per_key_date_and_dated_item(cli, examples_home, tmp_path) -> None:
    set_end(examples_home, "fjord-coffee", "2026-12-09")
    target = tmp_path / "fjord.ics"
    result = cli("followup", "fjord-coffee", "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    calendar = read_ics(target)
    events = calendar.vevent_list

    data = read_toml(examples_home / "clients" / "fjord-coffee.toml")
    checklist = build(record_of(data), as_profile(), dt.date(2026, 11, 25))
    dated = [i for i in checklist.items if i.due and not i.key_date]
    assert len(events) == len(KEY_UIDS) + len(dated)

    uids = [e.uid.value for e in events]
    assert len(set(uids)) == len(uids)
    assert {u.split(".")[1].split("@")[0] for u in uids} >= KEY_UIDS
    by_uid = {e.uid.value: e for e in events}
    last_day = by_uid["fjord-coffee.last-day@clientexit"]
    assert last_day.dtstart.value == dt.date(2026, 12, 9)
    follow = by_uid["fjord-coffee.follow-up@clientexit"]
    assert follow.dtstart.value == dt.date(2027, 1, 8)
    for event in events:
        start = event.dtstart.value
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert event.dtend.value == start + dt.timedelta(days=1)
        assert isinstance(event.dtstamp.value, dt.datetime)
        assert event.valarm.action.value == "DISPLAY"
        assert event.valarm.trigger.value < dt.timedelta(0)
        assert event.summary.value
    assert b"\r\n" in target.read_bytes()


def test_uids_are_stable_and_done_items_leave_the_calendar(cli, examples_home, tmp_path) -> None:
    set_end(examples_home, "northwind-bakery", "2026-12-09")
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli("followup", "northwind-bakery", "--ics", str(first))
    cli("handover", "northwind-bakery", "--done", "money-collect")
    cli("followup", "northwind-bakery", "--ics", str(second))
    before = {e.uid.value for e in read_ics(first).vevent_list}
    after = {e.uid.value for e in read_ics(second).vevent_list}
    assert before - after == {"northwind-bakery.money-collect@clientexit"}
    assert after < before


def write_client(home: Path, slug: str, extra: str) -> None:
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    name = slug.replace("-", " ").title()
    text = f'schema_version = 1\nname = "{name}"\nnotice_days = 14\n{extra}'
    (folder / f"{slug}.toml").write_text(text, encoding="utf-8")


def test_due_across_clients_lists_only_handovers_in_sight(cli, home: Path) -> None:
    write_client(home, "ending-soon", 'status = "ending"\n[lifecycle]\nend_date = 2026-12-09\n')
    write_client(home, "just-left", 'status = "former"\nended = 2026-11-10\n')
    write_client(home, "long-gone", 'status = "former"\nended = 2026-03-01\n')
    write_client(home, "still-active", 'status = "active"\n')
    write_client(home, "started-early", 'status = "active"\n')
    cli("handover", "started-early", "--done", "contract-terms")
    result = cli("followup", "--json", "--weeks", "2")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["slug"] for r in rows} == {"ending-soon", "just-left", "started-early"}
    limit = (dt.date(2026, 11, 25) + dt.timedelta(weeks=2)).isoformat()
    assert all(r["date"] <= limit for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    ending = {r["id"]: r for r in rows if r["slug"] == "ending-soon"}
    assert {"last-day", "deliverables-gather", "contract-terms"} <= set(ending)
    assert ending["contract-terms"]["date"] == TODAY and not ending["contract-terms"]["overdue"]
    early = {r["id"] for r in rows if r["slug"] == "started-early"}
    assert "contract-terms" not in early and "access-inventory" in early
    left = {r["id"]: r for r in rows if r["slug"] == "just-left"}
    assert left["access-personal-data"]["overdue"] and "last-day" not in left

    cli("client", "archive", "ending-soon")
    rows = json.loads(cli("followup", "--json", "--weeks", "2").stdout)
    assert "ending-soon" not in {r["slug"] for r in rows}


def test_nothing_due_and_ics_without_client(cli, home: Path) -> None:
    write_client(home, "still-active", 'status = "active"\n')
    quiet = cli("followup")
    assert quiet.exit_code == 0 and "Nothing due" in quiet.stderr and quiet.stdout == ""
    result = cli("followup", "--ics", "x.ics")
    assert result.exit_code == 2 and "--ics needs a client" in result.stderr


def test_text_listing_shows_clients_and_ids(cli, home: Path) -> None:
    write_client(home, "acme", 'status = "former"\nended = 2026-11-20\n')
    result = cli("followup", "--weeks", "1")
    assert result.exit_code == 0
    assert "Acme" in result.stdout and "access-personal-data" in result.stdout
    assert "(overdue)" in result.stdout and "27 November 2026" in result.stdout
