"""The Turkish dative of a name, for "… Lindqvist Design & Development'a … borcu bulunmaktadır".

Turkish writes a case ending after an apostrophe on a proper name, and the ending follows the
name's last vowel as it is spoken: front (e, i, ö, ü) takes 'e, back (a, ı, o, u) takes 'a,
with a y between two vowels. English words are spoken with a reduced last vowel that Turkish
hears as ı ("Development'a", "Design'a"), except in endings such as -ing or -ic
("Consulting'e"); those endings are listed, the rest follows the spelling.
"""

from __future__ import annotations

import re

_FRONT = set("eiöü")
_TURKISH_LETTERS = set("çğıöşü")
_BACK = set("aıou")
# English endings whose last vowel Turkish hears as ı (back) or as i (front).
_SPOKEN_BACK = ("ment", "tion", "sion", "ness", "ign", "er", "or", "on", "en", "al", "el", "le")
_SPOKEN_FRONT = ("ing", "ity", "ic", "ics", "ist", "ive")


def dative(name: str) -> str:
    """``name`` with its dative ending: "Demir" -> "Demir'e", "Studio" -> "Studio'ya",
    "Lindqvist Design & Development" -> "Lindqvist Design & Development'a"."""
    words = re.findall(r"[^\W\d_]+", name)
    if not words:
        return f"{name}'a"
    word = words[-1].replace("I", "ı").replace("İ", "i").lower()
    foreign = not _TURKISH_LETTERS & set(word)  # "Özer", "Müller" follow their spelling
    if foreign and word.endswith(_SPOKEN_FRONT):
        return f"{name}'e"
    if foreign and len(word) > 3 and word.endswith(_SPOKEN_BACK):
        return f"{name}'a"
    vowels = [c for c in word if c in _FRONT or c in _BACK]
    front = bool(vowels) and vowels[-1] in _FRONT
    ends_in_vowel = word[-1] in _FRONT or word[-1] in _BACK
    return f"{name}'{'y' if ends_in_vowel else ''}{'e' if front else 'a'}"
