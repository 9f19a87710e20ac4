"""Hours that never miscount: semicolon CSVs, day/month order, Timewarrior twice, time zones,
bounded rows, and hostile files, each with figures worked by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.hours import detect
from clientexit.hours.entries import FormatError, ReadOptions


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def acme(cli, home: Path) -> Path:
    """One client, Acme Ltd, claiming the project or tag "acme" (admin tag unbilled)."""
    assert cli("client", "add", "Acme Ltd", "--rate", "1500").exit_code == 0
    result = cli("hours", "map", "acme-ltd", "--match", "acme", "--unbilled-tag", "admin")
    assert result.exit_code == 0, result.stderr
    return home


def month(cli, name: str = "acme-ltd") -> dict[str, dict]:
    result = cli("hours", name, "--json", "--months", "120")
    assert result.exit_code == 0, result.stderr
    return {m["month"]: m for m in json.loads(result.stdout)["months"]}


HARVEST_HEADER = "Date;Client;Project;Task;Notes;Hours;Billable?;Currency"


# --- Semicolons and decimal commas (a report re-saved by a European spreadsheet) ---------------


def test_a_semicolon_harvest_report_with_decimal_commas(cli, acme: Path, tmp_path: Path) -> None:
    # By hand: 2,5 h + 1,25 h on 15 Oct and 16 Oct = 3.75 billable hours; "0,5" tagged admin
    # is still billable (Harvest has no tags column here), "Nein" billable is unbilled: 0.5 h.
    report = tmp_path / "harvest.csv"
    report.write_text(
        "\ufeff" + HARVEST_HEADER + "\n"
        "15.10.2026;Acme;acme;Design;Hero;2,5;Yes;Euro - EUR\n"
        '16.10.2026;Acme;acme;Design;"Footer; again";1,25;Yes;Euro - EUR\n'
        "16.10.2026;Acme;acme;Calls;Kickoff;0,5;No;Euro - EUR\n",
        encoding="utf-8",
    )
    result = cli("hours", "import", str(report))
    assert result.exit_code == 0, result.stderr
    october = month(cli)["2026-10"]
    assert (october["billable_hours"], october["unbilled_hours"]) == (3.75, 0.5)


def test_a_semicolon_toggl_report_reads_like_the_comma_one() -> None:
    comma = (Path(__file__).parent / "hours_samples" / "toggl_bom.csv").read_text("utf-8-sig")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(comma)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    assert [e.seconds for e in detect.parse(out.getvalue()).entries] == [
        e.seconds for e in detect.parse(comma).entries
    ]


# --- Day and month order --------------------------------------------------------------------


def harvest(*dates: str) -> str:
    lines = [HARVEST_HEADER.replace(";", ",")]
    lines += [f"{d},Acme,acme,Design,x,1,Yes,EUR" for d in dates]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("dates", "days"),
    [
        (("13/10/2026", "01/10/2026"), [(2026, 10, 13), (2026, 10, 1)]),  # a day over 12: dmy
        (("10/13/2026", "10/01/2026"), [(2026, 10, 13), (2026, 10, 1)]),  # a day over 12: mdy
        (("01/02/2026", "31/12/2026"), [(2026, 2, 1), (2026, 12, 31)]),  # proof in a later row
        (("5.3.2026", "6.3.2026"), [(2026, 3, 5), (2026, 3, 6)]),  # dotted dates: day first
    ],
)
def test_a_file_proves_its_own_order(dates: tuple[str, ...], days: list[tuple[int, ...]]) -> None:
    for options in (ReadOptions(), ReadOptions(country="US"), ReadOptions(country="DE")):
        found = [
            e.day.timetuple()[:3] for e in detect.parse(harvest(*dates), None, options).entries
        ]
        assert found == days


@pytest.mark.parametrize("country", [None, "DE", "GB", "CZ", "CA"])
def test_an_order_nothing_proves_is_refused_naming_the_option(country: str | None) -> None:
    with pytest.raises(FormatError, match="give --date-order dmy or --date-order mdy"):
        detect.parse(harvest("01/02/2026", "03/04/2026"), None, ReadOptions(country=country))


def test_harvest_month_first_default_holds_where_the_profile_country_writes_so() -> None:
    # Harvest documents M/D/YYYY; a US profile writes dates that way: 1 Feb, not 2 Jan.
    entries = detect.parse(harvest("02/01/2026"), None, ReadOptions(country="US")).entries
    assert entries[0].day.isoformat() == "2026-02-01"


def test_toggl_has_no_default_order_even_for_a_us_profile() -> None:
    text = (Path(__file__).parent / "hours_samples" / "toggl_bom.csv").read_text("utf-8-sig")
    text = text.replace("2026-10-05", "10/05/2026").replace("2026-10-06", "10/06/2026")
    text = text.replace("2026-10-07", "10/07/2026").replace("2026-10-08", "10/08/2026")
    with pytest.raises(FormatError, match="--date-order"):
        detect.parse(text, None, ReadOptions(country="US"))
    days = [
        e.day.isoformat() for e in detect.parse(text, None, ReadOptions(date_order="mdy")).entries
    ]
    assert days[0] == "2026-10-05"


@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_the_option_reads_an_unproved_file_its_way(order: str) -> None:
    day = detect.parse(harvest("03/04/2026"), None, ReadOptions(date_order=order)).entries[0].day
    assert (day.month, day.day) == ((4, 3) if order == "dmy" else (3, 4))


def test_the_option_never_reads_a_file_against_its_proof() -> None:
    with pytest.raises(FormatError, match="--date-order mdy does not fit its dates: 13/04/2026"):
        detect.parse(harvest("13/04/2026"), None, ReadOptions(date_order="mdy"))


def test_a_file_whose_dates_prove_both_orders_is_refused() -> None:
    with pytest.raises(FormatError, match="its dates disagree: 04/13/2026 is month first"):
        detect.parse(harvest("13/04/2026", "04/13/2026"), None, ReadOptions(date_order="dmy"))


def test_the_command_names_the_option_and_imports_nothing(cli, acme: Path, tmp_path: Path) -> None:
    report = tmp_path / "h.csv"
    report.write_text(harvest("01/02/2026"), encoding="utf-8")
    before = (acme / "clients" / "acme-ltd.toml").read_bytes()
    result = cli("hours", "import", str(report))
    assert result.exit_code == 2
    assert "read as well day first as month first" in result.stderr
    assert "--date-order dmy" in result.stderr
    assert (acme / "clients" / "acme-ltd.toml").read_bytes() == before
    assert cli("hours", "import", str(report), "--date-order", "dmy").exit_code == 0
    assert list(month(cli)) == ["2026-02"]  # 1 February


@given(
    day=st.integers(1, 28),
    mon=st.integers(1, 12),
    order=st.sampled_from(["dmy", "mdy"]),
    sep=st.sampled_from(["/", "-"]),
)
@settings(max_examples=60, deadline=None)
def test_no_slashed_date_is_ever_read_the_other_way(
    day: int, mon: int, order: str, sep: str
) -> None:
    """Whatever the date, a file written in one order is read in that order or refused; the
    one assumption is Harvest's documented month-first order, for a US profile."""
    first, second = (day, mon) if order == "dmy" else (mon, day)
    text = harvest(f"{first:02d}{sep}{second:02d}{sep}2026")
    proved = first > 12 or second > 12
    for options in (ReadOptions(), ReadOptions(country="US"), ReadOptions(country="FR")):
        try:
            found = detect.parse(text, None, options).entries[0].day
        except FormatError:
            assert not proved
            continue
        if proved or options.country != "US":
            assert (found.month, found.day) == (mon, day)
        else:
            assert (found.month, found.day) == (first, second)  # Harvest's M/D/YYYY


