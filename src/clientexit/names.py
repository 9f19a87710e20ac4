"""Client names and the file slugs made from them; no name can point outside clients/."""

from __future__ import annotations

import re
import unicodedata

from clientexit._errors import UsageError

MAX_NAME_LENGTH = 200
MAX_SLUG_LENGTH = 60

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names Windows reserves for devices, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
# Words a client group takes in the client's place, each with the command it runs
# (cli/_grammar.ClientGroup.ROUTED): a client with one of them as its slug could never be
# named there, so none is created (tests/test_command_grammar.py keeps the two in step).
COMMAND_WORDS = {"import": "clientexit invoice import FILE"}


def clean_name(name: str) -> str:
    """Normalise a client's display name, or raise UsageError saying what is wrong with it."""
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise UsageError("A client name cannot be empty.", 'Give a name, e.g. "Acme Ltd".')
    if len(text) > MAX_NAME_LENGTH:
        raise UsageError(
            f"That client name is {len(text)} characters long; the limit is {MAX_NAME_LENGTH}.",
            "Use a shorter name (you can keep the full one in --project or notes).",
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise UsageError("A client name cannot contain line breaks or control characters.")
    return " ".join(text.split())


def same_name(a: str, b: str) -> bool:
    """Whether two display names mean the same client (case and spacing aside)."""
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    """A display name with case and spacing set aside, to compare or look names up by."""
    # Turkish dotless ı and dotted İ: Işık, IŞIK and ışık are one name (casefold alone makes
    # "işık", "işik" and "ışık").
    text = " ".join(name.split()).translate(_TURKISH_I).casefold()
    return text.replace("i\u0307", "i")


_TURKISH_I = str.maketrans({"ı": "i", "İ": "i"})


def slugify_name(name: str) -> str:
    """A readable ASCII slug for ``name``: "Çağrı Yazılım Ltd. Şti." -> "cagri-yazilim-ltd-sti"."""
    from slugify import slugify

    slug = slugify(clean_name(name), max_length=MAX_SLUG_LENGTH, word_boundary=True)
    if not slug:
        raise UsageError(
            f"The name {name!r} has no letters or digits to make a file name from.",
            "Use a name with at least one letter or digit.",
        )
    if slug in _RESERVED:
        slug = f"{slug}-client"
    return slug


def refuse_command_word(display: str, slug: str) -> None:
    """UsageError when a new client's slug would be a word the command grammar takes in a
    client's place (`invoice import FILE`), saying why and what to do instead."""
    command = COMMAND_WORDS.get(slug)
    if command is not None:
        raise UsageError(
            f"A client cannot be called {display!r}: after `clientexit invoice`, {slug!r} "
            f"means the import ({command}), so the client could never be named there.",
            f'Give it a longer name, e.g. "{display} Ltd".',
        )


def is_slug(text: str) -> bool:
    """Whether ``text`` is already a well-formed slug (and so safe as a file name)."""
    return bool(_SLUG.match(text)) and len(text) <= MAX_SLUG_LENGTH + 8 and text not in _RESERVED
