"""Every letter type in Czech, to a Czech man, a Czech woman, a foreign woman and a department:
the greeting is the right vocative (never "pane" for a woman or a team), past forms addressed to
the contact follow the contact, and the sender's own forms follow the profile's gender. And
`init` asks the gender only of someone who writes Czech."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from clientexit import config
from clientexit._paths import Paths
from clientexit.letters import catalog, draft
from clientexit.record.model import Client
from clientexit.salutation import salutation
from letter_helpers import draft_record

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)

# contact -> (greeting, the past form "projevil/a/i jste mi" addressed to them)
CONTACTS = {
    "Petr Novák": ("Vážený pane Nováku,", "kterou jste mi projevil při práci"),
    "Jana Nováková": ("Vážená paní Nováková,", "kterou jste mi projevila při práci"),
    "Elif Yıldırım": ("Vážená paní Yıldırım,", "kterou jste mi projevila při práci"),
    # A foreign woman's surname is not declined (nor given -ová): paní Shah.
    "Priya Shah": ("Vážená paní Shah,", "kterou jste mi projevila při práci"),
    "Účetní oddělení": ("Dobrý den,", "kterou jste mi projevili při práci"),
}
# The friendly reminder's "if you have already paid" agrees with the one it is addressed to: the
# formal Vy takes "jste", the participle the addressee's sex; a team gets a sentence without one.
PAID = {
    "Petr Novák": "Pokud jste již zaplatil, děkuji",
    "Jana Nováková": "Pokud jste již zaplatila, děkuji",
    "Elif Yıldırım": "Pokud jste již zaplatila, děkuji",
    "Priya Shah": "Pokud jste již zaplatila, děkuji",
    "Účetní oddělení": "Pokud již byla platba odeslána, děkuji",
}
# The same contacts in English and Turkish letters: a first name, or the full name.
GREETING = {
    "en": {
        "Petr Novák": "Dear Petr,",
        "Jana Nováková": "Dear Jana,",
        "Elif Yıldırım": "Dear Elif,",
        "Priya Shah": "Dear Priya,",
        "Účetní oddělení": "Dear Účetní oddělení,",
    },
    "tr": {name: f"Sayın {name}," for name in CONTACTS},
}
# The sender's own past forms in the general letter, by the profile's gender.
SENDER = {
    "f": ("jsem se rozhodla naši spolupráci", "abych se mohla soustředit", "Ráda to s Vámi"),
    "m": ("jsem se rozhodl naši spolupráci", "abych se mohl soustředit", "Rád to s Vámi"),
}


def _client(contact: str) -> dict[str, Any]:
    return {
        "name": "Zelená louka s.r.o.",
        "status": "active",
        "contact": contact,
        "email": "info@zelena-louka.example",
        "currency": "CZK",
        "country": "CZ",
        "language": "cs",
        "notice_days": 30,
        "engagement": "ongoing",
        "project": "E-shop",
        "invoices": [
            {
                "number": "ZL-7",
                "amount": 60000.0,
                "issued": dt.date(2026, 9, 1),
                "due": dt.date(2026, 9, 15),
            }
        ],
        "incidents": [
            {
                "date": dt.date(2026, 10, 1),
                "kind": "scope",
                "text": "Požadavek na mobilní aplikaci.",
            }
        ],
    }


def _with_gender(home: Path, gender: str) -> Paths:
    path = home / "config.toml"
    text = path.read_text(encoding="utf-8").replace('gender = "f"', f'gender = "{gender}"')
    path.write_text(text, encoding="utf-8")
    return Paths(home)


def _reminder_values(paths: Paths, record: Client, stage: str) -> dict:
    from clientexit.collect import ladder, rates, reminder

    profile = config.require_profile(paths)
    found = reminder.plan(
        ladder.load(paths),
        rates.load(paths),
        record,
        record.billing_currency(profile),
        NOW.date(),
        requested=stage,
        skip=True,
    )
    return {"collect": found.values}


def _draft(paths: Paths, contact: str, letter_type: str, lang: str = "cs") -> draft.Draft:
    record = Client("zelena-louka", paths.client_file("zelena-louka"), _client(contact))
    options: dict[str, Any] = {
        "despite_conduct": True,
        "despite_record": True,
        "placeholders": True,
        "overrides": {"highlight": "spuštění e-shopu"},
    }
    if catalog.get(letter_type).drafted_by:
        options["extra"] = _reminder_values(paths, record, letter_type)
    return draft_record(paths, record, letter_type, lang, **options)


@pytest.mark.parametrize("gender", ["f", "m"])
@pytest.mark.parametrize("contact", sorted(CONTACTS))
def test_every_czech_letter_greets_the_contact_and_speaks_as_the_sender(
    examples_home: Path, contact: str, gender: str
) -> None:
    paths = _with_gender(examples_home, gender)
    greeting, addressed = CONTACTS[contact]
    for letter_type in catalog.names():
        text = _draft(paths, contact, letter_type).text
        assert text.split("\n\n")[1] == greeting, letter_type
        if greeting != "Vážený pane Nováku,":
            assert "pane" not in text, letter_type  # a woman or a team is never "pane"
        other = "m" if gender == "f" else "f"
        assert not any(form in text for form in SENDER[other]), letter_type
    general = _draft(paths, contact, "general").text
    assert addressed in general
    assert all(form in general for form in SENDER[gender])
    reminder = _draft(paths, contact, "friendly-reminder").text
    assert PAID[contact] in reminder
    assert "zaplatili" not in reminder and "mohli byste" not in reminder
    assert "Mohu Vás poprosit o úhradu do " in reminder  # courtesy: tests/golden/ladder


@pytest.mark.parametrize("lang", sorted(GREETING))
@pytest.mark.parametrize("contact", sorted(CONTACTS))
def test_every_english_and_turkish_letter_greets_the_contact(
    examples_home: Path, contact: str, lang: str
) -> None:
    paths = Paths(examples_home)
    for letter_type in catalog.names():
        text = _draft(paths, contact, letter_type, lang).text
        greeting = text.split("\n\n")[1]
        if letter_type in ("final-notice", "formal-demand") and lang == "en":
            continue  # formal: the full name (tests/test_ladder_letters.py)
        assert greeting == GREETING[lang][contact], (letter_type, greeting)


def test_a_czech_letter_without_the_senders_gender_warns_once_in_czech(
    examples_home: Path,
) -> None:
    path = examples_home / "config.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('gender = "f"', ""), encoding="utf-8")
    letter = _draft(Paths(examples_home), "Jana Nováková", "general")
    warned = [c for c in letter.cautions if "clientexit init --gender" in c]
    assert warned == [
        "Váš profil neuvádí rod, a tak o Vás dopis mluví v mužském rodě (rozhodl jsem se). "
        "Nastavte ho: clientexit init --gender f --yes (žena), nebo --gender m --yes (muž)."
    ]


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("Elif Yıldırım", "Vážená paní Yıldırım,"),
        ("Elif Yildirim", "Vážená paní Yildirim,"),
        ("Marisol García", "Vážená paní García,"),
        ("Marisol Reyes", "Vážená paní Reyes,"),
        ("Priya Shah", "Vážená paní Shah,"),  # a foreign woman's surname: as written, no -ová
        ("Rahul Shah", "Dobrý den,"),  # a man's name that is not Czech: no vocative guessed
        ("Mehmet Yıldırım", "Dobrý den,"),
        ("Claire Dubois", "Vážená paní Dubois,"),
        ("Claire Martin", "Vážená paní Martin,"),  # a Czech-looking surname: still a woman
        ("Ing. Claire Dubois", "Vážená paní inženýrko,"),
        ("John Smith", "Dobrý den,"),  # not a Czech man's name: no masculine vocative
        ("Ing. John Smith", "Dobrý den,"),
        ("Deniz Kaya", "Dobrý den,"),  # a name for either sex
        ("Petr Nováková", "Dobrý den,"),  # the names disagree
        ("Jiri Novak", "Vážený pane Novaku,"),  # written without diacritics
        ("JANA NOVÁKOVÁ", "Vážená paní Nováková,"),
    ],
)
def test_a_given_name_that_is_not_a_czech_mans_is_never_greeted_as_pane(
    contact: str, expected: str
) -> None:
    assert salutation(contact, "cs") == expected


# init: the gender question only for someone who writes Czech.

pexpect = pytest.importorskip("pexpect")
FLAGS = ["--name", "Maya", "--business", "Studio", "--email", "maya@example.com",
         "--signature", "Maya", "--currency", "EUR", "--rate", "80", "--notice-days", "30",
         "--country", "SE"]  # fmt: skip


def _init(home: Path, language: str):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(CLIENTEXIT_HOME=str(home), TERM="xterm", NO_COLOR="1", COLUMNS="200")
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        sys.executable,
        ["-m", "clientexit", "init", *FLAGS, "--language", language],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
    )


@pytest.mark.slow
def test_init_asks_the_gender_of_someone_who_writes_czech(home: Path) -> None:
    child = _init(home, "cs")
    child.expect_exact("F or m")
    child.send("f\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert 'gender = "f"' in (home / "config.toml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_init_does_not_ask_the_gender_of_someone_who_writes_english(home: Path) -> None:
    child = _init(home, "en")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "F or m" not in (child.before or "")
    assert "gender" not in (home / "config.toml").read_text(encoding="utf-8")