# --- Timewarrior: the data files and `timew export` are the same intervals ---------------------


DATA = (
    'inc 20261005T080000Z - 20261005T100000Z # acme code # "Cover \\"final\\" draft"\n'
    'inc 20261005T120000Z - 20261005T124000Z # acme "client call" # weekly sync\n'
    'inc 20261006T090000Z - 20261006T091500Z # acme admin # "back\\\\slash"\n'
)
EXPORT = [
    {"id": 3, "start": "20261005T080000Z", "end": "20261005T100000Z",
     "tags": ["acme", "code"], "annotation": 'Cover "final" draft'},
    {"id": 2, "start": "20261005T120000Z", "end": "20261005T124000Z",
     "tags": ["acme", "client call"], "annotation": "weekly sync"},
    {"id": 1, "start": "20261006T090000Z", "end": "20261006T091500Z",
     "tags": ["acme", "admin"], "annotation": "back\\slash"},
]  # fmt: skip


def test_timewarrior_data_then_export_counts_each_interval_once(
    cli, acme: Path, tmp_path: Path
) -> None:
    # By hand: 2 h + 40 min billable = 2.6667 h; 15 min admin unbilled = 0.25 h.
    data = tmp_path / "2026-10.data"
    data.write_text(DATA, encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    assert cli("hours", "import", str(data)).exit_code == 0
    again = cli("hours", "import", str(export), "--json")
    assert again.exit_code == 0, again.stderr
    report = json.loads(again.stdout)["clients"][0]
    assert (report["new_entries"], report["already_imported"]) == (0, 3)
    october = month(cli)["2026-10"]
    assert (october["billable_hours"], october["unbilled_hours"]) == (2.67, 0.25)
    # 2 h 40 min at 1,500 = 4,000.00 exactly (not 4,000.05 from rounded hours).
    assert october["revenue"] == 4000.0


# --- Time zones -------------------------------------------------------------------------------

SEPT_30_2330_UTC = 1790811000


def _import_under(home: Path, frames: Path, zone: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "TZ": zone}
    return subprocess.run(
        [sys.executable, "-m", "clientexit", "hours", "import", str(frames), "--json"],
        env=env,
        capture_output=True,
        timeout=120,
        text=True,
    )


def test_the_zone_an_import_runs_under_changes_nothing(cli, acme: Path, tmp_path: Path) -> None:
    frames = tmp_path / "frames"
    frames.write_text(
        json.dumps([[SEPT_30_2330_UTC, SEPT_30_2330_UTC + 3600, "acme", "f1", [], 0]]),
        encoding="utf-8",
    )
    first = _import_under(acme, frames, "UTC")
    assert first.returncode == 0, first.stderr
    after_first = (acme / "clients" / "acme-ltd.toml").read_bytes()
    second = _import_under(acme, frames, "Europe/Berlin")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["clients"][0]["already_imported"] == 1
    assert (acme / "clients" / "acme-ltd.toml").read_bytes() == after_first
    assert list(month(cli)) == ["2026-09"]  # its day in UTC, the default zone


def test_the_profile_zone_decides_the_month(cli, acme: Path, tmp_path: Path) -> None:
    assert cli("init", "--time-zone", "Europe/Berlin", "--yes").exit_code == 0
    frames = tmp_path / "frames"
    frames.write_text(
        json.dumps([[SEPT_30_2330_UTC, SEPT_30_2330_UTC + 3600, "acme", "f1", [], 0]]),
        encoding="utf-8",
    )
    for zone in ("UTC", "Europe/Berlin", "Pacific/Auckland"):
        result = _import_under(acme, frames, zone)
        assert result.returncode == 0, result.stderr
    assert list(month(cli)) == ["2026-10"]  # 01:30 on 1 October in Berlin
    assert month(cli)["2026-10"]["billable_hours"] == 1.0


def test_a_changed_profile_zone_never_counts_an_entry_twice(
    cli, acme: Path, tmp_path: Path
) -> None:
    frames = tmp_path / "frames"
    frames.write_text(
        json.dumps([[SEPT_30_2330_UTC, SEPT_30_2330_UTC + 3600, "acme", "f1", [], 0]]),
        encoding="utf-8",
    )
    assert cli("hours", "import", str(frames)).exit_code == 0  # September, in UTC
    assert cli("init", "--time-zone", "Europe/Berlin", "--yes").exit_code == 0
    result = cli("hours", "import", str(frames), "--json")
    assert json.loads(result.stdout)["clients"][0]["already_imported"] == 1
    assert sum(m["billable_hours"] for m in month(cli).values()) == 1.0


def test_a_zone_that_does_not_exist_is_refused(cli, home: Path) -> None:
    result = cli("init", "--time-zone", "Mars/Olympus", "--yes")
    assert result.exit_code == 2
    assert "time zone name such as Europe/Berlin" in result.stderr


# --- Rows that cannot be counted, in the user's words ----------------------------------------


def test_a_row_of_999999_hours_is_refused_with_its_line(cli, acme: Path, tmp_path: Path) -> None:
    report = tmp_path / "h.csv"
    report.write_text(harvest("2026-10-01", "2026-10-02").replace(",1,Yes", ",999999,Yes", 1))
    result = cli("hours", "import", str(report), "--json")
    assert result.exit_code == 5
    unreadable = json.loads(result.stdout)["unreadable"]
    assert unreadable == [
        {"line": 2, "reason": "the hours '999999' are more than 24 hours in one entry"}
    ]
    assert month(cli)["2026-10"]["billable_hours"] == 1.0  # the other row


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("abc", "the hours 'abc' are not a number of hours (write them like 1.5, 1,5 or 1:30)"),
        ("1.5.2", "the hours '1.5.2' are not a number of hours"),
        ("-2", "the hours '-2' are not a number of hours"),
        ("nan", "the hours 'nan' are not a number of hours"),
        ("", "the hours are empty"),
        ("25", "the hours '25' are more than 24 hours in one entry"),
        ("24:00:01", "the hours '24:00:01' are more than 24 hours"),
    ],
)
def test_an_unreadable_cell_is_named_with_its_value(cell: str, words: str) -> None:
    text = harvest("2026-10-01").replace(",1,Yes", f",{cell},Yes")
    parsed = detect.parse(text)
    assert parsed.entries == []
    assert parsed.problems[0].line == 2
    assert parsed.problems[0].reason.startswith(words)


