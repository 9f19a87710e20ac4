"""Every time-tracker format clientexit reads, on real-shaped samples: entries, hours, days,
billable flags, keys, and the rows it cannot read (with their line numbers)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientexit.hours import detect, watson
from clientexit.hours.entries import FormatError, ReadOptions, duration_seconds

SAMPLES = Path(__file__).parent / "hours_samples"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time is UTC, so that the day of a UTC timestamp is the day written."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def read(name: str, fmt: str | None = None, options: ReadOptions | None = None):
    return detect.parse(detect.decode((SAMPLES / name).read_bytes()), fmt, options)


US = ReadOptions(country="US")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("toggl_bom.csv", "toggl"),
        ("clockify_us.csv", "clockify"),
        ("harvest.csv", "harvest"),
        ("2026-10.data", "timewarrior"),
        ("timew_export.json", "timewarrior"),
        ("work.timeclock", "timeclock"),
    ],
)
def test_the_format_is_told_from_the_content(name: str, fmt: str) -> None:
    assert detect.detect(detect.decode((SAMPLES / name).read_bytes())) == fmt


def test_watson_frames_and_watson_log_json() -> None:
    frames = [
        [1791187200, 1791194400, "acme", "41dcffb7bd74442794b9385c3e8891fc", ["code"], 1791194400],
        [1791194400, 1791196200, "acme", "52dcffb7bd74442794b9385c3e8891fc", [], 1791196200],
    ]
    parsed = detect.parse(json.dumps(frames))
    assert parsed.format == "watson"
    first, second = parsed.entries
    assert (first.day, first.seconds, first.project, first.tags) == (
        dt.date(2026, 10, 5),
        7200,
        "acme",
        ("code",),
    )
    assert second.seconds == 1800
    # `watson log --json` names the same frames by the same ids: the same keys.
    log = [
        {
            "id": "41dcffb7bd74442794b9385c3e8891fc",
            "start": "2026-10-05T10:00:00+02:00",
            "stop": "2026-10-05T12:00:00+02:00",
            "project": "acme",
            "tags": ["code"],
        }
    ]
    again = detect.parse(json.dumps(log)).entries[0]
    assert (again.key, again.seconds, again.day) == (first.key, 7200, first.day)


def test_watson_frames_that_cannot_be_read_are_reported_by_position() -> None:
    frames = [
        [1791187200, 1791194400, "acme", "a1", [], 0],
        [1791194400, 1791190000, "acme", "a2", [], 0],
        "not a frame",
        [1791194400, "late", "acme", "a3", [], 0],
        [1791194400, 1791196200, "", "a4", [], 0],
    ]
    parsed = detect.parse(json.dumps(frames), "watson")
    assert len(parsed.entries) == 1
    assert [p.line for p in parsed.problems] == [2, 3, 4, 5]
    assert parsed.unit == "entry"
    assert "ends before it starts" in parsed.problems[0].reason


def test_a_watson_frame_counts_on_its_day_in_the_profile_zone_not_the_computer_zone(
    monkeypatch,
) -> None:
    # 23:30 UTC on 31 October is already 1 November in Prague.
    frames = json.dumps([[1793489400, 1793491200, "acme", "b1", [], 0]])
    prague = ReadOptions(zone=zoneinfo.ZoneInfo("Europe/Prague"))
    for computer in ("UTC", "Europe/Prague", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", computer)
        time.tzset()
        assert detect.parse(frames).entries[0].day == dt.date(2026, 10, 31)
        assert detect.parse(frames, None, prague).entries[0].day == dt.date(2026, 11, 1)


def test_toggl_with_a_byte_order_mark() -> None:
    parsed = read("toggl_bom.csv")
    assert parsed.format == "toggl"
    assert [e.seconds for e in parsed.entries] == [9000, 2700, 5400, 3600]
    call = parsed.entries[1]
    assert (call.client, call.project, call.tags, call.billable) == (
        "Acme Ltd",
        "Website",
        ("calls", "admin"),
        True,
    )
    assert parsed.entries[2].billable is False
    assert parsed.entries[2].description == "Fixes after review, again"
    assert parsed.entries[0].day == dt.date(2026, 10, 5)
    assert [e.line for e in parsed.entries] == [2, 3, 4, 5]
    assert parsed.problems == []


def test_toggl_without_the_byte_order_mark_gives_the_same_entries() -> None:
    raw = (SAMPLES / "toggl_bom.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with_bom = detect.parse(detect.decode(raw)).entries
    without = detect.parse(detect.decode(raw[3:])).entries
    assert with_bom == without


def test_clockify_with_us_dates_and_twelve_hour_times() -> None:
    parsed = read("clockify_us.csv")
    assert parsed.format == "clockify"
    review, report, rework = parsed.entries
    assert (review.day, review.seconds) == (dt.date(2026, 9, 15), 9000)  # 2:00 PM to 4:30 PM
    assert (report.day, report.seconds, report.tags) == (dt.date(2026, 9, 16), 2700, ("admin",))
    assert (rework.day, rework.billable) == (dt.date(2026, 9, 30), False)
    assert review.client == "Kestrel Analytics"


def test_clockify_day_first_dates_are_read_day_first() -> None:
    text = (SAMPLES / "clockify_us.csv").read_text(encoding="utf-8")
    text = text.replace("09/15/2026", "15/09/2026").replace("09/16/2026", "16/09/2026")
    text = text.replace("09/30/2026", "30/09/2026")
    assert [e.day.day for e in detect.parse(text).entries] == [15, 16, 30]


def test_a_missing_column_is_named() -> None:
    text = (SAMPLES / "toggl_bom.csv").read_text(encoding="utf-8-sig")
    text = text.replace(",End time,", ",Finish,")
    with pytest.raises(FormatError, match="no 'End time' column"):
        detect.parse(text, "toggl")


def test_harvest_decimal_hours_and_us_dates() -> None:
    parsed = read("harvest.csv", None, US)
    assert parsed.format == "harvest"
    assert [(e.day, e.seconds, e.billable) for e in parsed.entries] == [
        (dt.date(2026, 10, 1), 9000, True),
        (dt.date(2026, 10, 2), 4500, False),
        (dt.date(2026, 10, 2), 4500, False),
        (dt.date(2026, 11, 3), 1800, True),
    ]
    # Two identical rows are two entries, each with its own key.
    assert parsed.entries[1].key != parsed.entries[2].key


def test_harvest_iso_dates() -> None:
    text = (SAMPLES / "harvest.csv").read_text(encoding="utf-8")
    for us_date, iso in (("10/1/2026", "2026-10-01"), ("10/2/2026", "2026-10-02")):
        text = text.replace(us_date, iso)
    text = text.replace("11/3/2026", "2026-11-03")
    assert detect.parse(text).entries[0].day == dt.date(2026, 10, 1)


def test_timewarrior_data_lines() -> None:
    parsed = read("2026-10.data")
    code, call, note, admin = parsed.entries
    assert (code.seconds, code.tags) == (7200, ("acme", "code"))
    assert (call.tags, call.description) == (("acme", "client call"), "weekly sync")
    assert (note.tags, note.description) == ((), "a note and no tags")
    assert admin.tags == ("acme", "admin")
    assert [p.line for p in parsed.problems] == [5]
    assert parsed.running == 1  # the open interval on line 6


def test_timewarrior_export_keys_match_the_data_files() -> None:
    data = read("2026-10.data")
    export = read("timew_export.json")
    assert export.running == 1
    assert [e.key for e in export.entries] == [e.key for e in data.entries]
    assert [e.seconds for e in export.entries] == [e.seconds for e in data.entries]


def test_hledger_timeclock() -> None:
    parsed = read("work.timeclock")
    website, beta = parsed.entries
    assert (website.project, website.description, website.seconds) == (
        "clients:acme:website",
        "homepage",
        8100,
    )
    assert (beta.project, beta.seconds, beta.day) == ("clients:beta", 5400, dt.date(2026, 10, 6))
    assert [p.line for p in parsed.problems] == [7, 8]  # an o with no i, a b line
    assert parsed.running == 1


def test_text_that_is_no_export_is_refused() -> None:
    with pytest.raises(FormatError, match="cannot tell which tracker"):
        detect.parse("hello,world\n1,2\n")
    with pytest.raises(FormatError, match="not valid JSON"):
        detect.parse("[1, 2")
    with pytest.raises(FormatError, match="not UTF-8"):
        detect.decode(b"Date,Hours\n\xff\xfe")


@given(st.text(max_size=300))
def test_no_text_makes_a_parser_crash(text: str) -> None:
    for fmt in ("watson", "timewarrior", "toggl", "clockify", "harvest", "timeclock"):
        with contextlib.suppress(FormatError):
            detect.parse(text, fmt)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("02:30:00", 9000),
        ("2:30", 9000),
        ("1.5", 5400),
        ("1,25", 4500),
        ("0", 0),
        ("4,6666667", 16800),
        ("0.016666667", 60),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "-1", "abc", "nan", "inf"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        duration_seconds(text)


def test_watson_folder_on_each_platform(tmp_path: Path) -> None:
    home = tmp_path / "me"
    folder = watson.default_folder
    assert folder({"WATSON_DIR": "/w"}, "linux", home) == Path("/w")
    assert folder({}, "linux", home) == home / ".config" / "watson"
    assert folder({"XDG_CONFIG_HOME": "/x"}, "linux", home) == Path("/x/watson")
    assert folder({}, "darwin", home) == home / "Library" / "Application Support" / "watson"
    assert folder({"APPDATA": "C:/Users/me/AppData/Roaming"}, "win32", home) == Path(
        "C:/Users/me/AppData/Roaming/watson"
    )
    assert folder({}, "win32", home) == home / "watson"
    assert watson.default_frames({"WATSON_DIR": "/w"}) == Path("/w/frames")
