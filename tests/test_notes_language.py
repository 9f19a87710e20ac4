"""Notes on stderr follow the language of the command's output (issue 19): the letter's cautions
(referral, weekend or holiday, record text in another language), the status notes (now ending,
the end date moving, a dry run, when to send), 'no template', in en, tr and cs, with dates as
the letter writes them. The words are data (templates/letters/notes.toml)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from clientexit._resources import templates_dir
from clientexit.letters import draft
from clientexit.letters.notes import say
from letter_helpers import draft_for

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def test_every_language_has_every_english_note() -> None:
    with (templates_dir() / "letters" / "notes.toml").open("rb") as handle:
        table = tomllib.load(handle)
    english = set(table["en"])
    for lang in ("tr", "cs"):
        assert english <= set(table[lang]), (lang, sorted(english - set(table[lang])))
    # What only some languages say: the Czech sender's gender; the kind of an unsuitable exit
    # (English quotes the record's own reason, which says more).
    only = {k for lang in ("tr", "cs") for k in table[lang]} - english
    assert only == {
        "sender_gender",
        "referral_reason_abusive",
        "referral_reason_non_paying",
        "referral_reason_incidents",
    }


def test_a_language_without_notes_is_told_in_english() -> None:
    assert say("dry_run", "de", name="Acme") == (
        "Dry run: nothing recorded; the history and status of Acme are unchanged."
    )
    assert say("no_template", "cs", letter_type="follow-up", requested="cs") == (
        "Šablona dopisu follow-up v jazyce 'cs' není; použita anglická."
    )
    assert say("no_template", "tr", letter_type="follow-up", requested="tr") == (
        "follow-up mektubunun 'tr' dilinde şablonu yok; İngilizcesi kullanıldı."
    )


def _client(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Acme Ltd",
        "status": "former",
        "contact": "Anna Nováková",
        "currency": "EUR",
        "notice_days": 14,
        "engagement": "ongoing",
        "project": "Shop",
        **extra,
    }


def _draft(home: Path, data: dict[str, Any], letter_type: str, lang: str) -> draft.Draft:
    return draft_for(home, data, letter_type, lang, placeholders=True)


THREE = [
    {"date": dt.date(2026, 10, d), "kind": k, "text": "x"}
    for d, k in ((1, "scope"), (8, "scope"), (15, "communication"))
]
ONE = [{"date": dt.date(2026, 10, 1), "kind": "scope", "text": "x"}]
CONDUCT = [{"date": dt.date(2026, 10, 1), "kind": "conduct", "text": "x"}]
UNPAID = [
    {"number": "B-1", "amount": 100.0, "issued": dt.date(2026, 8, 1), "due": dt.date(2026, 9, 1)}
]


@pytest.mark.parametrize(
    ("lang", "record", "expected"),
    [
        ("en", {"incidents": THREE},
         "Do not send this referral request as it stands: for Acme Ltd 3 incidents are on file "
         "(communication, scope). A testimonial or referral request suits a relationship that "
         "ended well (the handover checklist leaves it out too); send a short thank-you, or "
         "nothing."),
        ("cs", {"incidents": THREE},
         "Tuto žádost o doporučení v této podobě neposílejte: v záznamu klienta Acme Ltd jsou "
         "incidenty (celkem 3). Žádost o referenci nebo doporučení se hodí ke spolupráci, která "
         "skončila dobře (kontrolní seznam předání ji také vynechává); pošlete krátké "
         "poděkování, nebo nic."),
        ("tr", {"incidents": THREE},
         "Bu tavsiye talebini bu haliyle göndermeyin: Acme Ltd için kayıtta 3 olay var. Referans "
         "ya da tavsiye talebi iyi biten bir ilişkiye yakışır (devir listesi de bu adımı "
         "atlıyor); kısa bir teşekkür gönderin ya da hiçbir şey göndermeyin."),
        ("cs", {"incidents": CONDUCT},
         "Tuto žádost o doporučení v této podobě neposílejte: klient Acme Ltd se podle záznamu "
         "choval nevhodně."),
        ("tr", {"incidents": CONDUCT},
         "Bu tavsiye talebini bu haliyle göndermeyin: kayda göre Acme Ltd uygunsuz davrandı."),
        ("cs", {"invoices": UNPAID},
         "Tuto žádost o doporučení v této podobě neposílejte: klient Acme Ltd neplatí faktury "
         "po splatnosti."),
        ("tr", {"invoices": UNPAID},
         "Bu tavsiye talebini bu haliyle göndermeyin: Acme Ltd vadesi geçmiş faturalarını "
         "ödemiyor."),
        ("en", {"incidents": ONE},
         "A referral request suits a relationship that ended well; Acme Ltd has 1 recorded "
         "incident. Consider a thank-you instead."),
        ("cs", {"incidents": ONE},
         "Žádost o doporučení se hodí ke spolupráci, která skončila dobře; u klienta Acme Ltd je "
         "zaznamenán jeden incident. Zvažte raději poděkování."),
        ("tr", {"incidents": ONE},
         "Tavsiye talebi iyi biten bir ilişkiye yakışır; Acme Ltd için kayıtlı bir olay var. "
         "Bunun yerine bir teşekkür mektubu düşünün."),
        ("cs", {"incidents": THREE[:2]},
         "Žádost o doporučení se hodí ke spolupráci, která skončila dobře; u klienta Acme Ltd "
         "jsou zaznamenány incidenty (celkem 2). Zvažte raději poděkování."),
    ],
)  # fmt: skip
def test_the_referral_cautions_are_in_the_letters_language(
    examples_home: Path, lang: str, record: dict[str, Any], expected: str
) -> None:
    letter = _draft(examples_home, _client(**record), "referral-request", lang)
    assert any(c.startswith(expected) for c in letter.cautions), letter.cautions


STATUS = {
    "en": (
        "The recorded end date moves from 9 December 2026 to 31 December 2026, as the letter says.",
        "Northwind Bakery is now marked as ending (end date 31 December 2026).",
        "Dry run: nothing recorded; the history and status of Northwind Bakery are unchanged.",
        "Review it, then send no earlier than 26 November 2026 at ",
    ),
    "tr": (
        "Kayıtlı bitiş tarihi, mektupta yazdığı gibi 9 Aralık 2026 yerine 31 Aralık 2026 oldu.",
        "Northwind Bakery artık ayrılan müşteri olarak işaretli (bitiş tarihi 31 Aralık 2026).",
        "Deneme: hiçbir şey kaydedilmedi; Northwind Bakery müşterisinin geçmişi ve durumu "
        "değişmedi.",
        "Gözden geçirin; göndermek için en erken zaman: 26 Kasım 2026 saat ",
    ),
    "cs": (
        "Zaznamenané datum ukončení se mění z 9. prosince 2026 na 31. prosince 2026, jak uvádí "
        "dopis.",
        "Klient Northwind Bakery je nyní veden jako končící (datum ukončení 31. prosince 2026).",
        "Zkušební běh: nic se nezaznamenalo; historie a stav klienta Northwind Bakery zůstávají "
        "beze změny.",
        "Dopis si projděte a odešlete nejdříve 26. listopadu 2026, ",
    ),
}


@pytest.mark.parametrize("lang", sorted(STATUS))
def test_the_status_notes_are_in_the_letters_language(cli, examples_home: Path, lang: str) -> None:
    moves, ending, dry, send = STATUS[lang]
    slug = "northwind-bakery"
    args = ("letter", slug, "-t", "payment", "--lang", lang)
    first = cli(*args, "--end-date", "2026-12-09", "--out", str(examples_home.parent / "a.txt"))
    assert first.exit_code == 0, first.stderr
    later = cli(*args, "--end-date", "2026-12-31", "--out", str(examples_home.parent / "b.txt"))
    said = later.stderr.splitlines()
    assert moves in said and ending in said, said
    assert any(line.startswith(send) for line in said), said
    dry_run = cli(*args, "--end-date", "2026-12-31", "--dry-run")
    assert dry in dry_run.stderr.splitlines(), dry_run.stderr
    assert ending not in dry_run.stderr
    # --json keeps ISO dates.
    data = json.loads(cli(*args, "--end-date", "2026-12-31", "--dry-run", "--json").stdout)
    assert data["end_date"] == "2026-12-31"


def test_a_tone_warning_on_a_czech_letter_is_in_czech(cli, examples_home: Path) -> None:
    result = cli(
        "letter", "zelena-louka-s-r-o", "-t", "thank-you", "--dry-run",
        "--set", "highlight=vždycky jste platili pozdě",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("tón: dopis:")]
    assert ': zobecnění: "vždycky jste" -> Uveďte konkrétní případy' in warning
