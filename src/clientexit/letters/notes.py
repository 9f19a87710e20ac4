"""What the letter command says on stderr, in the language of the letter it drafted: the
cautions about the draft and the notes around it. The words are data,
templates/letters/notes.toml (one table per language); a language or a key the file lacks is
said in English."""

from __future__ import annotations

import datetime as dt

NOTES_FILE = "letters/notes.toml"


def say(key: str, lang: str, **values: object) -> str:
    """The note ``key`` in ``lang`` (English where it has no wording), its values filled."""
    from clientexit._resources import phrase

    return phrase(NOTES_FILE, key, lang, **values)


def says(key: str, lang: str) -> bool:
    """Whether ``lang`` has its own wording of ``key`` (not the English one)."""
    from clientexit._resources import has_phrase

    return has_phrase(NOTES_FILE, key, lang)


def has(key: str) -> bool:
    """Whether there is a note ``key`` (a tone kind from a user's list may have none)."""
    from clientexit._resources import has_phrase

    return has_phrase(NOTES_FILE, key)


def shown_date(day: dt.date, dates: str) -> str:
    """A date in a note as the letter writes it (``dates``: its locale, e.g. en_GB or cs)."""
    from clientexit.i18n import format_date

    return format_date(day, dates)


def shown_time(moment: dt.datetime, lang: str, dates: str) -> str:
    """A day and a time of day in a note: "5 December 2026 at 09:30"."""
    return say("at_time", lang, date=shown_date(moment, dates), time=f"{moment:%H:%M}")
