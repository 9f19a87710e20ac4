"""The tone check: blame, absolutes and shouting in a letter, each with a factual alternative.

It only warns; it never changes or blocks a letter. The phrases are data in
templates/tone/<lang>.toml (English when a language has no list of its own).

Matching ignores case (Turkish I/ı/İ/i included, and the "i̇" that "İ".lower() leaves) and
compares text in NFC, so decomposed accents (ř written as r + ˇ) still match. A word of a phrase
ending in ``*`` matches any ending, for languages that inflect: "vaš* chyb*" finds "vaší chybou".
A word starting with ``*`` matches any beginning ("*yorsunuz" finds "ödüyorsunuz"), ``a|b``
matches either word, and ``...`` stands for up to three other words of the same clause (no
punctuation in between): "hep ... *yorsunuz" finds "Hep geç kalıyorsunuz". Turkish and Czech
usually say "you" in the verb's ending alone, so blame is an adverb plus such an ending. A
phrase's ``unless`` lists words that make a match harmless ("vždy mi můžete napsat").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clientexit._errors import DataFileError
from clientexit._resources import templates_dir
from clientexit._store import read_toml
from clientexit.i18n import DEFAULT_LANGUAGE, language_code

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class ToneWarning:
    """One finding: where it is (1-based line and column), what was found, what to write instead."""

    line: int
    column: int
    found: str
    kind: str
    suggestion: str

    def as_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "found": self.found,
            "kind": self.kind,
            "suggestion": self.suggestion,
        }


class _Rule:
    """One phrase of a list. Its regular expressions are compiled the first time a text holds
    every literal piece of the phrase (``needles``): most letters hold few of the phrases, and
    compiling all of them took longer than the rest of the check (~13 ms a letter)."""

    __slots__ = (
        "_harmless",
        "_pattern",
        "harmless_source",
        "kind",
        "needles",
        "source",
        "suggestion",
    )

    def __init__(
        self,
        source: str,
        kind: str,
        suggestion: str,
        harmless_source: str | None,
        needles: tuple[str, ...],
    ) -> None:
        self.source, self.kind, self.suggestion = source, kind, suggestion
        self.harmless_source, self.needles = harmless_source, needles
        self._pattern: re.Pattern[str] | None = None
        self._harmless: re.Pattern[str] | None = None

    def may_match(self, folded: str) -> bool:
        """False when ``folded`` (the text, casefolded) cannot hold a match: a piece is missing."""
        return all(needle in folded for needle in self.needles)

    def findings(self, line: str) -> list[re.Match[str]]:
        if self._pattern is None:
            self._pattern = re.compile(self.source, re.IGNORECASE)
        found = list(self._pattern.finditer(line))
        if found and self.harmless_source is not None:
            if self._harmless is None:
                self._harmless = re.compile(self.harmless_source, re.IGNORECASE)
            harmless = self._harmless
            found = [m for m in found if not harmless.search(m.group())]
        return found


class _Rules:
    __slots__ = (
        "phrases",
        "shout_allow",
        "shout_letters",
        "shout_run",
        "shout_suggestion",
        "shout_words",
    )

    def __init__(
        self,
        phrases: tuple[_Rule, ...],
        shout_letters: int,
        shout_run: int,
        shout_allow: frozenset[str],
        shout_words: frozenset[str],  # short words that are shouting alone ("Pay NOW")
        shout_suggestion: str,
    ) -> None:
        self.phrases, self.shout_letters, self.shout_run = phrases, shout_letters, shout_run
        self.shout_allow, self.shout_words = shout_allow, shout_words
        self.shout_suggestion = shout_suggestion


def tone_file(lang: str) -> Path:
    """The phrase list for ``lang``, else the English one."""
    folder = templates_dir() / "tone"
    path = folder / f"{language_code(lang, 'the phrase list language')}.toml"
    return path if path.is_file() else folder / f"{DEFAULT_LANGUAGE}.toml"


# IGNORECASE already pairs I/ı/İ/i; "İ".lower() gives "i" + a combining dot above.
_DOTTED_I = "(?:[iIıİ]\u0307?)"
_LETTER = r"(?:[^\W\d_]|\u0307)"  # a letter, or the dot that "İ".lower() leaves
_GAP = "..."
# Up to three more words (letters, an apostrophe inside) between two words of a phrase.
_GAP_PATTERN = rf"(?:\s+{_LETTER}+(?:['’]{_LETTER}+)?){{0,3}}"


def _one_word(word: str) -> str:
    head = len(word) > 1 and word.startswith("*")
    tail = len(word) > 1 and word.endswith("*")
    stem = word[1 if head else 0 : -1 if tail else None]
    body = "".join(_DOTTED_I if ch in "iIıİ" else re.escape(ch) for ch in stem)
    return (_LETTER + "*" if head else "") + body + (_LETTER + "*" if tail else "")


def _word_pattern(word: str) -> str:
    choices = [w for w in word.split("|") if w] if len(word) > 1 else [word]
    if len(choices) == 1:
        return _one_word(choices[0])
    return "(?:" + "|".join(_one_word(w) for w in choices) + ")"


def _phrase_pattern(text: str) -> str:
    """The regular expression for one phrase of the data file (see the module docstring)."""
    words = unicodedata.normalize("NFC", text).split()
    if not words:
        raise ValueError("a phrase's text is empty")
    if _GAP in (words[0], words[-1]):
        raise ValueError(f"{text!r}: '...' only stands between two words")
    body = ""
    for word in words:
        if word == _GAP:
            body += _GAP_PATTERN
        else:
            body += (r"\s+" if body else "") + _word_pattern(word)
    # Word boundaries only where the phrase starts or ends with a letter, so "!!" still matches.
    start = r"(?<!\w)" if words[0].lstrip("*")[:1].isalnum() else ""
    end = r"(?!\w)" if words[-1].rstrip("*")[-1:].isalnum() else ""
    return start + body + end


_DOTTED_LETTERS = re.compile("[iIıİ]")


def _needles(text: str) -> tuple[str, ...]:
    """The literal pieces every match of the phrase ``text`` holds, casefolded: each word's stem
    without its ``*``, cut at the letters _DOTTED_I stands for (they match more than one
    letter). A word with ``|`` choices and the ``...`` gap give none."""
    pieces = []
    for word in unicodedata.normalize("NFC", text).split():
        if word == _GAP or (len(word) > 1 and "|" in word):
            continue
        head = len(word) > 1 and word.startswith("*")
        tail = len(word) > 1 and word.endswith("*")
        stem = word[1 if head else 0 : -1 if tail else None]
        pieces += [p.casefold() for p in _DOTTED_LETTERS.split(stem) if p]
    return tuple(pieces)


def _rule(phrase: Mapping[str, object]) -> _Rule:
    """One [[phrase]]: text, kind, suggest, and ``unless``, words that make a match harmless
    ("vždy ... *ete" is blame, "vždy mi můžete napsat" is not)."""
    unless = phrase.get("unless") or []
    words = (
        [unless] if isinstance(unless, str) else list(unless) if isinstance(unless, list) else []
    )
    harmless = None
    if words:
        choices = "|".join(_word_pattern(unicodedata.normalize("NFC", str(w))) for w in words)
        harmless = rf"(?<!\w)(?:{choices})(?!\w)"
    text = phrase["text"]
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    return _Rule(
        _phrase_pattern(text),
        str(phrase.get("kind", "tone")),
        str(phrase["suggest"]),
        harmless,
        _needles(text),
    )


@cache
def _load(path: Path) -> _Rules:
    data = read_toml(path)
    try:
        phrases = tuple(_rule(p) for p in data.get("phrase", []))
        shouting = data.get("shouting", {})
        return _Rules(
            phrases,
            int(shouting.get("min_letters", 5)),
            int(shouting.get("min_words", 2)),
            frozenset(shouting.get("allow", [])),
            frozenset(shouting.get("words", [])),
            str(shouting.get("suggest", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(
            f"{path}: a [[phrase]] needs text and suggest, and text must be a phrase ({exc}).",
            "Fix the file by hand.",
        ) from None


def _code(line: str, match: re.Match[str]) -> bool:
    """Capitals that are part of a code, not shouting: an invoice number ("2026-TR-04") or a
    currency code before an amount ("TRY 1,234.50")."""
    before = line[match.start() - 1 : match.start()]
    after = line[match.end() : match.end() + 2]
    if before in ("-", "/") or before.isdigit() or after[:1] in ("-", "/") or after[:1].isdigit():
        return True
    return len(match.group()) == 3 and after[:1] in (" ", "\xa0") and after[1:2].isdigit()


def _shouting(line: str, rules: _Rules) -> list[re.Match[str]]:
    """Runs of capitals: one long all-caps word, several short ones in a row, or one of the
    short words that are only ever capitalised to shout ("Pay NOW")."""
    found: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for match in [*_WORD.finditer(line), None]:
        word = match.group() if match else ""
        caps = len(word) >= 2 and word.isupper() and word not in rules.shout_allow
        if caps and match and _code(line, match):
            caps = False
        if caps and match:
            run.append(match)
            continue
        if len(run) >= rules.shout_run or any(
            len(m.group()) >= rules.shout_letters or m.group() in rules.shout_words for m in run
        ):
            found.append(run[0])
        run = []
    return found


class _Spans:
    """Disjoint spans of a line already found, kept sorted so that checking a new one against
    them is a binary search: a scan of every span made a one-line 1 MB draft quadratic."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Record [start, end) and say True, or say False when it overlaps a recorded span."""
        at = bisect.bisect_right(self._starts, start)
        if at and self._ends[at - 1] > start:
            return False
        if at < len(self._starts) and self._starts[at] < end:
            return False
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        return True


