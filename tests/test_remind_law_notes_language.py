"""remind's notes on the law follow the letter's language (issue 19): why no interest is
claimed (the client not recorded as a business) and a regime's caveat (the TTK 1530 open
questions), in tr and cs for the example clients; English stays as the law words it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from clientexit._resources import templates_dir

NOT_BUSINESS_EN = (
    "No interest claim in the letter: cagri-yazilim-ltd-sti is not recorded as a business"
)
TTK_EN = "Whether each year's rate applies to that year's days"
NOT_BUSINESS = {
    "tr": "Mektupta faiz talebi yer almıyor: cagri-yazilim-ltd-sti kayıtlarda işletme olarak "
    "işaretlenmemiş ve kanuni ticari temerrüt faizi yalnızca işletmeler arasında uygulanır; bu "
    "netleşene kadar hiçbir şey talep edilmez. Müşteri bir işletmeyse: clientexit client set "
    "cagri-yazilim-ltd-sti customer=business (ya da customer=consumer).",
    "cs": "Dopis nenárokuje úrok z prodlení: klient cagri-yazilim-ltd-sti není v záznamu veden "
    "jako podnikatel a zákonný úrok z prodlení v obchodních vztazích se uplatní jen mezi "
    "podnikateli; dokud to nebude jasné, nic se nenárokuje. Je-li klient podnikatel, zadejte: "
    "clientexit client set cagri-yazilim-ltd-sti customer=business (případně customer=consumer).",
}
TTK = {
    "tr": "Her yılın oranının o yılın günlerine uygulanıp uygulanmayacağı ve serbest çalışanın "
    "TTK m. 1530 bakımından ticari işletme sayılıp sayılmayacağı tartışmalıdır: tutarlar "
    "alacaklının talep edebileceğini gösterir.",
    "cs": "Zda se sazba každého roku uplatní na dny toho roku a zda je osoba na volné noze podle "
    "TTK m. 1530 obchodním podnikem (ticari işletme), jsou otevřené otázky: částky ukazují, co "
    "může věřitel požadovat.",
}
FINAL = ("--dry-run", "--stage", "final-notice", "--skip-stages", "--placeholders")


def _remind(cli, lang: str):
    result = cli("remind", "cagri-yazilim-ltd-sti", "--lang", lang, *FINAL)
    assert result.exit_code == 0, result.stderr
    return result.stderr.splitlines()


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_the_ttk_open_question_is_in_the_letters_language(
    cli, examples_home: Path, lang: str
) -> None:
    said = _remind(cli, lang)
    assert TTK[lang] in said, said
    assert not any(TTK_EN in line for line in said), said


def test_the_ttk_open_question_stays_english_in_english(cli, examples_home: Path) -> None:
    said = _remind(cli, "en")
    assert any(line.startswith(TTK_EN) and "open questions" in line for line in said), said


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_no_claim_for_a_client_not_recorded_as_a_business_is_in_the_letters_language(
    cli, examples_home: Path, lang: str
) -> None:
    record = examples_home / "clients" / "cagri-yazilim-ltd-sti.toml"
    record.write_text(record.read_text("utf-8").replace('customer = "business"\n', ""), "utf-8")
    said = _remind(cli, lang)
    assert NOT_BUSINESS[lang] in said, said
    assert not any(NOT_BUSINESS_EN in line for line in said), said
    # Without a claim the regime's caveat has nothing to qualify.
    assert TTK[lang] not in said
    english = _remind(cli, "en")
    assert any(line.startswith(NOT_BUSINESS_EN) for line in english), english


def test_a_translated_regime_note_is_of_the_rates_files_own_note() -> None:
    """The translation stands in only for the English it was made from (reminder._regime_note)."""
    with (templates_dir() / "collect" / "rates.toml").open("rb") as handle:
        regimes = tomllib.load(handle)["regimes"]
    with (templates_dir() / "collect" / "notes.toml").open("rb") as handle:
        notes = tomllib.load(handle)
    noted = {rid for rid, table in regimes.items() if table.get("note")}
    assert noted == {
        key.removeprefix("regime_note_") for key in notes["en"] if key.startswith("regime_note_")
    }
    for rid in noted:
        assert notes["en"][f"regime_note_{rid}"] == regimes[rid]["note"], rid
        for lang in ("tr", "cs"):
            assert notes[lang][f"regime_note_{rid}"], (lang, rid)


def _not_business(home: Path, slug: str) -> None:
    record = home / "clients" / f"{slug}.toml"
    record.write_text(record.read_text("utf-8").replace('customer = "business"\n', ""), "utf-8")


@pytest.mark.parametrize(
    ("lang", "lead"),
    [
        ("tr", "Hesap ekstresinde kanuni faiz yer almıyor: "),
        ("cs", "Výpis z účtu neobsahuje zákonný úrok z prodlení: "),
    ],
)
def test_the_statement_says_why_it_has_no_interest_in_its_language(
    cli, examples_home: Path, lang: str, lead: str
) -> None:
    _not_business(examples_home, "cagri-yazilim-ltd-sti")
    result = cli("statement", "cagri-yazilim-ltd-sti", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    reason = NOT_BUSINESS[lang].split(": ", 1)[1]
    assert lead + reason in result.stderr.splitlines(), result.stderr
    assert "not recorded as a business" not in result.stderr
    english = cli("statement", "cagri-yazilim-ltd-sti", "--lang", "en").stderr
    assert english.startswith(
        "No statutory interest on the statement: cagri-yazilim-ltd-sti is not recorded as a "
        "business, and statutory late-payment interest applies only between businesses"
    ), english


def test_a_czech_clients_statement_says_a_consumer_is_owed_no_statutory_interest_in_czech(
    cli, examples_home: Path
) -> None:
    assert cli("client", "set", "zelena-louka-s-r-o", "customer=consumer").exit_code == 0
    result = cli("statement", "zelena-louka-s-r-o")  # the client's language: cs
    assert result.exit_code == 0, result.stderr
    assert (
        "Výpis z účtu neobsahuje zákonný úrok z prodlení: klient zelena-louka-s-r-o je "
        "spotřebitel a zákonný úrok z prodlení v obchodních vztazích mezi podnikateli se na "
        "spotřebitele nevztahuje. Nárokujte jen to, co stanoví vaše smlouva s tímto klientem."
    ) in result.stderr.splitlines(), result.stderr
    assert "is a consumer" not in result.stderr


def test_every_reason_is_worded_in_tr_and_cs() -> None:
    with (templates_dir() / "collect" / "notes.toml").open("rb") as handle:
        notes = tomllib.load(handle)
    for lang in ("tr", "cs"):
        reasons = {key for key in notes[lang] if key.startswith("why_")}
        assert reasons == {
            "why_not_business",
            "why_consumer",
            "why_no_country",
            "why_us",
            "why_no_regime",
        }
        assert {"no_claim_letter", "no_claim_statement"} <= set(notes[lang])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("cs", "Z faktury 2026-058 se nenárokuje paušální náhrada: pro výběr její výše chybí kurz "
         "CZK/GBP ke dni 14. listopadu 2026 (kurzy stáhne clientexit rates update)."),
        ("tr", "2026-058 numaralı fatura için giderim tutarı talep edilmiyor: tutarın kademesini "
         "seçmek için 14 Kasım 2026 tarihli CZK/GBP döviz kuru yok (clientexit rates update "
         "kurları indirir)."),
    ],
)  # fmt: skip
def test_no_fixed_sum_without_an_exchange_rate_is_said_in_the_letters_language(
    cli, examples_home: Path, lang: str, expected: str
) -> None:
    # English law over a CZK invoice: the GBP tier needs a CZK/GBP rate the data folder lacks.
    assert cli("client", "set", "zelena-louka-s-r-o", "law=GB").exit_code == 0
    args = ("remind", "zelena-louka-s-r-o", *FINAL)
    said = cli(*args, "--lang", lang).stderr.splitlines()
    assert expected in said, said
    assert not any(line.startswith("No fixed sum") for line in said), said
    english = cli(*args, "--lang", "en").stderr.splitlines()
    assert (
        "No fixed sum for invoice 2026-058: no CZK/GBP exchange rate for 2026-11-14 to choose "
        "the fixed sum's tier (clientexit rates update fetches them)."
    ) in english, english


UK_DEMAND = ("remind", "ashgrove-print", "--dry-run", "--stage", "formal-demand", "--skip-stages")
UK_NOTES = {
    "en": (
        "Treated ashgrove-print as a company from its name; if that is wrong, set it: "
        "clientexit client set ashgrove-print debtor=individual",
        "Enclose the Information Sheet, the Reply Form and the Financial Statement (annexes to "
        "the Pre-Action Protocol for Debt Claims) and a statement of account (clientexit "
        "statement ashgrove-print).",
    ),
    "cs": (
        "Klient ashgrove-print je podle názvu brán jako obchodní společnost; pokud to neplatí, "
        "nastavte: clientexit client set ashgrove-print debtor=individual",
        "Přiložte Information Sheet, Reply Form a Financial Statement (přílohy Pre-Action "
        "Protocol for Debt Claims) a výpis z účtu (clientexit statement ashgrove-print).",
    ),
    "tr": (
        "ashgrove-print adına bakılarak şirket olarak kabul edildi; yanlışsa ayarlayın: "
        "clientexit client set ashgrove-print debtor=individual",
        "Mektuba Information Sheet, Reply Form ve Financial Statement belgelerini (Pre-Action "
        "Protocol for Debt Claims ekleri) ve bir hesap ekstresini (clientexit statement "
        "ashgrove-print) ekleyin.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "cs", "tr"])
def test_the_uk_notes_are_in_the_letters_language(cli, examples_home: Path, lang: str) -> None:
    """A company guessed from its name (the shorter letter), and the Protocol's enclosures for
    an individual: said on stderr in the letter's language."""
    guessed, enclose = UK_NOTES[lang]
    company = cli(*UK_DEMAND, "--lang", lang)
    assert company.exit_code == 0, company.stderr
    said = company.stderr.splitlines()
    assert guessed in said and enclose not in said, said
    individual = cli(*UK_DEMAND, "--lang", lang, "--set", "debtor=individual", "--placeholders")
    assert individual.exit_code == 0, individual.stderr
    said = individual.stderr.splitlines()
    assert enclose in said and guessed not in said, said


NO_RULE = {
    "tr": "Mektupta faiz talebi yer almıyor: {source} dosyasında, talebe uygulanan hukuk olan NO "
    "(Norveç) hukuku için bir geç ödeme kuralı yok.",
    "cs": "Výpis z účtu neobsahuje zákonný úrok z prodlení: soubor {source} neobsahuje pravidlo "
    "o pozdních platbách pro zemi NO (Norsko), jejíž právo se na nárok vztahuje.",
}


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_no_late_payment_rule_for_the_law_is_said_in_the_outputs_language(
    cli, examples_home: Path, lang: str
) -> None:
    assert cli("client", "set", "ashgrove-print", "law=NO").exit_code == 0
    source = str(templates_dir() / "collect" / "rates.toml")
    if lang == "tr":
        result = cli("remind", "ashgrove-print", "--lang", lang, *FINAL)
    else:
        result = cli("statement", "ashgrove-print", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert NO_RULE[lang].format(source=source) in said, said
    assert "has no late-payment rule" not in said
