"""Drafting a letter for a client, and noting it in the client's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from clientexit.record.model import Profile

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from clientexit import i18n, workdays
from clientexit._errors import InvalidValue, UsageError
from clientexit._paths import Paths
from clientexit.letters import catalog, context, fit, money, render, tone
from clientexit.record.model import Client

COOLDOWN = dt.timedelta(hours=24)
# The follow-up letter's day: the handover checklist's check-in, a month after the end; sooner
# than three weeks after it, the draft says so.
FOLLOW_UP_AFTER_DAYS = 30
FOLLOW_UP_EARLIEST_DAYS = 21


class Choices(TypedDict, total=False):
    """What to draft: ``draft_letter``'s keyword arguments that a person chooses."""

    letter_type: str | None
    lang: str | None
    end_date: dt.date | None
    overrides: Mapping[str, str] | None
    goodwill: str | None
    apology: bool
    alternatives: Iterable[str]
    placeholders: bool
    cooldown: bool
    despite_conduct: bool
    despite_record: bool
    pay_by: dt.date | None


@dataclass(frozen=True)
class Draft:
    """A rendered letter and what the command needs to write, check and record it."""

    letter_type: catalog.LetterType
    lang: str
    requested_lang: str
    text: str
    subject: str
    body: str
    template: render.TemplateRef
    end_date: dt.date
    drafted_at: dt.datetime
    send_after: dt.datetime | None
    to_name: str
    to_email: str | None
    from_name: str | None
    from_email: str | None
    missing: tuple[str, ...] = ()
    warnings: tuple[tone.ToneWarning, ...] = field(default=())
    cautions: tuple[str, ...] = ()
    # The locale the letter writes its dates in (i18n.date_locale): its notes write them so too.
    dates: str = "en"
    # The invoices a reminder stage asks for (remind's collect.invoices), kept with the letter so
    # that each invoice walks its own stages of the ladder.
    invoices: tuple[str, ...] = ()


def default_type(record: Client, style: str = "en") -> str:
    """The latest assessment's recommended letter type; without one, a clear error (its day
    written in the screen's ``style``, i18n.date_style).

    A verdict of keep or repair recommends no letter now (the stored letter type is only the
    one that would fit if it came to an end), so there is no default then either.
    """
    from clientexit.record.lifecycle import calls_for_letter

    latest = context.latest_assessment(record)
    recommended = latest.get("letter_type")
    if not recommended:
        raise UsageError(
            f"{record.name} has no assessment recommending a letter type.",
            f"Give one with --type ({', '.join(catalog.names())}), "
            f"or assess first: clientexit assess {record.slug}",
        )
    verdict = latest.get("verdict")
    if verdict and not calls_for_letter(str(verdict)):
        at = latest.get("at")
        when = f" ({i18n.format_date(at, style)})" if isinstance(at, dt.date) else ""
        raise UsageError(
            f"The latest assessment of {record.name}{when} says {verdict}: "
            "it recommends no letter now.",
            f"To draft one anyway, pass --type (the {recommended} letter would fit, "
            f"e.g. --type {recommended}; or thank-you, feedback-request ...).",
        )
    return str(recommended)


