"""Issue 24: in an .ics file every property that carries record text is escaped, X-WR-CALNAME
included; a CR or LF in any text never starts a new line, and no control character is written."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.handover.calendar import Reminder, to_ics

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
# A content line: a property name, optional parameters, a colon; or a folded continuation.
LINE = re.compile(r"^(?:[A-Z][A-Z0-9-]*(?:;[^:\r\n]*)?:[^\r\n]*| [^\r\n]*)$")
HOSTILE = [
    "A\r\nBEGIN:VEVENT",
    "B\nSUMMARY:injected",
    "C\rATTENDEE:mailto:x@example.com",
    "D\x1b]0;title\x07",
    "E\u2028F\u2029G\x85H",
    "I;J,K\\L",
    "M\u202eN\x00O\x0bP",
]
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(HOSTILE)


def _ics(name: str, uid: str, summary: str, description: str) -> str:
    event = Reminder(uid, dt.date(2026, 12, 1), summary, description)
    return to_ics(None, "acme", now=NOW, extra=[event], name=name)


def _assert_well_formed(text: str) -> list[str]:
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    for line in lines:
        assert LINE.match(line), repr(line)
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", line)
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert not any(line.startswith(("ATTENDEE", "SUMMARY:injected")) for line in lines)
    return lines


def test_every_text_property_is_escaped_x_wr_calname_included() -> None:
    for hostile in HOSTILE:
        lines = _assert_well_formed(_ics(hostile, hostile, hostile, hostile))
        unfolded = "\r\n".join(lines).replace("\r\n ", "")
        calname = next(line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALNAME"))
        assert "\r" not in calname and "\x1b" not in calname


def test_line_breaks_survive_as_escaped_line_breaks() -> None:
    from icalendar import Calendar

    text = _ics("Acme\r\nLtd", "u1", "Send the files\rnow", "Line one\nline two; a, b")
    # X-WR-CALNAME is written as text (\n escaped); parsers read an X- property back raw.
    assert "\r\nX-WR-CALNAME:Reminders: Acme\\nLtd\r\n" in text
    calendar = Calendar.from_ical(text)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Send the files\nnow"
    assert str(event["DESCRIPTION"]) == "Line one\nline two; a, b"


@settings(max_examples=150, deadline=None)
@given(name=texts, uid=texts, summary=texts, description=texts)
def test_any_text_in_any_property_gives_well_formed_lines(name, uid, summary, description):
    _assert_well_formed(_ics(name, uid, summary, description))
