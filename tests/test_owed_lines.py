"""A partly paid invoice in a letter's list says what is still owed of it ("€700.00 of
€1,200.00 still owed"), never the whole amount alone, in en, tr and cs, in every reminder stage
and in the termination letters; an invoice owed in full keeps its amount. The figure is the one
`statement` and `interest` give for the invoice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STAGES = ("friendly-reminder", "firm-reminder", "work-paused", "final-notice", "formal-demand")

CLIENT = """schema_version = 1
name = "Harbour Tools GmbH"
status = "active"
created = 2025-01-10
contact = "Priya Shah"
email = "ap@client.example"
currency = "EUR"
country = "DE"
law = "DE"
customer = "business"
project = "Online shop"

[[invoices]]
number = "A-1"
amount = 1200.0
issued = 2026-09-01
due = 2026-10-01
payments = [{on = 2026-10-20, amount = 500.0}]
"""
SECOND = """
[[invoices]]
number = "A-2"
amount = 800.0
issued = 2026-09-15
due = 2026-10-15
"""

# What each stage's list says of A-1 (700 of 1,200 owed) and of A-2 (owed in full).
LISTED = {
    "en": {
        "friendly-reminder": [
            "- invoice A-1, €700.00 of €1,200.00 still owed, due on 1 October 2026\n",
            "- invoice A-2 for €800.00, due on 15 October 2026\n",
        ],
        "firm-reminder": [
            "- invoice A-1, €700.00 of €1,200.00 still owed, due on 1 October 2026, "
            "55 days overdue",
            "- invoice A-2 for €800.00, due on 15 October 2026, 41 days overdue",
        ],
        "work-paused": [
            "- invoice A-1, €700.00 of €1,200.00 still owed, due on 1 October 2026\n",
            "- invoice A-2 for €800.00, due on 15 October 2026\n",
        ],
        "final-notice": [
            "- invoice A-1, €700.00 of €1,200.00 still owed, due on 1 October 2026, "
            "55 days overdue",
            "- invoice A-2 for €800.00, due on 15 October 2026, 41 days overdue",
        ],
        "formal-demand": [
            "- invoice A-1 of 1 September 2026, €700.00 of €1,200.00 still owed, due on "
            "1 October 2026, 55 days overdue",
            "- invoice A-2 of 15 September 2026 for €800.00, due on 15 October 2026",
        ],
        "payment": [
            "- invoice A-1 (€700.00 of €1,200.00 still owed), due 1 October 2026, now 55 days "
            "overdue",
            "- invoice A-2 (€800.00), due 15 October 2026, now 41 days overdue",
        ],
    },
    "tr": {
        "friendly-reminder": [
            "- A-1 numaralı, 1.200,00 € tutarındaki fatura (kalan tutar 700,00 €, vade tarihi "
            "1 Ekim 2026)\n",
            "- A-2 numaralı, 800,00 € tutarındaki fatura (vade tarihi 15 Ekim 2026)\n",
        ],
        "firm-reminder": [
            "- A-1 numaralı, 1.200,00 € tutarındaki fatura (kalan tutar 700,00 €, vade tarihi "
            "1 Ekim 2026), 55 gün gecikmede",
            "- A-2 numaralı, 800,00 € tutarındaki fatura (vade tarihi 15 Ekim 2026), 41 gün",
        ],
        "work-paused": [
            "- A-1 numaralı, 1.200,00 € tutarındaki fatura (kalan tutar 700,00 €, vade tarihi "
            "1 Ekim 2026)\n",
            "- A-2 numaralı, 800,00 € tutarındaki fatura (vade tarihi 15 Ekim 2026)\n",
        ],
        "final-notice": [
            "- A-1 numaralı, 1.200,00 € tutarındaki fatura (kalan tutar 700,00 €, vade tarihi "
            "1 Ekim 2026), 55 gün gecikmede",
            "- A-2 numaralı, 800,00 € tutarındaki fatura (vade tarihi 15 Ekim 2026), 41 gün",
        ],
        "formal-demand": [
            "- A-1 numaralı, 1 Eylül 2026 tarihli, 1.200,00 € tutarındaki fatura (kalan tutar "
            "700,00 €, vade tarihi 1 Ekim 2026), 55 gün gecikmede",
            "- A-2 numaralı, 15 Eylül 2026 tarihli, 800,00 € tutarındaki fatura (vade tarihi",
        ],
        "payment": [
            "- A-1 numaralı fatura (1.200,00 €, kalan tutar 700,00 €), vadesi 1 Ekim 2026, "
            "55 gündür gecikmede",
            "- A-2 numaralı fatura (800,00 €), vadesi 15 Ekim 2026, 41 gündür gecikmede",
        ],
    },
    "cs": {
        "friendly-reminder": [
            "- faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026\n",
            "- faktura A-2 na 800,00 €, splatná 15. října 2026\n",
        ],
        "firm-reminder": [
            "- faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026, "
            "55 dní po splatnosti",
            "- faktura A-2 na 800,00 €, splatná 15. října 2026, 41 dní po splatnosti",
        ],
        "work-paused": [
            "- faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026\n",
            "- faktura A-2 na 800,00 €, splatná 15. října 2026\n",
        ],
        "final-notice": [
            "- faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026, "
            "55 dní po splatnosti",
            "- faktura A-2 na 800,00 €, splatná 15. října 2026, 41 dní po splatnosti",
        ],
        "formal-demand": [
            "- faktura A-1 ze dne 1. září 2026 na 1 200,00 € (zbývá uhradit 700,00 €), splatná "
            "1. října 2026, 55 dní po splatnosti",
            "- faktura A-2 ze dne 15. září 2026 na 800,00 €, splatná 15. října 2026",
        ],
        "payment": [
            "- faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026, dosud "
            "neuhrazena v plné výši, 55 dní po splatnosti",
            "- faktura A-2 na 800,00 €, splatná 15. října 2026, dosud neuhrazena, 41 dní po",
        ],
    },
}

# The sentences that name A-1 alone: the one-invoice work-paused letter and the money paragraph
# of a termination letter (general).
ALONE = {
    "en": (
        "Invoice A-1, €700.00 of €1,200.00 still owed, due on 1 October 2026, is not yet paid "
        "in full.",
        "Invoice A-1 (€700.00 of €1,200.00 still owed) was due on 1 October 2026 and is not yet "
        "paid in full; please pay the rest by 9 December 2026.",
    ),
    "tr": (
        "A-1 numaralı, 1.200,00 € tutarındaki faturanın (kalan tutar 700,00 €, vade tarihi "
        "1 Ekim 2026) ödemesi hâlâ tamamlanmadı.",
        "A-1 numaralı, 1.200,00 € tutarındaki faturanın vadesi 1 Ekim 2026 tarihinde doldu ve "
        "faturanın 700,00 € tutarındaki kalan kısmı hâlâ ödenmedi; lütfen kalan tutarı "
        "9 Aralık 2026 tarihine kadar ödeyin.",
    ),
    "cs": (
        "faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €), splatná 1. října 2026, stále není "
        "uhrazena v plné výši.",
        "Faktura A-1 na 1 200,00 € (zbývá uhradit 700,00 €) byla splatná 1. října 2026 a dosud "
        "není uhrazena v plné výši; prosím o úhradu zbývající částky do 9. prosince 2026.",
    ),
}


def _client(home: Path, body: str) -> None:
    (home / "clients" / "harbour.toml").write_text(body, encoding="utf-8")


def _remind(cli, stage: str, lang: str) -> str:
    result = cli(
        "remind", "harbour", "--stage", stage, "--skip-stages", "--lang", lang, "--dry-run"
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.stdout.replace("\xa0", " ")  # amounts keep their parts together


def _letter(cli, kind: str, lang: str) -> str:
    result = cli("letter", "--type", kind, "harbour", "--lang", lang, "--dry-run")
    assert result.exit_code == 0, result.stderr
    return result.stdout.replace("\xa0", " ")  # amounts keep their parts together


@pytest.mark.parametrize("lang", ["en", "tr", "cs"])
def test_each_listed_invoice_says_what_is_still_owed(cli, examples_home: Path, lang: str) -> None:
    _client(examples_home, CLIENT + SECOND)
    for stage in STAGES:
        text = _remind(cli, stage, lang)
        for line in LISTED[lang][stage]:
            assert line in text, (stage, line, text)
    text = _letter(cli, "payment", lang)
    for line in LISTED[lang]["payment"]:
        assert line in text, ("payment", line, text)


@pytest.mark.parametrize("lang", ["en", "tr", "cs"])
def test_a_partly_paid_invoice_alone_is_not_called_unpaid(
    cli, examples_home: Path, lang: str
) -> None:
    _client(examples_home, CLIENT)
    paused, termination = ALONE[lang]
    assert paused in _remind(cli, "work-paused", lang)
    assert termination in _letter(cli, "general", lang)


def test_the_letters_figure_is_the_statements_and_interests(cli, examples_home: Path) -> None:
    _client(examples_home, CLIENT + SECOND)
    statement = json.loads(cli("statement", "harbour", "--json").stdout)
    assert {i["number"]: i["open"] for i in statement["invoices"]} == {"A-1": 700.0, "A-2": 800.0}
    claim = json.loads(cli("interest", "harbour", "--json").stdout)
    first = next(i for i in claim["invoices"] if i["number"] == "A-1")
    # Interest runs on 1,200 until the part payment of 20 October, then on the 700 still owed.
    assert [(s["from"], s["balance"]) for s in first["stretches"]] == [
        ("2026-10-02", 1200.0),
        ("2026-10-21", 700.0),
    ]
    assert "€700.00 of €1,200.00 still owed" in _remind(cli, "final-notice", "en")


def test_an_invoice_credited_in_part_says_what_is_left(cli, examples_home: Path) -> None:
    credited = CLIENT.replace(
        "payments = [{on = 2026-10-20, amount = 500.0}]",
        'credits = [{number = "CN-1", on = 2026-10-05, amount = 200.0}]',
    )
    _client(examples_home, credited)
    assert "- invoice A-1, €1,000.00 of €1,200.00 still owed, due on 1 October 2026" in _remind(
        cli, "friendly-reminder", "en"
    )
