"""The tone check in Turkish and Czech: blame and absolute phrases, I/ı/İ/i, accents, endings."""

from __future__ import annotations

import unicodedata

import pytest

from clientexit.letters import tone


@pytest.mark.parametrize(
    ("lang", "text", "kind", "found"),
    [
        ("tr", "Siz her zaman geç ödüyorsunuz.", "absolute", "Siz her zaman"),
        ("tr", "Bu ödemeyi asla zamanında yapmadınız.", "absolute", "asla"),
        ("tr", "Gecikme sizin hatanızdır.", "blame", "sizin hatanızdır"),
        ("tr", "SİZİN HATANIZ yüzünden gecikti.", "blame", "SİZİN HATANIZ"),
        ("tr", "Çalışması zor bir müşterisiniz.", "blame", "Çalışması zor"),
        ("tr", "Açıkçası bu iş böyle yürümez.", "heat", "Açıkçası"),
        ("tr", "Bu durum kabul edilemez.", "blame", "kabul edilemez"),
        ("cs", "Vy vždycky platíte pozdě.", "absolute", "Vy vždycky"),
        ("cs", "Nikdy jste neodpověděli.", "absolute", "Nikdy"),
        ("cs", "Je to vaše chyba.", "blame", "vaše chyba"),
        ("cs", "Stalo se to Vaší chybou.", "blame", "Vaší chybou"),
        ("cs", "Je těžké s Vámi spolupracovat.", "blame", "Je těžké s Vámi spolupracovat"),
        ("cs", "Abych byla upřímná, nevím.", "heat", "Abych byla upřímná"),
        ("cs", "To je NEPŘIJATELNÉ.", "blame", "NEPŘIJATELNÉ"),
    ],
)
def test_flags_turkish_and_czech_phrases(lang: str, text: str, kind: str, found: str) -> None:
    warnings = [w for w in tone.check(text, lang) if w.kind != "shouting"]
    assert [(w.kind, w.found) for w in warnings] == [(kind, found)]
    assert warnings[0].column == text.index(found) + 1
    assert warnings[0].suggestion


def test_turkish_i_forms_match_whatever_the_case_mapping() -> None:
    # Python's "İ".lower() leaves "i" + a combining dot; a Turkish keyboard writes İ and ı.
    lowered = "SİZİN HATANIZ".lower()
    assert "\u0307" in lowered
    assert [w.kind for w in tone.check(lowered, "tr")] == ["blame"]
    assert [w.kind for w in tone.check("sızın hatanız", "tr")] == ["blame"]


def test_decomposed_czech_accents_still_match() -> None:
    text = unicodedata.normalize("NFD", "Je to vaše chyba a vy vždycky tvrdíte opak.")
    assert text != unicodedata.normalize("NFC", text)
    assert [w.kind for w in tone.check(text, "cs")] == ["blame", "absolute"]


def test_whole_words_only_in_turkish_and_czech() -> None:
    assert tone.check("Aslan gibi bir ekip; her zaman yardımcı olurum.", "tr") == []
    assert tone.check("Nikdo nic nenamítal; chybějící soubory doplním.", "cs") == []
    assert tone.check("Fatura KDV dahil, IBAN ekte.", "tr") == []
    assert tone.check("Cena je včetně DPH, IČO uvádím níže.", "cs") == []


def test_each_language_has_its_own_list() -> None:
    assert tone.tone_file("tr").name == "tr.toml" and tone.tone_file("cs").name == "cs.toml"
    assert tone.check("you never reply", "tr") == []  # the English list is not used for tr
    assert tone.check("asla", "en") == []
