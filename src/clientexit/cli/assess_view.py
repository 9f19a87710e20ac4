"""The terminal report of an assessment (rich). User text only ever goes in as rich.text.Text."""

from __future__ import annotations

from typing import Any

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.run import Result
from clientexit.cli._common import money

BAR_WIDTH = 20
VERDICT_TEXT = {
    "keep": "keep: a client worth keeping",
    "repair": "repair: set boundaries and new terms, then look again",
    "prepare_exit": "prepare_exit: plan a calm, well-timed exit",
    "exit_now": "exit_now: end the relationship as soon as the letter is ready",
}
VERDICT_STYLE = {"keep": "green", "repair": "yellow", "prepare_exit": "red", "exit_now": "bold red"}


def _bar(score: int) -> str:
    filled = round(BAR_WIDTH * score / 100)
    return "█" * filled + "·" * (BAR_WIDTH - filled)


def _signed(value: float | None, currency: str | None = None) -> str:
    """A change with its sign (+, - or ±); money when a currency is given."""
    if value is None:
        return "n/a"
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    body = f"{abs(value):g}" if currency is None else money(abs(value), currency)
    return f"{sign}{body}"


def render(result: Result, rubric: Rubric, answers: Answers) -> Any:
    """A rich renderable: category bars, rate, verdict with reasons, advice, next command."""
    from rich.console import Group
    from rich.text import Text

    parts = [*_scores(result, rubric, answers), *_verdict(result)]
    advice = result.advice
    parts.append(Text.assemble(("\nHow: ", "bold"), advice.how))
    parts += [Text(f"  • {line}") for line in (*advice.when, *advice.notes)]
    parts.append(_change(result))
    if result.status_changed:
        parts.append(Text(f"Status set to {result.status}."))
    parts.append(Text.assemble(("Next: ", "bold"), advice.next_command))
    return Group(*parts)


def _scores(result: Result, rubric: Rubric, answers: Answers) -> list[Any]:
    """The title, a bar per category and the overall score, and the flags that weigh most."""
    from rich.table import Table
    from rich.text import Text

    o = result.outcome
    title = Text("Assessment of ", style="bold")
    title.append(Text(result.name))
    title.append(f" ({result.at.date().isoformat()})")
    bars = Table(box=None, show_header=False, padding=(0, 1))
    for category in rubric.categories:
        score = o.flags.categories.get(category.id, 0)
        bars.add_row(Text(category.label), Text(_bar(score)), Text(f"{score:>3}"))
    bars.add_row(
        Text("Red-flag score", style="bold"),
        Text(_bar(o.flags.overall)),
        Text(f"{o.flags.overall:>3}", style="bold"),
    )
    parts: list[Any] = [title, Text(""), bars]
    if o.flags.top_flags:
        parts.append(Text("\nWhat weighs most:", style="bold"))
        for fid in o.flags.top_flags:
            parts.append(Text(f"  • {rubric.flag(fid).question} ({answers.frequency(fid)})"))
    return parts


def _verdict(result: Result) -> list[Any]:
    """The effective rate against the target, the verdict with its reasons, the letter."""
    from rich.text import Text

    o = result.outcome
    rate = (
        f"{money(o.effective_rate, result.currency)}/h against a target of "
        f"{money(o.target_rate, result.currency)}/h "
        f"({round(100 * o.rate_share)}%): {o.band.label}"
    )
    parts: list[Any] = [Text.assemble(("\nEffective rate: ", "bold"), rate)]
    verdict = (VERDICT_TEXT[o.verdict], VERDICT_STYLE[o.verdict])
    parts.append(Text.assemble(("\nVerdict: ", "bold"), verdict))
    parts += [Text(f"  {reason}") for reason in o.reasons]
    if result.letter_recommended:
        parts.append(Text(f"Letter that fits: {o.letter_type}"))
    else:
        parts.append(
            Text(f"No letter now; if it ever comes to ending it, the {o.letter_type} letter fits.")
        )
    return parts


def _change(result: Result) -> Any:
    """Since the last assessment: score, rate and verdict before; or that this is the first."""
    from rich.text import Text

    if not result.change:
        return Text("\nFirst assessment of this client: the next one will show the change.")
    c = result.change
    since = c["since"].date().isoformat() if hasattr(c["since"], "date") else str(c["since"])
    change = (
        f"score {_signed(c['red_flag_score'])}, effective rate "
        f"{_signed(c['effective_rate'], result.currency)}, "
        f"verdict was {c['verdict_before'] or 'n/a'}."
    )
    return Text.assemble((f"\nSince the last assessment ({since}): ", "bold"), change)
