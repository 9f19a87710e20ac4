"""The real interactive assessment, driven in a pseudo-terminal with pexpect."""

from __future__ import annotations

import os
import sys
import time
import tomllib
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from clientexit.assess.rubric import load_rubric  # noqa: E402

RUBRIC = load_rubric()
ENTER, SPACE, DOWN, CTRL_C = "\r", " ", "\x1b[B", "\x03"
TIMEOUT = 60
REVIEW = "sections are answered"


def _spawn(home: Path, *args: str, columns: int = 200):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(CLIENTEXIT_HOME=str(home), TERM="xterm", NO_COLOR="1", LINES="50")
    env["COLUMNS"] = str(columns)
    # A pty under pexpect never answers cursor-position requests; prompt_toolkit would wait 1 s
    # for each answer before every prompt.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "clientexit", "assess", *args],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, columns),
    )
    return child


def _answer(child, prompt: str, keys: str) -> None:
    """Wait for ``prompt`` and type ``keys``; a short pause lets the prompt take the keys."""
    child.expect_exact(prompt)
    time.sleep(0.05)
    child.send(keys)


def _categories() -> list[str]:
    return [f"Section {k} of 7 · {c.label}" for k, c in enumerate(RUBRIC.categories, start=1)]


def _finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def _drive_all_defaults(child, ticked: list[str]) -> None:
    """Accept every default; ``ticked`` are the flags the previous answers had ticked."""
    for k, category in enumerate(RUBRIC.categories):
        _answer(child, _categories()[k], ENTER)
        for flag in RUBRIC.flags_in(category.id):
            if flag.id in ticked:
                _answer(child, f"How often? {flag.question}", ENTER)
    for question in RUBRIC.economics:
        _answer(child, f"Money: {question.question}", ENTER)
    _answer(child, "Money: your target hourly rate", ENTER)
    for question in RUBRIC.outlook:
        _answer(child, f"Outlook: {question.question}", ENTER)
    _answer(child, "would things improve", ENTER)
    _answer(child, REVIEW, ENTER)


@pytest.mark.slow
def test_answering_the_questions_saves_the_assessment(home: Path) -> None:
    child = _spawn(home, "Pty Client")
    sections = _categories()
    _answer(child, sections[0], SPACE + ENTER)  # tick the first payment flag: late payments
    _answer(child, "How often? Pays invoices late", DOWN + DOWN + ENTER)  # always
    _answer(child, sections[1], DOWN + DOWN + SPACE + ENTER)  # micromanagement
    _answer(child, "How often? Micromanages", DOWN + ENTER)  # often
    for section in sections[2:]:
        _answer(child, section, ENTER)
    _answer(child, "Section 6 of 7 · Money: Revenue", "2400" + ENTER)
    _answer(child, "Money: Billable hours", "30" + ENTER)
    _answer(child, "Money: Unbilled hours", "12" + ENTER)
    _answer(child, "Money: your target hourly rate", ENTER)  # the default: 75
    _answer(child, "Section 7 of 7 · Outlook: Stress", DOWN + DOWN + ENTER)  # 5
    for question in RUBRIC.outlook[1:]:
        _answer(child, f"Outlook: {question.question}", ENTER)  # 3
    _answer(child, "would things improve", ENTER)  # medium
    _answer(child, REVIEW, ENTER)  # save
    child.expect_exact("Verdict")
    assert _finish(child) == 0

    saved = tomllib.loads((home / "clients" / "pty-client.toml").read_text(encoding="utf-8"))
    entry = saved["assessments"][0]
    answers = entry["answers"]
    assert answers["red_flags"] == {"late_payments": "always", "micromanagement": "often"}
    assert answers["economics"] == {
        "monthly_revenue": 2400.0,
        "billable_hours": 30.0,
        "unbilled_hours": 12.0,
        "target_rate": 75.0,
    }
    assert answers["outlook"]["stress"] == 5 and answers["outlook"]["fit"] == 3
    assert answers["outlook"]["chance_of_change"] == "medium"
    assert entry["effective_rate"] == pytest.approx(57.14)
    assert entry["top_flags"][:2] == ["late_payments", "micromanagement"]
    assert entry["verdict"] in ("repair", "prepare_exit")
    assert saved["status"] == "at-risk"


