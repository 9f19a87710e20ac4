"""The tone check: blame, absolutes and shouting, with line numbers; clientexit check FILE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit.letters import tone

LETTER = """Subject: About the invoices

Dear Tom,
You always pay late and, frankly, you are difficult to work with.
This is NOT ACCEPTABLE. Under GDPR I must return your data.
It is Your   Fault!!
Regards
"""


def test_finds_blame_absolutes_heat_and_shouting_with_positions() -> None:
    found = [(w.line, w.column, w.kind, w.found) for w in tone.check(LETTER)]
    assert found == [
        (4, 1, "absolute", "You always"),
        (4, 26, "heat", "frankly"),
        (4, 43, "blame", "difficult to work with"),
        (5, 9, "shouting", "NOT"),
        (6, 7, "blame", "Your   Fault"),
        (6, 19, "heat", "!!"),
    ]
    assert all(w.suggestion for w in tone.check(LETTER))


def test_whole_words_only_and_allowed_acronyms() -> None:
    assert tone.check("Your invoices are always welcome; GDPR and HTML, PDF.\n") == []
    assert tone.check("Send the PDF to the CMS.") == []
    assert [w.found for w in tone.check("Please note: URGENT.")] == ["URGENT"]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("The new plugin is useless.", "blame", "useless"),
        ("That was a stupid request.", "blame", "stupid"),
        ("Only an idiot would ask that.", "blame", "idiot"),
        ("You are a nightmare client.", "blame", "nightmare"),
        ("Obviously the brief was unclear.", "condescension", "Obviously"),
        ("You should have read the brief.", "condescension", "You should have read"),
        ("You should’ve asked first.", "condescension", "You should’ve asked"),
        ("you should have known", "condescension", "you should have known"),
        ("As you should know, the fee is due.", "condescension", "As you should know"),
        ("Pay the invoice NOW.", "shouting", "NOW"),
        ("This is NOT included.", "shouting", "NOT"),
    ],
)
def test_insults_condescension_and_short_shouts(text: str, kind: str, found: str) -> None:
    assert [(w.kind, w.found) for w in tone.check(text)] == [(kind, found)]


def test_short_capitals_that_are_not_shouting_pass() -> None:
    assert tone.check("Now that the work is done, the CEO has the PDF and the DNS is moved.") == []
    polite = "You should have received my invoice; you should have it by Friday, as agreed."
    assert tone.check(polite) == []


def test_unknown_language_uses_the_english_list() -> None:
    assert tone.tone_file("xx").name == "en.toml"
    assert [w.kind for w in tone.check("you never reply", "xx")] == ["absolute"]


def test_check_command_reports_and_exits_zero(cli, home: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(LETTER, encoding="utf-8")
    result = cli("check", str(draft))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f'{draft}:4:1: absolute: "You always" -> ')
    assert "6 tone warning(s)" in result.stderr


def test_check_strict_and_json(cli, home: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Thank you for everything.\n", encoding="utf-8")
    assert cli("check", str(draft), "--strict").exit_code == 0
    draft.write_text("you never replied\n", encoding="utf-8")
    assert cli("check", str(draft), "--strict").exit_code == 1
    result = cli("check", str(draft), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "line": 1,
            "column": 1,
            "found": "you never",
            "kind": "absolute",
            "suggestion": tone.check("you never")[0].suggestion,
        }
    ]


def test_check_reads_stdin_and_reports_missing_files(cli, home: Path, tmp_path: Path) -> None:
    result = cli("check", "-", input="all fine\nYOU NEVER LISTEN\n")
    assert result.exit_code == 0
    assert "-:2:1: absolute" in result.stdout and "shouting" in result.stdout
    missing = cli("check", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 3
    assert "no such file" in missing.stderr


def _texts_for(phrase: str) -> list[str]:
    """Sentences that hold ``phrase`` (its wildcards filled in), in several casings."""
    words = []
    for word in phrase.split():
        if word == "...":
            words.append("iki yeni")
            continue
        choice = word.split("|")[-1] if len(word) > 1 and "|" in word else word
        if len(choice) > 1 and choice.startswith("*"):
            choice = "ödü" + choice[1:]
        if len(choice) > 1 and choice.endswith("*"):
            choice = choice[:-1] + "ou"
        words.append(choice)
    base = "Dobrý den, " + " ".join(words) + " — thanks."
    turkish_upper = base.replace("i", "İ").replace("ı", "I").upper()
    return [base, base.upper(), base.title(), turkish_upper, base.lower(), base.casefold()]


@pytest.mark.parametrize("lang", tone.phrase_languages())
def test_skipping_phrases_a_text_cannot_hold_never_changes_the_findings(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit._store import read_toml

    phrases = [p["text"] for p in read_toml(tone.tone_file(lang))["phrase"]]
    texts = [t for phrase in phrases for t in _texts_for(phrase)]
    fast = [tone.check(text, lang, also=tone.phrase_languages()) for text in texts]
    assert sum(map(len, fast)) >= len(phrases)  # the texts do hold the phrases
    monkeypatch.setattr(tone._Rule, "may_match", lambda self, folded: True)
    every = [tone.check(text, lang, also=tone.phrase_languages()) for text in texts]
    assert fast == every


def test_a_letter_compiles_only_the_phrases_it_may_hold() -> None:
    tone._load.cache_clear()  # rules compiled by earlier tests stay compiled
    tone.check("Dear Tom, thank you for the work this year. Regards", "en")
    rules = tone._load(tone.tone_file("en")).phrases
    compiled = [r for r in rules if r._pattern is not None]
    assert len(compiled) < len(rules) / 2
