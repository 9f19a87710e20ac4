"""Lifecycle and letter semantics: ending twice, keep/repair and letters, letter end dates,
scheduled endings in churn, followup for one client, and targets and profile values that must
not be guessed (currency, bad config values)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit import clients, config
from clientexit._errors import DataFileError, UsageError
from clientexit._paths import Paths
from clientexit.letters import draft
from clientexit.record.model import Client
from clientexit.reports import churn
from record_helpers import listed

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def _file(home: Path, slug: str) -> Path:
    return home / "clients" / f"{slug}.toml"


def _record(home: Path, slug: str) -> dict:
    return tomllib.loads(_file(home, slug).read_text(encoding="utf-8"))


def _append(home: Path, slug: str, text: str) -> None:
    path = _file(home, slug)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# 1. end on a client that has already ended


def test_end_refuses_a_client_that_already_ended_and_changes_nothing(cli, examples_home) -> None:
    path = _file(examples_home, "tidewater-yoga")
    before = path.read_bytes()
    q3 = cli("churn", "--period", "2026Q3", "--json").stdout
    result = cli(
        "end", "tidewater-yoga", "--by", "client", "--reason", "Cheaper plan", "--category", "price"
    )
    assert result.exit_code == 2
    assert "already ended on 31 August 2026" in result.stderr
    assert "--date YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == before
    assert cli("churn", "--period", "2026Q3", "--json").stdout == q3


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def test_end_refuses_an_ending_client_without_date_and_corrects_with_one(cli, examples_home):
    ahead = (TODAY + dt.timedelta(days=20)).isoformat()
    first = cli("end", "kestrel-analytics", "--by", "me", "--reason", "Micro", "--date", ahead)
    assert first.exit_code == 0, first.stderr
    again = cli("end", "kestrel-analytics", "--by", "client", "--reason", "Left first")
    assert again.exit_code == 2
    assert "already ends on 15 December 2026 (ending)" in again.stderr  # 20 days ahead
    assert _record(examples_home, "kestrel-analytics")["lifecycle"]["end_date"].isoformat() == ahead

    earlier = (TODAY + dt.timedelta(days=5)).isoformat()
    fixed = cli(
        "end", "kestrel-analytics", "--by", "client", "--reason", "Left first", "--date", earlier
    )
    assert fixed.exit_code == 0, fixed.stderr
    shown = {d: f"{day.day} {day:%B} {day.year}" for d in (ahead, earlier) if (day := _d(d))}
    assert f"The end date was {shown[ahead]}; it is now {shown[earlier]}." in fixed.stderr
    life = _record(examples_home, "kestrel-analytics")["lifecycle"]
    assert (life["end_date"].isoformat(), life["ended_by"]) == (earlier, "client")


def test_a_former_client_without_end_date_is_refused_too(cli, home) -> None:
    (home / "clients").mkdir(parents=True)
    _file(home, "gone").write_text('name = "Gone"\nstatus = "former"\n', encoding="utf-8")
    result = cli("end", "gone", "--by", "client", "--reason", "Left")
    assert result.exit_code == 2 and "already former, with no end date" in result.stderr
    assert "lifecycle" not in _record(home, "gone")


# 2. keep or repair: the report and `letter` without --type


def test_keep_presents_no_termination_letter_and_letter_refuses_without_type(
    cli, examples_home, examples
) -> None:
    answers = str(examples / "answers" / "fjord-coffee.toml")
    report = cli("assess", "fjord-coffee", "--answers", answers)
    assert report.exit_code == 0, report.stderr
    assert "Letter that fits" not in report.stdout
    assert "No letter now; if it ever comes to ending it, the general letter fits." in (
        report.stdout
    )
    assert "Next: clientexit assess fjord-coffee" in report.stdout
    data = json.loads(cli("assess", "fjord-coffee", "--answers", answers, "--json").stdout)
    assert (data["verdict"], data["letter_type"], data["letter_recommended"]) == (
        "keep",
        "general",
        False,
    )

    before = _file(examples_home, "fjord-coffee").read_bytes()
    result = cli("letter", "fjord-coffee")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        "latest assessment of Fjord Coffee Roasters (25 November 2026) says keep" in result.stderr
    )
    assert "pass --type" in result.stderr
    assert _file(examples_home, "fjord-coffee").read_bytes() == before

    explicit = cli("letter", "fjord-coffee", "--type", "general")
    assert explicit.exit_code == 0, explicit.stderr
    assert _record(examples_home, "fjord-coffee")["status"] == "ending"


def test_an_exit_verdict_still_recommends_its_letter(cli, examples_home, examples) -> None:
    answers = str(examples / "answers" / "northwind-bakery.toml")
    data = json.loads(cli("assess", "northwind-bakery", "--answers", answers, "--json").stdout)
    assert (data["verdict"], data["letter_recommended"]) == ("prepare_exit", True)
    result = cli("letter", "northwind-bakery", "--no-cooldown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Notice of termination")


@pytest.mark.parametrize(
    ("verdict", "refused"),
    [("keep", True), ("repair", True), ("prepare_exit", False), ("exit_now", False)],
)
def test_default_type_follows_the_verdict(verdict: str, refused: bool, tmp_path: Path) -> None:
    entry = {"at": dt.datetime(2026, 11, 1, 9), "verdict": verdict, "letter_type": "payment"}
    record = Client("acme", tmp_path / "acme.toml", {"assessments": [entry]})
    if refused:
        with pytest.raises(UsageError, match=f"says {verdict}"):
            draft.default_type(record)
    else:
        assert draft.default_type(record) == "payment"


# 3. the end date of a termination letter


def test_a_past_end_date_is_refused_and_nothing_is_recorded(cli, examples_home) -> None:
    before = _file(examples_home, "northwind-bakery").read_bytes()
    result = cli("letter", "northwind-bakery", "-t", "payment", "--end-date", "2020-01-01")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--end-date 2020-01-01 is in the past" in result.stderr
    assert _file(examples_home, "northwind-bakery").read_bytes() == before
    # An after-the-end letter may speak of a past end.
    thanks = cli("letter", "tidewater-yoga", "-t", "feedback-request", "--end-date", "2026-08-31")
    assert thanks.exit_code == 0, thanks.stderr


def test_the_core_names_the_data_and_the_letter_command_names_the_flag(cli, examples_home) -> None:
    from clientexit._errors import InvalidValue
    from clientexit._paths import Paths
    from clientexit.letters import draft

    where = Paths(examples_home)
    record = clients.load(where, "northwind-bakery")
    now = dt.datetime.combine(TODAY, dt.time(9))
    with pytest.raises(InvalidValue) as caught:
        draft.draft_letter(
            where,
            config.load_profile(where),
            record,
            now=now,
            letter_type="payment",
            goodwill="gift",
        )
    assert str(caught.value) == "The goodwill 'gift' is not refund or waive."
    result = cli("letter", "northwind-bakery", "-t", "payment", "--goodwill", "gift")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "clientexit: error: --goodwill 'gift' is not refund or waive.\n"


def test_notice_shorter_than_the_contract_warns_but_drafts(cli, examples_home) -> None:
    short = (TODAY + dt.timedelta(days=6)).isoformat()  # Northwind: 14 days' notice
    result = cli("letter", "northwind-bakery", "-t", "payment", "--end-date", short, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["end_date"] == short
    assert "gives 6 days' notice, shorter than the 14 days' notice period" in result.stderr
    assert "(earliest 9 December 2026)" in result.stderr  # the earliest end date with full notice
    full = cli("letter", "northwind-bakery", "-t", "payment", "--end-date", "2026-12-09")
    assert full.exit_code == 0 and "notice period" not in full.stderr


def test_the_latest_termination_letter_sets_the_recorded_end_date(cli, examples_home) -> None:
    first = cli("letter", "northwind-bakery", "-t", "payment", "--end-date", "2026-12-09", "--json")
    assert json.loads(first.stdout)["end_date"] == "2026-12-09"
    later = cli("letter", "northwind-bakery", "-t", "general", "--end-date", "2026-12-31", "--json")
    assert later.exit_code == 0, later.stderr
    assert json.loads(later.stdout)["end_date"] == "2026-12-31"
    assert "moves from 9 December 2026 to 31 December 2026" in later.stderr
    data = _record(examples_home, "northwind-bakery")
    assert data["status"] == "ending"
    assert data["lifecycle"]["end_date"] == dt.date(2026, 12, 31)
    assert data["lifecycle"]["reason_category"] == "payment"  # the first letter's reason stays
    # With no --end-date a new letter uses the recorded one, and the record does not move.
    again = cli("letter", "northwind-bakery", "-t", "payment", "--json")
    assert json.loads(again.stdout)["end_date"] == "2026-12-31"
    assert "moves from" not in again.stderr


def test_an_after_the_end_letter_leaves_the_end_date_alone(cli, examples_home) -> None:
    cli("end", "kestrel-analytics", "--by", "me", "--reason", "Micro", "--date", "2026-12-20")
    result = cli("letter", "kestrel-analytics", "-t", "follow-up", "--end-date", "2027-01-05")
    assert result.exit_code == 0, result.stderr
    assert _record(examples_home, "kestrel-analytics")["lifecycle"]["end_date"] == dt.date(
        2026, 12, 20
    )


# 4. churn: an end date still ahead is scheduled, not lost


def _client(name: str, started: dt.date, end: dt.date | None = None) -> dict:
    data = {"name": name, "status": "active", "currency": "EUR", "started": started}
    if end is not None:
        data["status"] = "ending" if end > TODAY else "former"
        data["lifecycle"] = {"end_date": end, "ended_by": "me", "reason_category": "payment"}
        data["assessments"] = [{"answers": {"economics": {"monthly_revenue": 500.0}}}]
    return data


def test_scheduled_endings_are_not_lost_yet() -> None:
    book = [
        _client("Stays", dt.date(2025, 1, 1)),
        _client("Left in October", dt.date(2025, 1, 1), dt.date(2026, 10, 15)),
        _client("Leaves today", dt.date(2025, 1, 1), TODAY),
        _client("Given notice", dt.date(2025, 1, 1), dt.date(2026, 12, 9)),
    ]
    q4 = churn.quarter(2026, 4)
    result = churn.compute(listed(book), q4, today=TODAY)
    assert [c.name for c in result.lost] == ["Left in October", "Leaves today"]
    assert [c.name for c in result.scheduled] == ["Given notice"]
    assert (result.at_start, result.standard_rate) == (4, 50.0)
    assert result.revenue_lost() == {"EUR": 1000.0}
    assert result.revenue_scheduled() == {"EUR": 500.0}
    assert result.quarters == [("2026Q4", 0, 2)]
    data = result.as_dict()
    assert (data["lost"], data["scheduled"]) == (2, 1)
    assert data["scheduled_clients"][0]["end_date"] == dt.date(2026, 12, 9)
    # Once the day has come, the same client is lost.
    later = churn.compute(listed(book), q4, today=dt.date(2026, 12, 31))
    assert (len(later.lost), len(later.scheduled)) == (3, 0)


def test_churn_command_shows_scheduled_apart(cli, examples_home) -> None:
    # The notice ends on 2026-12-09, the last deliverable is due on 2026-12-10.
    assert cli("letter", "northwind-bakery", "-t", "payment").exit_code == 0
    data = json.loads(cli("churn", "--period", "2026Q4", "--json").stdout)
    assert data["lost"] == 0 and data["scheduled"] == 1
    assert [c["name"] for c in data["scheduled_clients"]] == ["Northwind Bakery"]
    human = cli("churn", "--period", "2026Q4").stdout
    assert "lost 0" in human
    assert "scheduled to end in the period (not lost yet): 1" in human
    assert "    10 December 2026    Northwind Bakery  (me, payment)" in human


# 5. followup for one client


def test_followup_for_a_client_is_sorted_by_date_and_marks_overdue(cli, examples_home) -> None:
    cli("end", "halvorsen-freight", "--by", "me", "--reason", "Abuse", "--date", "2026-11-15")
    rows = json.loads(cli("followup", "halvorsen-freight", "--json", "--weeks", "8").stdout)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and len(rows) > 5
    assert all(r["overdue"] == (r["date"] < TODAY.isoformat()) for r in rows if r["kind"] == "item")
    assert any(r["overdue"] for r in rows)
    text = cli("followup", "halvorsen-freight", "--weeks", "8")
    assert "(overdue)" in text.stdout
    late = sum(r["overdue"] for r in rows if r["kind"] != "reminder")  # reminders: remind
    assert f"{late} overdue: tick them off with clientexit handover halvorsen-freight" in (
        text.stderr
    )


def test_followup_for_a_client_without_end_date_says_so(cli, examples_home, tmp_path) -> None:
    result = cli("followup", "kestrel-analytics")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Kestrel Analytics has no end date" in result.stderr
    assert "clientexit end kestrel-analytics" in result.stderr
    assert "clientexit letter kestrel-analytics" in result.stderr
    assert json.loads(cli("followup", "kestrel-analytics", "--json").stdout) == []
    target = tmp_path / "k.ics"
    refused = cli("followup", "kestrel-analytics", "--ics", str(target))
    assert refused.exit_code == 2 and not target.exists()


# 6. targets in the client's currency, and values that are never guessed


def test_a_client_in_another_currency_needs_its_own_target(cli, examples_home, examples) -> None:
    answers = examples / "answers" / "northwind-bakery.toml"
    before = _file(examples_home, "zelena-louka-s-r-o").read_bytes()
    result = cli("assess", "zelena-louka-s-r-o", "--answers", str(answers))
    assert result.exit_code == 2 and result.stdout == ""
    assert "billed in CZK" in result.stderr and "in EUR" in result.stderr
    assert "clientexit client set zelena-louka-s-r-o target_rate=" in result.stderr
    assert "[economics]" in result.stderr
    assert _file(examples_home, "zelena-louka-s-r-o").read_bytes() == before

    assert cli("client", "set", "zelena-louka-s-r-o", "target_rate=1800").exit_code == 0
    data = json.loads(
        cli("assess", "zelena-louka-s-r-o", "--answers", str(answers), "--json").stdout
    )
    assert (data["currency"], data["target_rate"]) == ("CZK", 1800.0)

    own = answers.read_text(encoding="utf-8").replace(
        "[economics]", "[economics]\ntarget_rate = 2500"
    )
    (examples_home / "czk.toml").write_text(own, encoding="utf-8")
    czk = str(examples_home / "czk.toml")
    data = json.loads(cli("assess", "zelena-louka-s-r-o", "--answers", czk, "--json").stdout)
    assert data["target_rate"] == 2500.0  # the answers file wins


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('rate = "abc"', "rate"),
        ("notice_days = -5", "notice_days"),
        ('currency = "euro"', "currency"),
        ("rate = 0", "rate"),
        ("notice_days = 14.5", "notice_days"),
    ],
)
def test_a_wrong_profile_value_names_the_file_and_key(cli, examples_home, line, key) -> None:
    config_file = examples_home / "config.toml"
    text = config_file.read_text(encoding="utf-8")
    kept = [row for row in text.splitlines() if not row.startswith(f"{key} =")]
    config_file.write_text("\n".join([*kept, line, ""]), encoding="utf-8")
    before = config_file.read_bytes()
    result = cli("clients")
    assert result.exit_code == 4
    assert str(config_file) in result.stderr and f"{key} = " in result.stderr
    assert "Write it like" in result.stderr
    assert config_file.read_bytes() == before
    fixed = {"rate": "85", "notice_days": "30", "currency": "EUR"}[key]
    assert cli("init", f"--{key.replace('_', '-')}", fixed, "--yes").exit_code == 0
    assert cli("clients").exit_code == 0


def test_a_wrong_client_value_names_the_client_file(cli, examples_home) -> None:
    path = _file(examples_home, "kestrel-analytics")
    path.write_text(
        path.read_text(encoding="utf-8").replace("notice_days = 30", 'notice_days = "fourteen"'),
        encoding="utf-8",
    )
    for args in (("clients",), ("letter", "kestrel-analytics", "-t", "general")):
        result = cli(*args)
        assert result.exit_code == 4
        assert str(path) in result.stderr and 'notice_days = "fourteen"' in result.stderr
        assert "clientexit client set kestrel-analytics notice_days=" in result.stderr
    assert cli("client", "set", "kestrel-analytics", "notice_days=14").exit_code == 0
    assert cli("clients").exit_code == 0


_NOT_DAYS = st.one_of(
    st.text(max_size=10),
    st.integers().filter(lambda n: not 0 <= n <= 365),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(value=_NOT_DAYS)
def test_any_bad_notice_days_is_a_data_file_error(value) -> None:
    import tomlkit

    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder))
        paths.config.write_text(tomlkit.dumps({"notice_days": value}), encoding="utf-8")
        with pytest.raises(DataFileError, match="notice_days"):
            config.load_profile(paths)
        client = paths.home / "acme.toml"
        with pytest.raises(DataFileError, match=str(client).replace("\\", "\\\\")):
            config.check_client({"notice_days": value}, client)


def test_good_profile_values_load_as_written(home: Path) -> None:
    paths = Paths(home)
    home.mkdir(parents=True)
    paths.config.write_text('rate = 90\nnotice_days = 0\ncurrency = "eur"\n', encoding="utf-8")
    profile = config.load_profile(paths)
    assert (profile.rate, profile.notice_days, profile.currency) == (90.0, 0, "EUR")
