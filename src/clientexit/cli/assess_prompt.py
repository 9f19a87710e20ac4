"""The interactive assessment in a terminal: the rubric's questions asked with questionary.

The core (assess/) says what to ask (the rubric) and judges the answers; this module only asks.
Only the interactive path imports it (questionary is slow to import). Every prompt goes through
``ask`` (cli._common.ask), which turns Ctrl-C into Cancelled: nothing is saved.

A person can pick a rating by typing its digit, go back to any section before saving, and read
every question and hint whole on a narrow terminal (wrapped at word boundaries).
"""

from __future__ import annotations

import functools
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clientexit.amounts import read_amount
from clientexit.assess.answers import LEAST_HOURS, NEUTRAL_CHANCE, NEUTRAL_OUTLOOK, Answers
from clientexit.assess.rubric import CHANCES, FREQUENCIES, Category, Rubric

if TYPE_CHECKING:
    from prompt_toolkit.output import Output
    from questionary import Question

Ask = Callable[["Question"], Any]  # Any: questionary
# What questionary prints before a choice's title: " » " and, in a checkbox, "● ";
# with shortcuts "1) " instead of the indicator.
_CHECKBOX_PREFIX = 5
_SELECT_PREFIX = 6
SAVE = -1


@dataclass
class Draft:
    """The answers so far; each section's defaults. Starts from the previous assessment."""

    red_flags: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float | None] = field(default_factory=dict)
    target: float | None = None
    outlook: dict[str, int] = field(default_factory=dict)
    chance: str = NEUTRAL_CHANCE

    @classmethod
    def start(cls, previous: Answers | None, default_target: float | None) -> Draft:
        if previous is None:
            return cls(target=default_target)
        return cls(
            red_flags=dict(previous.red_flags),
            numbers={
                "monthly_revenue": previous.monthly_revenue,
                "billable_hours": previous.billable_hours,
                "unbilled_hours": previous.unbilled_hours,
            },
            target=previous.target_rate or default_target,
            outlook=dict(previous.outlook),
            chance=previous.chance_of_change,
        )

    def answers(self) -> Answers:
        return Answers(
            red_flags=dict(self.red_flags),
            monthly_revenue=self.numbers["monthly_revenue"] or 0.0,
            billable_hours=self.numbers["billable_hours"] or 0.0,
            unbilled_hours=self.numbers["unbilled_hours"] or 0.0,
            target_rate=self.target or 0.0,
            outlook=dict(self.outlook),
            chance_of_change=self.chance,
        )


def wrap(text: str, width: int, indent: int = 0) -> str:
    """``text`` wrapped at word boundaries to ``width`` columns; lines after the first indented
    by ``indent`` spaces (to sit under a choice's title). A word longer than a line is kept."""
    room = max(width - indent - 1, 20)
    return textwrap.fill(
        text, room, subsequent_indent=" " * indent, break_long_words=False, break_on_hyphens=False
    )


def _number_check(
    rubric: Rubric, top: float, allow_zero: bool = True
) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        try:
            value = read_amount(text)
        except ValueError:
            return rubric.say("number_error")
        # Not zero: at least the least hours (and target) assess.answers accepts, both 0.01.
        low_ok = value >= 0 if allow_zero else value >= LEAST_HOURS
        return True if low_ok and value <= top else rubric.say("range_error", top=f"{top:g}")

    return check


