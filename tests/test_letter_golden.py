"""Golden files pin the exact text of every built-in letter for one example client.

After an intended change to a template (or to an example client it uses), regenerate them with
    UPDATE_GOLDEN=1 python -m pytest tests/test_letter_golden.py
and review the diff of tests/golden/letters/ before committing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from clientexit import clients, config
from clientexit._paths import Paths
from clientexit.letters import catalog, draft

GOLDEN = Path(__file__).parent / "golden" / "letters"
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)

# Each type with the example client it fits and the options that exercise its optional parts.
CASES: dict[str, tuple[str, dict]] = {
    "general": (
        "kestrel-analytics",
        {"apology": True, "goodwill": "refund", "alternatives": ["Studio Nord", "Pixelwerk"]},
    ),
    "payment": (
        "northwind-bakery",
        {
            "goodwill": "waive",
            "overrides": {
                "late_fee": "interest of 8 percentage points above the ECB reference rate and "
                "a fixed sum of €40 per invoice (EU Directive 2011/7/EU)"
            },
        },
    ),
    "micro-manager": ("kestrel-analytics", {"alternatives": ["Hands-On Dev Co"]}),
    "scope-creeper": ("brightpath-marketing", {"end_date": dt.date(2026, 12, 31)}),
    "abusive": ("halvorsen-freight", {}),
    "thank-you": ("fjord-coffee", {"overrides": {"highlight": "the spring subscription launch"}}),
    "feedback-request": ("fjord-coffee", {}),
    "referral-request": ("fjord-coffee", {}),
    "follow-up": ("larkspur-events", {}),
}


def test_every_type_has_a_golden_case() -> None:
    # The reminder ladder's stages have theirs in every language: tests/test_ladder_letters.py.
    assert sorted(CASES) == sorted(set(catalog.names()) - {t.name for t in catalog.REMINDER_TYPES})


@pytest.mark.parametrize("letter_type", sorted(CASES))
def test_builtin_letter_matches_golden_file(examples_home: Path, letter_type: str) -> None:
    slug, options = CASES[letter_type]
    paths = Paths(examples_home)
    letter = draft.draft_letter(
        paths,
        config.require_profile(paths),
        clients.load(paths, slug),
        now=NOW,
        letter_type=letter_type,
        **options,
    )
    _matches(GOLDEN / f"{letter_type}.txt", letter)


# Every type in Turkish and Czech, for the example client who writes that language (a Turkish
# man; a Czech woman, written to by a woman): what a native reader reads, pinned.
NATIVE = {"tr": "cagri-yazilim-ltd-sti", "cs": "zelena-louka-s-r-o"}
NATIVE_OPTIONS: dict[str, dict] = {
    "general": {"apology": True, "alternatives": ["Studio Nord", "Pixelwerk"]},
    "payment": {"goodwill": "waive"},
    "micro-manager": {"alternatives": ["Hands-On Dev Co"]},
    "scope-creeper": {"end_date": dt.date(2026, 12, 31)},
}
# The thank-you's highlight, in the letter's language.
HIGHLIGHT = {
    "tr": "portal giriş ekranının yayına alınması",
    "cs": "spuštění nových šablon e-shopu",
}


@pytest.mark.parametrize("lang", sorted(NATIVE))
@pytest.mark.parametrize("letter_type", sorted(CASES))
def test_builtin_letter_in_turkish_and_czech_matches_golden_file(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    paths = Paths(examples_home)
    options = dict(NATIVE_OPTIONS.get(letter_type, {}))
    if letter_type == "thank-you":
        options["overrides"] = {"highlight": HIGHLIGHT[lang]}
    letter = draft.draft_letter(
        paths,
        config.require_profile(paths),
        clients.load(paths, NATIVE[lang]),
        now=NOW,
        letter_type=letter_type,
        lang=lang,
        **options,
    )
    _matches(GOLDEN / f"{letter_type}.{lang}.txt", letter)


def _matches(golden: Path, letter: draft.Draft) -> None:
    """The letter is exactly its golden file (with UPDATE_GOLDEN set: the file is rewritten)."""
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        if not golden.is_file() or golden.read_text(encoding="utf-8") != letter.text:
            golden.write_text(letter.text, encoding="utf-8")
            pytest.fail(f"rewrote {golden.name}; review the diff, then run without UPDATE_GOLDEN")
    assert golden.is_file(), f"no golden file; run with UPDATE_GOLDEN=1 to create {golden}"
    assert letter.text == golden.read_text(encoding="utf-8")
    assert letter.missing == ()