def draft_letter(
    paths: Paths,
    profile: Profile,
    record: Client,
    *,
    now: dt.datetime,
    letter_type: str | None = None,
    lang: str | None = None,
    end_date: dt.date | None = None,
    overrides: Mapping[str, str] | None = None,
    goodwill: str | None = None,
    apology: bool = False,
    alternatives: Iterable[str] = (),
    placeholders: bool = False,
    cooldown: bool = True,
    despite_conduct: bool = False,
    despite_record: bool = False,
    pay_by: dt.date | None = None,
    extra: Mapping[str, object] | None = None,
) -> Draft:
    """Render the letter; missing values are an error listing them all, unless ``placeholders``.

    A letter that invites contact (thank-you, feedback, referral, follow-up) is refused where
    conduct problems are on record, unless ``despite_conduct``: after abuse, safety comes first.
    """
    style = i18n.date_style("en", profile)  # the screen's: refusals write days so
    kind = catalog.get(letter_type or default_type(record, style))
    if kind.drafted_by and extra is None:
        raise UsageError(
            f"The {kind.name} letter is drafted by clientexit {kind.drafted_by}, which fills in "
            "what it needs.",
            f"Use: clientexit {kind.drafted_by} {record.slug} --stage {kind.name}",
        )
    exit_ = record.hostile_exit(now.date())
    if kind.invites_contact and exit_.abusive and not despite_conduct:
        _refuse_after_conduct(kind, record, exit_.abusive)
    if kind.termination:
        _refuse_after_the_end(kind, record, now.date(), bool(exit_.abusive), style)
    if kind.termination and end_date is not None and end_date < now.date():
        raise InvalidValue(
            "end_date",
            end_date,
            f"is in the past (today is {i18n.format_date(now.date(), style)})",
            "A termination letter gives notice of a day still ahead: give today or a later date, "
            "or none for today plus the notice period.",
            what="end date",
        )
    if goodwill is not None and goodwill not in money.GOODWILL:
        raise InvalidValue(
            "goodwill", repr(goodwill), f"is not {' or '.join(money.GOODWILL)}", what="goodwill"
        )
    if kind.name == "payment" and not despite_record:
        _refuse_payment_without_lateness(record, now.date())
    wanted = i18n.choose_language(lang, record, profile)
    ref = render.find_template(paths, kind.name, wanted)
    if lang is not None and ref.lang != wanted:
        _refuse_language(paths, kind.name, wanted)
    days = workdays.calendar(profile.country, record.country, cache=paths.holidays_cache)
    values = context.build_context(
        profile,
        record,
        letter_type=kind.name,
        lang=ref.lang,
        today=now.date(),
        end_date=end_date,
        overrides=overrides,
        goodwill=goodwill,
        apology=apology,
        alternatives=alternatives,
        pay_by=pay_by,
        termination=kind.termination,
        calendar=days,
    )
    shown: dict[str, object] = {**values}
    for key, value in (extra or {}).items():  # a command's own values, e.g. remind's `collect`
        shown[key] = context.Namespace(key, value) if isinstance(value, Mapping) else value
    dates = i18n.date_locale(ref.lang, profile.country, profile.currency)
    result = render.render(ref, shown, str(values["client"]["currency"]), dates)
    if result.missing and not placeholders:
        raise UsageError(
            f"The {kind.name} letter for {record.name} needs values that are missing:\n  "
            + "\n  ".join(context.how_to_give(key, record) for key in result.missing)
            + "\nOr use --placeholders to leave [blanks] to fill in by hand."
        )
    client, me = values["client"], values["me"]
    return Draft(
        letter_type=kind,
        lang=ref.lang,
        requested_lang=wanted,
        text=result.text,
        subject=result.subject,
        body=result.body,
        template=ref,
        end_date=values["end_date"],
        drafted_at=now,
        send_after=now + COOLDOWN if kind.cooldown and cooldown else None,
        to_name=str(context.lookup(client, "contact") or client["name"]),
        to_email=_text(context.lookup(client, "email")),
        from_name=_text(context.lookup(me, "name")),
        from_email=_text(context.lookup(me, "email")),
        missing=result.missing,
        warnings=tuple(tone.check(result.text, ref.lang)),
        cautions=(
            *_cautions(kind, record, apology, now.date(), (ref.lang, dates)),
            *_short_notice(
                kind, record, profile, values["end_date"], now.date(), (ref.lang, dates)
            ),
            *_work_after_end(kind, values["beyond_end"], values["end_date"], (ref.lang, dates)),
            *_early_follow_up(kind, values["end_date"], now.date(), (ref.lang, dates)),
            *_not_a_working_day(kind, days, values, pay_by, (ref.lang, dates)),
            *_foreign_record_text(result.text, ref.lang, values),
            *_sender_gender(ref.lang, profile),
        ),
        dates=dates,
        invoices=_asked_for(extra),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _asked_for(extra: Mapping[str, object] | None) -> tuple[str, ...]:
    collect = (extra or {}).get("collect")
    rows = collect.get("invoices") if isinstance(collect, Mapping) else None
    return tuple(str(row["number"]) for row in rows or ())


def _refuse_payment_without_lateness(record: Client, today: dt.date) -> None:
    """The payment letter ends the work over late payment: only where the record shows some
    (an overdue invoice, one paid late, or a payment incident)."""
    recorded = record.invoices
    if any(inv.was_late(today) for inv in recorded):
        return
    if record.incidents_of("payment"):
        return
    unpaid = [inv for inv in recorded if inv.is_open and inv.balance]
    found = (
        f"{len(unpaid)} open invoice{'s are' if len(unpaid) != 1 else ' is'} not yet due"
        if unpaid
        else "no invoice is overdue"
    )
    raise UsageError(
        f"Not drafting the payment letter for {record.name}: {found}, none was paid late and "
        "no payment incident is logged, so the letter's reason (late payment) would not be true.",
        f"Choose another type (e.g. --type general), record the late payment first "
        f"(clientexit invoice {record.slug} add ..., "
        f"clientexit log {record.slug} add ... --kind payment), "
        "or draft it anyway with --despite-record.",
    )


def _refuse_after_the_end(
    kind: catalog.LetterType,
    record: Client,
    today: dt.date,
    abusive: bool,
    style: str,
) -> None:
    """A termination letter gives notice of an end still ahead: not to a client already gone
    (the end date written in the screen's ``style``, i18n.date_style)."""
    if record.effective_status(today) != "former":
        return
    end = record.end_date
    when = f" on {i18n.format_date(end, style)}" if end else ""
    if abusive:
        after = (
            "After an abusive exit nothing more needs writing: keep any contact short and factual."
        )
    else:
        after = (
            f"After the end, write a thank-you, feedback-request or follow-up letter, "
            f"e.g. clientexit letter {record.slug} -t thank-you"
        )
    raise UsageError(
        f"Not drafting the {kind.name} letter for {record.name}: the work already ended{when} "
        "(former), and a termination letter gives notice of an end still ahead.",
        after,
    )


def _work_after_end(
    kind: catalog.LetterType,
    beyond_end: Iterable[context.Namespace],
    end: dt.date,
    voice: tuple[str, str] = ("en", "en"),
) -> list[str]:
    """Open deliverables due after the end a termination letter announces: the letter promises
    none of them and says they are not part of the handover; the user hears the two ways out
    (``voice``: the letter's language and the locale of its dates)."""
    if not kind.termination:
        return []
    late = [
        (str(context.lookup(item, "what")), due)
        for item in beyond_end
        if isinstance(due := context.lookup(item, "due"), dt.date)
    ]
    if not late:
        return []
    from clientexit.letters.notes import say, shown_date

    lang, dates = voice
    listed = "; ".join(
        say("work_item", lang, what=what, due=shown_date(due, dates)) for what, due in late
    )
    latest = max(due for _, due in late)  # ISO: it is what --end-date takes
    return [
        say(
            "work_after_end",
            lang,
            end=shown_date(end, dates),
            listed=listed,
            latest=latest.isoformat(),
        )
    ]


def _not_a_working_day(
    kind: catalog.LetterType,
    days: workdays.Calendar,
    values: context.LetterContext,
    pay_by: dt.date | None,
    voice: tuple[str, str] = ("en", "en"),
) -> list[str]:
    """An end date or a pay-by date given by hand (or recorded) on a weekend or a public holiday
    is kept, with a warning and the next working day; computed ones are already moved."""
    if not kind.termination:
        return []
    from clientexit.letters.notes import say, shown_date

    lang, dates = voice
    found = []
    for what, option, day in (
        ("what_end_date", "--end-date", values["end_date"]),
        ("what_pay_by", "--pay-by", pay_by),
    ):
        if not isinstance(day, dt.date) or days.why_not(day) is None:
            continue
        holiday = days.holiday(day) if day.weekday() < 5 else None
        if holiday is None:
            from babel.dates import format_date

            weekday = format_date(day, "EEEE", locale=dates)
            reason = say("reason_weekend", lang, weekday=weekday)
        else:
            reason = say("reason_holiday", lang, country=holiday[0], name=holiday[1])
        found.append(
            say(
                "not_working_day",
                lang,
                what=say(what, lang),
                day=shown_date(day, dates),
                reason=reason,
                option=option,
                next=days.next_working_day(day).isoformat(),  # ISO: what the option takes
            )
        )
    return found


def _foreign_record_text(text: str, lang: str, values: context.LetterContext) -> list[str]:
    """Record text the letter quotes (incidents, deliverables, the project phrase, --set and
    custom values) that reads as another language than the letter."""
    from clientexit.letters.record_language import foreign_lines

    quoted = [str(context.lookup(i, "text") or "") for i in values["incidents"]]
    quoted += [str(context.lookup(d, "what") or "") for d in values["deliverables"]]
    quoted += [str(v) for k in values["custom"] if isinstance(v := values["custom"][k], str)]
    quoted.append(str(values.get("project") or ""))
    return foreign_lines(text, lang, quoted)


def _sender_gender(lang: str, profile: Profile) -> list[str]:
    """A Czech letter speaks of its sender in the past tense (rozhodl / rozhodla): without a
    gender in the profile it uses the masculine, and says so once, in Czech, with the fix."""
    if lang != "cs" or profile.gender is not None:
        return []
    from clientexit.letters.notes import say

    return [say("sender_gender", "cs")]


def _early_follow_up(
    kind: catalog.LetterType, end: dt.date, today: dt.date, voice: tuple[str, str] = ("en", "en")
) -> list[str]:
    """The follow-up letter is for about a month after the end (the handover's check-in day)."""
    if kind.name != "follow-up" or (today - end).days >= FOLLOW_UP_EARLIEST_DAYS:
        return []
    from clientexit.letters.notes import say, shown_date

    lang, dates = voice
    check_in = end + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
    return [
        say(
            "early_follow_up",
            lang,
            end=shown_date(end, dates),
            check_in=shown_date(check_in, dates),
        )
    ]


def _short_notice(
    kind: catalog.LetterType,
    record: Client,
    profile: Profile,
    end: dt.date,
    today: dt.date,
    voice: tuple[str, str] = ("en", "en"),
) -> list[str]:
    from clientexit.letters.notes import say, shown_date

    lang, dates = voice
    notice = record.notice(profile)
    if not kind.termination or (end - today).days >= notice:
        return []
    return [
        say(
            "short_notice",
            lang,
            end=shown_date(end, dates),
            days=max((end - today).days, 0),
            notice=notice,
            name=record.name,
            earliest=shown_date(today + dt.timedelta(days=notice), dates),
        )
    ]


def _refuse_language(paths: Paths, name: str, lang: str) -> None:
    """--lang asked for a language with no such letter: an error, not a quiet English letter
    (a client's stored language still falls back to English, and the command says so)."""
    there = sorted({t.lang for t in render.list_templates(paths) if t.name == name})
    raise UsageError(
        f"There is no {name} letter in {lang!r}; there is one in: {', '.join(there)}.",
        f"Use --lang {there[0] if there else 'en'}, or write your own from the English one: "
        f"clientexit templates copy {name} --lang {lang}",
    )


def _refuse_after_conduct(kind: catalog.LetterType, record: Client, reason: str) -> None:
    raise UsageError(
        f"Not drafting a {kind.name} letter for {record.name}: {reason}. After abusive "
        "conduct your safety comes first: keep any further contact short, factual and "
        "about the handover, and invite nothing more.",
        "If you are sure it is safe and wanted, draft it anyway with --despite-conduct.",
    )


def _cautions(
    kind: catalog.LetterType,
    record: Client,
    apology: bool,
    today: dt.date,
    voice: tuple[str, str] = ("en", "en"),
) -> list[str]:
    from clientexit.letters.notes import say

    lang, dates = voice
    found = []
    if kind.name == "abusive" and apology:
        found.append(say("abusive_apology", lang))
    found.extend(fit.cautions(record, kind.name, today, lang, dates))
    return found
