"""What remind says on stderr about the reminder it drafts, in the letter's language: the
words are data (templates/collect/notes.toml), dates written as the letter writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NOTES_FILE = "collect/notes.toml"


@dataclass(frozen=True)
class Voice:
    """The language of the notes and the locale of their dates (i18n.date_style)."""

    lang: str = "en"
    dates: str = "en_GB"

    def say(self, key: str, **values: object) -> str:
        """The note ``key`` in this language (English where it has none), values filled."""
        from clientexit._resources import phrase

        return phrase(NOTES_FILE, key, self.lang, **values)

    def day(self, value: dt.date) -> str:
        """A date as the letter writes it: 10 December 2026, 10. prosince 2026."""
        from clientexit.i18n import format_date

        return format_date(value, self.dates)

    def money(self, amount: float, currency: str) -> str:
        """An amount in a note as `interest` and the letter write it: £14.68, 14,68 £."""
        from clientexit.i18n import format_money

        return format_money(amount, currency, self.lang)


def no_claim_note(
    where: str,
    reason: str | None,
    who: str,
    lang: str,
    english: str,
    detail: tuple[tuple[str, str], ...] = (),
) -> str:
    """Why the letter or the statement (``where``: "letter", "statement") claims no interest,
    in ``lang`` where the notes word the law's ``reason`` (law.Governing.reason) for client
    ``who``, with the reason's ``detail`` (law.Governing.detail: a ``country`` also gets its
    name in ``lang``); else ``english``, the law's own words."""
    from clientexit._resources import has_phrase

    key = f"why_{reason}"
    lang = lang.split("_")[0]
    if reason is None or lang == "en" or not has_phrase(NOTES_FILE, key, lang):
        return english
    values = dict(detail)
    if "country" in values:
        from babel import Locale

        names = Locale(lang).territories
        values["country_name"] = str(names.get(values["country"], values["country"]))
    voice = Voice(lang)
    return voice.say(f"no_claim_{where}", why=voice.say(key, who=who, **values))
