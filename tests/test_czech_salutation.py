"""Czech greetings: an academic title is addressed by its vocative (the highest title), and a
contact that is not a person's name (a department, a team) gets the neutral "Dobrý den,"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit.salutation import salutation


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("Ing. Petr Novák", "Vážený pane inženýre,"),
        ("Ing. Jana Nováková", "Vážená paní inženýrko,"),
        ("Ing. arch. Jana Malá", "Vážená paní inženýrko,"),
        ("Mgr. Jana Nováková", "Vážená paní magistro,"),
        ("Mgr. Petr Novák, Ph.D.", "Vážený pane magistře,"),
        ("Bc. Lucie Horáková", "Vážená paní bakalářko,"),
        ("Bc. Tomáš Král", "Vážený pane bakaláři,"),
        ("MUDr. Eva Malá", "Vážená paní doktorko,"),
        ("JUDr. Tomáš Král", "Vážený pane doktore,"),
        ("PhDr. Marie Svobodová", "Vážená paní doktorko,"),
        ("RNDr. Karel Černý", "Vážený pane doktore,"),
        ("doc. MUDr. Eva Malá", "Vážená paní docentko,"),
        ("prof. Ing. Jan Dvořák, CSc.", "Vážený pane profesore,"),
        ("Prof. Marie Dvořáková", "Vážená paní profesorko,"),
        ("ING. Petr Novák", "Vážený pane inženýre,"),
    ],
)
def test_a_title_is_addressed_by_its_vocative(contact: str, expected: str) -> None:
    assert salutation(contact, "cs") == expected


@pytest.mark.parametrize(
    "contact",
    [
        "Účetní oddělení",
        "ÚČETNÍ ODDĚLENÍ",
        "Účetní Oddělení",
        "Obchodní tým",
        "Tým podpory",
        "Zákaznická podpora",
        "Nováková",  # a lone word
        "Ing. Nováková",  # a title and a lone word
        "Jan Karel Novák Dvořák",  # four names: not a person's name shape
    ],
)
def test_a_contact_that_is_not_a_persons_name_gets_the_neutral_greeting(contact: str) -> None:
    assert salutation(contact, "cs") == "Dobrý den,"


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("Petr Novák", "Vážený pane Nováku,"),
        ("Petr NOVÁK", "Vážený pane Nováku,"),
        ("Petr Novák, MBA", "Vážený pane Nováku,"),
        ("Jan Karel Novák", "Vážený pane Nováku,"),
        ("Jana Nováková-Svobodová", "Vážená paní Nováková-Svobodová,"),
    ],
)
def test_names_without_a_title_keep_the_surname(contact: str, expected: str) -> None:
    assert salutation(contact, "cs") == expected


def test_other_languages_are_unchanged_by_titles() -> None:
    assert salutation("Ing. Petr Novák", "en") == "Dear Ing. Novák,"  # title and surname
    assert salutation("Účetní oddělení", "tr") == "Sayın Účetní oddělení,"


@pytest.mark.parametrize(
    ("contact", "greeting"),
    [("Účetní oddělení", "Dobrý den,"), ("Ing. Petr Novák", "Vážený pane inženýre,")],
)
def test_a_czech_letter_opens_with_the_greeting(cli, examples_home: Path, contact, greeting):
    added = cli("client", "add", "Tichá Firma s.r.o.", "--language", "cs", "--contact", contact)
    assert added.exit_code == 0, added.stderr
    result = cli("letter", "ticha-firma-s-r-o", "-t", "general", "--placeholders", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["body"].startswith(greeting + "\n")
