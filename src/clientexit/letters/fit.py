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


def cautions(client: Client, letter_type: str, today: dt.date) -> list[str]:
    """The warnings for drafting ``letter_type`` to ``client``: where it contradicts the
    latest verdict or the logged conduct, with what to send instead."""
    name, slug = client.name, client.slug
    found: list[str] = []
    latest = client.latest_assessment
    verdict = latest.verdict if latest else None
    recommended = latest.letter_type if latest else None
    when = f" ({latest.at:%Y-%m-%d})" if latest and isinstance(latest.at, dt.date) else ""
    if recommended == "abusive" and letter_type in WARM:
        found.append(
            f"The latest assessment{when} of {name} recommends the abusive letter: this "
            f"{letter_type} letter is warm and invites a reply. After abusive conduct keep it "
            f"short and factual: clientexit letter {slug} -t abusive."
        )
    elif verdict in ("keep", "repair") and letter_type in _ENDING:
        found.append(
            f"The latest assessment{when} of {name} says {verdict}: it recommends no ending "
            f"letter now. Reassess first if things changed: clientexit assess {slug}."
        )
    if letter_type in _AFTER_WORK:
        found.extend(_money_overdue(client, letter_type, today))
    if letter_type == "referral-request":
        reason = client.referral_unsuitable(today)
        if reason:
            found.append(
                f"Do not send this referral request as it stands: for {name} {reason}. A "
                "testimonial or referral request suits a relationship that ended well (the "
                "handover checklist leaves it out too); send a short thank-you, or nothing."
            )
        elif client.incidents:
            count = len(client.incidents)
            found.append(
                f"A referral request suits a relationship that ended well; {name} has {count} "
                f"recorded incident{'s' if count != 1 else ''}. Consider a thank-you instead."
            )
    return found


def _money_overdue(client: Client, letter_type: str, today: dt.date) -> list[str]:
    """A warm letter after the work, to a client who still owes overdue money: the letter says
    nothing about it, so the user hears it before sending."""
    overdue = client.overdue(today)
    if not overdue:
        return []
    numbers = ", ".join(str(inv.number) for inv in overdue)
    several = len(overdue) > 1
    return [
        f"{client.name} still has {len(overdue)} overdue invoice{'s' if several else ''} "
        f"({numbers}): this {letter_type} letter does not mention {'them' if several else 'it'}. "
        "Settle the payment first (clientexit remind "
        f"{client.slug}), or wait to send this until it is paid."
    ]
