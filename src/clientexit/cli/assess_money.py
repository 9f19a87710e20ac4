"""What an assessment says about money: late payment (the figure app/economics.py reckons,
LateCost) and the trend of the tracked effective rate (TrackedTrend), in words and in the
client's currency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientexit.cli._common import money

if TYPE_CHECKING:
    from clientexit.app.economics import LateCost, TrackedTrend
    from clientexit.assess.rubric import Rubric


def late_sentence(cost: LateCost, currency: str, words: Rubric | None = None) -> str:
    """What the assessment says about it, in the report's language (``words``: its Rubric),
    else in English."""
    if words is not None and words.lang != "en":
        return _said(cost, currency, words)
    if cost.problem:
        why = cost.problem.rstrip(".")
        return f"Late payment: no statutory interest to put a price on it ({why})."
    if not cost.invoices:
        return "Late payment: no invoice was paid late in the last 12 months."
    per_hour = cost.per_hour
    hourly = "" if per_hour is None else f", {money(float(per_hour), currency)} per hour of work"
    count = f"{cost.invoices} invoice{'s' * (cost.invoices != 1)}"
    floor = "at least " if cost.at_least else ""
    return (
        f"Late payment over the last 12 months ({count}) tied up money worth {floor}"
        f"{money(float(cost.interest), currency)} at the statutory rate ({cost.law}){hourly}."
    )


def _said(cost: LateCost, currency: str, words: Rubric) -> str:
    """The sentence in a language other than English; the problem (English, from the law's
    rules) is only named in English, where it is shown whole."""
    from clientexit.i18n import format_money

    if cost.problem:
        return words.say("late_no_interest")
    if not cost.invoices:
        return words.say("late_none")
    per_hour = cost.per_hour
    shown = format_money(float(cost.interest), currency, words.lang)
    said = words.say(
        "late_cost_at_least" if cost.at_least else "late_cost",
        count=cost.invoices,
        interest=shown,
        law=cost.law,
    )
    if per_hour is None:
        return said
    hourly = format_money(float(per_hour), currency, words.lang)
    return f"{said} {words.say('late_per_hour', amount=hourly)}"


def tracked_sentence(tracked: TrackedTrend, currency: str, words: Rubric | None = None) -> str:
    """What an assessment says about the trend of the hours `clientexit hours` keeps, in the
    report's language (``words``: its Rubric; months named as the language names them), else
    in English."""
    from clientexit.i18n import format_money, format_month

    trend = tracked.trend
    if words is not None and words.lang != "en":
        lang = words.lang
        where = words.say("tracked_where", slug=tracked.slug)
        if trend is None:
            return words.say("tracked_too_few", where=where)
        return words.say(
            "tracked_trend",
            where=where,
            direction=words.say(f"trend_{trend.direction}"),
            start=format_money(trend.start_rate, currency, lang),
            end=format_money(trend.end_rate, currency, lang),
            first=format_month(trend.first_month, lang),
            last=format_month(trend.last_month, lang),
        )
    where = f"Tracked hours (clientexit hours {tracked.slug})"
    if trend is None:
        return f"{where}: too few months yet to tell where the effective rate is heading."
    return (
        f"{where}: the effective rate is {trend.direction}, "
        f"{money(trend.start_rate, currency)} an hour in {format_month(trend.first_month, 'en')}, "
        f"{money(trend.end_rate, currency)} in {format_month(trend.last_month, 'en')}."
    )
