"""Every reminder stage x en/tr/cs x the cases issue 18 names, sentence by sentence.

Each case is a client written for it (the demo's profile: Maya Lindqvist, Lindqvist Design &
Development, Sweden, which has no late-payment rule of its own, so every claim here rests on
the client's `law`), and each stage is drafted as `clientexit remind CLIENT --stage STAGE
--skip-stages --dry-run --lang LANG` drafts it. Every letter is also checked for what must hold
whatever the case: the subject label of its language, no template residue, no internal note,
no sentence about the creditor's own procedure (a lawyer), and the project's phrase.

Figures by hand (today 25 November 2026):
- UK, terms agreed, due 10 May 2026: 199 days x 11.75 % (Bank Rate 3.75 % on 31 December 2025
  + 8) on £1,200 = 76.87; fixed sum £70 (£1,000-£9,999.99).
- UK, terms not agreed: the Act's default day, 30 days after the invoice of 2 May = 1 June;
  177 days x 11.75 % on £1,200 = 68.38.
- Germany (the contract's law, client in France), due 31 May 2026: 30 days in June at 10.27 %
  (Basiszinssatz 1.27 % + 9) on €1,200 = 10.13; July-November has no rate on file: "at least".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

STAGES = ("friendly-reminder", "firm-reminder", "work-paused", "final-notice", "formal-demand")
LANGS = ("en", "tr", "cs")
CLAIMING = ("final-notice", "formal-demand")
LABEL = {"en": "Subject: ", "tr": "Konu: ", "cs": "Předmět: "}
# A sentence about the creditor's own procedure ("a claim may need a lawyer where you are").
LAWYER = ("lawyer", "solicitor", "avukat", "advokát", "formulář soudu")


@dataclass(frozen=True)
class Case:
    """A client for the case: its file's fields and invoices."""

    name: str = "Harbour Tools Ltd"
    contact: str = "Priya Shah"
    country: str = "SE"
    currency: str = "GBP"
    project: str = "Online shop (fixed price, renegotiate in May)"
    fields: dict[str, object] = field(default_factory=dict)
    invoices: tuple[tuple[str, float, str, str], ...] = (
        ("B-1", 1200.0, "2026-05-02", "2026-05-10"),
    )


def _toml(value: object) -> str:
    return json.dumps(value) if isinstance(value, str) else str(value).lower()


def _write(home: Path, slug: str, case: Case) -> str:
    lines = [
        "schema_version = 1",
        f"name = {json.dumps(case.name)}",
        'status = "active"',
        "created = 2025-01-10",
        f"contact = {json.dumps(case.contact)}",
        'email = "ap@client.example"',
        f'currency = "{case.currency}"',
        f'country = "{case.country}"',
        f"project = {json.dumps(case.project)}",
        *(f"{key} = {_toml(value)}" for key, value in case.fields.items()),
    ]
    for number, amount, issued, due in case.invoices:
        lines += ["", "[[invoices]]", f'number = "{number}"', f"amount = {amount}"]
        lines += [f"issued = {issued}", f"due = {due}"]
    lines += ["", "[custom]", 'agreement_date = "2025-03-14"', ""]
    (home / "clients" / f"{slug}.toml").write_text("\n".join(lines), encoding="utf-8")
    return slug


def _remind(cli, home: Path, case: Case, stage: str, lang: str, *extra: str) -> tuple[str, str]:
    slug = _write(home, "matrix", case)
    result = cli(
        "remind", slug, "--stage", stage, "--skip-stages", "--dry-run", "--lang", lang, *extra
    )
    assert result.exit_code == 0, f"{stage} {lang}: {result.stderr}"
    text = result.stdout
    where = f"{stage} {lang}"
    assert text.startswith(LABEL[lang]), where
    assert "{{" not in text and "{%" not in text and "None" not in text, where
    assert "renegotiate" not in text and "fixed price" not in text, where  # internal notes
    assert not [w for w in LAWYER if w in text.lower()], where
    return " ".join(text.split()), " ".join(result.stderr.split())


