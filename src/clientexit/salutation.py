"""The greeting line of a letter, as a native writer of each language opens a formal one.

    en  Dear Tom Becker,
    tr  Sayın Çağrı Demir,
    cs  Vážený pane Nováku, / Vážená paní Nováková,   (vocative of the surname, via vokativ)
        Dobrý den,                                    (when the sex cannot be told)

Other languages get the name alone ("Hans Müller,"): a user template in a language clientexit
does not know writes its own greeting around it.
"""

from __future__ import annotations

import re

# Letters of Czech words; a name with any other letter (Ç, ğ, ü...) is not declined.
_CZECH_WORD = re.compile(r"^[a-záčďéěíňóřšťúůýž]+(?:-[a-záčďéěíňóřšťúůýž]+)*$", re.IGNORECASE)
_CZECH_NEUTRAL = "Dobrý den,"


def salutation(contact: str, lang: str, *, placeholder: bool = False) -> str:
    """The opening line addressed to ``contact`` in ``lang``.

    ``placeholder`` says ``contact`` is a blank such as "[Client contact name]" for the user to
    fill in: it is kept as written, with the greeting around it.
    """
    name = " ".join(contact.split())
    if lang == "en":
        return f"Dear {name},"
    if lang == "tr":
        return f"Sayın {name},"
    if lang == "cs":
        if placeholder:
            return f"Vážená paní / Vážený pane {name},"
        return _czech(name)
    return f"{name},"


def _czech(name: str) -> str:
    """Vážený pane / Vážená paní + the surname in the vocative; "Dobrý den," if unsure."""
    words = [w for w in name.replace(",", " ").split() if not w.endswith(".")]  # Ing., Ph.D.
    if not words or not all(_CZECH_WORD.match(w) for w in words):
        return _CZECH_NEUTRAL
    from vokativ import sex, vokativ

    surname = words[-1]
    kind = sex(surname)
    # A first name that points the other way (or a lone word) leaves the sex unclear.
    if len(words) < 2 or sex(words[0]) != kind:
        return _CZECH_NEUTRAL
    if kind == "w":
        return f"Vážená paní {_capitalise(vokativ(surname, woman=True, last_name=True))},"
    return f"Vážený pane {_capitalise(vokativ(surname, woman=False, last_name=True))},"


def _capitalise(word: str) -> str:
    """vokativ answers in lower case: "dvořáku" -> "Dvořáku", "nováková-svobodová" too."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
