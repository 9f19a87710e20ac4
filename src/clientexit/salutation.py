"""The greeting line of a letter, as a native writer of each language opens a formal one.

    en  Dear Tom,  / Dear Dr Becker,                 (first name; title and surname with a title)
    tr  Sayın Çağrı Demir,
    cs  Vážený pane Nováku, / Vážená paní Nováková,   (vocative of the surname, via vokativ)
        Vážená paní Yıldırım,                         (a woman's given name, Czech or foreign)
        Vážený pane inženýre, / Vážená paní doktorko, (an academic title before the name)
        Dobrý den,                                    (not a person's name, or a given name
                                                       that is not a Czech man's nor a woman's)

Other languages get the name alone ("Hans Müller,"): a user template in a language clientexit
does not know writes its own greeting around it.
"""

from __future__ import annotations

import re
from functools import cache

# Letters of Czech words; a name with any other letter (Ç, ğ, ü...) is not declined.
# Matched against the lower-cased word (IGNORECASE would let the Turkish ı pass as i).
_CZECH_WORD = re.compile(r"^[a-záčďéěíňóřšťúůýž]+(?:-[a-záčďéěíňóřšťúůýž]+)*$")
_CZECH_NEUTRAL = "Dobrý den,"
# A Czech letter addresses the holder of a title by it, the highest one when there are several
# ("prof. Ing. Jan Dvořák" -> "pane profesore"): title -> (rank, a man's form, a woman's form).
_DOCTOR = (3, "doktore", "doktorko")
_TITLES: dict[str, tuple[int, str, str]] = {
    "prof": (5, "profesore", "profesorko"),
    "doc": (4, "docente", "docentko"),
    **dict.fromkeys(
        ("mudr", "judr", "phdr", "rndr", "mvdr", "pharmdr", "paeddr", "thdr", "mddr"), _DOCTOR
    ),
    "ing": (2, "inženýre", "inženýrko"),
    "mgr": (2, "magistře", "magistro"),
    "mga": (2, "magistře", "magistro"),
    "bc": (1, "bakaláři", "bakalářko"),
    "bca": (1, "bakaláři", "bakalářko"),
}
# Words naming a department or a team, not a person: "Účetní oddělení", "Obchodní tým".
_NOT_A_PERSON = frozenset(
    "oddělení tým týmu účtárna účetní fakturace sekretariát recepce kancelář vedení podpora "  # noqa: SIM905
    "podpory zákaznická zákaznické obchodní obchod provoz nákup personální marketing redakce "
    "administrativa helpdesk servis info team support office accounts billing sales".split()
)


def salutation(contact: str, lang: str, *, placeholder: bool = False, formal: bool = False) -> str:
    """The opening line addressed to ``contact`` in ``lang``.

    ``placeholder`` says ``contact`` is a blank such as "[Client contact name]" for the user to
    fill in: it is kept as written, with the greeting around it. ``formal`` (a final notice, a
    demand): never a first name, but title and surname, else the full name.
    """
    name = " ".join(contact.split())
    if lang == "en":
        return f"Dear {name if placeholder else _english(name, formal=formal)},"
    if lang == "tr":
        return f"Sayın {name},"
    if lang == "cs":
        if placeholder:
            return f"Vážená paní / Vážený pane {name},"
        return _czech(name)
    return f"{name},"


def _czech(name: str) -> str:
    """Vážený pane / Vážená paní + the title or the surname in the vocative; "Dobrý den,"
    when ``name`` is not a person's first and last name, or the sex is not known (see
    ``czech_sex``)."""
    tokens = name.split(",")[0].split()  # after a comma come Ph.D., CSc., MBA
    titles = [_TITLES[t.rstrip(".").lower()] for t in tokens if t.rstrip(".").lower() in _TITLES]
    words = [t for t in tokens if not t.endswith(".") and t.lower() not in _TITLES]
    kind = _sex(words)
    if kind is None:
        return _CZECH_NEUTRAL
    woman = kind == "f"
    if titles:
        _, man_form, woman_form = max(titles)
        return f"Vážená paní {woman_form}," if woman else f"Vážený pane {man_form},"
    if woman:
        # A woman's surname keeps its form in the vocative: paní Nováková, paní Yıldırım.
        return f"Vážená paní {_capitalise_word(words[-1])},"
    from vokativ import vokativ

    called = _capitalise(vokativ(words[-1], woman=False, last_name=True))
    return f"Vážený pane {called},"


