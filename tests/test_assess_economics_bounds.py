"""Economics that would make an effective rate infinite or not a number are refused before any
save: a one-line error naming the key, exit 2, the client file byte for byte unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit._errors import UsageError
from clientexit.assess.answers import economics_problem
from record_helpers import profile as as_profile

GOOD = {"monthly_revenue": "2000", "billable_hours": "20", "unbilled_hours": "5"}


def _answers(tmp_path: Path, **economics: str) -> Path:
    values = {**GOOD, **economics}
    lines = ["[economics]", *(f"{k} = {v}" for k, v in values.items())]
    path = tmp_path / "answers.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("economics", "key"),
    [
        ({"billable_hours": "5e-324", "unbilled_hours": "0"}, "billable_hours + unbilled_hours"),
        ({"billable_hours": "0.001", "unbilled_hours": "0.001"}, "billable_hours + unbilled_hours"),
        ({"billable_hours": "nan"}, "billable_hours"),
        ({"unbilled_hours": "inf"}, "unbilled_hours"),
        ({"monthly_revenue": "inf"}, "monthly_revenue"),
        ({"monthly_revenue": "-inf"}, "monthly_revenue"),
        ({"monthly_revenue": "nan"}, "monthly_revenue"),
        ({"target_rate": "5e-324"}, "target_rate"),
        ({"target_rate": "nan"}, "target_rate"),
        ({"target_rate": "inf"}, "target_rate"),
        ({"monthly_revenue": "1e308"}, "monthly_revenue"),
    ],
)
def test_hostile_economics_are_refused_and_the_client_file_is_unchanged(
    cli, examples_home, tmp_path, economics, key
):
    client = examples_home / "clients" / "northwind-bakery.toml"
    before = client.read_bytes()
    result = cli("assess", "northwind-bakery", "--answers", str(_answers(tmp_path, **economics)))
    assert result.exit_code == 2, result.output
    assert f"[economics] {key}" in result.stderr
    assert "Traceback" not in result.output and "Infinity" not in result.stdout
    assert client.read_bytes() == before


def test_a_new_client_is_not_created_by_refused_economics(cli, home, tmp_path):
    answers = _answers(tmp_path, billable_hours="5e-324", unbilled_hours="0")
    result = cli("assess", "Brand New Ltd", "--answers", str(answers))
    assert result.exit_code == 2
    assert not (home / "clients").exists() or not list((home / "clients").glob("*.toml"))


def test_the_least_hours_are_accepted_and_the_json_rate_is_finite(cli, examples_home, tmp_path):
    answers = _answers(tmp_path, billable_hours="0.01", unbilled_hours="0")
    result = cli("assess", "northwind-bakery", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["effective_rate"] == 200000.0


def test_a_config_rate_that_is_not_a_number_is_refused_before_saving(cli, examples_home, tmp_path):
    from clientexit._paths import Paths
    from clientexit.app import assess as run
    from clientexit.assess.answers import Answers
    from clientexit.assess.rubric import load_rubric

    answers = Answers({}, monthly_revenue=2000.0, billable_hours=20.0, unbilled_hours=5.0)
    client = examples_home / "clients" / "northwind-bakery.toml"
    before = client.read_bytes()
    with pytest.raises(UsageError, match=r"target_rate"):
        run.run(
            Paths(examples_home),
            "northwind-bakery",
            load_rubric(),
            answers,
            as_profile({"rate": 1e-320}),
        )
    assert client.read_bytes() == before


@pytest.mark.parametrize(
    ("revenue", "billable", "unbilled", "target", "ok"),
    [
        (2000, 20, 5, 85, True),
        (0, 0.01, 0, None, True),
        (10_000_000, 0.01, 0, 0.01, True),
        (2000, 5e-324, 0, 85, False),
        (2000, 0, 0, 85, False),
        (float("nan"), 20, 5, 85, False),
        (2000, 20, 5, 0.0, False),
        (2000, 20, 5, 1e7, True),
        (2000, 20, 5, 0.001, False),
    ],
)
def test_the_rule_in_one_place(revenue, billable, unbilled, target, ok):
    assert (economics_problem(revenue, billable, unbilled, target) is None) is ok
