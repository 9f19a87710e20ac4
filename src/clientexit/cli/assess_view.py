"""The terminal report of an assessment (rich). User text only ever goes in as rich.text.Text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientexit.assess.answers import Answers
from clientexit.assess.rubric import Rubric
from clientexit.assess.run import Result

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.text import Text

BAR_WIDTH = 20
VERDICT_STYLE = {"keep": "green", "repair": "yellow", "prepare_exit": "red", "exit_now": "bold red"}


def _bar(score: int) -> str:
    filled = round(BAR_WIDTH * score / 100)
    return "█" * filled + "·" * (BAR_WIDTH - filled)


def _money(amount: float, currency: str, lang: str) -> str:
    """Money as the report's language writes it (€61.90, 61,90 €, 61,90 €)."""
    from clientexit.i18n import format_money

    return format_money(amount, currency, lang)


def _signed(value: float | None, currency: str | None = None, lang: str = "en") -> str:
    """A change with its sign (+, - or ±); money when a currency is given."""
    if value is None:
        return "n/a"
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    body = f"{abs(value):g}" if currency is None else _money(abs(value), currency, lang)
    return f"{sign}{body}"


def render(result: Result, rubric: Rubric, answers: Answers) -> Group:
    """A rich renderable: category bars, rate, verdict with reasons, advice, next command."""
    from rich.console import Group
    from rich.text import Text

    parts = [*_scores(result, rubric, answers), *_verdict(result, rubric)]
    advice = result.advice
    parts.append(Text.assemble(("\n" + rubric.say("how"), "bold"), advice.how))
    parts += [Text(f"  • {line}") for line in (*advice.when, *advice.notes)]
    parts.append(_change(result, rubric))
    if result.status_changed:
        status = rubric.say("status_" + str(result.status).replace("-", "_"))
        parts.append(Text(rubric.say("status_set", status=status)))
    parts.append(Text.assemble((rubric.say("next"), "bold"), advice.next_command))
    return Group(*parts)


def _scores(result: Result, rubric: Rubric, answers: Answers) -> list[RenderableType]:
    """The title, a bar per category and the overall score, and the flags that weigh most."""
    from rich.table import Table
    from rich.text import Text

    o = result.outcome
    from clientexit.assess.advice import day

    title = Text(
        rubric.say("title", name=result.name, date=day(result.at.date(), result.dates)),
        style="bold",
    )
    bars = Table(box=None, show_header=False, padding=(0, 1))
    for category in rubric.categories:
        score = o.flags.categories.get(category.id, 0)
        bars.add_row(Text(category.label), Text(_bar(score)), Text(f"{score:>3}"))
    bars.add_row(
        Text(rubric.say("red_flag_score"), style="bold"),
        Text(_bar(o.flags.overall)),
        Text(f"{o.flags.overall:>3}", style="bold"),
    )
    parts: list[RenderableType] = [title, Text(""), bars]
    if o.flags.top_flags:
        parts.append(Text("\n" + rubric.say("weighs_most"), style="bold"))
        for fid in o.flags.top_flags:
            how_often = rubric.frequency_word(answers.frequency(fid))
            parts.append(Text(f"  • {rubric.flag(fid).question} ({how_often})"))
    return parts


def _verdict(result: Result, rubric: Rubric) -> list[RenderableType]:
    """The effective rate against the target, the verdict with its reasons, the letter."""
    from rich.text import Text

    o, lang = result.outcome, rubric.lang
    rate = rubric.say(
        "rate_line",
        rate=_money(o.effective_rate, result.currency, lang),
        target=_money(o.target_rate, result.currency, lang),
        share=round(100 * o.rate_share),
        band=o.band.label,
    )
    parts: list[RenderableType] = [
        Text.assemble(("\n" + rubric.say("effective_rate"), "bold"), rate)
    ]
    verdict = (rubric.say(f"verdict_{o.verdict}"), VERDICT_STYLE[o.verdict])
    parts.append(Text.assemble(("\n" + rubric.say("verdict"), "bold"), verdict))
    parts += [Text(f"  {reason}") for reason in o.reasons]
    key = "letter_fits" if result.letter_recommended else "no_letter"
    letter = rubric.say("letter_" + str(o.letter_type).replace("-", "_"))
    parts.append(Text(rubric.say(key, letter=letter)))
    return parts


def _change(result: Result, rubric: Rubric) -> Text:
    """Since the last assessment: score, rate and verdict before; or that this is the first."""
    from rich.text import Text

    from clientexit.assess.advice import day

    if not result.change:
        return Text("\n" + rubric.say("first"))
    c = result.change
    since = day(c["since"].date(), result.dates) if hasattr(c["since"], "date") else str(c["since"])
    before = c["verdict_before"]
    change = rubric.say(
        "change",
        score=_signed(c["red_flag_score"]),
        rate=_signed(c["effective_rate"], result.currency, rubric.lang),
        verdict=rubric.say(f"verdict_name_{before}") if before else rubric.say("no_verdict"),
    )
    return Text.assemble(("\n" + rubric.say("since", date=since), "bold"), change)
