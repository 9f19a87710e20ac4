"""The assessment in the freelancer's language: the same phrases and question ids in every
language, --lang or the profile's language, dates and money as the language writes them."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from clientexit._resources import examples_dir, templates_dir
from clientexit.assess.rubric import languages, load_rubric

ANSWERS = examples_dir() / "answers" / "northwind-bakery.toml"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _file(lang: str) -> dict:
    path = templates_dir() / "assess" / f"{lang}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_assessment_speaks_english_turkish_and_czech() -> None:
    assert languages() == ("cs", "en", "tr")


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_every_language_has_the_same_phrases_and_placeholders(lang: str) -> None:
    english, translated = _file("en")["phrases"], _file(lang)["phrases"]
    assert set(translated) == set(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(translated[key])) == set(PLACEHOLDER.findall(text)), key


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_every_language_asks_every_question_of_the_rubric(lang: str) -> None:
    rubric = tomllib.loads((templates_dir() / "rubric.toml").read_text(encoding="utf-8"))
    text = _file(lang)["rubric"]
    assert set(text["categories"]) == set(rubric["categories"])
    assert set(text["flags"]) == {f["id"] for f in rubric["flags"]}
    assert all(set(t) == {"question", "explanation"} for t in text["flags"].values())
    assert set(text["economics"]) == {q["id"] for q in rubric["economics"]}
    assert set(text["outlook"]) == {q["id"] for q in rubric["outlook"]}
    assert all(set(t) == {"question", "low", "high"} for t in text["outlook"].values())
    assert set(text["rate_bands"]) == {b["id"] for b in rubric["rate_bands"]}
    english, translated = load_rubric(), load_rubric(lang=lang)
    for a, b in zip(english.flags, translated.flags, strict=True):
        assert (a.id, a.weight, a.letter) == (b.id, b.weight, b.letter)
        assert a.question != b.question  # translated, not left in English


def test_lang_tr_gives_the_report_in_turkish_with_turkish_dates_and_money(
    cli, examples_home: Path
) -> None:
    result = cli("assess", "northwind-bakery", "--answers", str(ANSWERS), "--lang", "tr")
    assert result.exit_code == 0, result.stderr
    out = result.stdout.replace("\u00a0", " ")  # Babel separates with no-break spaces
    assert out.startswith("Northwind Bakery değerlendirmesi (25 Kasım 2026)")
    assert "Gerçek saatlik ücret: 61,90 €/saat, hedef 85,00 €/saat (%73)" in out
    assert "en erken bitiş tarihi 9 Aralık 2026." in " ".join(out.split())
    assert "Koşullar açık olmasına rağmen faturaları geç ödüyor (her zaman)" in out
    data = json.loads(
        cli(
            "assess", "northwind-bakery", "--answers", str(ANSWERS), "--lang", "tr", "--json"
        ).stdout
    )
    assert data["verdict"] == "prepare_exit" and data["rate_band"] == "investigate"  # ids stay
    assert "Uyarı puanı 40: gerçek sorunlar." in data["reasons"]


def test_the_profiles_language_is_the_default(cli, examples_home: Path) -> None:
    config = examples_home / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "en"', 'language = "cs"'),
        encoding="utf-8",
    )
    result = cli("assess", "northwind-bakery", "--answers", str(ANSWERS))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Posouzení: Northwind Bakery (25. listopadu 2026)")
    assert "61,90 €/h při cíli 85,00 €/h (73 %)" in result.stdout.replace("\u00a0", " ")
    english = cli("assess", "northwind-bakery", "--answers", str(ANSWERS), "--lang", "en")
    assert english.stdout.startswith("Assessment of Northwind Bakery (25 November 2026)")


def test_a_language_the_assessment_does_not_speak(cli, examples_home: Path) -> None:
    before = (examples_home / "clients" / "northwind-bakery.toml").read_bytes()
    result = cli("assess", "northwind-bakery", "--answers", str(ANSWERS), "--lang", "de")
    assert result.exit_code == 2 and result.stdout == ""
    assert "not available in 'de'; it is in: cs, en, tr." in result.stderr
    assert (examples_home / "clients" / "northwind-bakery.toml").read_bytes() == before
    config = examples_home / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "en"', 'language = "de"'),
        encoding="utf-8",
    )
    fallback = cli("assess", "northwind-bakery", "--answers", str(ANSWERS))
    assert fallback.exit_code == 0, fallback.stderr
    assert "not available in 'de' (your profile's language): English." in fallback.stderr
    assert fallback.stdout.startswith("Assessment of Northwind Bakery")


# Codes the commands use, never words of a Turkish or Czech report (outside a command to type).
ENGLISH_CODES = re.compile(
    r"\b(?:keep|repair|prepare_exit|exit_now|at-risk|active|ending|former|payment|general|"
    r"micro-manager|scope-creeper|abusive|Saved in the history)\b"
)


@pytest.mark.parametrize(
    ("lang", "verdict", "letter", "status", "saved"),
    [
        ("cs", "Verdikt: připravit konec: naplánujte", "Vhodný dopis: výpověď kvůli opožděným "
         "platbám", "Stav klienta: ohrožený.", "Uloženo do historie klienta Northwind Bakery"),
        ("tr", "Karar: ayrılığa hazırlanın: sakin", "Uygun mektup: geciken ödemeler nedeniyle "
         "fesih mektubu", "Müşteri durumu: risk altında.", "Northwind Bakery (northwind-bakery) "
         "müşterisinin geçmişine kaydedildi."),
    ],
)  # fmt: skip
def test_a_turkish_or_czech_report_shows_no_english_codes(
    cli, examples_home: Path, lang: str, verdict: str, letter: str, status: str, saved: str
) -> None:
    result = cli("assess", "northwind-bakery", "--answers", str(ANSWERS), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    for sentence in (verdict, letter, status):
        assert sentence in out
    assert saved in " ".join(result.stderr.split())  # the note on stderr is in the language too
    words = re.sub(r"(?:clientexit|letter) [^.)]*", "", result.stdout + result.stderr)
    assert ENGLISH_CODES.findall(words) == []


@pytest.mark.parametrize(
    ("lang", "since", "created"),
    [
        ("cs", "Od posledního posouzení (25. listopadu 2026): skóre ±0, efektivní sazba "
         "±0,00 €, předchozí verdikt „připravit konec“.",
         "Klient Mlýn Praha s.r.o. ještě nebyl v záznamech: vytvořen jako mlyn-praha-s-r-o."),
        ("tr", "Son değerlendirmeden bu yana (25 Kasım 2026): puan ±0, gerçek saatlik ücret "
         "±0,00 €, önceki karar “ayrılığa hazırlanın”.",
         "Mlýn Praha s.r.o. henüz kayıtlı değildi: mlyn-praha-s-r-o oluşturuldu."),
        ("en", "Since the last assessment (25 November 2026): score ±0, effective rate ±€0.00, "
         "verdict was prepare_exit.",
         "Mlýn Praha s.r.o. was not recorded yet: created mlyn-praha-s-r-o."),
    ],
)  # fmt: skip
def test_a_second_assessment_and_a_new_client_are_told_in_the_reports_language(
    cli, examples_home: Path, lang: str, since: str, created: str
) -> None:
    args = ("assess", "Mlýn Praha s.r.o.", "--answers", str(ANSWERS), "--lang", lang)
    first = cli(*args)
    assert first.exit_code == 0, first.stderr
    assert created in " ".join(first.stderr.split())
    again = cli(*args)
    assert since in " ".join(again.stdout.split())