def _params(stages: tuple[str, ...] = STAGES) -> list[object]:
    """Each stage x language; English unmarked (the inner loop), the others slow."""
    return [
        pytest.param(stage, lang, marks=() if lang == "en" else pytest.mark.slow)
        for stage in stages
        for lang in LANGS
    ]


# --- The project's phrase, without the notes kept for oneself ----------------------------------

PROJECTS = (
    "Online shop (fixed price, renegotiate in May)",
    "Online shop - renegotiate in May",
    "Online shop: renegotiate in May",
)


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_every_stage_names_the_project_without_internal_notes(
    cli, examples_home: Path, stage: str, lang: str
) -> None:
    for project in PROJECTS:
        text, _ = _remind(cli, examples_home, Case(project=project), stage, lang)
        assert "Online shop" in text, f"{stage} {lang} {project}"
    phrase = Case(project=PROJECTS[0], fields={"letter_project": "the new shop"})
    text, _ = _remind(cli, examples_home, phrase, stage, lang)
    assert "the new shop" in text.lower() and "Online shop" not in text


# --- Formal letters greet formally; the record's greeting wins at every stage --------------------

FORMAL = {"en": "Dear Priya Shah,", "tr": "Sayın Priya Shah,", "cs": "Vážená paní Shah,"}
INFORMAL = {"en": "Dear Priya,", "tr": "Sayın Priya Shah,", "cs": "Vážená paní Shah,"}


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_greeting(cli, examples_home: Path, stage: str, lang: str) -> None:
    text, _ = _remind(cli, examples_home, Case(), stage, lang)
    expected = FORMAL[lang] if stage in CLAIMING else INFORMAL[lang]
    assert f" {expected} " in text, f"{stage} {lang}"
    if stage in CLAIMING:
        assert "Dear Priya," not in text
    own = Case(fields={"greeting": "Hello Priya"})
    text, _ = _remind(cli, examples_home, own, stage, lang)
    assert " Hello Priya, " in text and "Dear" not in text and "Sayın" not in text


# --- Customer unknown: no claim, and how to set it --------------------------------------------

UNKNOWN = {
    "en": "No interest claim in the letter: matrix is not recorded as a business",
    "tr": "Mektupta faiz talebi yer almıyor: matrix kayıtlarda işletme olarak işaretlenmemiş",
    "cs": "Dopis nenárokuje úrok z prodlení: klient matrix není v záznamu veden jako podnikatel",
}
CLAIM_WORDS = {
    "en": ("statutory interest", "fixed sum"),
    "tr": ("kanuni faiz", "giderim tutarı", "temerrüt faizi"),
    "cs": ("úrok z prodlení", "paušální náhrad"),
}


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_a_customer_not_known_as_a_business_is_claimed_nothing(
    cli, examples_home: Path, stage: str, lang: str
) -> None:
    unknown = Case(fields={"law": "GB", "terms_agreed": True})
    text, said = _remind(cli, examples_home, unknown, stage, lang)
    assert not [w for w in CLAIM_WORDS[lang] if w in text], f"{stage} {lang}"
    assert "76,87" not in text and "76.87" not in text
    if stage in CLAIMING:
        assert UNKNOWN[lang] in said
        assert "clientexit client set matrix customer=business" in said
    else:
        assert "customer=business" not in said


# --- The figures: agreed terms, the law's default day, the law chosen in the contract ------------