@pytest.mark.slow
def test_the_previous_assessment_gives_the_defaults(examples_home: Path, examples: Path) -> None:
    answers_file = examples / "answers" / "northwind-bakery.toml"
    first = _spawn(examples_home, "northwind-bakery", "--answers", str(answers_file), "--json")
    assert _finish(first) == 0
    child = _spawn(examples_home, "northwind-bakery")
    previous = tomllib.loads(answers_file.read_text(encoding="utf-8"))
    _drive_all_defaults(child, list(previous["red_flags"]))
    child.expect_exact("Since the last assessment")
    assert _finish(child) == 0
    path = examples_home / "clients" / "northwind-bakery.toml"
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["assessments"]
    assert len(entries) == 2
    assert entries[1]["answers"] == entries[0]["answers"]


@pytest.mark.slow
@pytest.mark.parametrize("stop_at", ["Section 3 of 7", "Money: Unbilled hours"])
def test_ctrl_c_saves_nothing(examples_home: Path, stop_at: str) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    before = path.read_bytes()
    child = _spawn(examples_home, "fjord-coffee")
    sections = _categories()
    _answer(child, sections[0], SPACE + ENTER)
    _answer(child, "How often?", ENTER)
    steps = [(s, ENTER) for s in sections[1:]]
    steps += [(f"Money: {q.question}", "10" + ENTER) for q in RUBRIC.economics]
    steps += [("Money: your target hourly rate", ENTER)]
    steps += [(f"Outlook: {q.question}", ENTER) for q in RUBRIC.outlook]
    for prompt, keys in steps:
        if stop_at in prompt:
            break
        _answer(child, prompt, keys)
    _answer(child, stop_at, CTRL_C)
    child.expect_exact("nothing was saved")
    assert _finish(child) == 130
    assert path.read_bytes() == before


@pytest.mark.slow
def test_ctrl_c_does_not_create_a_new_client(home: Path) -> None:
    child = _spawn(home, "Never Saved Ltd")
    _answer(child, _categories()[0], SPACE + ENTER)
    _answer(child, "How often?", CTRL_C)
    child.expect_exact("nothing was saved")
    assert _finish(child) == 130
    assert not (home / "clients" / "never-saved-ltd.toml").exists()


@pytest.mark.slow
def test_a_rating_by_its_digit_and_going_back_to_a_section(home: Path) -> None:
    child = _spawn(home, "Digit Client")
    sections = _categories()
    _answer(child, sections[0], SPACE + ENTER)  # late payments
    _answer(child, "How often? Pays invoices late", "3" + ENTER)  # 3) always
    for section in sections[1:]:
        _answer(child, section, ENTER)
    for question in RUBRIC.economics:
        _answer(child, f"Money: {question.question}", "10" + ENTER)
    _answer(child, "Money: your target hourly rate", ENTER)  # the default: 75
    _answer(child, "Outlook: Stress", "5" + ENTER)
    for question in RUBRIC.outlook[1:]:
        _answer(child, f"Outlook: {question.question}", ENTER)
    _answer(child, "would things improve", "1" + ENTER)  # low
    # Back to section 1: untick late payments, tick the second payment flag instead.
    _answer(child, REVIEW, DOWN + ENTER)
    second = RUBRIC.flags_in(RUBRIC.categories[0].id)[1]
    _answer(child, sections[0], SPACE + DOWN + SPACE + ENTER)
    _answer(child, f"How often? {second.question}", "2" + ENTER)  # often
    _answer(child, REVIEW, ENTER)
    child.expect_exact("Verdict")
    assert _finish(child) == 0
    saved = tomllib.loads((home / "clients" / "digit-client.toml").read_text(encoding="utf-8"))
    answers = saved["assessments"][0]["answers"]
    assert answers["red_flags"] == {second.id: "often"}
    assert answers["outlook"]["stress"] == 5
    assert answers["outlook"]["chance_of_change"] == "low"
    assert answers["economics"]["target_rate"] == 75.0


