"""The tone check in Turkish and Czech: blame and absolute phrases, I/ı/İ/i, accents, endings."""

from __future__ import annotations

import unicodedata

import pytest

from clientexit._errors import DataFileError
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


# Turkish and Czech say "you" in the verb's ending: blame needs no pronoun.
@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("tr", "Her zaman geç ödüyorsunuz.", "Her zaman geç ödüyorsunuz"),
        ("tr", "Hep geç kalıyorsunuz", "Hep geç kalıyorsunuz"),
        ("tr", "Faturaları hep geç ödediniz.", "hep geç ödediniz"),
        ("tr", "Devamlı son dakikada değiştiriyorsunuz.", "Devamlı son dakikada değiştiriyorsunuz"),
        ("tr", "HEP GEÇ KALIYORSUNUZ".lower(), "HEP GEÇ KALIYORSUNUZ".lower()),
        ("cs", "Vždycky platíte pozdě.", "Vždycky platíte"),
        ("cs", "Pořád něco měníte", "Pořád něco měníte"),
        ("cs", "Nikdy neodpovídáte", "Nikdy"),
        ("cs", "Platíte vždycky pozdě.", "Platíte vždycky"),
        ("cs", "Věčně jste něco měnili.", "Věčně jste"),
        # the informal "you" (sen, ty) says it in the singular ending
        ("tr", "Sen hep geç ödüyorsun.", "hep geç ödüyorsun"),
        ("tr", "Her zaman son dakikada değiştiriyorsun", "Her zaman son dakikada değiştiriyorsun"),
        ("tr", "Sen hep geç ödedin.", "Sen hep geç ödedin"),
        ("tr", "Hep geç ödemezsin.", "Hep geç ödemezsin"),
        ("cs", "Ty vždycky platíš pozdě.", "Ty vždycky"),
        ("cs", "Vždycky platíš pozdě.", "Vždycky platíš"),
        ("cs", "Pořád něco měníš", "Pořád něco měníš"),
        ("cs", "Pořád jsi něco měnil.", "Pořád jsi"),
    ],
)
def test_blame_in_the_verb_ending_warns(lang: str, text: str, found: str) -> None:
    warnings = tone.check(text, lang)
    assert [(w.kind, w.found) for w in warnings] == [("absolute", found)]
    assert warnings[0].column == text.index(found) + 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Her zaman yardımcı olmaya hazırım."),
        ("tr", "Hep birlikte çalıştık ve çok şey öğrendim."),
        ("tr", "Sorularınız için her zaman bana ulaşabilirsiniz."),
        ("tr", "Her zaman kendiniz karar verebilirsiniz."),
        ("tr", "Her zaman, ödediğiniz gün makbuz gönderirim."),
        ("cs", "Vždy rád pomohu."),
        ("cs", "Vždy se na mě můžete obrátit."),
        ("cs", "Vždyť víte, jak to chodí."),
        ("cs", "Vždy, když budete potřebovat, napište."),
        ("cs", "Soubory jsem pořádně uspořádal; děkuji, že čtete."),
        ("tr", "Hep birlikte bütün dosyaları satın aldık."),
        ("tr", "Sen her şeyi ödedin, teşekkürler."),
        ("tr", "Her zaman bana ulaşabilirsin."),
        ("cs", "Vždy Váš, Petr"),
        ("cs", "Vždy je to příliš drahé."),
        ("cs", "Vždy náš tým rád pomůže."),
        ("cs", "Vždy mi můžeš napsat."),
    ],
)
def test_ordinary_sentences_with_an_adverb_do_not_warn(lang: str, text: str) -> None:
    assert tone.check(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "kind", "found"),
    [
        ("tr", "Bu rapor işe yaramaz.", "blame", "işe yaramaz"),
        ("tr", "Aptalca bir istek.", "blame", "Aptalca"),
        ("tr", "Tam bir kabus müşterisiniz.", "blame", "kabus"),
        ("tr", "Bunu bilmeniz besbelli.", "condescension", "besbelli"),
        ("tr", "Brifi okumalıydınız.", "condescension", "okumalıydınız"),
        ("tr", "Lütfen ACİL ödeyin.", "shouting", "ACİL"),
        ("cs", "To je hloupý nápad.", "blame", "hloupý"),
        ("cs", "Jste noční můra každého dodavatele.", "blame", "noční můra"),
        ("cs", "Očividně jste to nečetli.", "condescension", "Očividně"),
        ("cs", "Měl jste to vědět.", "condescension", "Měl jste to vědět"),
        ("cs", "Zaplaťte TEĎ.", "shouting", "TEĎ"),
    ],
)
def test_insults_condescension_and_short_shouts(lang: str, text: str, kind: str, found: str):
    assert [(w.kind, w.found) for w in tone.check(text, lang)] == [(kind, found)]


