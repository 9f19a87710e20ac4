"""Does a letter type fit the record? One rule for the letters' warnings and, for the
testimonial and referral steps, for the handover checklist (``referral_unsuitable``).

A warm letter after an abusive verdict, a referral request with incidents on file, or a
termination letter against a keep verdict contradicts the assessment or the log: the letter is
still drafted (you decide), with a clear warning naming what to send instead.
"""

from __future__ import annotations

import datetime as dt

from clientexit.record.model import Client

# Letters that thank warmly and invite a call or a reply.
WARM = frozenset({"general", "micro-manager", "scope-creeper", "thank-you", "feedback-request"})
# Incidents on file from which a referral request reads as tone-deaf.
REFERRAL_INCIDENT_LIMIT = 3


def referral_unsuitable(client: Client, today: dt.date) -> str | None:
    """Why asking this client for a testimonial or a referral does not fit, or None: a hostile
    exit (abusive or non-paying), or several incidents on file. The handover checklist can use
    the same rule for its testimonial and referral steps."""
    exit_ = client.hostile_exit(today)
    if exit_.abusive:
        return f"{exit_.abusive}, an abusive exit"
    if exit_.non_paying:
        return f"{exit_.non_paying}, a non-paying exit"
    count = len(client.incidents)
    if count >= REFERRAL_INCIDENT_LIMIT:
        kinds = ", ".join(sorted({i.kind for i in client.incidents if i.kind}))
        return f"{count} incidents are on file ({kinds})"
    return None


_ENDING = frozenset({"general", "payment", "micro-manager", "scope-creeper", "abusive"})


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
    if letter_type == "referral-request":
        reason = referral_unsuitable(client, today)
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