FIGURES = {
    # (terms_agreed, law, country, currency): {lang: (the invoice's line, the total)}
    "agreed": {
        "en": ("- invoice B-1: 199 days at 11.75% a year, interest £76.87, fixed sum £70.00",
               "In total: interest £76.87 and fixed sum £70.00."),
        "tr": ("- B-1 numaralı fatura: yıllık %11,75 üzerinden 199 gün, faiz 76,87 £, giderim "
               "tutarı 70,00 £", "Toplam: faiz 76,87 £, giderim tutarı 70,00 £."),
        "cs": ("- faktura B-1: 199 dní při 11,75 % ročně, úrok 76,87 £, paušální náhrada "
               "70,00 £", "Celkem: úrok 76,87 £ a paušální náhrada 70,00 £."),
    },
    "not agreed": {
        "en": ("- invoice B-1: 177 days at 11.75% a year, interest £68.38, fixed sum £70.00",
               "In total: interest £68.38 and fixed sum £70.00."),
        "tr": ("- B-1 numaralı fatura: yıllık %11,75 üzerinden 177 gün, faiz 68,38 £, giderim "
               "tutarı 70,00 £", "Toplam: faiz 68,38 £, giderim tutarı 70,00 £."),
        "cs": ("- faktura B-1: 177 dní při 11,75 % ročně, úrok 68,38 £, paušální náhrada "
               "70,00 £", "Celkem: úrok 68,38 £ a paušální náhrada 70,00 £."),
    },
    "German law": {
        "en": ("- invoice B-1: 30 days at 10.27% a year, 148 days from 1 July 2026 to 25 November "
               "2026 not yet reckoned, interest at least €10.13, fixed sum €40.00",
               "In total: interest at least €10.13 and fixed sum €40.00."),
        "tr": ("- B-1 numaralı fatura: yıllık %10,27 üzerinden 30 gün, 1 Temmuz 2026 ile 25 "
               "Kasım 2026 arasındaki 148 gün henüz hesaplanmadı, faiz en az 10,13 €, giderim "
               "tutarı 40,00 €", "Toplam: faiz en az 10,13 €, giderim tutarı 40,00 €."),
        "cs": ("- faktura B-1: 30 dní při 10,27 % ročně, 148 dní od 1. července 2026 do 25. "
               "listopadu 2026 zatím nevyčísleno, úrok nejméně 10,13 €, paušální náhrada 40,00 €",
               "Celkem: úrok nejméně 10,13 € a paušální náhrada 40,00 €."),
    },
}  # fmt: skip
LAW = {
    "agreed": {
        "en": "Under the Late Payment of Commercial Debts (Interest) Act 1998, the law of our "
        "contract, I may",
        "tr": "Late Payment of Commercial Debts (Interest) Act 1998 (sözleşmemizde seçilen hukuk) "
        "uyarınca",
        "cs": "Podle předpisu Late Payment of Commercial Debts (Interest) Act 1998 (právo zvolené "
        "v naší smlouvě) mohu",
    },
    "German law": {
        "en": "Under § 288 BGB, the law of our contract, I may",
        "tr": "§ 288 BGB (sözleşmemizde seçilen hukuk) uyarınca",
        "cs": "Podle předpisu § 288 BGB (právo zvolené v naší smlouvě) mohu",
    },
}
LAW["not agreed"] = LAW["agreed"]
CASES = {
    "agreed": Case(fields={"customer": "business", "law": "GB", "terms_agreed": True}),
    "not agreed": Case(fields={"customer": "business", "law": "GB", "terms_agreed": False}),
    "German law": Case(
        country="FR",
        currency="EUR",
        fields={"customer": "business", "law": "DE", "terms_agreed": True},
        invoices=(("B-1", 1200.0, "2026-05-02", "2026-05-31"),),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize(("stage", "lang"), _params())
def test_the_claim_follows_the_law_and_the_terms(
    cli, examples_home: Path, stage: str, lang: str, case: str
) -> None:
    text, said = _remind(cli, examples_home, CASES[case], stage, lang)
    row, total = FIGURES[case][lang]
    if stage not in CLAIMING:
        assert row not in text and LAW[case][lang] not in text, f"{stage} {lang}"
        return
    where = f"{stage} {lang} {case}"
    assert LAW[case][lang] in text and row in text and total in text, where
    assert "L441-10" not in text  # the client's country (France) is not the law
    if case == "German law":  # the days without a rate are named on stderr, in the language
        first = {"en": "1 July 2026", "tr": "1 Temmuz 2026", "cs": "1. července 2026"}[lang]
        assert "2026-H2" in said and first in said and "clientexit rates update" in said


# --- Letters before action ---------------------------------------------------------------------

UK_INDIVIDUAL = {
    "en": (
        "This is a Letter of Claim under the Pre-Action Protocol for Debt Claims.",
        "The debt arises under our agreement of 14 March 2025 between Tom Becker and Lindqvist "
        "Design & Development. A copy of the agreement is available from me on request.",
        "Interest keeps running until the day of payment; no other charges are being added.",
        "Enclosed are a statement of account, the Information Sheet, the Reply Form and a "
        "Financial Statement form.",
        "send it to me at maya@lindqvist.example by 29 December 2026",
        "If you would like to discuss how to pay, for example by instalments, email me at "
        "maya@lindqvist.example or reply to this letter.",
    ),
    "tr": (
        "Bu yazı, Pre-Action Protocol for Debt Claims (İngiltere ve Galler alacak davaları öncesi "
        "usul) kapsamında bir Letter of Claim'dir.",
        "Borç, Tom Becker ile Lindqvist Design & Development arasında 14 Mart 2025 tarihinde "
        "yapılan sözleşmeden doğmaktadır. Talep etmeniz hâlinde sözleşmenin bir kopyasını size "
        "gönderirim.",
        "Faiz, ödeme gününe kadar işlemeye devam eder; başka bir masraf eklenmemektedir.",
        "Ekte bir hesap ekstresi, Bilgi Formu (Information Sheet), Yanıt Formu (Reply Form) ve "
        "Mali Durum Beyanı (Financial Statement) yer alıyor.",
        "formu 29 Aralık 2026 tarihine kadar maya@lindqvist.example adresine gönderin.",
        "Ödemeyi, örneğin taksitle, nasıl yapabileceğinizi konuşmak isterseniz "
        "maya@lindqvist.example adresine yazabilir ya da bu yazıyı yanıtlayabilirsiniz.",
    ),
    "cs": (
        "tento dopis je Letter of Claim podle Pre-Action Protocol for Debt Claims (předžalobní "
        "postup pro peněžité pohledávky v Anglii a Walesu).",
        "Dluh vznikl ze smlouvy ze dne 14. března 2025 mezi Tom Becker a Lindqvist Design & "
        "Development. Kopii smlouvy Vám na požádání zašlu.",
        "Úrok běží až do dne zaplacení; jiné poplatky se nepřipočítávají.",
        "V příloze je výpis z účtu, informační list (Information Sheet), formulář odpovědi (Reply "
        "Form) a formulář o finanční situaci (Financial Statement).",
        "a zašlete mi jej do 29. prosince 2026 na adresu maya@lindqvist.example.",
        "Chcete-li se domluvit na způsobu placení, například ve splátkách, napište mi na "
        "maya@lindqvist.example nebo odpovězte na tento dopis.",
    ),
}
UK_COMPANY = {
    "en": ("I am writing in line with the Practice Direction on Pre-Action Conduct.",
           "If you dispute the debt, please tell me why by 9 December 2026."),
    "tr": ("Bu yazıyı Practice Direction on Pre-Action Conduct (dava öncesi davranış kuralları) "
           "doğrultusunda gönderiyorum.",
           "Borca itiraz ediyorsanız, lütfen nedenini 9 Aralık 2026 tarihine kadar bildirin."),
    "cs": ("Tento dopis zasílám v souladu s Practice Direction on Pre-Action Conduct (pravidla "
           "jednání před zahájením řízení).",
           "Pokud dluh popíráte, uveďte prosím důvod do 9. prosince 2026."),
}  # fmt: skip
UK_NOTES = {  # stderr, in the letter's language
    "en": ("Treated matrix as a company from its name", "Enclose the Information Sheet"),
    "tr": ("matrix adına bakılarak şirket olarak kabul edildi", "Mektuba Information Sheet"),
    "cs": ("Klient matrix je podle názvu brán jako obchodní společnost", "Přiložte Information"),
}


def _uk(name: str) -> Case:
    return Case(
        name=name,
        contact="Tom Becker",
        country="GB",
        fields={"customer": "business", "law": "GB", "terms_agreed": True},
    )


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_uk_letter_of_claim_to_an_individual_and_the_shorter_one_to_a_company(
    cli, examples_home: Path, stage: str, lang: str
) -> None:
    person, said_person = _remind(cli, examples_home, _uk("Tom Becker"), stage, lang)
    company, said_company = _remind(cli, examples_home, _uk("Becker Studio Ltd"), stage, lang)
    guessed, enclose = UK_NOTES[lang]
    if stage != "formal-demand":
        for text in (person, company):
            assert "Reply Form" not in text and "Pre-Action" not in text, f"{stage} {lang}"
        assert enclose not in said_person and guessed not in said_company
        return
    for sentence in UK_INDIVIDUAL[lang]:
        assert sentence in person, f"{lang}: {sentence}"
    assert enclose in said_person and guessed not in said_person
    for sentence in UK_COMPANY[lang]:
        assert sentence in company, f"{lang}: {sentence}"
    assert "Reply Form" not in company and "14 March 2025" not in company
    assert guessed in said_company and enclose not in said_company


CZ_DEMAND = {
    "en": "This is a pre-action demand for payment (předžalobní výzva) under § 142a of the "
    "Czech Civil Procedure Code.",
    "tr": "Bu yazı, Çek Hukuk Muhakemeleri Kanunu § 142a kapsamında dava öncesi bir ödeme "
    "talebidir (předžalobní výzva).",
    "cs": "tento dopis je předžalobní výzvou k plnění podle § 142a občanského soudního řádu.",
}
CZ_NOTE = {
    "en": "§ 142a o.s.ř.: the výzva counts only if it reaches the debtor's delivery address",
    "tr": "§ 142a o.s.ř.: ihtar (výzva) ancak dava açılmadan en az 7 gün önce",
    "cs": "§ 142a o.s.ř.: výzva se počítá, jen pokud dojde na doručovací adresu dlužníka",
}


CZ_LAW = {
    "en": "Under nařízení vlády č. 351/2013 Sb., the law of our contract, I may",
    "tr": "Nařízení vlády č. 351/2013 Sb. (sözleşmemizde seçilen hukuk) uyarınca",
    "cs": "Podle nařízení vlády č. 351/2013 Sb. (právo zvolené v naší smlouvě) mohu",
}


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_czech_predzalobni_vyzva(cli, examples_home: Path, stage: str, lang: str) -> None:
    czech = Case(
        name="Zahrada s.r.o.",
        contact="Jana Nováková",
        country="CZ",
        currency="CZK",
        fields={"customer": "business", "law": "CZ", "terms_agreed": True},
    )
    text, said = _remind(cli, examples_home, czech, stage, lang)
    if stage in CLAIMING:  # the law by its name, a sentence starting with a capital
        assert CZ_LAW[lang] in text, f"{stage} {lang}"
    if stage != "formal-demand":
        assert "142a" not in text and "142a" not in said, f"{stage} {lang}"
        return
    assert CZ_DEMAND[lang] in text
    assert CZ_NOTE[lang] in said  # the delivery rule goes to stderr, never into the letter
    for word in ("schránk", "datová", "formulář", "e-mail alone", "7 dní před"):
        assert word not in text, f"{lang}: {word}"


TR_DEBT = {
    "en": "Çağrı Yazılım Ltd. Şti. owes Lindqvist Design & Development",
    "tr": "Şirketinizin (Çağrı Yazılım Ltd. Şti.), Online shop kapsamında yapılan işler için "
    "Lindqvist Design & Development'a aşağıdaki faturadan doğan toplam 50.000,00 ₺ borcu "
    "bulunmaktadır:",
    "cs": "Çağrı Yazılım Ltd. Şti. dluží Lindqvist Design & Development částku",
}
TR_NEXT = {
    "formal-demand": {
        "en": "I may start enforcement proceedings (icra takibi) at the enforcement office",
        "tr": "Tutar o tarihe kadar ödenmezse, kanunun izin verdiği faiz ve masraflarla birlikte "
        "hakkınızda icra takibi başlatabilirim.",
        "cs": "mohu zahájit exekuční řízení (icra takibi) u exekučního úřadu",
    },
    "final-notice": {
        "en": "I will send a formal demand for payment, the step before enforcement proceedings",
        "tr": "icra takibi öncesi son adım olan resmî bir ödeme talebi göndereceğim",
        "cs": "tedy poslední krok před exekučním řízením",
    },
}
TTK = {  # the claim is temerrüt faizi and the asgari giderim tutarı, in every language
    "en": "I may also be entitled to default interest (temerrüt faizi) and the minimum "
    "compensation (asgari giderim tutarı) for each invoice paid late.",
    "tr": "geç ödenen her fatura için ayrıca temerrüt faizi ve asgari giderim tutarı talep etme "
    "hakkım olabilir.",
    "cs": "mohu mít navíc nárok na úrok z prodlení (temerrüt faizi) a minimální náhradu (asgari "
    "giderim tutarı) za každou fakturu zaplacenou pozdě.",
}


@pytest.mark.parametrize(("stage", "lang"), _params())
def test_turkish_debt_is_owed_to_the_freelancer_and_the_next_step_is_icra_takibi(
    cli, examples_home: Path, stage: str, lang: str
) -> None:
    turkish = Case(
        name="Çağrı Yazılım Ltd. Şti.",
        contact="Çağrı Demir",
        country="TR",
        currency="TRY",
        fields={"customer": "business", "law": "TR", "terms_agreed": True},
        invoices=(("B-1", 50000.0, "2026-05-02", "2026-06-01"),),
    )
    text, _ = _remind(cli, examples_home, turkish, stage, lang)
    assert "adına" not in text
    if lang == "tr":
        assert "dava" not in text, stage  # the step after a Turkish demand is icra takibi
    if stage in TR_NEXT:
        assert TR_NEXT[stage][lang] in text, f"{stage} {lang}"
    if stage == "formal-demand":
        assert TR_DEBT[lang] in text
        assert TTK[lang] in text, lang


EU_LAW = {  # the country's own implementing law, named in the language of the letter
    "en": "Under the late-payment law of Austria, which implements Directive 2011/7/EU, the law "
    "of our contract, I may",
    "tr": "Avusturya hukukunun 2011/7/AB sayılı Direktifi uygulayan geç ödeme mevzuatı "
    "(sözleşmemizde seçilen hukuk) uyarınca",
    "cs": "Podle předpisu státu Rakousko o opožděných platbách, kterým se provádí směrnice "
    "2011/7/EU (právo zvolené v naší smlouvě) mohu",
}
EU_STATEMENT = {
    "en": ("Law applied: the late-payment law of Austria, which implements Directive 2011/7/EU",
           "may claim under the late-payment law of Austria, which implements"),
    "tr": ("Uygulanan hukuk: Avusturya hukukunun 2011/7/AB sayılı Direktifi uygulayan geç ödeme "
           "mevzuatı", "alacaklının Avusturya hukukunun 2011/7/AB sayılı Direktifi uygulayan"),
    "cs": ("Rozhodné právo: předpis státu Rakousko o opožděných platbách, kterým se provádí "
           "směrnice 2011/7/EU", "nárok podle předpisu státu Rakousko o opožděných platbách"),
}  # fmt: skip


@pytest.mark.parametrize(("stage", "lang"), _params(CLAIMING))
def test_an_eu_countrys_law_is_named_in_the_letters_language(
    cli, examples_home: Path, stage: str, lang: str
) -> None:
    austrian = Case(
        currency="EUR", fields={"customer": "business", "law": "AT", "terms_agreed": True}
    )
    text, _ = _remind(cli, examples_home, austrian, stage, lang)
    assert EU_LAW[lang] in text
    statement = cli("statement", "matrix", "--lang", lang)
    assert statement.exit_code == 0, statement.stderr
    flat = " ".join(statement.stdout.split())
    label, note = EU_STATEMENT[lang]
    assert label in flat and note in flat, flat
    if lang != "en":
        assert "late-payment law" not in text and "late-payment law" not in flat