@given(st.text(min_size=1, max_size=30).filter(lambda t: "," not in t and "\n" not in t))
@settings(max_examples=80, deadline=None)
def test_no_cell_gives_a_programmer_message(cell: str) -> None:
    text = "Date,Hours,Project\n2026-10-01," + json.dumps(cell) + ",acme\n"
    try:
        parsed = detect.parse(text, "harvest")
    except FormatError as exc:
        message = str(exc)
    else:
        message = " ".join(p.reason for p in parsed.problems)
    for leak in ("could not convert", "invalid literal", "float", "Traceback", "Decimal"):
        assert leak not in message


@pytest.mark.parametrize("year", ["1900", "2151", "0001", "9999"])
def test_a_month_outside_1950_to_2150_is_refused(
    cli, acme: Path, tmp_path: Path, year: str
) -> None:
    report = tmp_path / "h.csv"
    report.write_text(harvest(f"{year}-06-01", "2026-06-01"), encoding="utf-8")
    result = cli("hours", "import", str(report), "--json")
    assert result.exit_code == 5, result.stderr
    (problem,) = json.loads(result.stdout)["unreadable"]
    assert problem["line"] == 2
    assert f"its date {year}-06-01 is outside the years clientexit works with" in problem["reason"]
    assert list(month(cli)) == ["2026-06"]


