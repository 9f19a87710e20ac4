"""`clientexit hours`: import (idempotent, one transaction), map, and the monthly view."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "hours_samples"
SEPT_30_2330 = 1790811000  # 2026-09-30 23:30 UTC


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def frame(start: int, minutes: int, project: str, ident: str, tags=()) -> list:
    return [start, start + minutes * 60, project, ident, list(tags), start + minutes * 60]


def write_frames(path: Path, frames: list) -> Path:
    path.write_text(json.dumps(frames), encoding="utf-8")
    return path


@pytest.fixture
def book(cli, home: Path) -> Path:
    """Two clients, each mapped, in an otherwise empty data folder."""
    assert cli("client", "add", "Acme Ltd", "--rate", "80").exit_code == 0
    assert cli("client", "add", "Beta GmbH", "--rate", "100").exit_code == 0
    result = cli(
        "hours",
        "map",
        "acme-ltd",
        "--match",
        "acme",
        "--match",
        "acme-*",
        "--unbilled-tag",
        "admin",
    )
    assert result.exit_code == 0, result.stderr
    assert cli("hours", "map", "beta-gmbh", "--match", "beta").exit_code == 0
    return home


# A hand-computed case: Acme in September 2h billable + 30 min admin (unbilled) + the frame
# that starts at 23:30 on 30 September and ends in October (1h, counts for September);
# October 3h15 billable (acme-web) + 45 min admin; Beta 1h30 in October; "internal" 2h
# matches nobody.
FRAMES = [
    frame(1788300000, 120, "acme", "f1"),  # 2026-09-01 22:40
    frame(1788310000, 30, "acme", "f2", ["admin"]),
    frame(SEPT_30_2330, 60, "acme", "f3"),
    frame(1791187200, 195, "acme-web", "f4"),  # 2026-10-05
    frame(1791200000, 45, "ACME-web", "f5", ["Admin"]),
    frame(1791210000, 90, "beta", "f6"),
    frame(1791220000, 120, "internal", "f7"),
]


def months(cli, client: str) -> dict[str, dict]:
    result = cli("hours", client, "--json")
    assert result.exit_code == 0, result.stderr
    return {m["month"]: m for m in json.loads(result.stdout)["months"]}


def test_monthly_sums_on_a_hand_computed_case(cli, book: Path, tmp_path: Path) -> None:
    result = cli("hours", "import", str(write_frames(tmp_path / "frames", FRAMES)))
    assert result.exit_code == 0, result.stderr
    acme = months(cli, "acme-ltd")
    assert acme["2026-09"] == {
        "month": "2026-09",
        "billable_hours": 3.0,
        "unbilled_hours": 0.5,
        "revenue": 240.0,  # no invoice: 3 billable hours at 80
        "revenue_from": "rate",
        "effective_rate": 68.57,  # 240 / 3.5
    }
    assert (acme["2026-10"]["billable_hours"], acme["2026-10"]["unbilled_hours"]) == (3.25, 0.75)
    assert acme["2026-10"]["effective_rate"] == 65.0  # 3.25 * 80 / 4
    beta = months(cli, "beta-gmbh")
    assert list(beta) == ["2026-10"]
    assert beta["2026-10"]["billable_hours"] == 1.5
    assert "internal (1, 2.00 h)" in result.stderr
    assert "matching no client" in result.stderr


def test_a_second_import_changes_nothing(cli, book: Path, tmp_path: Path) -> None:
    frames = write_frames(tmp_path / "frames", FRAMES)
    assert cli("hours", "import", str(frames)).exit_code == 0
    before = {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")}
    again = cli("hours", "import", str(frames), "--json")
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["written"] is False
    assert {c["client"]: c["new_entries"] for c in report["clients"]} == {
        "acme-ltd": 0,
        "beta-gmbh": 0,
    }
    assert {c["client"]: c["already_imported"] for c in report["clients"]} == {
        "acme-ltd": 5,
        "beta-gmbh": 1,
    }
    assert {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")} == before


def test_an_overlapping_export_counts_each_entry_once(cli, book: Path, tmp_path: Path) -> None:
    first = write_frames(tmp_path / "first", FRAMES[:4])
    second = write_frames(tmp_path / "second", FRAMES[2:])
    assert cli("hours", "import", str(first)).exit_code == 0
    assert cli("hours", "import", str(second)).exit_code == 0
    whole = tmp_path / "whole-home"
    acme = months(cli, "acme-ltd")
    assert acme["2026-09"]["billable_hours"] == 3.0
    assert acme["2026-10"]["billable_hours"] == 3.25
    assert not whole.exists()


def test_no_client_file_changes_when_one_of_them_is_broken(cli, book: Path, tmp_path: Path) -> None:
    beta = book / "clients" / "beta-gmbh.toml"
    beta.write_text(
        beta.read_text(encoding="utf-8") + '\n[hours.months.2026-10]\nbillable_hours = "lots"\n',
        encoding="utf-8",
    )
    before = {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")}
    result = cli("hours", "import", str(write_frames(tmp_path / "frames", FRAMES)))
    assert result.exit_code == 4
    assert "beta-gmbh.toml: [hours.months.2026-10] billable_hours must be a number" in result.stderr
    assert {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")} == before


def test_unreadable_rows_are_reported_with_line_numbers(cli, book: Path) -> None:
    result = cli("hours", "import", str(SAMPLES / "2026-10.data"))
    assert result.exit_code == 5, result.stderr  # what it read is counted; a script sees the rest
    assert "Could not read 1 line of 2026-10.data:" in result.stderr
    assert "line 5: the time '2026100' is not a time like 20260405T162205Z" in result.stderr
    assert "1 running entry" in result.stderr
    acme = months(cli, "acme-ltd")["2026-10"]
    # code 2h + call 30 min billable; the admin-tagged 15 min unbilled; the untagged note
    # matches no client.
    assert (acme["billable_hours"], acme["unbilled_hours"]) == (2.5, 0.25)
    assert "a note and no tags (1, 0.25 h)" in result.stderr


def test_toggl_and_its_billable_column(cli, book: Path) -> None:
    assert cli("hours", "map", "acme-ltd", "--match", "Acme Ltd").exit_code == 0
    result = cli("hours", "import", str(SAMPLES / "toggl_bom.csv"), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["format"] == "toggl"
    acme = report["clients"][0]
    # 2h30 billable; the call is tagged admin, the fixes are not billable in Toggl.
    assert (acme["billable_hours"], acme["unbilled_hours"]) == (2.5, 2.25)
    assert report["unmatched"] == [{"name": "Internal", "entries": 1, "hours": 1.0}]


def test_client_option_takes_every_entry(cli, book: Path) -> None:
    result = cli(
        "hours", "import", str(SAMPLES / "harvest.csv"), "--client", "Beta GmbH",
        "--date-order", "mdy",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    beta = months(cli, "beta-gmbh")
    assert beta["2026-10"]["billable_hours"] == 2.5
    assert beta["2026-10"]["unbilled_hours"] == 2.5  # two identical Kickoff rows, not billable
    assert beta["2026-11"]["billable_hours"] == 0.5


def test_dry_run_writes_nothing(cli, book: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")}
    result = cli("hours", "import", str(write_frames(tmp_path / "f", FRAMES)), "--dry-run")
    assert result.exit_code == 0
    assert "Acme Ltd: would add 5 entries" in result.stderr
    assert {p.name: p.read_bytes() for p in (book / "clients").glob("*.toml")} == before


def test_without_any_mapping_and_no_terminal_the_error_names_the_flag(
    cli, home: Path, tmp_path: Path
) -> None:
    assert cli("client", "add", "Acme Ltd").exit_code == 0
    result = cli("hours", "import", str(write_frames(tmp_path / "f", FRAMES)))
    assert result.exit_code == 2
    assert "clientexit hours map CLIENT --match PROJECT" in result.stderr
    assert "--client CLIENT" in result.stderr
    assert "acme-web" in result.stderr  # the file's projects are listed


def test_without_any_mapping_a_terminal_asks_once(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import questionary

    from clientexit.cli import _common

    assert cli("client", "add", "Acme Ltd").exit_code == 0
    asked: list[str] = []

    offered: list[list[str]] = []

    def answer(question: str | list[str]) -> str | list[str]:
        if isinstance(question, list):  # the unbilled tags, offered to tick
            offered.append(question)
            return ["admin"]
        asked.append(question)
        return "acme-ltd" if "acme" in question.lower() else ""

    def select(message: str, choices: list, output: object) -> str:
        assert choices[0].value == ""  # "skip" first: nothing pre-selected for a project
        return message

    monkeypatch.setattr(questionary, "select", select)
    monkeypatch.setattr(questionary, "checkbox", lambda message, choices, output: choices)
    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(_common, "ask", answer)
    frames = write_frames(tmp_path / "f", FRAMES)
    result = cli("hours", "import", str(frames))
    assert result.exit_code == 0, result.stderr
    # One question per project, most hours first (acme-web and ACME-web are one).
    assert asked == [
        "Tracked project 'acme-web' belongs to:",  # 4 h
        "Tracked project 'acme' belongs to:",  # 3 h 30
        "Tracked project 'internal' belongs to:",
        "Tracked project 'beta' belongs to:",
    ]
    assert offered == [["admin"]]  # admin and Admin are one tag
    mapping = json.loads(cli("hours", "map", "acme-ltd", "--json").stdout)
    assert mapping["match"] == ["acme-web", "acme"]
    assert mapping["unbilled_tags"] == ["admin"]
    # By hand: acme-web 3 h 15 + acme 2 h + 1 h billable; the two admin entries (30 + 45 min)
    # unbilled.
    assert months(cli, "acme-ltd")["2026-09"]["unbilled_hours"] == 0.5
    assert months(cli, "acme-ltd")["2026-10"]["unbilled_hours"] == 0.75
    # The mapping is kept: the next import asks nothing.
    monkeypatch.setattr(_common, "ask", lambda q: pytest.fail("asked again"))
    assert cli("hours", "import", str(frames)).exit_code == 0


def test_map_shows_adds_and_removes(cli, book: Path) -> None:
    shown = cli("hours", "map", "acme-ltd")
    assert shown.stdout == "match: acme, acme-*\nunbilled tags: admin\n"
    assert cli("hours", "map", "acme-ltd", "--remove", "acme-*").exit_code == 0
    assert json.loads(cli("hours", "map", "acme-ltd", "--json").stdout)["match"] == ["acme"]
    bad = cli("hours", "map", "acme-ltd", "--remove", "nope")
    assert bad.exit_code == 2
    assert "neither a pattern nor an unbilled tag" in bad.stderr
    shared = cli("hours", "map", "beta-gmbh", "--match", "ACME")
    assert "Acme Ltd also matches 'ACME'" in shared.stderr


def test_an_entry_two_clients_claim_is_counted_for_neither(cli, book: Path, tmp_path: Path) -> None:
    assert cli("hours", "map", "beta-gmbh", "--match", "acme").exit_code == 0
    result = cli("hours", "import", str(write_frames(tmp_path / "f", FRAMES[:1])), "--json")
    report = json.loads(result.stdout)
    assert report["ambiguous"] == [{"line": 1, "clients": ["acme-ltd", "beta-gmbh"]}]
    assert report["clients"] == []


def test_a_file_that_is_no_export_is_a_usage_error(cli, book: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n", encoding="utf-8")
    result = cli("hours", "import", str(path))
    assert result.exit_code == 2
    assert "notes.txt: cannot read it: clientexit cannot tell" in result.stderr
    assert "--from" in result.stderr
    missing = cli("hours", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    wrong = cli("hours", "import", str(path), "--from", "excel")
    assert wrong.exit_code == 2
    assert "--from 'excel' is not a format" in wrong.stderr


def test_watson_default_location(cli, book: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "watson-dir"
    folder.mkdir()
    write_frames(folder / "frames", FRAMES)
    monkeypatch.setenv("WATSON_DIR", str(folder))
    result = cli("hours", "import")
    assert result.exit_code == 0, result.stderr
    assert str(folder / "frames") in result.stderr


def test_rate_changes_and_invoices_decide_the_revenue(cli, book: Path, tmp_path: Path) -> None:
    acme = book / "clients" / "acme-ltd.toml"
    acme.write_text(
        acme.read_text(encoding="utf-8") + "\n[[rate_changes]]\nfrom = 2026-10-01\nrate = 90.0\n",
        encoding="utf-8",
    )
    assert cli("hours", "import", str(write_frames(tmp_path / "f", FRAMES))).exit_code == 0
    acme_months = months(cli, "acme-ltd")
    assert acme_months["2026-09"]["revenue"] == 240.0  # 3 h at the old 80
    assert acme_months["2026-10"]["revenue"] == 292.5  # 3.25 h at 90
    result = cli(
        "invoice",
        "acme-ltd",
        "add",
        "2026-101",
        "500",
        "--issued",
        "2026-10-31",
        "--due",
        "2026-11-30",
    )
    assert result.exit_code == 0, result.stderr
    october = months(cli, "acme-ltd")["2026-10"]
    assert (october["revenue"], october["revenue_from"], october["effective_rate"]) == (
        500.0,
        "invoices",
        125.0,
    )


def test_show_prints_the_table_chart_and_trend(cli, book: Path, tmp_path: Path) -> None:
    frames = []
    # Four months; the unbilled hours grow, so the effective rate falls.
    for n, (month_start, unbilled) in enumerate(
        [(1785542400, 0), (1788220800, 60), (1790812800, 180), (1793491200, 360)]
    ):
        frames.append(frame(month_start + 86400, 600, "acme", f"b{n}"))
        if unbilled:
            frames.append(frame(month_start + 2 * 86400, unbilled, "acme", f"u{n}", ["admin"]))
    assert cli("hours", "import", str(write_frames(tmp_path / "f", frames))).exit_code == 0
    result = cli("hours", "acme-ltd")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "2026-08" in out and "2026-11" in out
    assert "€80.00" in out and "€50.00" in out  # 800 / 10 h and 800 / 16 h
    assert "The effective rate is falling" in out
    assert "┆" in out  # the target mark where a bar falls short
    data = json.loads(cli("hours", "acme-ltd", "--json").stdout)
    assert data["trend"] == "falling"
    assert [m["effective_rate"] for m in data["months"]] == [80.0, 72.73, 61.54, 50.0]
    shorter = json.loads(cli("hours", "acme-ltd", "--json", "--months", "2").stdout)
    assert [m["month"] for m in shorter["months"]] == ["2026-10", "2026-11"]


def test_show_without_hours_says_how_to_import(cli, book: Path) -> None:
    result = cli("hours", "acme-ltd")
    assert result.exit_code == 0
    assert "No tracked hours for Acme Ltd" in result.stderr
    assert json.loads(cli("hours", "acme-ltd", "--json").stdout)["months"] == []
    assert cli("hours", "nobody").exit_code == 3


def test_a_hand_broken_rate_change_is_a_data_error(cli, book: Path) -> None:
    acme = book / "clients" / "acme-ltd.toml"
    acme.write_text(
        acme.read_text(encoding="utf-8") + '\n[[rate_changes]]\nfrom = "soon"\nrate = 90.0\n',
        encoding="utf-8",
    )
    result = cli("hours", "acme-ltd")
    assert result.exit_code == 4
    assert "acme-ltd.toml: rate change 1: from must be a date" in result.stderr


def test_standard_input(cli, book: Path) -> None:
    text = (SAMPLES / "timew_export.json").read_text(encoding="utf-8")
    result = cli("hours", "import", "-", input=text)
    assert result.exit_code == 0, result.stderr
    assert "Read 4 entries from - (timewarrior)." in result.stderr
    assert months(cli, "acme-ltd")["2026-10"]["billable_hours"] == 2.5


def test_reading_one_client_needs_only_its_file(cli, book: Path, tmp_path: Path) -> None:
    assert cli("hours", "import", str(write_frames(tmp_path / "f", FRAMES))).exit_code == 0
    (book / "clients" / "beta-gmbh.toml").write_text("this is = not [toml", encoding="utf-8")
    result = cli("hours", "acme-ltd", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["months"][0]["month"] == "2026-09"


def test_client_option_takes_entries_without_any_name(cli, book: Path) -> None:
    result = cli("hours", "import", str(SAMPLES / "2026-10.data"), "--client", "beta-gmbh")
    assert result.exit_code == 5, result.stderr  # line 5 cannot be read
    october = months(cli, "beta-gmbh")["2026-10"]
    # every closed interval, the untagged one included; beta has no unbilled tags
    assert (october["billable_hours"], october["unbilled_hours"]) == (3.0, 0.0)
    assert "matching no client" not in result.stderr


def test_the_mapping_question_with_real_prompts(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from clientexit.cli import _common

    assert cli("client", "add", "Acme Ltd").exit_code == 0
    monkeypatch.setattr(_common, "interactive", lambda: True)
    down = "\x1b[B"
    frames = write_frames(tmp_path / "f", FRAMES)
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        # acme-web and acme: Acme Ltd (below "skip", the first choice); internal and beta:
        # skip; then no unbilled tag ticked.
        keys.send_text(down + "\r" + down + "\r" + "\r" + "\r" + "\r")
        result = cli("hours", "import", str(frames), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)  # the prompts went elsewhere: stdout is the JSON
    assert report["clients"][0]["new_entries"] == 5
    assert {u["name"] for u in report["unmatched"]} == {"internal", "beta"}
    assert json.loads(cli("hours", "map", "acme-ltd", "--json").stdout)["match"] == [
        "acme-web",
        "acme",
    ]


def test_the_mapping_question_offers_only_names_match_would_accept(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import questionary

    from clientexit.cli import _common

    assert cli("client", "add", "Acme Ltd").exit_code == 0
    asked: list[str] = []
    monkeypatch.setattr(questionary, "select", lambda message, choices, output: message)
    monkeypatch.setattr(questionary, "checkbox", lambda message, choices, output: choices)
    monkeypatch.setattr(_common, "interactive", lambda: True)

    def answer(question):
        if isinstance(question, list):
            asked.extend(question)
            return question
        asked.append(question)
        return "acme-ltd"

    monkeypatch.setattr(_common, "ask", answer)
    frames = [
        frame(1788300000, 60, "acme", "s1", ["api_key=sk_live_abcdef123456"]),
        frame(1788310000, 60, "token=sk_live_9f8e7d6c5b4a3f", "s2"),
    ]
    result = cli("hours", "import", str(write_frames(tmp_path / "f", frames)))
    assert result.exit_code == 0, result.stderr
    # The project and the tag that carry a credential are never offered, so never stored.
    assert asked == ["Tracked project 'acme' belongs to:"]
    stored = (home / "clients" / "acme-ltd.toml").read_text(encoding="utf-8")
    assert "sk_live" not in stored
