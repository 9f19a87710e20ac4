"""Reminders as an iCalendar file (RFC 5545): key dates and dated checklist items, all-day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from clientexit.handover.checklist import Checklist

PRODID = "-//clientexit//handover reminders//EN"
ALARM_BEFORE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Reminder:
    """One all-day calendar event; ``uid`` stays the same each time the file is written."""

    uid: str
    date: dt.date
    summary: str
    description: str


def reminders(checklist: Checklist, slug: str) -> list[Reminder]:
    """Every key date, then every open checklist item that has a date of its own.

    Items that take their date from a key date (the one-month follow-up) are that key date's
    event, not a second one. Done items are left out.
    """
    events = [
        Reminder(f"{slug}.{key.id}@clientexit", key.date, key.title, key.text)
        for key in checklist.key_dates
    ]
    for item in checklist.items:
        if item.is_done or item.due is None or item.key_date:
            continue
        events.append(
            Reminder(
                f"{slug}.{item.id}@clientexit",
                item.due,
                f"{checklist.client}: {item.text}",
                f"{item.section_title}. clientexit handover {slug} --done {item.id}",
            )
        )
    return events


# Control characters but the line feed, and the characters some calendar programs also take as a
# line end (NEL, LINE and PARAGRAPH SEPARATOR), and bidi overrides.
_NOT_IN_CALENDARS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def calendar_text(text: str) -> str:
    """``text`` as a calendar may show it: CR and CRLF as a line feed (which vText writes as the
    two characters \\n, so no text starts a new line of the file), other control characters
    and line separators left out."""
    return _NOT_IN_CALENDARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_ics(
    checklist: Checklist | None,
    slug: str,
    now: dt.datetime | None = None,
    extra: Sequence[Reminder] = (),
    name: str = "",
) -> str:
    """The calendar as RFC 5545 text (CRLF line ends, folded lines), written with icalendar;
    ``extra`` adds events of another feature's (the reminder ladder's stages). Without a
    checklist (a client who only owes money), the calendar holds ``extra`` alone, titled with
    ``name``."""
    from icalendar import Alarm, Calendar, Event, vText

    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = f"Handover: {checklist.client}" if checklist else f"Reminders: {name or slug}"
    # An X- property is not known to be text: without vText it would go out unescaped.
    calendar.add("x-wr-calname", vText(calendar_text(title)))
    for reminder in [*(reminders(checklist, slug) if checklist else []), *extra]:
        event = Event()
        event.add("uid", vText(calendar_text(reminder.uid)))
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.date)
        event.add("dtend", reminder.date + dt.timedelta(days=1))
        event.add("summary", vText(calendar_text(reminder.summary)))
        event.add("description", vText(calendar_text(reminder.description)))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(calendar_text(reminder.summary)))
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