def czech_sex(contact: str) -> str | None:
    """ "m" or "f" for a contact a Czech letter may address as a man or a woman, else None (a
    department, a lone word, or a given name that does not say): a man only by a Czech man's
    given name, a woman by a woman's given name (Czech or foreign) or a Czech woman's surname
    (-ová, -á)."""
    tokens = " ".join(contact.split()).split(",")[0].split()
    return _sex([t for t in tokens if not t.endswith(".") and t.lower() not in _TITLES])


def _sex(words: list[str]) -> str | None:
    if not _person(words):
        return None
    names = _given_names()
    given, surname = _fold(words[0]), words[-1]
    if given in names["czech_men"]:
        # Declining a surname needs Czech letters; a woman's surname contradicts the name.
        if _womans_surname(surname) or not all(_CZECH_WORD.match(w.lower()) for w in words):
            return None
        return "m"
    if given in names["women"]:
        return "f"
    if surname.lower().endswith(("ová", "á")) and _womans_surname(surname):
        from vokativ import sex

        return "f" if sex(words[0]) == "w" else None
    return None


def _womans_surname(surname: str) -> bool:
    # vokativ (a pickled name list, ~2 ms to load) only for a name that may be Czech: most
    # letters are to someone else.
    if _CZECH_WORD.match(surname.lower()) is None:
        return False
    from vokativ import sex

    return bool(sex(surname) == "w")


@cache
def _given_names() -> dict[str, frozenset[str]]:
    """templates/names/given-names.toml, folded for look-up."""
    import tomllib

    from clientexit._resources import templates_dir

    with (templates_dir() / "names" / "given-names.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {key: frozenset(_fold(n) for n in data[key]) for key in ("czech_men", "women")}


def _fold(word: str) -> str:
    """ "Jiří" and "JIRI" -> "jiri": given names compared without case or diacritics."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_EN_TITLES = frozenset(["dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "ing", "mgr"])


def _english(name: str, *, formal: bool = False) -> str:
    """ "Tom" for Tom Becker, "Dr Becker" for Dr Tom Becker: English letters greet a person by
    the first name, or by title and surname when a title is given; a team by its full name.
    ``formal``: "Tom Becker", never the first name alone."""
    tokens = name.split(",")[0].split()
    titles = [t for t in tokens if t.rstrip(".").lower() in _EN_TITLES]
    words = [t for t in tokens if t not in titles]
    person = (
        2 <= len(words) <= 3
        and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in _NOT_A_PERSON for w in words)
    )
    if not person:
        return name
    if titles:
        return f"{titles[0]} {words[-1]}"
    return " ".join(words) if formal else words[0]


def _person(words: list[str]) -> bool:
    """A first name and a surname (a middle name at most), each a capitalised word of letters
    and none naming a department: "Petr Novák", "Petr NOVÁK" or "Elif Yıldırım", not "Účetní
    oddělení" or a lone "Nováková"."""
    return (
        2 <= len(words) <= 3
        and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
        and all(_capitalised(part) for w in words for part in w.split("-"))
        and not any(w.lower() in _NOT_A_PERSON for w in words)
    )


def _capitalised(word: str) -> bool:
    return word.isupper() or (word[:1].isupper() and word[1:].islower())


def _capitalise_word(word: str) -> str:
    """ "NOVÁKOVÁ" -> "Nováková"; a name written in mixed case is kept as written."""
    return _capitalise(word.lower()) if word.isupper() else word


def _capitalise(word: str) -> str:
    """vokativ answers in lower case: "dvořáku" -> "Dvořáku", "nováková-svobodová" too."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
