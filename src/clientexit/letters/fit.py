"""Does a letter type fit the record? The testimonial and referral rule is the record's
(``Client.referral_unsuitable``), so the handover checklist gives the same advice.

A warm letter after an abusive verdict, a referral request with incidents on file, or a
termination letter against a keep verdict contradicts the assessment or the log: the letter is
still drafted (you decide), with a clear warning naming what to send instead.
"""

from __future__ import annotations

import datetime as dt

from clientexit.record.model import Client

# Letters that thank warmly and invite a call or a reply.
WARM = frozenset({"general", "micro-manager", "scope-creeper", "thank-you", "feedback-request"})


_ENDING = frozenset({"general", "payment", "micro-manager", "scope-creeper", "abusive"})
# Letters written after the work, which say nothing about money.
_AFTER_WORK = frozenset({"thank-you", "feedback-request", "follow-up"})


def cautions(
    client: Client, letter_type: str, today: dt.date, lang: str = "en", dates: str | None = None
) -> list[str]:
    """The warnings for drafting ``letter_type`` to ``client``: where it contradicts the
    latest verdict or the logged conduct, with what to send instead (in ``lang`` where the
    notes have its wording; dates in the locale ``dates``, else ``lang``'s)."""
    from clientexit.letters.notes import say, shown_date

    name, slug = client.name, client.slug
    found: list[str] = []
    latest = client.latest_assessment
    verdict = latest.verdict if latest else None
    recommended = latest.letter_type if latest else None
    at = latest.at if latest else None
    when = f" ({shown_date(at, dates or lang)})" if isinstance(at, dt.date) else ""
    if recommended == "abusive" and letter_type in WARM:
        found.append(
            say("warm_after_abuse", lang, when=when, name=name, letter_type=letter_type, slug=slug)
        )
    elif verdict in ("keep", "repair") and letter_type in _ENDING:
        verdict_word = say(f"verdict_{verdict}", lang)
        found.append(
            say("no_ending_now", lang, when=when, name=name, verdict=verdict_word, slug=slug)
        )
    if letter_type in _AFTER_WORK:
        found.extend(_money_overdue(client, letter_type, today, lang))
    if letter_type == "referral-request":
        found.extend(_referral(client, today, lang))
    return found


def _referral(client: Client, today: dt.date, lang: str) -> list[str]:
    """A referral request to a client it does not suit (Client.referral_unsuitable). English
    quotes the record's own reason; other languages name its kind (abusive or non-paying exit,
    incidents on file) in their words."""
    from clientexit.letters.notes import say, says

    name = client.name
    reason = client.referral_unsuitable(today)
    if reason:
        exit_ = client.hostile_exit(today)
        kind = "abusive" if exit_.abusive else "non_paying" if exit_.non_paying else "incidents"
        if says(f"referral_reason_{kind}", lang):
            reason = say(f"referral_reason_{kind}", lang, name=name, count=len(client.incidents))
        return [say("referral_unsuitable", lang, name=name, reason=reason)]
    if client.incidents:
        count = len(client.incidents)
        key = "referral_incidents_one" if count == 1 else "referral_incidents_many"
        return [say(key, lang, name=name, count=count)]
    return []


def _money_overdue(client: Client, letter_type: str, today: dt.date, lang: str) -> list[str]:
    """A warm letter after the work, to a client who still owes overdue money: the letter says
    nothing about it, so the user hears it before sending."""
    overdue = client.overdue(today)
    if not overdue:
        return []
    from clientexit.letters.notes import say

    key = "money_overdue_many" if len(overdue) > 1 else "money_overdue_one"
    numbers = ", ".join(str(inv.number) for inv in overdue)
    return [
        say(
            key,
            lang,
            name=client.name,
            count=len(overdue),
            numbers=numbers,
            letter_type=letter_type,
            slug=client.slug,
        )
    ]
