"""followup shows the reminder ladder's next stage for clients who owe money, and --ics has it."""

from __future__ import annotations

import json
from pathlib import Path


def test_followup_lists_the_due_reminders(cli, examples_home: Path) -> None:
    result = cli("followup", "--json")
    assert result.exit_code == 0, result.stderr
    reminders = {d["client"]: d for d in json.loads(result.stdout) if d["kind"] == "reminder"}
    # Ashgrove: two reminders sent; the final notice was due 30 days after 29 May.
    assert reminders["ashgrove-print"]["id"] == "final-notice"
    assert reminders["ashgrove-print"]["date"] == "2026-06-28"
    assert reminders["ashgrove-print"]["overdue"] is True
    assert reminders["ashgrove-print"]["text"] == (
        "Send the final-notice: clientexit remind ashgrove-print"
    )
    # Northwind: oldest overdue invoice due 15 Sep, nothing sent, 66 days late and payment
    # incidents logged: it starts at the final notice (its age calls for the formal demand,
    # which may not open a ladder), due since 30 days after the due date.
    assert reminders["northwind-bakery"]["id"] == "final-notice"
    assert reminders["northwind-bakery"]["date"] == "2026-10-15"
    assert "fjord-coffee" not in reminders  # owes nothing


def test_a_sent_reminder_moves_the_client_up_the_ladder(cli, examples_home: Path) -> None:
    assert cli("remind", "ashgrove-print", "--no-cooldown").exit_code == 0
    result = cli("followup", "ashgrove-print", "--weeks", "2", "--json")
    rows = json.loads(result.stdout)
    assert [(d["id"], d["date"]) for d in rows] == [("formal-demand", "2026-12-02")]


def test_the_calendar_has_the_reminder(cli, examples_home: Path) -> None:
    end = cli("end", "halvorsen-freight", "--by", "me", "--reason", "abuse", "--date", "2026-12-20")
    assert end.exit_code == 0, end.stderr
    result = cli("followup", "halvorsen-freight", "--ics", "-")
    assert result.exit_code == 0, result.stderr
    text = result.stdout.replace("\r\n ", "")
    # Halvorsen's invoice is 20 days overdue: its first letter is the firm reminder, and the
    # calendar has every stage to come, a week apart at least.
    assert "UID:halvorsen-freight.firm-reminder@clientexit" in text
    assert "SUMMARY:Halvorsen Freight: Send the firm-reminder: clientexit remind" in text
    events = text.replace("\r\n", "\n").split("BEGIN:VEVENT")[1:]
    final = next(e for e in events if "UID:halvorsen-freight.final-notice@clientexit" in e)
    # 30 days after the due date is 30 November, but the firm reminder (late already) goes
    # today at the earliest, and the ladder keeps 7 days between two letters.
    assert "DTSTART;VALUE=DATE:20261202\n" in final


def test_clients_shows_where_each_client_stands(cli, examples_home: Path) -> None:
    rows = {r["client"]: r for r in json.loads(cli("clients", "--json").stdout)}
    assert rows["ashgrove-print"]["reminder"] == {
        "reached": "firm-reminder",
        "next": "final-notice",
        "next_on": "2026-06-28",
        "overdue_invoices": 2,
    }
    assert rows["fjord-coffee"]["reminder"] is None
    text = cli("clients").stdout
    line = next(row for row in text.splitlines() if row.startswith("Ashgrove Print Ltd"))
    assert line.endswith("£2,450.00  100% 19 d  firm → final due")
    assert cli("remind", "ashgrove-print", "--no-cooldown").exit_code == 0
    line = next(row for row in cli("clients").stdout.splitlines() if row.startswith("Ashgrove"))
    assert line.endswith("final → demand")  # not due before 2 December