# --- Hostile files: a clear error, never a traceback -----------------------------------------


def _run(cli, *args: str):
    result = cli("hours", "import", *args)
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("depth", [1000, 5000, 100_000])
def test_json_nested_deep(cli, acme: Path, tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    result = _run(cli, str(path))
    assert result.exit_code in (0, 2, 5)
    if result.exit_code == 2:
        assert "nests lists or objects too deeply" in result.stderr


@pytest.mark.parametrize("digits", [5000, 50_000])
def test_a_number_thousands_of_digits_long(cli, acme: Path, tmp_path: Path, digits: int) -> None:
    path = tmp_path / "frames"
    path.write_text("[[" + "9" * digits + ', 1, "acme", "x", [], 0]]')
    result = _run(cli, str(path))
    assert result.exit_code == 2
    assert "a number thousands of digits long" in result.stderr


def test_a_huge_float_start_is_a_row_problem(cli, acme: Path, tmp_path: Path) -> None:
    path = tmp_path / "frames"
    path.write_text('[[1e300, 1e301, "acme", "x", [], 0], [1e999, 1, "acme", "y", [], 0]]')
    result = _run(cli, str(path), "--json")
    assert result.exit_code == 5
    reasons = [p["reason"] for p in json.loads(result.stdout)["unreadable"]]
    assert reasons[0] == "its start '1e+300' is not a time clientexit can read"
    assert "is not a time clientexit can read" in reasons[1]


@pytest.mark.parametrize("size", [131_073, 400_000])
def test_a_cell_over_the_csv_limit(cli, acme: Path, tmp_path: Path, size: int) -> None:
    path = tmp_path / "h.csv"
    path.write_text(harvest("2026-10-01").replace(",x,", "," + "x" * size + ","))
    result = _run(cli, str(path))
    assert result.exit_code == 2
    assert "line 2 cannot be read as CSV (a cell longer than 131,072 characters)" in result.stderr


def test_a_long_project_name_is_a_row_problem(cli, acme: Path, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(harvest("2026-10-01").replace(",acme,", "," + "p" * 5000 + ","))
    result = _run(cli, str(path), "--json")
    assert result.exit_code == 5
    assert json.loads(result.stdout)["unreadable"][0]["reason"] == (
        "its project is 5,000 characters long (at most 200)"
    )


def test_dev_zero_is_refused(cli, acme: Path) -> None:
    result = _run(cli, "/dev/zero")
    assert result.exit_code == 2
    assert "/dev/zero is a device, not a file." in result.stderr


@pytest.mark.parametrize(
    "name", ["\\ud800", "acme\\udfff", "\\udc80x"], ids=["high", "low-end", "low-start"]
)
def test_a_lone_surrogate_in_a_project_name(cli, acme: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / "frames"
    path.write_text(
        '[[1790000000, 1790003600, "' + name + '", "a1", [], 0],'
        ' [1790003600, 1790007200, "acme", "a2", [], 0]]'
    )
    result = _run(cli, str(path), "--json")
    assert result.exit_code == 5, result.stderr
    (problem,) = json.loads(result.stdout)["unreadable"]
    assert problem["entry"] == 1
    assert "holds a lone surrogate, which is not text" in problem["reason"]
    assert month(cli)["2026-09"]["billable_hours"] == 1.0


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\u202e", "\x00", "\r"])
def test_a_control_character_in_a_tag_is_a_row_problem(
    cli, acme: Path, tmp_path: Path, char: str
) -> None:
    path = tmp_path / "frames"
    path.write_text(json.dumps([[1790000000, 1790003600, "acme", "a1", [f"x{char}y"], 0]]))
    result = _run(cli, str(path), "--json")
    assert result.exit_code == 5
    assert "its tag" in json.loads(result.stdout)["unreadable"][0]["reason"]
    assert "holds a control character" in json.loads(result.stdout)["unreadable"][0]["reason"]


# --- Exact revenue, and a trend that agrees with its own numbers -----------------------------


def test_4_h_40_min_at_1500_czk_is_7000_00(cli, acme: Path, tmp_path: Path) -> None:
    assert cli("client", "set", "acme-ltd", "currency=CZK").exit_code == 0
    # 4 h 40 min as four rows of 1 h 10 min: 70/60 h each, never a whole number of hundredths.
    frames = tmp_path / "frames"
    start = 1790000000  # 2026-09-21
    frames.write_text(
        json.dumps(
            [[start + n * 7200, start + n * 7200 + 4200, "acme", f"r{n}", [], 0] for n in range(4)]
        ),
        encoding="utf-8",
    )
    assert cli("hours", "import", str(frames)).exit_code == 0
    september = month(cli)["2026-09"]
    assert september["revenue"] == 7000.0
    assert september["effective_rate"] == 1500.0
    shown = cli("hours", "acme-ltd", "--months", "120")
    assert "CZK\xa07,000.00" in shown.stdout
    stored = (acme / "clients" / "acme-ltd.toml").read_text(encoding="utf-8")
    assert "billable_seconds = 16800" in stored
    assert "billable_hours = 4.6667" in stored


def test_hours_changed_by_hand_against_their_seconds_are_named(cli, acme: Path, tmp_path) -> None:
    path = acme / "clients" / "acme-ltd.toml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[hours.months.2026-09]\nbillable_hours = 5.0\nunbilled_hours = 0.0\n"
            'billable_seconds = 16800\nunbilled_seconds = 0\nentries = 4\nkeys = ""\n'
        )
    result = cli("hours", "acme-ltd")
    assert result.exit_code == 4
    assert "billable_hours = 5 and billable_seconds = 16800 disagree" in result.stderr
    assert "delete the billable_seconds line" in result.stderr


def test_a_file_from_before_seconds_were_kept_counts_its_hours(cli, acme: Path) -> None:
    path = acme / "clients" / "acme-ltd.toml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[hours.months.2026-09]\nbillable_hours = 2.5\nunbilled_hours = 0.25\n"
            'entries = 3\nkeys = ""\n'
        )
    september = month(cli)["2026-09"]
    assert (september["billable_hours"], september["revenue"]) == (2.5, 3750.0)


def _rows(rates: list[float]):
    from decimal import Decimal

    from clientexit.hours.report import MonthFigures

    return [
        MonthFigures(f"2026-{n + 1:02d}", 10.0, 0.0, Decimal(0), "rate", Decimal(str(rate)))
        for n, rate in enumerate(rates)
    ]


@pytest.mark.parametrize(
    ("rates", "direction"),
    [
        ([95, 95, 150, 150, 95], "uneven"),  # the line rises; the quoted ends are equal
        ([90, 120, 80, 100], "uneven"),  # a flat line, but the ends 11% apart
        ([80, 120, 80, 120, 80], "steady"),  # a flat line, equal ends
        ([80, 90, 100], "rising"),
        ([100, 90, 80], "falling"),
        ([100, 101, 100], "steady"),
    ],
)
def test_the_trend_word_fits_the_two_rates_it_quotes(rates: list[float], direction: str) -> None:
    from clientexit.hours.report import trend

    found = trend(_rows(rates))
    assert found is not None and found.direction == direction


@given(st.lists(st.integers(1, 500), min_size=3, max_size=12))
@settings(max_examples=200, deadline=None)
def test_no_trend_sentence_contradicts_its_numbers(rates: list[int]) -> None:
    from clientexit.cli.hours_view import trend_sentence
    from clientexit.hours.report import trend

    found = trend(_rows([float(r) for r in rates]))
    assert found is not None
    sentence = trend_sentence(found, "EUR", None) or ""
    first, last = found.start_rate, found.end_rate
    if "rising" in sentence:
        assert last > first
    if "falling" in sentence:
        assert last < first
    if "steady" in sentence:
        assert abs(last - first) < max(rates) * 0.05


# --- A changed mapping ------------------------------------------------------------------------


def _frames(tmp_path: Path, name: str, frames: list) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(frames), encoding="utf-8")
    return path