def test_check_without_lang_finds_phrases_of_every_language(cli, examples_home) -> None:
    # The examples' profile says English; the draft is Turkish.
    text = "Her zaman geç ödüyorsunuz.\n"
    found = cli("check", "-", input=text)
    assert found.exit_code == 0
    assert found.stdout.startswith('-:1:1: absolute: "Her zaman geç ödüyorsunuz" -> Olayları')
    assert cli("check", "-", "--lang", "tr", input=text).stdout == found.stdout
    assert cli("check", "-", "--lang", "en", input=text).stdout == ""  # one list when named
    out = cli("check", "-", input="Ty vždycky platíš pozdě. You never reply.\n").stdout
    assert ['"Ty vždycky" -> Uveďte' in out, '"You never" -> Say what' in out] == [True, True]


def test_check_without_lang_judges_shouting_in_the_profiles_language(cli, examples_home) -> None:
    assert cli("check", "-", input="Zaplaťte TEĎ.\n").stdout == ""  # profile: English
    config = examples_home / "config.toml"
    config.write_text(
        config.read_text("utf-8").replace('language = "en"', 'language = "cs"'), "utf-8"
    )
    assert "shouting" in cli("check", "-", input="Zaplaťte TEĎ.\n").stdout


def test_a_pronoun_and_its_verb_are_one_finding_not_two() -> None:
    # "siz her zaman" and "her zaman ... ödüyorsunuz" overlap: the first phrase in the file speaks.
    found = tone.check("Siz her zaman geç ödüyorsunuz.", "tr")
    assert [(w.kind, w.found) for w in found] == [("absolute", "Siz her zaman")]
    two = tone.check("Hep geç kalıyorsunuz. Hep geç kalıyorsunuz.", "tr")
    assert [w.column for w in two] == [1, 23]


def test_phrase_syntax_alternatives_endings_gaps_and_unless(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "tone"
    folder.mkdir()
    (folder / "xx.toml").write_text(
        '[[phrase]]\ntext = "alpha|beta ... *ing"\nsuggest = "s"\nunless = ["bring"]\n'
        '[[phrase]]\ntext = "... gamma"\nsuggest = "s"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(tone, "templates_dir", lambda: tmp_path)
    with pytest.raises(DataFileError) as caught:
        tone.check("gamma", "xx")
    assert "only stands between two words" in caught.value.message
    (folder / "xx.toml").write_text(
        '[[phrase]]\ntext = "alpha|beta ... *ing"\nsuggest = "s"\nunless = ["bring"]\n',
        encoding="utf-8",
    )
    tone._load.cache_clear()
    found = [w.found for w in tone.check("Beta one two three singing. Alpha sing.", "xx")]
    assert found == ["Beta one two three singing", "Alpha sing"]
    assert tone.check("alpha one two three four sing", "xx") == []  # more than three between
    assert tone.check("alpha, sing", "xx") == []  # not across punctuation
    assert tone.check("alpha bring", "xx") == []  # unless
    assert tone.check("alphas sing", "xx") == []  # whole words
