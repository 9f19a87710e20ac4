"""Issue 19's letters, sentence by sentence in en, tr and cs: work planned after a hand-given end
date is left out (and said to be), a payment letter drafted despite the record names its reason
or asks for it, one scope request or provider is spoken of as one, the payment letter promises
work within two working days of payment and says "paused" only where a pause is recorded, and
letters after the work neither invite more work after a payment exit nor hide overdue money."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from clientexit._errors import UsageError
from letter_helpers import draft_for

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)  # a Wednesday
LANGS = ("en", "tr", "cs")


def _inv(number: str, amount: float, issued: str, due: str, paid: str | None = None) -> dict:
    entry: dict[str, Any] = {
        "number": number,
        "amount": amount,
        "issued": dt.date.fromisoformat(issued),
        "due": dt.date.fromisoformat(due),
    }
    if paid:
        entry["paid"] = dt.date.fromisoformat(paid)
    return entry


OVERDUE = _inv("A-1", 1000.0, "2026-10-02", "2026-11-01")
NOT_YET_DUE = _inv("A-2", 500.0, "2026-11-15", "2026-12-15")
PAID_ON_TIME = _inv("A-0", 800.0, "2026-09-01", "2026-10-01", "2026-09-28")
SCOPE_ONE = [{"date": dt.date(2026, 10, 1), "kind": "scope", "text": "Asked for an app."}]
SCOPE_TWO = [*SCOPE_ONE, {"date": dt.date(2026, 10, 9), "kind": "scope", "text": "Asked for SEO."}]


def _client(**extra: Any) -> dict:
    base = {
        "name": "Acme Ltd",
        "status": "active",
        "contact": "Anna Nováková",
        "email": "ann@acme.example",
        "currency": "EUR",
        "notice_days": 14,
        "engagement": "ongoing",
        "project": "Shop",
        "incidents": SCOPE_ONE,
    }
    return {**base, **extra}


_draft = draft_for


# 1. A hand-given end date before open work: the work is not promised, and said to be outside.

WORK = [
    {"what": "Landing page", "due": dt.date(2026, 12, 10)},
    {"what": "Data export", "due": dt.date(2027, 1, 15)},
]
NOT_PART = {
    "en": "This was planned for after 31 December 2026 and is not part of the handover:\n"
    "- Data export (planned for 15 January 2027)\n",
    "tr": "Aşağıdaki iş 31 Aralık 2026 tarihinden sonraya planlanmıştı; bu nedenle devrin "
    "kapsamında değil:\n- Data export (planlanan tarih: 15 Ocak 2027)\n",
    "cs": "Tato práce měla být hotová až po skončení spolupráce (31. prosince 2026), a není proto "
    "součástí předání:\n- Data export (plánováno na 15. ledna 2027)\n",
}
PROMISED = {
    "en": "Before then I will complete:\n- Landing page, by 10 December 2026\n",
    "tr": "O tarihe kadar şu işleri tamamlayacağım:\n"
    "- Landing page: 10 Aralık 2026 tarihine kadar\n",
    "cs": "Do té doby dokončím:\n- Landing page, do 10. prosince 2026\n",
}


@pytest.mark.parametrize("lang", LANGS)
def test_work_after_a_given_end_date_is_left_out_and_said_to_be(
    examples_home: Path, lang: str
) -> None:
    letter = _draft(
        examples_home,
        _client(deliverables=WORK),
        "general",
        lang,
        end_date=dt.date(2026, 12, 31),
    )
    assert PROMISED[lang] in letter.text
    assert NOT_PART[lang] in letter.text
    assert letter.text.count("Data export") == 1  # never among the promises
    # The caution on stderr, in the letter's language, with the two ways out.
    marker = {"en": "left out of the handover", "tr": "devrin dışında bırakıldı",
              "cs": "zůstaly mimo předání"}[lang]  # fmt: skip
    due = {"en": "due 15 January 2027", "tr": "vade 15 Ocak 2027", "cs": "termín 15. ledna 2027"}
    (caution,) = [c for c in letter.cautions if marker in c]
    # The day as the letter writes it; the option's value as the option takes it.
    assert f"'Data export' ({due[lang]})" in caution and "--end-date 2027-01-15" in caution


@pytest.mark.parametrize("lang", LANGS)
def test_an_end_date_after_all_work_names_nothing_outside_the_handover(
    examples_home: Path, lang: str
) -> None:
    letter = _draft(
        examples_home, _client(deliverables=WORK), "general", lang, end_date=dt.date(2027, 1, 29)
    )
    assert NOT_PART[lang].split("\n")[0][:20] not in letter.text
    assert not any("left out of the handover" in c for c in letter.cautions)


# 2. The payment letter drafted despite the record: its reason, or a question for it.

REASON = {
    "en": "The reason is the payment problems I have recorded:\n\n"
    "- 3 November 2026: Disputed every invoice line by line.\n",
    "tr": "Bunun nedeni, ödemelerle ilgili kaydettiğim şu sorunlardır:\n\n"
    "- 3 Kasım 2026: Disputed every invoice line by line.\n",
    "cs": "Důvodem jsou tyto potíže s platbami:\n\n"
    "- 3. listopadu 2026: Disputed every invoice line by line.\n",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_payment_letter_without_late_invoices_lists_its_payment_incidents(
    examples_home: Path, lang: str
) -> None:
    incident = {
        "date": dt.date(2026, 11, 3),
        "kind": "payment",
        "text": "Disputed every invoice line by line.",
    }
    data = _client(invoices=[PAID_ON_TIME, NOT_YET_DUE], incidents=[incident])
    text = _draft(examples_home, data, "payment", lang).text
    assert REASON[lang] in text
    assert text.count("Disputed every invoice") == 1  # not repeated under "also noted"


@pytest.mark.parametrize("lang", LANGS)
def test_despite_the_record_with_nothing_to_cite_asks_for_the_reason(
    examples_home: Path, lang: str
) -> None:
    data = _client(invoices=[PAID_ON_TIME, NOT_YET_DUE], incidents=[])
    with pytest.raises(UsageError, match="late invoices: record them") as refused:
        _draft(examples_home, data, "payment", lang, despite_record=True)
    assert "--set late_invoices=" in str(refused.value)
    given = _draft(
        examples_home,
        data,
        "payment",
        lang,
        despite_record=True,
        overrides={"late_invoices": "A-0 paid only after three reminders"},
    )
    assert REASON[lang].split("\n")[0] + "\n\n- A-0 paid only after three reminders\n" in given.text


# 3. The scope-creeper letter: one request is one, one provider is one; no call for more scope.

ONE_REQUEST = {
    "en": "The request makes sense on its own, but it stretches the budget and schedule",
    "tr": "Bu talep kendi içinde anlamlı; ancak bütçeyi ve takvimi",
    "cs": "Tento požadavek dává sám o sobě smysl, přesahuje však dohodnutý rozpočet",
}
SEVERAL_REQUESTS = {
    "en": "Each request makes sense on its own, but together they stretch",
    "tr": "Bu taleplerin her biri kendi içinde anlamlı; ancak hepsi birlikte",
    "cs": "Každý z těchto požadavků dává sám o sobě smysl, dohromady však přesahují",
}
HANDED_OVER_ONE = {
    "en": "on the request outside the agreed scope, so that another provider can quote for it.",
    "tr": "kapsam dışı talebi açıklayan notlarla birlikte teslim edeceğim; böylece başka bir "
    "hizmet sağlayıcı bu talep için teklif verebilir.",
    "cs": "a o požadavku nad rámec rozsahu, aby Vám na něj mohl připravit nabídku jiný dodavatel.",
}
ONE_PROVIDER = {
    "en": "For the additional work, this provider may suit you well: Studio Nord.",
    "tr": "Ek işler için size uygun olabilecek bir hizmet sağlayıcı: Studio Nord.",
    "cs": "Pro dodatečné práce by Vám mohl vyhovovat tento dodavatel: Studio Nord.",
}
TWO_PROVIDERS = {
    "en": "For the additional work, these providers may suit you well: Studio Nord, Pixelwerk.",
    "tr": "Ek işler için size uygun olabilecek hizmet sağlayıcılar: Studio Nord, Pixelwerk.",
    "cs": "Pro dodatečné práce by Vám mohli vyhovovat tito dodavatelé: Studio Nord, Pixelwerk.",
}
ASK_FOR_LIST = {
    "en": "please send me a list",
    "tr": "listesini bana iletir misiniz",
    "cs": "pošlete mi prosím její seznam",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_scope_creeper_letter_counts_requests_and_providers(
    examples_home: Path, lang: str
) -> None:
    one = _draft(examples_home, _client(), "scope-creeper", lang, alternatives=["Studio Nord"]).text
    assert ONE_REQUEST[lang] in one and SEVERAL_REQUESTS[lang] not in one
    assert HANDED_OVER_ONE[lang] in one
    assert ONE_PROVIDER[lang] in one
    assert ASK_FOR_LIST[lang] not in one  # its closing invites no more scope
    two = _draft(
        examples_home,
        _client(incidents=SCOPE_TWO),
        "scope-creeper",
        lang,
        alternatives=["Studio Nord", "Pixelwerk"],
    ).text
    assert SEVERAL_REQUESTS[lang] in two and ONE_REQUEST[lang] not in two
    assert TWO_PROVIDERS[lang] in two


def test_the_turkish_scope_creeper_letter_introduces_one_request_as_one(
    examples_home: Path,
) -> None:
    # English and Czech introduce the list with a mass noun ("the work requested", "požadovaná
    # práce"); Turkish counts it: "talep edilen iş" (one), "talep edilen işler" (several).
    one = _draft(examples_home, _client(), "scope-creeper", "tr").text
    assert "Talep edilen iş, anlaştığımız kapsamın ötesine geçti:" in one
    two = _draft(examples_home, _client(incidents=SCOPE_TWO), "scope-creeper", "tr").text
    assert "Talep edilen işler, anlaştığımız kapsamın ötesine geçti:" in two


# 4. The payment letter: work within two working days of payment; "paused" only when recorded.

WAITS = {
    "en": "Payment comes before any further work: I will take up further work within two working "
    "days of payment of the overdue invoice. Then I will complete:\n"
    "- Landing page (planned for 10 December 2026)\n",
    "tr": "Vadesi geçmiş fatura ödenene kadar yeni bir işe başlamayacağım; ödemeyi aldıktan "
    "sonraki iki iş günü içinde çalışmalara devam edeceğim. Ardından şu işleri tamamlayacağım:\n"
    "- Landing page (planlanan tarih: 10 Aralık 2026)\n",
    "cs": "K další práci se vrátím až po úhradě faktury po splatnosti, a to do dvou pracovních "
    "dnů od "
    "přijetí platby. Poté dokončím:\n- Landing page (plánováno na 10. prosince 2026)\n",
}
PAUSED = {
    "en": "As I wrote to you on 16 November 2026, work is paused until the overdue invoice is "
    "paid; it resumes within two working days of payment.",
    "tr": "16 Kasım 2026 tarihinde bildirdiğim gibi, vadesi geçmiş fatura ödenene kadar "
    "çalışmalara ara verdim; ödemeyi aldıktan sonraki iki iş günü içinde çalışmalara yeniden "
    "başlayacağım.",
    "cs": "Práce je od 16. listopadu 2026 pozastavena až do zaplacení faktury po splatnosti; "
    "obnovím ji do dvou pracovních dnů od přijetí platby.",
}
PAUSE_WORDS = {"en": "paused", "tr": "ara verdim", "cs": "pozastav"}
ONE_DAY = {"en": "at the latest", "tr": "en geç", "cs": "nejpozději"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_payment_letter_promises_work_within_two_working_days_of_payment(
    examples_home: Path, lang: str
) -> None:
    data = _client(invoices=[OVERDUE], deliverables=WORK[:1])
    text = _draft(examples_home, data, "payment", lang).text
    assert WAITS[lang] in text
    assert PAUSE_WORDS[lang] not in text  # no pause is on record
    assert ONE_DAY[lang] not in text  # no promise tied to the end date right after payment


@pytest.mark.parametrize("lang", LANGS)
def test_the_payment_letter_says_paused_where_a_pause_is_recorded(
    examples_home: Path, lang: str
) -> None:
    paused = {
        "type": "work-paused",
        "lang": lang,
        "at": dt.datetime(2026, 11, 16, 10, 0, tzinfo=dt.UTC),
        "written_to": "stdout",
    }
    data = _client(invoices=[OVERDUE], letters=[paused])
    text = _draft(examples_home, data, "payment", lang).text
    assert PAUSED[lang] in text
    assert WAITS[lang].split(".")[0] not in text


# 5. Letters after the work: no "work with you again" after a payment exit; overdue money warned.

AGAIN = {
    "en": "I would love to work with you again",
    "tr": "tekrar çalışmaktan büyük memnuniyet duyarım",
    "cs": "budu se na další spolupráci těšit",
}
HOPE = {
    "en": "I hope Acme Ltd is doing well.\n",
    "tr": "Acme Ltd için her şeyin yolunda gittiğini umuyorum.\n",
    "cs": "Doufám, že se firmě Acme Ltd daří.\n",
}
ENDED = {"status": "former", "ended": dt.date(2026, 10, 23)}


@pytest.mark.parametrize("lang", LANGS)
def test_a_follow_up_after_a_payment_exit_does_not_ask_for_more_work(
    examples_home: Path, lang: str
) -> None:
    over_payment = _client(
        **ENDED,
        invoices=[PAID_ON_TIME],
        lifecycle={"ended_by": "me", "reason_category": "payment"},
    )
    text = _draft(examples_home, over_payment, "follow-up", lang).text
    assert HOPE[lang] in text and AGAIN[lang] not in text
    thanks = _draft(
        examples_home, over_payment, "thank-you", lang, overrides={"highlight": "the launch"}
    ).text
    assert AGAIN[lang] not in thanks
    parted_well = _client(**ENDED, invoices=[PAID_ON_TIME])
    assert AGAIN[lang] in _draft(examples_home, parted_well, "follow-up", lang).text


OWING = {
    "en": "Acme Ltd still has 1 overdue invoice (A-1): this {letter_type} letter does not mention "
    "it. Settle the payment first (clientexit remind acme-ltd), or wait to send this until it is "
    "paid.",
    "tr": "Acme Ltd müşterisinin vadesi geçmiş bir faturası var (A-1): bu mektup bundan söz "
    "etmiyor. Önce ödemeyi halledin (clientexit remind acme-ltd) ya da mektubu ödeme yapılana "
    "kadar göndermeyin.",
    "cs": "Klient Acme Ltd má fakturu po splatnosti (A-1): tento dopis se o ní nezmiňuje. "
    "Nejdřív vyřešte platbu (clientexit remind acme-ltd), nebo dopis pošlete až po úhradě.",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", ["thank-you", "feedback-request", "follow-up"])
def test_a_letter_after_the_work_warns_of_overdue_money(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    owing = _client(**ENDED, invoices=[OVERDUE])
    letter = _draft(examples_home, owing, letter_type, lang, overrides={"highlight": "the launch"})
    assert OWING[lang].format(letter_type=letter_type) in letter.cautions, letter.cautions
    settled = _client(**ENDED, invoices=[PAID_ON_TIME])
    calm = _draft(examples_home, settled, letter_type, lang, overrides={"highlight": "the launch"})
    assert not any("A-1" in c for c in calm.cautions)


# 6. The calques are gone.


def test_the_reported_calques_are_gone_from_every_template() -> None:
    from clientexit._resources import templates_dir

    calques = (
        "Ödeme, yapılacak her işten önce gelir",
        "Özellikle şu an aklımda yer etti",
        "Úhrada má přednost před",
        "úhrada má přednost před",
        "Prosím o úhradu dlužných",
    )
    root = templates_dir()
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".j2", ".toml"):
            text = path.read_text(encoding="utf-8")
            assert not [c for c in calques if c in text], path


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("tr", "En çok da the spring launch aklımda kaldı."),
        ("cs", "Dlužnou částku 1\xa0000,00\xa0€ (faktura A-1) prosím uhraďte do 9. prosince 2026."),
    ],
)
def test_the_native_phrasing_replaces_them(examples_home: Path, lang: str, sentence: str) -> None:
    if lang == "tr":
        text = _draft(
            examples_home,
            _client(**ENDED, invoices=[PAID_ON_TIME]),
            "thank-you",
            lang,
            overrides={"highlight": "the spring launch"},
        ).text
    else:
        text = _draft(examples_home, _client(invoices=[OVERDUE]), "payment", lang).text
    assert sentence in text


# 7. Notes on stderr follow the letter's language.


def test_a_czech_letters_notes_on_stderr_are_in_czech(
    cli, examples_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dopis.txt"
    result = cli("letter", "zelena-louka-s-r-o", "-t", "general", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Dopis si projděte a odešlete nejdříve" in result.stderr
    assert f"Zapsáno: {out}." in result.stderr
    assert "Review it" not in result.stderr and "Wrote " not in result.stderr
