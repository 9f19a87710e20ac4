"""Every sentence of a letter is true to the record, in every language: overdue apart from not
yet due (with dates), a money paragraph in every termination letter, the payment letter only
where payment was late, goodwill that names its invoice, no work after the end date, grammar
that follows the numbers, and end dates that are working days."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from clientexit import config
from clientexit._errors import InvalidValue, UsageError
from clientexit._paths import Paths
from clientexit.letters import draft
from clientexit.record.model import Client, Profile
from letter_helpers import draft_for

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)  # a Wednesday
LANGS = ("en", "tr", "cs")
TERMINATION = ["general", "payment", "micro-manager", "scope-creeper", "abusive"]
AFTER = ["thank-you", "feedback-request", "referral-request", "follow-up"]
NINE = TERMINATION + AFTER  # the reminders (test_remind.py) are another family


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


OVERDUE_ONE = _inv("A-1", 1000.0, "2026-10-02", "2026-11-01")
OVERDUE_TWO = _inv("A-3", 500.0, "2026-10-16", "2026-11-15")
NOT_YET_DUE = _inv("A-2", 500.0, "2026-11-15", "2026-12-15")
PAID_LATE = _inv("A-0", 800.0, "2026-09-01", "2026-10-01", "2026-10-20")


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
        "incidents": [
            {"date": dt.date(2026, 10, 1), "kind": "scope", "text": "Asked for an app."},
        ],
    }
    return {**base, **extra}


_draft = draft_for


# 1. Money: overdue apart from not yet due, named with their dates.

OVERDUE_SENTENCE = {
    "en": "Invoice A-1 (€1,000.00) was due on 1 November 2026 and is still unpaid; please pay it "
    "by 9 December 2026.",
    "tr": "A-1 numaralı, 1.000,00\xa0€ tutarındaki faturanın vadesi 1 Kasım 2026 tarihinde doldu "
    "ve fatura hâlâ ödenmedi; lütfen 9 Aralık 2026 tarihine kadar ödeyin.",
    "cs": "Faktura A-1 na 1\xa0000,00\xa0€ byla splatná 1. listopadu 2026 a dosud není uhrazena; "
    "prosím o její úhradu do 9. prosince 2026.",
}
PAYMENT_OVERDUE_SENTENCE = {
    "en": "Please pay the overdue €1,000.00 (invoice A-1) by 9 December 2026.",
    "tr": "Vadesi geçmiş 1.000,00\xa0€ tutarını (A-1 numaralı fatura) lütfen 9 Aralık 2026 "
    "tarihine kadar ödeyin.",
    "cs": "Dlužnou částku 1\xa0000,00\xa0€ (faktura A-1) prosím uhraďte do 9. prosince 2026.",
}
LATER_SENTENCE = {
    "en": "Invoice A-2 (€500.00) falls due on 15 December 2026.",
    "tr": "A-2 numaralı, 500,00\xa0€ tutarındaki faturanın vadesi 15 Aralık 2026 tarihinde "
    "dolacak.",
    "cs": "Faktura A-2 na 500,00\xa0€ bude splatná 15. prosince 2026.",
}
FINAL_INVOICE = {
    "en": "My final invoice, for the work up to 9 December 2026, will follow on that date, "
    "payable by 8 January 2027.",
    "tr": "9 Aralık 2026 tarihine kadar yapılan işlerin son faturasını o tarihte göndereceğim; "
    "vadesi 8 Ocak 2027 olacak.",
    "cs": "Konečnou fakturu za práci do 9. prosince 2026 vystavím k tomuto dni se splatností do "
    "8. ledna 2027.",
}
FINAL_MARK = {"en": "My final invoice", "tr": "son faturasını", "cs": "Konečnou fakturu"}
DUE_NOW = ("due now", "ödeme zamanı gelmiştir", "již nyní")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", TERMINATION)
def test_overdue_and_not_yet_due_are_named_apart(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    data = _client(invoices=[OVERDUE_ONE, NOT_YET_DUE])
    text = _draft(examples_home, data, letter_type, lang).text
    overdue = PAYMENT_OVERDUE_SENTENCE if letter_type == "payment" else OVERDUE_SENTENCE
    assert overdue[lang] in text
    assert LATER_SENTENCE[lang] in text
    # An ongoing engagement: the last stretch of work is invoiced at the end (30-day terms).
    assert FINAL_INVOICE[lang] in text
    assert not any(phrase in text for phrase in DUE_NOW)


SEVERAL_OVERDUE = {
    "en": "Invoices A-1 and A-3 (€1,500.00 in total) are past their due dates and unpaid; please "
    "pay them by 9 December 2026.",
    "tr": "A-1 ve A-3 numaralı faturaların (toplam 1.500,00\xa0€) vadesi geçti ve faturalar hâlâ "
    "ödenmedi",
    "cs": "Faktury A-1 a A-3 (celkem 1\xa0500,00\xa0€) jsou po splatnosti a dosud nejsou uhrazeny; "
    "prosím o jejich úhradu do 9. prosince 2026.",
}
PAYMENT_SEVERAL = {
    "en": "Please pay the overdue €1,500.00 (invoices A-1 and A-3) by 9 December 2026.",
    "tr": "Vadesi geçmiş 1.500,00\xa0€ tutarını (A-1 ve A-3 numaralı faturalar)",
    "cs": "Dlužnou částku 1\xa0500,00\xa0€ (faktury A-1 a A-3) prosím uhraďte do 9. prosince 2026.",
}
# Work waits for payment and starts within two working days of it (no pause is on record).
PAUSED = {
    "en": (
        "Payment comes before any further work: I will take up further work within two working "
        "days of payment of the overdue invoice.",
        "within two working days of payment of the overdue invoices.",
    ),
    "tr": (
        "Vadesi geçmiş fatura ödenene kadar yeni bir işe başlamayacağım; ödemeyi aldıktan sonraki "
        "iki iş günü içinde çalışmalara devam edeceğim.",
        "Vadesi geçmiş faturalar ödenene kadar",
    ),
    "cs": (
        "K další práci se vrátím až po úhradě faktury po splatnosti, a to do dvou pracovních "
        "dnů od "
        "přijetí platby.",
        "K další práci se vrátím až po úhradě faktur po splatnosti",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", TERMINATION)
def test_grammar_follows_the_number_of_invoices(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    deliverables = [{"what": "Final export", "due": dt.date(2026, 12, 4)}]
    one = _draft(
        examples_home, _client(invoices=[OVERDUE_ONE], deliverables=deliverables), letter_type, lang
    ).text
    several = _draft(
        examples_home,
        _client(invoices=[OVERDUE_ONE, OVERDUE_TWO], deliverables=deliverables),
        letter_type,
        lang,
    ).text
    if letter_type == "payment":
        assert PAYMENT_SEVERAL[lang] in several and PAYMENT_SEVERAL[lang] not in one
        singular, plural = PAUSED[lang]
        assert singular in one and plural not in one
        assert plural in several and singular not in several
    else:
        assert SEVERAL_OVERDUE[lang] in several
        assert OVERDUE_SENTENCE[lang] in one and SEVERAL_OVERDUE[lang] not in one


@pytest.mark.parametrize("lang", LANGS)
def test_a_project_has_no_final_invoice_and_nothing_owed_means_no_money_talk(
    examples_home: Path, lang: str
) -> None:
    project = _client(engagement="project", invoices=[PAID_LATE])
    for letter_type in TERMINATION:
        letter = _draft(examples_home, project, letter_type, lang, despite_record=True)
        assert FINAL_MARK[lang] not in letter.text, letter_type
    payment = _draft(examples_home, project, "payment", lang).text
    talk = {
        "en": "talk through the payment",
        "tr": "Ödemeyi ve devri",
        "cs": "Platbu i předání",
    }
    assert talk[lang] not in payment  # nothing left to pay: no offer to discuss payment


# 2. The payment letter only where payment was late; the late list once.


def test_the_payment_letter_is_refused_without_late_payment(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    before = path.read_bytes()
    result = cli("letter", "fjord-coffee", "-t", "payment")
    assert result.exit_code == 2
    assert "Not drafting the payment letter for Fjord Coffee Roasters" in result.stderr
    assert "1 open invoice is not yet due" in result.stderr and "--despite-record" in result.stderr
    assert result.stdout == "" and path.read_bytes() == before
    # Drafted anyway, it asks for the reason rather than announce an empty list.
    anyway = cli("letter", "fjord-coffee", "-t", "payment", "--despite-record", "--dry-run")
    assert anyway.exit_code == 2 and "late invoices:" in anyway.stderr
    given = cli(
        "letter",
        "fjord-coffee",
        "-t",
        "payment",
        "--despite-record",
        "--dry-run",
        "--set",
        "late_invoices=invoice F-7 paid three weeks late after two reminders",
    )
    assert given.exit_code == 0, given.stderr
    assert (
        "The reason is the payment problems I have recorded:\n\n"
        "- invoice F-7 paid three weeks late after two reminders\n" in given.stdout
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_incident_about_a_listed_invoice_is_not_repeated(examples_home: Path, lang: str) -> None:
    incidents = [
        {
            "date": dt.date(2026, 11, 3),
            "kind": "payment",
            "text": "No reply about A-1.",
            "ref": None,
        },
        {"date": dt.date(2026, 10, 21), "kind": "payment", "text": "Paid A-0 after two calls."},
        {"date": dt.date(2026, 9, 1), "kind": "payment", "text": "Refused the deposit."},
    ]
    data = _client(invoices=[PAID_LATE, OVERDUE_ONE], incidents=incidents)
    text = _draft(examples_home, data, "payment", lang).text
    assert "No reply about A-1." not in text and "Paid A-0 after two calls." not in text
    assert "Refused the deposit." in text  # about no listed invoice: kept
    assert text.count("A-1") == 2  # in the list, and in what is asked for


# 3. Goodwill names its invoice; a refund is of the last invoice, never called "the last
# month's fee" (a final invoice for the work up to the end follows it).

REFUND = {
    "en": "As a gesture of goodwill, I will refund invoice A-0 of 1 September 2026 (€800.00).",
    "tr": "İyi niyetimin bir göstergesi olarak 1 Eylül 2026 tarihli A-0 numaralı faturayı "
    "(800,00\xa0€) iade edeceğim.",
    "cs": "Jako projev dobré vůle Vám vrátím úhradu faktury A-0 ze dne 1. září 2026 na "
    "800,00\xa0€.",
}
LAST_MONTH = ("last month", "son ayın", "poslední měsíc")
WAIVE = {
    "en": "As a gesture of goodwill, I will waive invoice A-2 (€500.00).",
    "tr": "A-2 numaralı faturanın (500,00\xa0€) ödenmesini talep etmeyeceğim.",
    "cs": "nebudu požadovat úhradu faktury A-2 na 500,00\xa0€.",
}
NO_FINAL = {
    "en": "As a gesture of goodwill, I will not invoice the work up to 9 December 2026.",
    "tr": "9 Aralık 2026 tarihine kadar yapılan işler için fatura kesmeyeceğim.",
    "cs": "Jako projev dobré vůle Vám práci do 9. prosince 2026 nebudu fakturovat.",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", ["general", "micro-manager", "scope-creeper", "abusive"])
def test_goodwill_names_the_invoice(examples_home: Path, letter_type: str, lang: str) -> None:
    refund = _draft(
        examples_home, _client(invoices=[PAID_LATE]), letter_type, lang, goodwill="refund"
    )
    assert REFUND[lang] in refund.text
    assert not any(claim in refund.text for claim in LAST_MONTH)
    waive = _draft(
        examples_home,
        _client(invoices=[PAID_LATE, NOT_YET_DUE]),
        letter_type,
        lang,
        goodwill="waive",
    )
    assert WAIVE[lang] in waive.text and LATER_SENTENCE[lang] not in waive.text
    nothing_open = _draft(
        examples_home, _client(invoices=[PAID_LATE]), letter_type, lang, goodwill="waive"
    )
    assert NO_FINAL[lang] in nothing_open.text
    assert FINAL_MARK[lang] not in nothing_open.text  # never both


PROJECT_PAID = _inv("P-1", 9000.0, "2026-09-01", "2026-09-30", "2026-09-20")
MILESTONE_PAID = _inv("P-2", 2000.0, "2026-10-01", "2026-10-31", "2026-10-20")


@pytest.mark.parametrize(
    ("gesture", "invoices", "engagement", "refused", "instead"),
    [
        (
            "refund",
            [PAID_LATE, NOT_YET_DUE],
            "ongoing",
            "the last invoice, A-2, is not paid yet",
            "Use --goodwill waive to give up invoice A-2 instead.",
        ),
        (
            "refund",
            [PROJECT_PAID],
            "project",
            "is most of the fixed-price project's fee",
            "Agree a discount and say it in your own template, or leave the gesture out.",
        ),
        ("refund", [], "ongoing", "no invoice is recorded", "offer --goodwill waive (no final"),
        # A fixed-price project fully invoiced and paid: nothing to waive.
        (
            "waive",
            [PROJECT_PAID],
            "project",
            "the fixed-price project has no unpaid invoice and no final invoice to come, so "
            "there is nothing to waive",
            "Agree a discount and say it in your own template, or leave the gesture out.",
        ),
        (
            "waive",
            [PROJECT_PAID, MILESTONE_PAID],
            "project",
            "there is nothing to waive",
            "Offer --goodwill refund instead, or agree a discount",
        ),
    ],
)
def test_a_gesture_the_record_does_not_support_is_refused(
    examples_home: Path, gesture: str, invoices: list, engagement: str, refused: str, instead: str
) -> None:
    data = _client(invoices=invoices, engagement=engagement)
    with pytest.raises(UsageError) as caught:
        _draft(examples_home, data, "general", "en", goodwill=gesture)
    assert refused in caught.value.message
    assert "--" not in str(caught.value)  # the core names no flag; the letter command does:
    assert isinstance(caught.value, InvalidValue)
    worded = caught.value.with_flag("--goodwill")
    assert worded.message.startswith(f"--goodwill {gesture} is not possible")
    assert instead in str(worded.hint)


# 4. Open work: no promise after the end date; no claim without a list.

ASK_FOR_LIST = {
    "en": "If you expect anything more from me before then, please send me a list",
    "tr": "listesini bana iletir misiniz?",
    "cs": "pošlete mi prosím její seznam",
}
NO_OPEN_WORK = ("no open work", "açık bir iş kalmadı", "nezůstává žádná")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", TERMINATION)
def test_no_deliverables_recorded_asks_for_the_list(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    letter = _draft(examples_home, _client(invoices=[OVERDUE_ONE]), letter_type, lang)
    assert not any(claim in letter.text for claim in NO_OPEN_WORK)
    if letter_type in ("abusive", "payment", "scope-creeper"):
        # short and factual; payment comes first; no invitation to more scope
        assert ASK_FOR_LIST[lang] not in letter.text
    else:
        assert ASK_FOR_LIST[lang] in letter.text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", TERMINATION)
def test_the_default_end_date_covers_the_last_open_deliverable(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    deliverables = [
        {"what": "Old report", "due": dt.date(2026, 11, 20), "delivered": dt.date(2026, 11, 19)},
        {"what": "Migration", "due": dt.date(2026, 12, 17)},
    ]
    letter = _draft(
        examples_home, _client(invoices=[OVERDUE_ONE], deliverables=deliverables), letter_type, lang
    )
    assert letter.end_date == dt.date(2026, 12, 17)  # not 9 December (14 days' notice)
    assert "Migration" in letter.text and "Old report" not in letter.text
    assert not any("promises work after" in c for c in letter.cautions)
    assert "within a week of payment" not in letter.text


# 5. Dates a person can use: the end date is a working day in both countries.


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", TERMINATION)
def test_an_end_date_on_christmas_moves_to_the_next_working_day(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    # 30 days' notice from 25 November is 25 December: Christmas in Czechia (and in Sweden,
    # the profile's country); 26 December is a holiday too, 27 December a Sunday.
    data = _client(invoices=[OVERDUE_ONE], notice_days=30, country="CZ")
    letter = _draft(examples_home, data, letter_type, lang)
    assert letter.end_date == dt.date(2026, 12, 28)
    written = {"en": "28 December 2026", "tr": "28 Aralık 2026", "cs": "28. prosince 2026"}
    assert written[lang] in letter.text
    given = _draft(examples_home, data, letter_type, lang, end_date=dt.date(2026, 12, 25))
    assert given.end_date == dt.date(2026, 12, 25)  # what you give is kept, and warned about
    # Warned in the letter's language, the day as the letter writes it, the option's ISO value.
    warned = {
        "en": "The end date 25 December 2026 is Christmas Day (SE), no working day for you or "
        "the client: consider --end-date 2026-12-28.",
        "tr": "Bitiş tarihi (25 Aralık 2026) resmî bir tatile (SE) denk geliyor; o gün ne sizin "
        "ne de müşterinizin iş günü: bunun yerine --end-date 2026-12-28 verebilirsiniz.",
        "cs": "Datum ukončení 25. prosince 2026 je státní svátek (SE), tedy nepracovní den pro "
        "Vás i pro klienta: zvažte --end-date 2026-12-28.",
    }
    assert warned[lang] in given.cautions, given.cautions


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "The end date 27 December 2026 is a Sunday, no working day for you or the client: "
            "consider --end-date 2026-12-28.",
        ),
        (
            "tr",
            "Bitiş tarihi (27 Aralık 2026) Pazar gününe denk geliyor; o gün ne sizin ne de "
            "müşterinizin iş günü: bunun yerine --end-date 2026-12-28 verebilirsiniz.",
        ),
        (
            "cs",
            "Datum ukončení 27. prosince 2026 je neděle, tedy nepracovní den pro Vás i pro "
            "klienta: zvažte --end-date 2026-12-28.",
        ),
    ],
)
def test_an_end_date_on_a_weekend_is_named_by_its_day(
    examples_home: Path, lang: str, expected: str
) -> None:
    data = _client(invoices=[OVERDUE_ONE], notice_days=30, country="CZ")
    given = _draft(examples_home, data, "general", lang, end_date=dt.date(2026, 12, 27))
    assert expected in given.cautions, given.cautions


def test_without_a_country_only_weekends_move(examples_home: Path) -> None:
    paths = Paths(examples_home)
    mine = {**config.require_profile(paths).data}
    mine.pop("country")
    profile = Profile.from_data(mine)
    record = Client("acme-ltd", paths.client_file("acme-ltd"), _client(notice_days=25))
    letter = draft.draft_letter(paths, profile, record, now=NOW, letter_type="general", lang="en")
    assert letter.end_date == dt.date(2026, 12, 21)  # 20 December is a Sunday


# 6. A letter that reads as written for the client.

WORD_BUDGET = {
    # The termination letters carry the money paragraph (here: an overdue invoice, one not yet
    # due, the final invoice) and the list of what is still to be delivered.
    "general": 180,
    "payment": 200,
    "micro-manager": 190,
    "scope-creeper": 210,
    "abusive": 120,
    "thank-you": 120,
    "feedback-request": 140,
    "referral-request": 100,
    "follow-up": 110,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", sorted(WORD_BUDGET))
def test_every_type_keeps_to_its_word_budget(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    data = _client(
        invoices=[PAID_LATE, OVERDUE_ONE, NOT_YET_DUE],
        deliverables=[{"what": "Final export", "due": dt.date(2026, 12, 4)}],
        status="former" if letter_type in AFTER else "active",
        ended=dt.date(2026, 10, 20) if letter_type in AFTER else None,
        custom={"highlight": "the spring launch"},
    )
    data = {k: v for k, v in data.items() if v is not None}
    letter = _draft(examples_home, data, letter_type, lang)
    signature = str(config.require_profile(Paths(examples_home)).signature)
    words = len(letter.body.replace(signature, "").split())
    assert words <= WORD_BUDGET[letter_type], f"{letter_type} {lang}: {words} words"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("letter_type", NINE)
def test_greeting_project_phrase_and_subject_label(
    examples_home: Path, letter_type: str, lang: str
) -> None:
    data = _client(
        invoices=[PAID_LATE, OVERDUE_ONE],
        project="Shop rebuild (fixed price, internal code X7)",
        custom={"highlight": "the launch"},
    )
    text = _draft(examples_home, data, letter_type, lang, despite_record=True).text
    label = {"en": "Subject: ", "tr": "Konu: ", "cs": "Předmět: "}[lang]
    assert text.startswith(label)
    first = text.split("\n\n")[1]
    greeting = {"en": "Dear Anna,", "tr": "Sayın Anna Nováková,", "cs": "Vážená paní Nováková,"}
    assert first == greeting[lang]
    assert "internal code" not in text and "(fixed price" not in text
    own = _draft(
        examples_home,
        {**data, "greeting": "Hello Anna", "letter_project": "your new shop"},
        letter_type,
        "en",
        despite_record=True,
    ).text
    assert own.split("\n\n")[1] == "Hello Anna,"


def test_czech_first_person_forms_follow_the_profile(examples_home: Path) -> None:
    path = examples_home / "config.toml"
    demo = path.read_text(encoding="utf-8")
    assert 'gender = "f"' in demo  # the demo's profile says it
    path.write_text(demo.replace('gender = "f"', ""), encoding="utf-8")
    letter = _draft(examples_home, _client(), "general", "cs")
    assert (
        "jsem se rozhodl naši spolupráci" in letter.text and "Rád to s Vámi proberu" in letter.text
    )
    (warned,) = [c for c in letter.cautions if "rod" in c]  # once, in Czech, with the fix
    assert "clientexit init --gender f --yes" in warned and "--gender m --yes" in warned
    path.write_text(demo, encoding="utf-8")
    letter = _draft(examples_home, _client(), "general", "cs")
    text = letter.text
    assert not [c for c in letter.cautions if "rod" in c]
    assert "jsem se rozhodla naši spolupráci" in text and "Ráda to s Vámi proberu" in text
    assert "abych se mohla soustředit" in text
    assert "ukončit ke dni 9. prosince 2026" in text  # "ke dni" + genitive, never "k 9. prosince"


def test_a_currency_code_is_spaced_from_the_amount(examples_home: Path) -> None:
    data = _client(currency="TRY", invoices=[{**OVERDUE_ONE, "amount": 23200.0}])
    text = _draft(examples_home, data, "general", "en").text
    assert "Invoice A-1 (TRY\xa023,200.00)" in text


def test_placeholders_are_in_the_letters_language(cli, examples_home: Path) -> None:
    assert cli("client", "add", "Tichá Firma", "--language", "tr").exit_code == 0
    result = cli("letter", "ticha-firma", "-t", "thank-you", "--placeholders", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "[Sayın AD SOYAD,]" in result.stdout
    assert "[Birlikte yaşadığınız güzel bir an, ör. bahar lansmanı]" in result.stdout


# 7. Deliverables from the command line.


def test_deliverables_can_be_added_listed_and_marked_delivered(cli, examples_home: Path) -> None:
    added = cli("deliverable", "fjord-coffee", "add", "Winter campaign page", "--due", "2026-12-18")
    assert added.exit_code == 0, added.stderr
    assert (
        "Added deliverable 1 for Fjord Coffee Roasters: Winter campaign page, due 18 December 2026"
        in (added.stderr)
    )
    listed = json.loads(cli("deliverable", "fjord-coffee", "list", "--json").stdout)
    (item,) = listed["deliverables"]
    assert item.pop("id").startswith("del-")
    assert item == {"number": 1, "what": "Winter campaign page", "due": "2026-12-18"}
    assert listed["open"] == 1
    letter = cli("letter", "fjord-coffee", "-t", "general", "--dry-run")
    assert "- Winter campaign page, by 18 December 2026" in letter.stdout
    done = cli("deliverable", "fjord-coffee", "done", "winter", "--on", "2026-11-24", "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["delivered"] == "2026-11-24"
    assert cli("deliverable", "fjord-coffee", "list").stdout == (
        "1. Winter campaign page (delivered 24 November 2026)\n"
    )
    after = cli("letter", "fjord-coffee", "-t", "general", "--dry-run").stdout
    assert "Winter campaign page" not in after and "please send me a list" not in after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "9"), "No deliverable '9'"),
        (("add", "x", "--due", "12/18"), "--due '12/18' is not a date"),
        (("done", "1", "--on", "2027-01-01"), "is in the future"),
        (("add",), "Missing argument 'WHAT'"),
        (("deliver", "1"), "No such command 'deliver'"),
        (("add", "a\nb"), "must be on one line"),
    ],
)
def test_deliverable_mistakes_are_one_line_errors(
    cli, examples_home: Path, args: tuple, message: str
) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    result = cli("deliverable", "northwind-bakery", *args)
    assert result.exit_code == 2 or result.exit_code == 3, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


# 8. Consistency with the latest verdict and the logged conduct.


def _assessed(verdict: str, letter_type: str) -> dict:
    return {"at": dt.datetime(2026, 11, 20, 9, 0), "verdict": verdict, "letter_type": letter_type}


@pytest.mark.parametrize("letter_type", ["general", "micro-manager", "scope-creeper"])
def test_a_warm_letter_after_an_abusive_verdict_warns(
    examples_home: Path, letter_type: str
) -> None:
    data = _client(assessments=[_assessed("exit_now", "abusive")])
    letter = _draft(examples_home, data, letter_type, "en")
    assert any(
        "The latest assessment (20 November 2026) of Acme Ltd recommends the abusive letter" in c
        and "clientexit letter acme-ltd -t abusive" in c
        for c in letter.cautions
    ), letter.cautions
    abusive = _draft(examples_home, data, "abusive", "en")
    assert not any("recommends the abusive letter" in c for c in abusive.cautions)


def test_an_ending_letter_against_a_keep_verdict_warns(examples_home: Path) -> None:
    data = _client(assessments=[_assessed("keep", "general")])
    letter = _draft(examples_home, data, "general", "en")
    assert any("says keep: it recommends no ending letter now" in c for c in letter.cautions)


def test_a_referral_request_with_three_incidents_is_a_clear_warning(examples_home: Path) -> None:
    three = [
        {"date": dt.date(2026, 10, d), "kind": k, "text": "x"}
        for d, k in ((1, "scope"), (8, "scope"), (15, "communication"))
    ]
    letter = _draft(
        examples_home, _client(incidents=three, status="former"), "referral-request", "en"
    )
    assert any(
        "Do not send this referral request as it stands: for Acme Ltd 3 incidents are on file "
        "(communication, scope)" in c
        for c in letter.cautions
    ), letter.cautions
    one = _draft(examples_home, _client(status="former"), "referral-request", "en")
    assert any("has 1 recorded incident. Consider a thank-you" in c for c in one.cautions)


def test_the_referral_rule_is_one_the_handover_can_read() -> None:
    from clientexit.record.model import Client

    calm = Client("acme-ltd", None, _client())
    assert calm.referral_unsuitable(NOW.date()) is None
    owing = Client("acme-ltd", None, _client(invoices=[_inv("B", 1.0, "2026-09-01", "2026-10-01")]))
    assert "a non-paying exit" in str(owing.referral_unsuitable(NOW.date()))


# 9. Record text in another language than the letter is pointed out, with its line.


def test_english_record_text_in_a_czech_letter_is_warned_about(examples_home: Path) -> None:
    data = _client(
        incidents=[{"date": dt.date(2026, 10, 14), "kind": "scope", "text": "Asked for an app."}],
        deliverables=[{"what": "Osm dohodnutých šablon e-shopu", "due": dt.date(2026, 12, 4)}],
    )
    letter = _draft(examples_home, data, "scope-creeper", "cs")
    lines = letter.text.splitlines()
    warned = [c for c in letter.cautions if "cituje text ze záznamu psaný anglicky" in c]
    assert len(warned) == 1
    number = int(warned[0].split()[1])
    assert warned[0] == (
        f"Řádek {number} cituje text ze záznamu psaný anglicky: 'Asked for an app.'; před "
        "odesláním ho přeložte, nebo dopis vytvořte s --lang en."
    )
    assert lines[number - 1] == "- 14. října 2026: Asked for an app."
    turkish = _draft(examples_home, data, "scope-creeper", "tr")
    assert [c for c in turkish.cautions if "satır kayıttan İngilizce bir metin alıntılıyor" in c]
    # The same record in an English letter: the Czech deliverable is the foreign line now.
    english = _draft(examples_home, data, "scope-creeper", "en")
    assert [c for c in english.cautions if "record text in Czech" in c and "šablon" in c]
    assert not [c for c in english.cautions if "Asked for an app." in c]
