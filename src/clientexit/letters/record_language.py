"""Record text quoted in a letter of another language: an English incident in a Czech letter
reads as pasted in. The lines concerned are pointed out, so that the sender translates them.

The guess is deliberately small: letters only Turkish or Czech use, then common short words.
It says nothing when it is unsure (a name, a number, a short label).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ONLY = {"tr": set("ğışİĞŞı"), "cs": set("ěřůťďňĚŘŮŤĎŇ")}
_SHARED = {"tr": set("çöüÇÖÜ"), "cs": set("ščžýáíéúŠČŽÝÁÍÉÚ")}
_WORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "to",
            "of",
            "for",
            "with",
            "after",
            "before",
            "was",
            "were",
            "is",
            "are",
            "has",
            "have",
            "asked",
            "paid",
            "no",
            "not",
            "a",
            "an",
            "on",
            "in",
            "at",
            "by",
            "from",
            "reply",
            "without",
            "outside",
        ]
    ),
    "tr": frozenset(
        ["ve", "bir", "ile", "için", "bu", "da", "de", "olarak", "sonra", "önce", "gibi", "değil"]
    ),
    "cs": frozenset(
        [
            "a",
            "na",
            "se",
            "je",
            "do",
            "od",
            "po",
            "bez",
            "nad",
            "pro",
            "že",
            "ve",
            "k",
            "o",
            "z",
            "s",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess(text: str) -> str | None:
    """en, tr or cs when ``text`` clearly reads as that language, else None."""
    letters = set(text)
    for lang, own in _ONLY.items():
        if letters & own:
            return lang
    words = [w.lower() for w in _WORD.findall(text)]
    hits = {lang: sum(w in common for w in words) for lang, common in _WORDS.items()}
    # Three or more words without a letter Turkish or Czech would need, and none of their
    # common words: English ("Holiday menu landing page").
    if len(words) >= 3 and text.isascii() and not hits["tr"] and not hits["cs"]:
        return "en"
    if len(words) < 4:
        return None
    scores = {lang: sum(w in common for w in words) for lang, common in _WORDS.items()}
    for lang, shared in _SHARED.items():
        if letters & shared:
            scores[lang] += 2
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] >= 2 and ranked[0] > ranked[1] else None


def foreign_lines(letter: str, lang: str, quoted: Iterable[str]) -> list[str]:
    """A warning per record text in ``quoted`` that the letter prints and that reads as
    another language than ``lang``, naming the line (in ``lang``'s words: letters/notes)."""
    from clientexit.letters.notes import has, say

    found = []
    lines = letter.splitlines()
    for text in dict.fromkeys(t.strip() for t in quoted if t and t.strip()):
        other = guess(text)
        if other is None or other == lang:
            continue
        for number, line in enumerate(lines, start=1):
            if text in line:
                found.append(
                    say(
                        "foreign_text",
                        lang,
                        number=number,
                        other=say(f"language_{other}", lang),
                        lang_name=say(f"language_{lang}", lang)
                        if has(f"language_{lang}")
                        else lang,
                        text=text,
                        code=other,
                    )
                )
                break
    return found
