"""A screen is for the user, in the user's language (issue 19): `followup` lists every client's
steps in the profile's language, or the one --lang names, never in each client's; and the
notes on stderr follow the language of the command's output."""

from __future__ import annotations

from pathlib import Path

import pytest

CZECH = "zelena-louka-s-r-o"  # language = "cs"
TURKISH = "cagri-yazilim-ltd-sti"  # language = "tr"
# The same checklist step (access-inventory) in each language.
INVENTORY = {
    "en": "List every account and service, and decide for each: transfer it, close it, or "
    "leave it accessible.",
    "cs": "Sepište všechny účty a služby a u každého rozhodněte: převést, zrušit, nebo ponechat "
    "přístupný.",
    "tr": "Tüm hesapları ve hizmetleri listeleyin ve her biri için karar verin:",
}


def _ending(cli) -> None:
    for slug in (CZECH, TURKISH):
        ended = cli("end", slug, "--by", "me", "--reason", "Scope", "--date", "2026-12-31")
        assert ended.exit_code == 0, ended.stderr


def _steps(cli, *args: str) -> str:
    shown = cli("followup", *args)
    assert shown.exit_code == 0, shown.stderr
    return " ".join(shown.stdout.split())


def test_followup_lists_every_clients_steps_in_the_users_language(cli, examples_home: Path) -> None:
    _ending(cli)
    for listing in (_steps(cli), _steps(cli, CZECH), _steps(cli, TURKISH)):
        assert INVENTORY["en"] in listing
        assert INVENTORY["cs"] not in listing and INVENTORY["tr"] not in listing
    both = _steps(cli)
    assert both.count(INVENTORY["en"]) == 2  # the Czech client's and the Turkish client's


@pytest.mark.parametrize("lang", ["cs", "tr"])
def test_followup_lang_puts_every_clients_steps_in_that_language(
    cli, examples_home: Path, lang: str
) -> None:
    _ending(cli)
    listing = _steps(cli, "--lang", lang)
    assert listing.count(INVENTORY[lang]) == 2
    assert INVENTORY["en"] not in listing
    one = _steps(cli, CZECH, "--lang", lang)
    assert INVENTORY[lang] in one and INVENTORY["en"] not in one


def test_a_czech_profile_reads_followup_in_czech(cli, examples_home: Path) -> None:
    _ending(cli)
    path = examples_home / "config.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('language = "en"', 'language = "cs"'),
        encoding="utf-8",
    )
    listing = _steps(cli)
    assert listing.count(INVENTORY["cs"]) == 2
    assert INVENTORY["en"] not in listing and INVENTORY["tr"] not in listing


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        (
            CZECH,
            [
                "Hotovo: transition-status, transition-ongoing",
                "Znovu otevřeno: results-summary",
                "Poznámka u kroku transition-status je uložená.",
                "Poznámka u kroku transition-status je odstraněná.",
                "Kontrolní seznam pro klienta Zelená Louka s.r.o. je uložený v souboru",
            ],
        ),
        (
            TURKISH,
            [
                "Tamamlandı: transition-status, transition-ongoing",
                "Yeniden açıldı: results-summary",
                "transition-status adımına not kaydedildi.",
                "transition-status adımındaki not silindi.",
                "Çağrı Yazılım Ltd. Şti. için kontrol listesi",
            ],
        ),
        (
            "northwind-bakery",
            [
                "Done: transition-status, transition-ongoing",
                "Not done again: results-summary",
                "Note saved on transition-status.",
                "Note removed from transition-status.",
                "Wrote the checklist for Northwind Bakery to",
            ],
        ),
    ],
    ids=["cs", "tr", "en"],
)
def test_handover_notes_follow_the_checklists_language(
    cli, examples_home: Path, tmp_path: Path, slug: str, said: list[str]
) -> None:
    _ending(cli)
    if slug == "northwind-bakery":
        cli("end", slug, "--by", "me", "--reason", "Late payment", "--date", "2026-12-31")
    steps = [
        ("--done", "results-summary"),
        ("--done", "transition-status,transition-ongoing", "--undo", "results-summary"),
        ("--note", "transition-status", "Sent on Monday"),
        ("--note", "transition-status", ""),
        ("--format", "markdown", "--out", str(tmp_path / "copy.md")),
    ]
    notes = []
    for step in steps:
        done = cli("handover", slug, *step)
        assert done.exit_code == 0, done.stderr
        notes.append(" ".join(done.stderr.split()))
    heard = " ".join(notes[1:])
    for sentence in said:
        assert sentence in heard
    english = ("Done:", "Note saved", "Wrote the checklist")
    if slug != "northwind-bakery":
        assert not any(word in heard for word in english), heard


@pytest.mark.parametrize(
    ("lang", "text", "counted", "none"),
    [
        ("cs", "Vždycky platíte pozdě.\n", "Varování k tónu: 1.", "Žádná varování k tónu."),
        ("tr", "Her zaman geç ödüyorsunuz.\n", "1 ton uyarısı.", "Ton uyarısı yok."),
        ("en", "You always pay late.\n", "1 tone warning(s).", "No tone warnings."),
    ],
)
def test_the_tone_checks_count_is_said_in_the_language_checked(
    cli, home: Path, tmp_path: Path, lang: str, text: str, counted: str, none: str
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    found = cli("check", str(draft), "--lang", lang)
    assert found.exit_code == 0, found.stderr
    assert found.stderr.strip() == counted
    draft.write_text("Dobrý den. Merhaba. Hello.\n", encoding="utf-8")
    clean = cli("check", str(draft), "--lang", lang)
    assert clean.stderr.strip() == none
