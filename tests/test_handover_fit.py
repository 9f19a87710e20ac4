"""A checklist that fits the exit: a plan until an end is decided, a late payer is not abusive,
what was achieved, online reputation, lessons for a client that left, and the client's copy
written to the client."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from clientexit._resources import templates_dir
from clientexit.handover import markdown
from clientexit.handover.checklist import BEFORE_NOTICE, build
from record_helpers import client as record_of
from record_helpers import profile as as_profile

LANGS = ("en", "tr", "cs")
TODAY = dt.date(2026, 11, 25)
INVOICES = [
    {"number": "2026-045", "amount": 1445.0, "issued": dt.date(2026, 9, 1),
     "due": dt.date(2026, 9, 15)},
    {"number": "2026-052", "amount": 1190.0, "issued": dt.date(2026, 10, 1),
     "due": dt.date(2026, 10, 15)},
    {"number": "2026-060", "amount": 800.0, "issued": dt.date(2026, 11, 20),
     "due": dt.date(2026, 12, 20)},  # not yet due
]  # fmt: skip


def client(**extra: object) -> dict:
    return {"name": "Acme Ltd", "currency": "EUR", "notice_days": 14, "language": "en", **extra}


def test_no_end_decided_is_a_plan_without_a_last_day() -> None:
    plan = build(record_of(client(invoices=INVOICES)), as_profile(), TODAY)
    assert not plan.decided and plan.key_dates == ()
    dated = {i.id for i in plan.items if i.due is not None}
    assert dated and dated <= BEFORE_NOTICE  # only the preparation is due (now)
    text = markdown.render(plan)
    assert "Last working day" not in text
    assert "A plan: no end is decided yet" in text
    assert "(due " not in text.replace("(due 25 November 2026)", "")
    data_plan = build(record_of(client(invoices=INVOICES)), as_profile(), TODAY)
    assert data_plan.item("money-final-invoice").due is None  # type: ignore[union-attr]


OVERDUE_TO_CLIENT = "Overdue: €2,635.00 (invoices 2026-045 and 2026-052); I ask you to pay it by"
LATER_TO_CLIENT = "Not yet due: invoice 2026-060 (€800.00), due on"


@pytest.mark.parametrize(
    ("decided", "amount", "numbers", "pay_by"),
    [
        ({}, "€2,635.00", "invoices 2026-045 and 2026-052", "9 December 2026"),  # overdue only
        ({"status": "ending"}, "€3,435.00", "invoices 2026-045, 2026-052, and 2026-060",
         "9 December 2026"),
        # The letter's pay-by date: two weeks from the day it was drafted (a Friday).
        ({"letters": [{"type": "payment", "at": dt.datetime(2026, 11, 20, 9)}]}, "€3,435.00",
         "invoices 2026-045, 2026-052, and 2026-060", "4 December 2026"),
    ],
)  # fmt: skip
def test_money_to_collect_is_the_overdue_part_until_an_end_is_decided(
    decided: dict, amount: str, numbers: str, pay_by: str
) -> None:
    checklist = build(
        record_of(client(invoices=INVOICES, **decided)), as_profile({"country": "GB"}), TODAY
    )
    collect = checklist.item("money-collect")
    assert collect is not None
    assert collect.text.startswith(f"Collect the {amount} still unpaid ({numbers})")
    # The client's copy: what is overdue, by the letter's pay-by date; what is not yet due, apart.
    copy = markdown.render(checklist)
    assert f"- [ ] {OVERDUE_TO_CLIENT} {pay_by}." in copy
    if decided:
        assert f"{OVERDUE_TO_CLIENT} {pay_by}. {LATER_TO_CLIENT} " in copy
    else:
        assert "2026-060" not in copy


def test_nothing_overdue_and_no_end_decided_collects_nothing() -> None:
    upcoming = [INVOICES[2]]
    assert (
        build(record_of(client(invoices=upcoming)), as_profile(), TODAY).item("money-collect")
        is None
    )
    ending = build(record_of(client(invoices=upcoming, status="ending")), as_profile(), TODAY)
    assert ending.item("money-collect") is not None


def end(cli, slug: str) -> None:
    args = ("--by", "me", "--reason", "Late payments", "--date", "2026-12-09")
    result = cli("end", slug, *args)
    assert result.exit_code == 0, result.stderr


def test_the_clients_copy_is_written_to_the_client(cli, examples_home: Path) -> None:
    end(cli, "northwind-bakery")
    text = cli("handover", "northwind-bakery", "--format", "markdown").stdout
    assert "Last working day: 9 December 2026" in text
    assert "- [ ] I will send the final invoice promptly, with an itemised breakdown." in text
    assert (
        "- [ ] Overdue: €2,635.00 (invoices 2026-045 and 2026-052); I ask you to pay it by "
        "9 December 2026." in text
    )
    assert "- [ ] I will stay available for reasonable questions" in text  # a late payer
    assert "Send the final invoice" not in text and "Collect the" not in text
    # The terminal view is the freelancer's: instructions, in the second person.
    own = cli("handover", "northwind-bakery").stdout
    assert "Send the final invoice promptly" in own and "I will" not in own


@pytest.mark.parametrize(
    ("lang", "final", "open_line"),
    [
        ("tr", "Son faturayı, kalem kalem dökümüyle birlikte vakit kaybetmeden göndereceğim.",
         "Vadesi geçmiş: 2.635,00 € (2026-045 ve 2026-052 numaralı faturalar); bu tutarı "
         "9 Aralık 2026 tarihine kadar ödemenizi rica ederim."),
        ("cs", "Konečnou fakturu pošlu bez odkladu, s rozpisem položek.",
         "Po splatnosti: 2 635,00 € (faktury 2026-045 a 2026-052); tuto částku prosím uhraďte "
         "do 9. prosince 2026."),
    ],
)  # fmt: skip
def test_the_clients_copy_in_turkish_and_czech(
    cli, examples_home: Path, lang: str, final: str, open_line: str
) -> None:
    end(cli, "northwind-bakery")
    text = cli("handover", "northwind-bakery", "--lang", lang, "--format", "markdown").stdout
    assert f"- [ ] {final}" in text
    assert f"- [ ] {open_line}".replace("\u00a0", " ") in text.replace("\u00a0", " ")


def test_what_was_achieved_is_a_section_of_the_handover_document(cli, examples_home: Path) -> None:
    end(cli, "fjord-coffee")
    before = cli("handover", "fjord-coffee", "--format", "markdown").stdout
    assert "## What was achieved\n\n- [ ] I will sum up what we achieved together" in before
    summary = "New shop online in March; orders up 40% by June."
    result = cli("handover", "fjord-coffee", "--done", "results-summary", "--note",
                 "results-summary", summary)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = cli("handover", "fjord-coffee", "--format", "markdown").stdout
    assert f"## What was achieved\n\n{summary}\n" in after
    data = json.loads(cli("handover", "fjord-coffee", "--json").stdout)
    assert data["achieved"] == summary


@pytest.mark.parametrize("lang", LANGS)
def test_online_reputation_fits_how_it_ended(lang: str) -> None:
    calm = build(record_of(client(status="ending")), as_profile(), TODAY, lang)
    assert "reputation-online-reviews" in calm.ids and "reputation-online-watch" not in calm.ids
    late = [{"at": dt.datetime(2026, 11, 20), "letter_type": "payment"}]
    hostile = build(record_of(client(status="ending", assessments=late)), as_profile(), TODAY, lang)
    assert "reputation-online-watch" in hostile.ids
    assert "reputation-online-reviews" not in hostile.ids
    watch = hostile.item("reputation-online-watch")
    assert watch is not None and watch.private
    if lang == "en":
        assert "answer a negative review once, calmly and professionally" in watch.text


@pytest.mark.parametrize("lang", LANGS)
def test_lessons_fit_who_ended_it(lang: str) -> None:
    def lessons(ended_by: str) -> list[str]:
        ending = {"ended_by": ended_by, "end_date": dt.date(2026, 11, 1)}
        checklist = build(
            record_of(client(status="former", lifecycle=ending)), as_profile(), TODAY, lang
        )
        return [i.id for i in checklist.in_section("lessons")]

    left = lessons("client")
    assert left[:2] == ["lessons-why-left", "lessons-early-signs"]
    assert "lessons-red-flags" not in left and "lessons-screening" not in left
    mine = lessons("me")
    assert "lessons-red-flags" in mine and "lessons-why-left" not in mine


def test_a_client_that_left_is_asked_why(cli, examples_home: Path) -> None:
    text = cli("handover", "solvberg-architects").stdout
    assert "Why did Sølvberg Architects leave" in text
    assert "Which red flags did you miss" not in text


def _items(lang: str) -> list[tuple]:
    path = templates_dir() / "checklists" / lang / "handover.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        (i["id"], i.get("due"), i.get("when"), i.get("unless"), "to_client" in i, i.get("private"))
        for section in data["section"]
        for i in section["item"]
    ]


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_every_language_has_the_same_items_conditions_and_client_texts(lang: str) -> None:
    assert _items(lang) == _items("en")
    english = tomllib.loads(
        (templates_dir() / "checklists" / "en" / "handover.toml").read_text(encoding="utf-8")
    )
    translated = tomllib.loads(
        (templates_dir() / "checklists" / lang / "handover.toml").read_text(encoding="utf-8")
    )
    assert set(translated["labels"]) == set(english["labels"])


THREE_INCIDENTS = [
    {"date": dt.date(2026, 9, d), "kind": kind, "text": f"Incident {d}."}
    for d, kind in ((1, "scope"), (8, "communication"), (15, "scope"))
]


@pytest.mark.parametrize("lang", LANGS)
def test_no_testimonial_or_referral_step_where_the_referral_letter_warns(lang: str) -> None:
    from clientexit.record.model import Client

    ended = {"status": "former", "lifecycle": {"end_date": dt.date(2026, 11, 20)}}
    calm = build(record_of(client(language=lang, **ended)), as_profile(), TODAY)
    assert {"wrapup-testimonial", "wrapup-referral"} <= set(calm.ids)
    rocky_data = client(language=lang, incidents=THREE_INCIDENTS, **ended)
    rocky = build(record_of(rocky_data), as_profile(), TODAY)
    assert not {"wrapup-testimonial", "wrapup-referral"} & set(rocky.ids)
    # Not a hostile exit: the rest of the friendly wrap-up stays (a thank-you is still fine).
    assert "wrapup-thank-you" in rocky.ids
    reason = Client("acme-ltd", None, rocky_data).referral_unsuitable(TODAY)
    assert reason == "3 incidents are on file (communication, scope)"
