"""clientexit assess --answers: the five examples, history, status, errors, rubric override."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from clientexit._resources import templates_dir

EXPECTED = {
    "northwind-bakery": ("prepare_exit", "payment"),
    "brightpath-marketing": ("prepare_exit", "scope-creeper"),
    "kestrel-analytics": ("prepare_exit", "micro-manager"),
    "halvorsen-freight": ("exit_now", "abusive"),
    "fjord-coffee": ("keep", "general"),
}
MINIMAL = """
[red_flags]
late_payments = "often"
[economics]
monthly_revenue = 2000
billable_hours = 20
unbilled_hours = 5
"""


def _client(home: Path, slug: str) -> dict:
    return tomllib.loads((home / "clients" / f"{slug}.toml").read_text(encoding="utf-8"))


def _assess_json(cli, client: str, answers: Path) -> dict:
    result = cli("assess", client, "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_the_five_examples_come_out_as_a_person_expects(cli, examples_home, examples, slug):
    data = _assess_json(cli, slug, examples / "answers" / f"{slug}.toml")
    verdict, letter = EXPECTED[slug]
    assert (data["verdict"], data["letter_type"]) == (verdict, letter)
    for key in (
        "client",
        "red_flag_score",
        "categories",
        "effective_rate",
        "target_rate",
        "verdict",
        "letter_type",
        "top_flags",
        "advice",
    ):
        assert key in data
    assert data["client"] == slug and data["created"] is False
    assert data["target_rate"] == 85.0  # the example profile's rate
    saved = _client(examples_home, slug)
    entry = saved["assessments"][-1]
    assert entry["verdict"] == verdict and entry["letter_type"] == letter
    assert entry["red_flag_score"] == data["red_flag_score"]
    assert entry["categories"] == data["categories"]
    assert entry["top_flags"] == data["top_flags"]
    assert entry["rate_band"] == data["rate_band"]
    assert set(entry["answers"]) == {"red_flags", "economics", "outlook"}
    assert saved["status"] == ("active" if verdict == "keep" else "at-risk")


def test_the_examples_name_their_top_flags_and_advice(cli, examples_home, examples):
    late = _assess_json(cli, "northwind-bakery", examples / "answers" / "northwind-bakery.toml")
    assert late["top_flags"][0] == "late_payments"
    assert late["effective_rate"] == pytest.approx(1300 / 21, abs=0.01)
    assert late["advice"]["method"] == "phone_then_writing"
    # Northwind's contract gives 14 days' notice.
    at = late["at"][:10]
    earliest = dt.date.fromisoformat(at) + dt.timedelta(days=14)
    assert late["advice"]["earliest_end_date"] == earliest.isoformat()
    scope = _assess_json(
        cli, "brightpath-marketing", examples / "answers" / "brightpath-marketing.toml"
    )
    assert scope["advice"]["method"] == "email"  # a project-based engagement
    abusive = _assess_json(
        cli, "halvorsen-freight", examples / "answers" / "halvorsen-freight.toml"
    )
    notes = " ".join(abusive["advice"]["notes"]).lower()
    assert "short and factual" in notes and "lawyer" in notes
    keeper = _assess_json(cli, "fjord-coffee", examples / "answers" / "fjord-coffee.toml")
    assert keeper["advice"]["method"] == "none"
    for data in (late, scope, abusive):
        assert "text message" in " ".join(data["advice"]["notes"])


def test_a_second_assessment_shows_the_change(cli, examples_home, tmp_path):
    first = tmp_path / "first.toml"
    first.write_text(MINIMAL, encoding="utf-8")
    worse = tmp_path / "worse.toml"
    worse.write_text(MINIMAL.replace('"often"', '"always"\nscope_expansion = "always"'), "utf-8")
    one = _assess_json(cli, "fjord-coffee", first)
    assert one["change"] is None
    result = cli("assess", "fjord-coffee", "--answers", str(worse))
    assert result.exit_code == 0, result.stderr
    assert "Since the last assessment" in result.stdout
    two = json.loads(cli("assess", "fjord-coffee", "--answers", str(worse), "--json").stdout)
    assert two["change"]["verdict_before"] == two["verdict"]
    entries = _client(examples_home, "fjord-coffee")["assessments"]
    assert len(entries) == 3
    assert entries[1]["red_flag_score"] - entries[0]["red_flag_score"] > 0
    rerun = cli("assess", "fjord-coffee", "--answers", str(first), "--json")
    change = json.loads(rerun.stdout)["change"]
    assert change["red_flag_score"] == one["red_flag_score"] - two["red_flag_score"]


def test_assessing_an_unknown_client_creates_it(cli, home, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(MINIMAL, encoding="utf-8")
    result = cli("assess", "Studio [final] Ltd", "--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    assert "Studio [final] Ltd" in result.stdout  # user text is never rich markup
    assert "created studio-final-ltd" in result.stderr
    saved = _client(home, "studio-final-ltd")
    assert saved["name"] == "Studio [final] Ltd"
    assert len(saved["assessments"]) == 1
    assert saved["assessments"][0]["target_rate"] == 75.0  # the default profile rate


def test_target_rate_from_the_answers_wins_over_the_profile(cli, examples_home, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(
        MINIMAL.replace("unbilled_hours = 5", "unbilled_hours = 5\ntarget_rate = 120")
    )
    data = _assess_json(cli, "fjord-coffee", answers)
    assert data["target_rate"] == 120.0
    assert data["rate_band"] == "renegotiate"  # 80 an hour is two thirds of 120


def test_without_a_terminal_or_answers_it_refuses_instead_of_hanging(cli, home):
    result = cli("assess", "Someone New")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert not (home / "clients").exists()


BAD_ANSWERS = [
    ("red_flags", {"late_payment": '"often"'}, "late_payment", "Did you mean late_payments"),
    ("red_flags", {"late_payments": '"weekly"'}, "late_payments", "never, sometimes, often"),
    ("red_flags", {"late_payments": "3"}, "late_payments", "never, sometimes"),
    ("economics", {"monthly_revenue": '"lots"'}, "monthly_revenue", "must be a number"),
    ("economics", {"monthly_revenue": "true"}, "monthly_revenue", "must be a number"),
    ("economics", {"monthly_revenue": "-5"}, "monthly_revenue", "between 0"),
    ("economics", {"billable_hours": "0", "unbilled_hours": "0"}, "billable_hours", "at least"),
    ("economics", {"billable_hours": "5000"}, "billable_hours", "between 0 and 744"),
    ("economics", {"target_rate": "0"}, "target_rate", "at least 0.01"),
    ("outlook", {"stress": "7"}, "stress", "1 to 5"),
    ("outlook", {"fit": "2.5"}, "fit", "1 to 5"),
    ("outlook", {"chance_of_change": '"maybe"'}, "chance_of_change", "low, medium or high"),
    ("outlook", {"mood": "3"}, "mood", "not a known question"),
    ("extras", {"x": "1"}, "extras", "not a known question"),
]


def _answers_text(section: str, overrides: dict[str, str]) -> str:
    tables: dict[str, dict[str, str]] = {
        "red_flags": {},
        "economics": {"monthly_revenue": "2000", "billable_hours": "20", "unbilled_hours": "5"},
        "outlook": {},
    }
    tables.setdefault(section, {}).update(overrides)
    return "".join(
        f"[{name}]\n" + "".join(f"{key} = {value}\n" for key, value in table.items())
        for name, table in tables.items()
    )


@pytest.mark.parametrize(("section", "overrides", "key", "message"), BAD_ANSWERS)
def test_bad_answers_files_name_the_key_and_save_nothing(
    cli, examples_home, tmp_path, section, overrides, key, message
):
    answers = tmp_path / "bad.toml"
    answers.write_text(_answers_text(section, overrides), encoding="utf-8")
    client = examples_home / "clients" / "fjord-coffee.toml"
    before = client.read_bytes()
    result = cli("assess", "fjord-coffee", "--answers", str(answers))
    assert result.exit_code == 2, result.stderr
    assert key in result.stderr and message in result.stderr
    assert str(answers) in result.stderr
    assert "Traceback" not in result.stderr
    assert client.read_bytes() == before


def test_a_section_that_is_not_a_table_is_named(cli, home, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text('red_flags = "all of them"\n', encoding="utf-8")
    result = cli("assess", "New Client", "--answers", str(answers))
    assert result.exit_code == 2
    assert "[red_flags] must be a table" in result.stderr
    assert not (home / "clients").exists()


def test_unparsable_or_missing_answers_files_are_clear_errors(cli, home, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[red_flags]\nlate_payments = "often\n', encoding="utf-8")
    result = cli("assess", "New Client", "--answers", str(broken))
    assert result.exit_code == 4
    assert f"{broken}:2:" in result.stderr
    missing = cli("assess", "New Client", "--answers", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 3 and "nope.toml" in missing.stderr
    assert not (home / "clients" / "new-client.toml").exists()


def test_a_missing_economics_answer_is_named(cli, home, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text("[economics]\nmonthly_revenue = 100\nbillable_hours = 2\n", "utf-8")
    result = cli("assess", "New Client", "--answers", str(answers))
    assert result.exit_code == 2
    assert "unbilled_hours is missing" in result.stderr


def test_outlook_left_out_takes_neutral_defaults(cli, home, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(MINIMAL, encoding="utf-8")
    _assess_json(cli, "New Client", answers)
    stored = _client(home, "new-client")["assessments"][0]["answers"]["outlook"]
    assert stored.pop("chance_of_change") == "medium"
    assert set(stored.values()) == {3} and len(stored) == 6


def _user_rubric(home: Path, old: str, new: str) -> None:
    text = (templates_dir() / "rubric.toml").read_text(encoding="utf-8")
    assert old in text
    home.mkdir(parents=True, exist_ok=True)
    (home / "rubric.toml").write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rubric_in_the_data_folder_replaces_the_built_in_one(cli, examples_home, examples):
    answers = examples / "answers" / "fjord-coffee.toml"
    assert _assess_json(cli, "fjord-coffee", answers)["verdict"] == "keep"
    _user_rubric(examples_home, "few_flags = 20", "few_flags = 0")
    assert _assess_json(cli, "fjord-coffee", answers)["verdict"] == "repair"


def test_a_broken_user_rubric_is_named_and_nothing_saved(cli, examples_home, examples):
    _user_rubric(examples_home, "weight = 3", 'weight = "heavy"')
    before = (examples_home / "clients" / "fjord-coffee.toml").read_bytes()
    result = cli("assess", "fjord-coffee", "--answers", str(examples / "answers/fjord-coffee.toml"))
    assert result.exit_code == 4
    assert "rubric.toml" in result.stderr and "flags[1].weight" in result.stderr
    assert (examples_home / "clients" / "fjord-coffee.toml").read_bytes() == before


def test_the_report_shows_bars_rate_verdict_advice_and_next_step(cli, examples_home, examples):
    result = cli(
        "assess",
        "northwind-bakery",
        "--answers",
        str(examples / "answers" / "northwind-bakery.toml"),
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for text in (
        "Payment",
        "Conduct",
        "Red-flag score",
        "Pays invoices late",
        "€61.90/h",
        "€85.00/h",
        "prepare_exit",
        "payment",
        "By phone first",
        "Next: clientexit letter northwind-bakery",
        "Status set to at-risk",
    ):
        assert text in out, text
    assert "Saved in the history" in result.stderr


def test_a_mistyped_new_name_is_pointed_out(cli, examples_home, examples) -> None:
    # Off a terminal a near-duplicate is never created (issue 20): the error names the client.
    answers = examples / "answers" / "northwind-bakery.toml"
    result = cli("assess", "northwind-bakry", "--answers", str(answers))
    assert result.exit_code == 3, result.stderr
    assert "No client called 'northwind-bakry'" in result.stderr
    assert "Did you mean northwind-bakery?" in result.stderr
    assert "client add" not in result.stderr
    assert not (examples_home / "clients" / "northwind-bakry.toml").exists()


def test_an_unknown_client_suggests_the_close_one(cli, examples_home) -> None:
    result = cli("client", "show", "northwnd-bakery")
    assert result.exit_code == 3
    assert "Did you mean northwind-bakery?" in result.stderr
    assert "Did you mean" not in cli("client", "show", "zzz").stderr


def test_a_delivered_deliverable_is_not_advised_as_a_milestone(cli, examples_home, examples):
    answers = examples / "answers" / "northwind-bakery.toml"
    before = cli("assess", "northwind-bakery", "--answers", str(answers)).stdout
    assert "after 'Holiday menu landing page'" in before
    assert cli("deliverable", "northwind-bakery", "done", "1").exit_code == 0
    after = cli("assess", "northwind-bakery", "--answers", str(answers)).stdout
    assert "Holiday menu landing page" not in after
    assert "Time it for a milestone: after 'Hosting and domain transfer notes'" in after
    # The letter reads the same open deliverables (Client.open_deliverables): it promises only
    # what is still to hand over.
    letter = cli("letter", "northwind-bakery", "--type", "general", "--dry-run").stdout
    assert "Holiday menu landing page" not in letter
    assert "- Hosting and domain transfer notes, by 10 December 2026" in letter
