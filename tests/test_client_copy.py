"""The client's copy of the handover checklist, in en, tr and cs: no contract term unless the
user recorded it (then quoted), dates off weekends and public holidays, the overdue amount by
the letters' pay-by date with what is not yet due kept apart, no final invoice for a fixed-price
project, the first person without a gender the sender did not give, and dates day first."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from clientexit.handover import markdown
from clientexit.handover.checklist import build
from clientexit.workdays import Calendar
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)  # a Wednesday
LANGS = ("en", "tr", "cs")
INVOICES = [
    {"number": "A-1", "amount": 1000.0, "issued": dt.date(2026, 10, 2),
     "due": dt.date(2026, 11, 1)},
    {"number": "A-2", "amount": 500.0, "issued": dt.date(2026, 11, 15),
     "due": dt.date(2026, 12, 15)},
]  # fmt: skip
PROFILE = as_profile({"country": "CZ", "currency": "EUR"})


def _client(**extra: object) -> dict:
    return {
        "name": "Acme",
        "currency": "EUR",
        "notice_days": 30,
        "status": "ending",
        "engagement": "ongoing",
        "country": "CZ",
        "invoices": INVOICES,
        **extra,
    }


def _copy(lang: str, calendar: Calendar | None = None, **extra: object) -> str:
    checklist = build(record_of(_client(**extra)), PROFILE, TODAY, lang, calendar=calendar)
    return markdown.render(checklist).replace("\xa0", " ")


CLAUSE = "Clause 7.2: the source files pass to the client on payment of every invoice."
OWNERSHIP = {
    "en": "- [ ] I will hand over the source files and rights as our contract provides: "
    f'"{CLAUSE}"',
    "tr": "- [ ] Kaynak dosyaları ve hakları sözleşmemizdeki şu hükme göre devredeceğim: "
    f'"{CLAUSE}"',
    "cs": "- [ ] Zdrojové soubory a práva vám předám podle naší smlouvy, která stanoví: "
    f"„{CLAUSE}“",
}
ASSERTED = ("As our contract says", "Sözleşmemizde yazdığı gibi", "Jak říká naše smlouva")


@pytest.mark.parametrize("lang", LANGS)
def test_no_contract_term_unless_recorded_and_then_quoted(lang: str) -> None:
    plain = _copy(lang)
    assert not any(claim in plain for claim in ASSERTED)
    assert "source files" not in plain and "Kaynak dosya" not in plain and "Zdrojové" not in plain
    recorded = _copy(lang, custom={"ownership_clause": CLAUSE})
    assert OWNERSHIP[lang] in recorded


MONEY = {
    "en": "- [ ] Overdue: €1,000.00 (invoice A-1); I ask you to pay it by 9 December 2026. "
    "Not yet due: invoice A-2 (€500.00), due on 15 December 2026.",
    "tr": "- [ ] Vadesi geçmiş: 1.000,00 € (A-1 numaralı fatura); bu tutarı 9 Aralık 2026 "
    "tarihine kadar ödemenizi rica ederim. Vadesi henüz gelmemiş: A-2 numaralı fatura "
    "(500,00 €), vadesi 15 Aralık 2026.",
    "cs": "- [ ] Po splatnosti: 1 000,00 € (faktura A-1); tuto částku prosím uhraďte do "
    "9. prosince 2026. Dosud nesplatné: faktura A-2 na 500,00 €, splatná 15. prosince 2026.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_overdue_by_the_pay_by_date_and_not_yet_due_apart(lang: str) -> None:
    assert MONEY[lang] in _copy(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_pay_by_date_is_the_letters_from_the_day_notice_was_given(lang: str) -> None:
    # A payment letter drafted on Friday 13 November: asked for by two weeks later, a Friday.
    letter = {"type": "payment", "at": dt.datetime(2026, 11, 13, 9, tzinfo=dt.UTC)}
    text = _copy(lang, letters=[letter])
    assert {"en": "pay it by 27 November 2026", "tr": "27 Kasım 2026 tarihine kadar",
            "cs": "uhraďte do 27. listopadu 2026"}[lang] in text  # fmt: skip


FINAL = {"en": "final invoice", "tr": "Son fatura", "cs": "Konečnou fakturu"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_fixed_price_project_is_promised_no_final_invoice(lang: str) -> None:
    assert FINAL[lang] in _copy(lang)
    project = build(record_of(_client(engagement="project")), PROFILE, TODAY, lang)
    assert FINAL[lang] not in markdown.render(project)
    assert project.item("money-final-invoice") is None
    assert "final-invoice-due" not in {k.id for k in project.key_dates}


def test_every_date_is_a_working_day_with_the_calendar() -> None:
    czech = Calendar(("CZ",))
    # Ending on 24 December (recorded): offsets land on Christmas and weekends without it.
    checklist = build(
        record_of(
            _client(ended=None, end_date=None, lifecycle={"end_date": dt.date(2026, 12, 24)})
        ),
        PROFILE,
        TODAY,
        "en",
        calendar=czech,
    )
    dated = [i.due for i in checklist.items if i.due] + [k.date for k in checklist.key_dates]
    assert dated
    assert all(czech.why_not(day) is None for day in dated), [
        (day, czech.why_not(day)) for day in dated if czech.why_not(day)
    ]
    without = build(
        record_of(_client(lifecycle={"end_date": dt.date(2026, 12, 24)})), PROFILE, TODAY, "en"
    )
    assert any(czech.why_not(i.due) for i in without.items if i.due)  # what the calendar moves


@pytest.mark.parametrize("lang", LANGS)
def test_dates_are_written_day_first_for_a_non_us_profile(lang: str) -> None:
    text = _copy(lang)
    end = {"en": "25 December 2026", "tr": "25 Aralık 2026", "cs": "25. prosince 2026"}[lang]
    assert f"{end})" in text  # an item due on the last day
    assert "December 25, 2026" not in text
    us = markdown.render(build(record_of(_client()), as_profile({"country": "US"}), TODAY, "en"))
    assert "December" in us and re.search(r"December \d+, 2026", us)


def test_the_czech_copy_speaks_in_the_first_person_without_a_gender() -> None:
    text = _copy("cs", custom={"ownership_clause": CLAUSE})
    # Past or conditional forms that show the speaker's gender (mluvil, rád, byl jsem).
    gendered = re.findall(r"\b(?:rád|ráda|\w+l(?:a)? (?:jsem|bych)|(?:jsem|bych) \w+la?)\b", text)
    assert gendered == []
    assert "Na závěr se vás krátce zeptám" in _copy("cs", status="former", ended=TODAY)