@pytest.mark.slow
def test_questions_and_hints_wrap_whole_on_a_60_column_terminal(home: Path) -> None:
    longest = max(RUBRIC.flags, key=lambda f: len(f.question))
    category = next(k for k, c in enumerate(RUBRIC.categories) if c.id == longest.category)
    child = _spawn(home, "Narrow Client", columns=60)
    sections = _categories()
    for section in sections[:category]:
        _answer(child, section, ENTER)
    child.expect_exact(sections[category])
    # Every word of every choice is shown (a line too long for 60 columns used to be cut).
    for flag in RUBRIC.flags_in(longest.category):
        for word in flag.question.split()[-2:]:
            child.expect_exact(word)
    index = RUBRIC.flags_in(longest.category).index(longest)
    time.sleep(0.05)
    child.send(DOWN * index + SPACE + ENTER)
    child.expect_exact("How often?")
    for word in longest.explanation.split()[-3:]:
        child.expect_exact(word)  # the hint, wrapped at words
    child.send(CTRL_C)
    child.expect_exact("nothing was saved")
    assert _finish(child) == 130


@pytest.mark.slow
@pytest.mark.parametrize("keys, expected", [(ENTER, "assessed"), ("3" + ENTER, "cancelled")])
def test_a_name_close_to_a_client_is_asked_about_first(
    examples_home: Path, examples: Path, keys: str, expected: str
) -> None:
    answers_file = examples / "answers" / "northwind-bakery.toml"
    child = _spawn(examples_home, "Northwind Bakeri", "--answers", str(answers_file))
    _answer(child, "There is no client 'Northwind Bakeri', but there is 'Northwind Bakery'", keys)
    code = _finish(child)
    assert not (examples_home / "clients" / "northwind-bakeri.toml").exists()
    path = examples_home / "clients" / "northwind-bakery.toml"
    saved = tomllib.loads(path.read_text(encoding="utf-8")).get("assessments", [])
    if expected == "assessed":
        assert code == 0 and len(saved) == 1
    else:
        assert code == 130 and saved == []


@pytest.mark.slow
def test_the_questionnaire_in_czech(home: Path) -> None:
    czech = load_rubric(lang="cs")
    first = czech.flags_in(czech.categories[0].id)[0]
    child = _spawn(home, "Czech Client", "--lang", "cs")
    _answer(child, f"Oddíl 1 z 7 · {czech.categories[0].label}", SPACE + ENTER)
    child.expect_exact(f"Jak často? {first.question}")
    child.expect_exact("někdy")  # the frequencies in Czech
    child.send(CTRL_C)
    child.expect_exact("nothing was saved")
    assert _finish(child) == 130


@pytest.mark.slow
def test_inits_signature_prompt_says_what_it_is_for(home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(CLIENTEXIT_HOME=str(home), TERM="xterm", NO_COLOR="1", COLUMNS="200")
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    # Name, business and email given: the first question is the signature's, and it says what
    # the signature is: the sign-off that ends every letter.
    child = pexpect.spawn(
        sys.executable, ["-m", "clientexit", "init", "--name", "Maya", "--business", "Studio",
                         "--email", "maya@example.com"],
        env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 200),
    )  # fmt: skip
    child.expect_exact("The sign-off that ends every letter")
    child.expect_exact("leave empty for your name and business")
    child.send(CTRL_C)
    assert _finish(child) == 130
    assert not (home / "config.toml").exists()
