"""assess --print-answers: an answers file to fill in, for use without a terminal."""

from __future__ import annotations

import json
import tomllib

from clientexit._paths import Paths
from clientexit.assess.answers import answers_template, parse_answers
from clientexit.assess.rubric import load_rubric


def test_the_last_answers_come_back_unchanged(cli, examples_home, examples, tmp_path) -> None:
    answers = examples / "answers" / "northwind-bakery.toml"
    first = json.loads(
        cli("assess", "northwind-bakery", "--answers", str(answers), "--json").stdout
    )
    printed = cli("assess", "northwind-bakery", "--print-answers")
    assert printed.exit_code == 0, printed.stderr
    again = tmp_path / "again.toml"
    again.write_text(printed.stdout, encoding="utf-8")
    second = json.loads(cli("assess", "northwind-bakery", "--answers", str(again), "--json").stdout)
    for key in ("red_flag_score", "categories", "effective_rate", "verdict", "letter_type"):
        assert second[key] == first[key], key


def test_a_blank_file_asks_every_question_of_the_rubric(examples_home) -> None:
    rubric = load_rubric(Paths(examples_home))
    text = answers_template(rubric, None, 85.0)
    data = tomllib.loads(text)
    assert set(data["red_flags"]) == {flag.id for flag in rubric.flags}
    assert set(data["red_flags"].values()) == {"never"}
    for flag in rubric.flags:
        assert flag.question in text
    data["economics"].update(monthly_revenue=2000, billable_hours=20, unbilled_hours=5)
    answers = parse_answers(data, rubric)
    assert answers.target_rate == 85.0
    assert answers.chance_of_change == "medium"


def test_printing_answers_saves_nothing(cli, examples_home) -> None:
    before = {p: p.read_bytes() for p in (examples_home / "clients").iterdir()}
    assert cli("assess", "Brand New Ltd", "--print-answers").exit_code == 0
    assert {p: p.read_bytes() for p in (examples_home / "clients").iterdir()} == before


def test_print_answers_keeps_large_amounts_exact(cli, examples_home, tmp_path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        "[economics]\nmonthly_revenue = 1234567.0\nbillable_hours = 100\nunbilled_hours = 20.5\n"
        "target_rate = 125500.5\n",
        encoding="utf-8",
    )
    assert cli("assess", "fjord-coffee", "--answers", str(answers)).exit_code == 0
    printed = cli("assess", "fjord-coffee", "--print-answers").stdout
    assert "monthly_revenue = 1234567 " in printed
    assert "target_rate = 125500.5 " in printed
    assert cli("assess", "fjord-coffee", "--print-answers", "--json").exit_code == 2
