"""The tone check: blame, absolutes and shouting in a letter, each with a factual alternative.

It only warns; it never changes or blocks a letter. The phrases are data in
templates/tone/<lang>.toml (English when a language has no list of its own).

Matching ignores case (Turkish I/ı/İ/i included, and the "i̇" that "İ".lower() leaves) and
compares text in NFC, so decomposed accents (ř written as r + ˇ) still match. A word of a phrase
ending in ``*`` matches any ending, for languages that inflect: "vaš* chyb*" finds "vaší chybou".
"""

from __future__ import annotations

import re
import unicodedata
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


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    kind: str
    suggestion: str


@dataclass(frozen=True)
class _Rules:
    phrases: tuple[_Rule, ...]
    shout_letters: int
    shout_run: int
    shout_allow: frozenset[str]
    shout_suggestion: str


def tone_file(lang: str) -> Path:
    """The phrase list for ``lang``, else the English one."""
    folder = templates_dir() / "tone"
    path = folder / f"{language_code(lang, 'the phrase list language')}.toml"
    return path if path.is_file() else folder / f"{DEFAULT_LANGUAGE}.toml"


# IGNORECASE already pairs I/ı/İ/i; "İ".lower() gives "i" + a combining dot above.
_DOTTED_I = "(?:[iIıİ]\u0307?)"


def _word_pattern(word: str) -> str:
    stem, wildcard = (word[:-1], True) if word.endswith("*") and len(word) > 1 else (word, False)
    body = "".join(_DOTTED_I if ch in "iIıİ" else re.escape(ch) for ch in stem)
    return body + (r"[^\W\d_]*" if wildcard else "")


def _phrase_pattern(text: str) -> re.Pattern[str]:
    # Word boundaries only where the phrase starts or ends with a letter, so "!!" still matches.
    text = unicodedata.normalize("NFC", text)
    body = r"\s+".join(_word_pattern(part) for part in text.split())
    start = r"(?<!\w)" if text[:1].isalnum() else ""
    end = r"(?!\w)" if text.rstrip("*")[-1:].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


@cache
def _load(path: Path) -> _Rules:
    data = read_toml(path)
    try:
        phrases = tuple(
            _Rule(_phrase_pattern(p["text"]), p.get("kind", "tone"), p["suggest"])
            for p in data.get("phrase", [])
        )
        shouting = data.get("shouting", {})
        return _Rules(
            phrases,
            int(shouting.get("min_letters", 5)),
            int(shouting.get("min_words", 2)),
            frozenset(shouting.get("allow", [])),
            str(shouting.get("suggest", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(
            f"{path}: a [[phrase]] needs text and suggest ({exc}).", "Fix the file by hand."
        ) from None


def _shouting(line: str, rules: _Rules) -> list[re.Match[str]]:
    """Runs of capitals: one long all-caps word, or several short ones in a row."""
    found: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for match in [*_WORD.finditer(line), None]:
        word = match.group() if match else ""
        caps = len(word) >= 2 and word.isupper() and word not in rules.shout_allow
        if caps and match:
            run.append(match)
            continue
        if len(run) >= rules.shout_run or any(len(m.group()) >= rules.shout_letters for m in run):
            found.append(run[0])
        run = []
    return found


def check(text: str, lang: str = DEFAULT_LANGUAGE) -> list[ToneWarning]:
    """Every tone warning in ``text``, in reading order."""
    rules = _load(tone_file(lang))
    warnings: list[ToneWarning] = []
    for number, line in enumerate(unicodedata.normalize("NFC", text).splitlines(), start=1):
        for rule in rules.phrases:
            for match in rule.pattern.finditer(line):
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
