"""The letter types clientexit can draft, and what sets each apart. Adding a type = a row here
plus a template templates/letters/en/<name>.txt.j2."""

from __future__ import annotations

from dataclasses import dataclass

from clientexit._errors import NotFoundError


@dataclass(frozen=True)
class LetterType:
    """One kind of letter: its template name, whether it ends the relationship, a line of help."""

    name: str
    summary: str
    termination: bool
    cooldown: bool  # suggest sleeping on it before sending
    # A friendly letter asking for a reply: refused where conduct problems are on record (an
    # abusive exit puts safety first), unless the user insists.
    invites_contact: bool = False
    # A letter drafted by another command, which supplies its values (the reminder ladder's
    # stages: clientexit remind): `letter --type` names that command instead.
    drafted_by: str | None = None


LETTER_TYPES: tuple[LetterType, ...] = (
    LetterType(
        "general",
        "End the relationship: a transition to work closer to your direction.",
        termination=True,
        cooldown=True,
    ),
    LetterType(
        "payment",
        "End it over repeated late payment: invoices, dates, amounts, pay first.",
        termination=True,
        cooldown=True,
    ),
    LetterType(
        "micro-manager",
        "End it over incompatible working styles; suggest a hands-on provider.",
        termination=True,
        cooldown=True,
    ),
    LetterType(
        "scope-creeper",
        "End it citing logged scope expansions and their effect on quality.",
        termination=True,
        cooldown=True,
    ),
    LetterType(
        "abusive",
        "Short and factual: end date, final materials and invoice, no debate.",
        termination=True,
        cooldown=False,
    ),
    LetterType(
        "thank-you",
        "A personal thank-you naming good moments and results.",
        termination=False,
        cooldown=False,
        invites_contact=True,
    ),
    LetterType(
        "feedback-request",
        "A short exit survey: what they valued, support, advice.",
        termination=False,
        cooldown=False,
        invites_contact=True,
    ),
    LetterType(
        "referral-request",
        "Ask for a testimonial or referral (only when it ended well).",
        termination=False,
        cooldown=False,
        invites_contact=True,
    ),
    LetterType(
        "follow-up",
        "About a month later: is everything working, can they access it all.",
        termination=False,
        cooldown=False,
        invites_contact=True,
    ),
)

# The reminder ladder's stages (templates/collect/ladder.toml), drafted by clientexit remind.
REMINDER_TYPES: tuple[LetterType, ...] = (
    LetterType(
        "friendly-reminder",
        "Reminder ladder: a friendly nudge shortly after the due date.",
        termination=False,
        cooldown=False,
        drafted_by="remind",
    ),
    LetterType(
        "firm-reminder",
        "Reminder ladder: a firm reminder naming the invoices and a pay-by date.",
        termination=False,
        cooldown=False,
        drafted_by="remind",
    ),
    LetterType(
        "work-paused",
        "Reminder ladder: work is paused until payment, saying exactly what pauses.",
        termination=False,
        cooldown=True,
        drafted_by="remind",
    ),
    LetterType(
        "final-notice",
        "Reminder ladder: the final notice, saying what happens next (interest, a demand).",
        termination=False,
        cooldown=True,
        drafted_by="remind",
    ),
    LetterType(
        "formal-demand",
        "Reminder ladder: a letter before action for the client's country.",
        termination=False,
        cooldown=True,
        drafted_by="remind",
    ),
)
LETTER_TYPES = LETTER_TYPES + REMINDER_TYPES

_BY_NAME = {t.name: t for t in LETTER_TYPES}


def names() -> list[str]:
    """Every letter type's name, in catalogue order."""
    return [t.name for t in LETTER_TYPES]


def get(name: str) -> LetterType:
    """The letter type called ``name``; an unknown name lists the valid ones."""
    found = _BY_NAME.get(name.strip().lower())
    if found is None:
        raise NotFoundError(
            f"There is no letter type {name!r}.",
            f"Choose one of: {', '.join(names())} (see clientexit templates list).",
        )
    return found