def _shown(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class _Prompter:
    """Asks one section at a time into a Draft, on stderr (stdout stays for the report)."""

    def __init__(self, rubric: Rubric, draft: Draft, ask: Ask) -> None:
        from prompt_toolkit.output import create_output

        self.rubric, self.draft, self.ask = rubric, draft, ask
        output = create_output(stdout=sys.stderr)
        self.output: Output = output
        self.width = output.get_size().columns or 80
        self.count = len(rubric.categories) + 2

    def sections(self) -> list[tuple[str, Callable[[int], None]]]:
        """(label, ask it) for every section, in order."""
        found: list[tuple[str, Callable[[int], None]]] = []
        for category in self.rubric.categories:
            found.append((category.label, functools.partial(self.flags, category=category)))
        found.append((self.rubric.say("money"), self.money))
        found.append((self.rubric.say("outlook"), self.outlook))
        return found

    def heading(self, k: int, label: str, text: str) -> str:
        line = self.rubric.say("section", k=k, n=self.count, label=label, text=text)
        return wrap(line, self.width)

    def rating(
        self, message: str, titles: Sequence[tuple[str, object]], default: object
    ) -> Any:  # Any: questionary
        """One of a few choices; typing its digit points at it, enter picks it."""
        import questionary

        choices = [
            questionary.Choice(wrap(title, self.width, _SELECT_PREFIX), value=value)
            for title, value in titles
        ]
        return self.ask(
            questionary.select(
                message,
                choices=choices,
                default=next((c for c in choices if c.value == default), None),
                use_shortcuts=True,
                instruction=self.rubric.say("rating_help"),
                output=self.output,
            )
        )

    def flags(self, k: int, category: Category) -> None:
        import questionary

        draft, flags = self.draft, self.rubric.flags_in(category.id)
        choices = [
            questionary.Choice(
                wrap(f.question, self.width, _CHECKBOX_PREFIX),
                value=f.id,
                checked=f.id in draft.red_flags,
            )
            for f in flags
        ]
        ticked = self.ask(
            questionary.checkbox(
                self.heading(k, category.label, self.rubric.say("tick")),
                choices=choices,
                instruction=self.rubric.say("tick_help"),
                output=self.output,
            )
        )
        for flag in flags:
            if flag.id not in ticked:
                draft.red_flags.pop(flag.id, None)
                continue
            message = wrap(self.rubric.say("how_often", question=flag.question), self.width)
            hint = wrap(flag.explanation, self.width, 2)
            draft.red_flags[flag.id] = self.rating(
                f"{message}\n  {hint}\n",
                [(self.rubric.frequency_word(f), f) for f in FREQUENCIES[1:]],
                draft.red_flags.get(flag.id, "sometimes"),
            )

    def money(self, k: int) -> None:
        import questionary

        draft = self.draft
        for question in self.rubric.economics:
            # Some hours must be spent, or there is no hourly rate to speak of.
            no_hours_yet = (
                question.id == "unbilled_hours"
                and (draft.numbers.get("billable_hours") or 0.0) < LEAST_HOURS
            )
            answer = self.ask(
                questionary.text(
                    self.heading(k, self.rubric.say("money"), question.question),
                    default=_shown(draft.numbers.get(question.id)),
                    validate=_number_check(self.rubric, question.max, allow_zero=not no_hours_yet),
                    output=self.output,
                )
            )
            draft.numbers[question.id] = read_amount(answer)
        target = self.ask(
            questionary.text(
                self.heading(k, self.rubric.say("money"), self.rubric.say("target_question")),
                default=_shown(draft.target),
                validate=_number_check(self.rubric, 1_000_000, allow_zero=False),
                output=self.output,
            )
        )
        draft.target = read_amount(target)

    def outlook(self, k: int) -> None:
        draft = self.draft
        for question in self.rubric.outlook:
            labels = {1: question.low, 5: question.high}
            scale = [(labels.get(v) or str(v), v) for v in range(1, 6)]
            draft.outlook[question.id] = self.rating(
                self.heading(k, self.rubric.say("outlook"), question.question),
                scale,
                draft.outlook.get(question.id, NEUTRAL_OUTLOOK),
            )
        draft.chance = self.rating(
            self.heading(k, self.rubric.say("outlook"), self.rubric.say("chance_question")),
            [(self.rubric.say(f"chance_{chance}"), chance) for chance in CHANCES],
            draft.chance,
        )

    def review(self) -> int:
        """SAVE, or the index of a section to answer again."""
        import questionary

        say = self.rubric.say
        choices = [questionary.Choice(say("review_save"), value=SAVE)]
        choices += [
            questionary.Choice(say("review_back", k=k, label=label), value=k - 1)
            for k, (label, _) in enumerate(self.sections(), start=1)
        ]
        return int(
            self.ask(
                questionary.select(
                    say("review", n=self.count),
                    choices=choices,
                    default=choices[0],
                    instruction=say("review_help"),
                    output=self.output,
                )
            )
        )


def ask_answers(
    rubric: Rubric, previous: Answers | None, default_target: float | None, ask: Ask
) -> Answers:
    """Ask every section of the rubric, then let the person go back to any section before
    saving. Defaults come from ``previous`` when there is one, then from the answers given."""
    prompter = _Prompter(rubric, Draft.start(previous, default_target), ask)
    sections = prompter.sections()
    for k, (_, ask_section) in enumerate(sections, start=1):
        ask_section(k)
    while (again := prompter.review()) != SAVE:
        sections[again][1](again + 1)
    return prompter.draft.answers()
