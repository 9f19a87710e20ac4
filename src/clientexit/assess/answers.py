"""The answers to an assessment: parsed and checked from a TOML file, a past entry or prompts."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clientexit._errors import NotFoundError, UsageError
from clientexit.assess.rubric import CHANCES, FREQUENCIES, Rubric
from clientexit.record.assessment_changes import AnswerTables

NEUTRAL_OUTLOOK = 3
NEUTRAL_CHANCE = "medium"
# The least a month's hours (billable + unbilled) and a target rate may be. Hours are shown and
# stored to two decimals (36 seconds), so anything less reads as 0; and with revenue capped by the
# rubric (10,000,000) a rate then stays below 1e9, never infinite. A target under one cent
# would make the share of it infinite.
LEAST_HOURS = 0.01
LEAST_TARGET = 0.01
MOST_TARGET = 1_000_000


def economics_problem(
    revenue: float, billable: float, unbilled: float, target: float | None
) -> tuple[str, str] | None:
    """(key, what is wrong) when the economics cannot give a finite effective rate and share of
    the target, else None. The one rule every way of answering goes through before a save."""
    values = {"monthly_revenue": revenue, "billable_hours": billable, "unbilled_hours": unbilled}
    if target is not None:
        values["target_rate"] = target
    for key, value in values.items():
        if not math.isfinite(value):
            return f"[economics] {key}", f"must be a number, not {value}"
    if not billable + unbilled >= LEAST_HOURS:
        return (
            "[economics] billable_hours + unbilled_hours",
            f"must be at least {LEAST_HOURS:g} hours, not {billable + unbilled:g}",
        )
    if target is not None and not target >= LEAST_TARGET:
        return "[economics] target_rate", f"must be at least {LEAST_TARGET:g}, not {target:g}"
    rate = revenue / (billable + unbilled)
    if not math.isfinite(rate) or (target is not None and not math.isfinite(rate / target)):
        return "[economics] monthly_revenue", "makes the effective rate too large to compare"
    return None


def check_economics(answers: Answers, target: float | None, source: str = "answers") -> None:
    """Raise UsageError (nothing saved) when ``answers`` with ``target`` break economics_problem."""
    found = economics_problem(
        answers.monthly_revenue, answers.billable_hours, answers.unbilled_hours, target
    )
    if found is not None:
        key, what = found
        raise UsageError(
            f"{source}: {key} {what}.", "Fix it and run the command again; nothing was saved."
        )


@dataclass(frozen=True)
class Answers:
    """Flag frequencies (only the ones that happen), the economics and the outlook."""

    red_flags: dict[str, str]
    monthly_revenue: float
    billable_hours: float
    unbilled_hours: float
    target_rate: float | None = None
    outlook: dict[str, int] = field(default_factory=dict)
    chance_of_change: str = NEUTRAL_CHANCE

    def frequency(self, flag_id: str) -> str:
        return self.red_flags.get(flag_id, "never")

    def as_toml_table(self, target_rate: float) -> AnswerTables:
        """The ``answers`` table stored with an assessment (same shape as an answers file)."""
        return {
            "red_flags": dict(self.red_flags),
            "economics": {
                "monthly_revenue": self.monthly_revenue,
                "billable_hours": self.billable_hours,
                "unbilled_hours": self.unbilled_hours,
                "target_rate": target_rate,
            },
            "outlook": {**self.outlook, "chance_of_change": self.chance_of_change},
        }


class _Checker:
    """Validation errors that name the file and the key, e.g. ``[economics] billable_hours``."""

    def __init__(self, source: str, rubric: Rubric) -> None:
        self.source = source
        self.rubric = rubric

    def fail(self, key: str, what: str, hint: str | None = None) -> UsageError:
        return UsageError(
            f"{self.source}: {key} {what}.",
            hint or "Fix it and run the command again; nothing was saved.",
        )

    def unknown(self, section: str, keys: set[str], known: list[str]) -> None:
        for key in sorted(keys - set(known)):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"Did you mean {close[0]}?" if close else f"Known keys: {', '.join(known)}."
            raise self.fail(f"[{section}] {key}", "is not a known question", hint)

    def number(self, section: str, table: Mapping[str, object], key: str, top: float) -> float:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            what = "is missing" if value is None else f"must be a number, not {value!r}"
            raise self.fail(f"[{section}] {key}", what)
        if not (0 <= value <= top) or math.isnan(value):
            raise self.fail(f"[{section}] {key}", f"must be between 0 and {top:g}, not {value}")
        return float(value)


def parse_answers(data: Mapping[str, object], rubric: Rubric, source: str = "answers") -> Answers:
    """Check answers read from TOML against the rubric; the first problem raises UsageError."""
    c = _Checker(source, rubric)
    c.unknown("top level", set(data), ["red_flags", "economics", "outlook", "schema_version"])
    sections = {}
    for name in ("red_flags", "economics", "outlook"):
        table = data.get(name, {})
        if not isinstance(table, Mapping):
            raise c.fail(f"[{name}]", "must be a table")
        sections[name] = table

    flags = sections["red_flags"]
    c.unknown("red_flags", set(flags), [f.id for f in rubric.flags])
    red_flags = {}
    for key, value in flags.items():
        if value not in FREQUENCIES:
            raise c.fail(
                f"[red_flags] {key}", f"must be one of {', '.join(FREQUENCIES)}, not {value!r}"
            )
        if value != "never":
            red_flags[key] = value

    money = sections["economics"]
    questions = {q.id: q.max for q in rubric.economics}
    c.unknown("economics", set(money), [*questions, "target_rate"])
    numbers = {key: c.number("economics", money, key, top) for key, top in questions.items()}
    target = None
    if "target_rate" in money:
        target = c.number("economics", money, "target_rate", MOST_TARGET)
    problem = economics_problem(
        numbers["monthly_revenue"], numbers["billable_hours"], numbers["unbilled_hours"], target
    )
    if problem is not None:
        raise c.fail(*problem)

    view = sections["outlook"]
    c.unknown("outlook", set(view), [*(q.id for q in rubric.outlook), "chance_of_change"])
    outlook = {}
    for question in rubric.outlook:
        value = view.get(question.id, NEUTRAL_OUTLOOK)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise c.fail(
                f"[outlook] {question.id}", f"must be a whole number from 1 to 5, not {value!r}"
            )
        outlook[question.id] = value
    chance = view.get("chance_of_change", NEUTRAL_CHANCE)
    if chance not in CHANCES:
        raise c.fail("[outlook] chance_of_change", f"must be low, medium or high, not {chance!r}")
    return Answers(
        red_flags=red_flags,
        monthly_revenue=numbers["monthly_revenue"],
        billable_hours=numbers["billable_hours"],
        unbilled_hours=numbers["unbilled_hours"],
        target_rate=target,
        outlook=outlook,
        chance_of_change=chance,
    )


def read_answers_file(path: Path, rubric: Rubric) -> Answers:
    """Read and check an answers file; a missing or unparsable file is a clear error."""
    from clientexit._store import read_toml

    if not path.is_file():
        raise NotFoundError(
            f"No answers file at {path}.",
            "Give the path of a TOML file like examples/answers/northwind-bakery.toml.",
        )
    return parse_answers(read_toml(path), rubric, str(path))


def previous_answers(entry: Mapping[str, object], rubric: Rubric) -> Answers | None:
    """The answers stored with a past assessment, or None when they no longer fit the rubric."""
    stored = entry.get("answers")
    if not isinstance(stored, Mapping):
        return None
    try:
        return parse_answers(stored, rubric, "previous assessment")
    except UsageError:
        return None


def answers_template(rubric: Rubric, previous: Answers | None, target_rate: float | None) -> str:
    """An answers file to fill in and pass to ``--answers``: every question of the rubric as a
    commented line, with the previous assessment's answers (or neutral ones) as the values."""
    import json

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a TOML basic string for any text

    lines = [
        "# Answers for `clientexit assess CLIENT --answers FILE`. Frequencies: "
        + ", ".join(FREQUENCIES)
        + ".",
        "[red_flags]",
    ]
    for category in rubric.categories:
        lines.append(f"# {category.label}")
        for flag in rubric.flags_in(category.id):
            frequency = previous.frequency(flag.id) if previous else "never"
            lines.append(f"{flag.id} = {quoted(frequency)}  # {flag.question}")
    lines += ["", "[economics]"]
    if previous is None:
        lines.append("# Fill these in: a typical month with the client, in the client's currency.")
    for question in rubric.economics:
        value = getattr(previous, question.id, 0.0) if previous else 0.0
        lines.append(f"{question.id} = {value:.15g}  # {question.question}")
    target = previous.target_rate if previous and previous.target_rate else target_rate
    if target:
        lines.append(
            f"target_rate = {target:.15g}  # your target hourly rate, in the client's currency"
        )
    lines += ["", "[outlook]  # 1 to 5"]
    for question in rubric.outlook:
        value = previous.outlook.get(question.id, NEUTRAL_OUTLOOK) if previous else NEUTRAL_OUTLOOK
        scale = f" (1 {question.low}, 5 {question.high})" if question.low else ""
        lines.append(f"{question.id} = {value}  # {question.question}{scale}")
    chance = previous.chance_of_change if previous else NEUTRAL_CHANCE
    lines.append(
        f"chance_of_change = {quoted(chance)}  # {', '.join(CHANCES)}: would things improve "
        "if you set firm boundaries?"
    )
    return "\n".join(lines) + "\n"