def phrase_languages() -> tuple[str, ...]:
    """The languages with a phrase list of their own (templates/tone/<lang>.toml)."""
    return tuple(sorted(p.stem for p in (templates_dir() / "tone").glob("*.toml")))


def check(
    text: str, lang: str = DEFAULT_LANGUAGE, *, also: Iterable[str] = ()
) -> list[ToneWarning]:
    """Every tone warning in ``text``, in reading order. Where two phrases find the same words,
    the one listed first in the data file speaks: "Siz her zaman geç ödüyorsunuz" is one finding.

    ``also`` adds the phrases of other languages (after ``lang``'s), for a text whose language
    is not known; shouting is judged by ``lang``'s list alone.
    """
    main = tone_file(lang)
    rules = _load(main)
    phrases = rules.phrases + tuple(
        rule
        for path in dict.fromkeys(tone_file(other) for other in also)
        if path != main
        for rule in _load(path).phrases
    )
    normal = unicodedata.normalize("NFC", text)
    folded = normal.casefold()
    phrases = tuple(rule for rule in phrases if rule.may_match(folded))
    warnings: list[ToneWarning] = []
    for number, line in enumerate(normal.splitlines(), start=1):
        taken = _Spans()
        for rule in phrases:
            for match in rule.findings(line):
                if not taken.add(match.start(), match.end()):
                    continue
                warnings.append(
                    ToneWarning(
                        number, match.start() + 1, match.group(), rule.kind, rule.suggestion
                    )
                )
        for match in _shouting(line, rules):
            warnings.append(
                ToneWarning(
                    number, match.start() + 1, match.group(), "shouting", rules.shout_suggestion
                )
            )
    return sorted(warnings, key=lambda w: (w.line, w.column))


def format_warning(warning: ToneWarning, where: str) -> str:
    """``where:LINE:COL: kind: "found" -> suggestion`` (the shape linters use)."""
    return (
        f"{where}:{warning.line}:{warning.column}: {warning.kind}: "
        f'"{warning.found}" -> {warning.suggestion}'
    )