SEPT_1 = 1788220800  # 2026-09-01 00:00 UTC
CHANGED = [
    [SEPT_1 + 3600, SEPT_1 + 3600 + 7200, "acme", "m1", [], 0],  # 2 h
    [SEPT_1 + 14400, SEPT_1 + 14400 + 1800, "acme", "m2", ["admin"], 0],  # 30 min, admin
    [SEPT_1 + 21600, SEPT_1 + 21600 + 5400, "acme-web", "m3", [], 0],  # 1 h 30 min
]


def test_a_changed_mapping_counts_again_with_rebuild(cli, home: Path, tmp_path: Path) -> None:
    assert cli("client", "add", "Acme Ltd", "--rate", "80").exit_code == 0
    assert cli("hours", "map", "acme-ltd", "--match", "acme").exit_code == 0
    frames = _frames(tmp_path, "frames", CHANGED)
    assert cli("hours", "import", str(frames)).exit_code == 0
    # By hand: acme 2 h + 30 min, both billable (no unbilled tag yet); acme-web unmatched.
    assert (month(cli)["2026-09"]["billable_hours"], month(cli)["2026-09"]["unbilled_hours"]) == (
        2.5,
        0.0,
    )

    changed = cli("hours", "map", "acme-ltd", "--match", "acme-*", "--unbilled-tag", "admin")
    assert "To count them with this mapping: clientexit hours import FILE --rebuild" in (
        changed.stderr
    )
    plain = cli("hours", "import", str(frames), "--json")
    # Without --rebuild only the newly matched entry is added; the admin half hour stays billable.
    assert json.loads(plain.stdout)["clients"][0]["already_imported"] == 2
    assert month(cli)["2026-09"]["billable_hours"] == 4.0

    rebuilt = cli("hours", "import", str(frames), "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    # By hand: billable 2 h + 1 h 30 = 3.5 h; unbilled the admin 30 min; at 80 an hour 280.00.
    september = month(cli)["2026-09"]
    assert (september["billable_hours"], september["unbilled_hours"]) == (3.5, 0.5)
    assert september["revenue"] == 280.0
    again = cli("hours", "import", str(frames), "--rebuild")
    assert again.exit_code == 0
    assert month(cli)["2026-09"] == september  # a rebuild is idempotent too


def test_a_project_moved_to_another_client_moves_its_hours(cli, home: Path, tmp_path) -> None:
    assert cli("client", "add", "Acme Ltd", "--rate", "80").exit_code == 0
    assert cli("client", "add", "Web Co", "--rate", "100").exit_code == 0
    assert cli("hours", "map", "acme-ltd", "--match", "acme*").exit_code == 0
    frames = _frames(tmp_path, "frames", CHANGED)
    assert cli("hours", "import", str(frames)).exit_code == 0
    assert month(cli)["2026-09"]["billable_hours"] == 4.0
    assert cli("hours", "map", "acme-ltd", "--remove", "acme*", "--match", "acme").exit_code == 0
    assert cli("hours", "map", "web-co", "--match", "acme-web").exit_code == 0
    assert cli("hours", "import", str(frames), "--rebuild").exit_code == 0
    assert month(cli)["2026-09"]["billable_hours"] == 2.5
    assert month(cli, "web-co")["2026-09"]["billable_hours"] == 1.5  # 150.00 at 100
    assert month(cli, "web-co")["2026-09"]["revenue"] == 150.0


def test_a_rebuild_that_would_lose_hours_changes_nothing(cli, acme: Path, tmp_path) -> None:
    first = _frames(tmp_path, "first", CHANGED[:1])
    other = _frames(tmp_path, "other", CHANGED[1:2])
    assert cli("hours", "import", str(first)).exit_code == 0
    assert cli("hours", "import", str(other)).exit_code == 0
    before = (acme / "clients" / "acme-ltd.toml").read_bytes()
    result = cli("hours", "import", str(first), "--rebuild")
    assert result.exit_code == 2
    assert "acme-ltd: hours counted in 2026-09 come from entries this export does not hold" in (
        result.stderr
    )
    assert (acme / "clients" / "acme-ltd.toml").read_bytes() == before
