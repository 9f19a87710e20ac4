"""The interactive assessment: the rubric's questions asked with questionary, section by section.

Only the interactive path imports this module (questionary is slow to import). Every prompt goes
through ``ask`` (cli._common.ask), which turns Ctrl-C into Cancelled: nothing is saved.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from clientexit.amounts import read_amount
from clientexit.assess.answers import NEUTRAL_CHANCE, NEUTRAL_OUTLOOK, Answers
from clientexit.assess.rubric import CHANCES, FREQUENCIES, Rubric

Ask = Callable[[Any], Any]


def _number_check(top: float, allow_zero: bool = True) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        try:
            value = read_amount(text)
        except ValueError:
            return "Type a number, e.g. 1200 or 12.5"
        low_ok = value >= 0 if allow_zero else value > 0
        return True if low_ok and value <= top else f"Type a number from 0 to {top:g}"

    return check


def _shown(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def ask_answers(
    rubric: Rubric, previous: Answers | None, default_target: float | None, ask: Ask
) -> Answers:
    """Ask every question of the rubric; defaults come from ``previous`` when there is one."""
    import questionary
    from prompt_toolkit.output import create_output

    # Prompts go to stderr so that stdout stays for the report (and can be redirected).
    out: dict[str, Any] = {"output": create_output(stdout=sys.stderr)}
    n = len(rubric.categories) + 2
    red_flags: dict[str, str] = {}
    for k, category in enumerate(rubric.categories, start=1):
        before = {f.id: previous.frequency(f.id) if previous else "never" for f in rubric.flags}
        flags = rubric.flags_in(category.id)
        choices = [
            questionary.Choice(f.question, value=f.id, checked=before[f.id] != "never")
            for f in flags
        ]
        ticked = ask(
            questionary.checkbox(
                f"Section {k} of {n} · {category.label}: tick what happens with this client",
                choices=choices,
                instruction="(space to tick, enter when done; tick nothing if none apply)",
                **out,
            )
        )
        for flag in flags:
            if flag.id not in ticked:
                continue
            default = before[flag.id] if before[flag.id] != "never" else "sometimes"
            red_flags[flag.id] = ask(
                questionary.select(
                    f"How often? {flag.question}",
                    choices=list(FREQUENCIES[1:]),
                    default=default,
                    instruction=f"({flag.explanation})",
                    **out,
                )
            )

    section = len(rubric.categories) + 1
    numbers: dict[str, float] = {}
    for question in rubric.economics:
        # Some hours must be spent, or there is no hourly rate to speak of.
        no_hours_yet = question.id == "unbilled_hours" and not numbers.get("billable_hours")
        answer = ask(
            questionary.text(
                f"Section {section} of {n} · Money: {question.question}",
                default=_shown(getattr(previous, question.id, None) if previous else None),
                validate=_number_check(question.max, allow_zero=not no_hours_yet),
                **out,
            )
        )
        numbers[question.id] = read_amount(answer)
    target_text = ask(
        questionary.text(
            f"Section {section} of {n} · Money: your target hourly rate",
            default=_shown(
                previous.target_rate if previous and previous.target_rate else default_target
            ),
            validate=_number_check(1_000_000, allow_zero=False),
            **out,
        )
    )

    outlook: dict[str, int] = {}
    for question in rubric.outlook:
        was = previous.outlook.get(question.id, NEUTRAL_OUTLOOK) if previous else NEUTRAL_OUTLOOK
        labels = {1: f"1 {question.low}", 5: f"5 {question.high}"}
        scale = [questionary.Choice(labels.get(v, str(v)), value=v) for v in range(1, 6)]
        outlook[question.id] = ask(
            questionary.select(
                f"Section {n} of {n} · Outlook: {question.question}",
                choices=scale,
                default=next((c for c in scale if c.value == was), None),
                **out,
            )
        )
    chance = ask(
        questionary.select(
            f"Section {n} of {n} · Outlook: would things improve if you set firm boundaries?",
            choices=list(CHANCES),
            default=previous.chance_of_change if previous else NEUTRAL_CHANCE,
            **out,
        )
    )
    return Answers(
        red_flags=red_flags,
        monthly_revenue=numbers["monthly_revenue"],
        billable_hours=numbers["billable_hours"],
        unbilled_hours=numbers["unbilled_hours"],
        target_rate=read_amount(target_text),
        outlook=outlook,
        chance_of_change=chance,
    )
