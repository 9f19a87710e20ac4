"""Stable ids for invoices, incidents, deliverables and letters (record/ids.py)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit.record import ids
from clientexit.record.model import Client

SHAPE = re.compile(r"^(inv|inc|del|let)-[0-9a-hjkmnp-tv-z]{6}$")
TABLES = ("invoices", "incidents", "deliverables", "letters")


def _stored(home: Path, slug: str) -> dict:
    return tomllib.loads((home / "clients" / f"{slug}.toml").read_text(encoding="utf-8"))


def _ids(client: Client) -> dict[str, list[str]]:
    return {
        "invoices": sorted(i.id for i in client.invoices),
        "incidents": sorted(i.id for i in client.incidents),
        "deliverables": sorted(d.id for d in client.deliverables),
        "letters": sorted(x.id for x in client.letters),
    }


def test_ids_shown_before_the_first_write_are_the_ones_it_stores(examples_home: Path) -> None:
    paths = Paths(examples_home)
    data = _stored(examples_home, "northwind-bakery")
    assert all("id" not in e for t in TABLES for e in data.get(t, []))  # a file from before ids
    shown = _ids(clients.load(paths, "northwind-bakery"))
    assert shown == _ids(clients.load(paths, "northwind-bakery"))  # derived the same each time
    assert all(SHAPE.match(i) for found in shown.values() for i in found)
    with clients.edit(paths, "northwind-bakery") as doc:
        doc["notes"] = "an edit of another key"
    stored = _stored(examples_home, "northwind-bakery")
    assert {t: sorted(e["id"] for e in stored.get(t, [])) for t in TABLES} == shown
    assert _ids(clients.load(paths, "northwind-bakery")) == shown


def test_a_new_entry_gets_a_new_id_first_and_comments_survive(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# kept by hand\n", encoding="utf-8")
    for _ in range(3):
        assert cli("log", "fjord-coffee", "add", "Called about the handover").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "# kept by hand" in text
    assert re.search(r"\[\[incidents\]\]\nid = \"inc-[0-9a-z]{6}\"\n", text)
    entries = json.loads(cli("log", "fjord-coffee", "list", "--json").stdout)
    found = [e["id"] for e in entries]
    assert len(set(found)) == 3 and all(SHAPE.match(i) for i in found)


def test_an_added_invoice_and_deliverable_report_their_ids(cli, examples_home: Path) -> None:
    added = cli("invoice", "fjord-coffee", "add", "F-1", "100", "--issued", "2026-11-01",
                "--due", "2026-11-30", "--json")  # fmt: skip
    invoice_id = json.loads(added.stdout)["id"]
    assert invoice_id.startswith("inv-")
    assert [e["id"] for e in _stored(examples_home, "fjord-coffee")["invoices"]][-1] == invoice_id
    added = cli("deliverable", "fjord-coffee", "add", "Menu", "--json")
    deliverable_id = json.loads(added.stdout)["id"]
    done = cli("deliverable", "fjord-coffee", "done", deliverable_id, "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["delivered"] == "2026-11-25"


def test_a_drafted_letter_is_recorded_with_an_id(cli, examples_home: Path, tmp_path) -> None:
    out = tmp_path / "letter.txt"
    assert cli("letter", "fjord-coffee", "-t", "general", "--out", str(out)).exit_code == 0
    (letter,) = clients.load(Paths(examples_home), "fjord-coffee").letters
    assert letter.id.startswith("let-")
    assert _stored(examples_home, "fjord-coffee")["letters"][0]["id"] == letter.id


def test_a_hand_written_id_is_kept_and_a_copied_one_is_refused(examples_home: Path) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    entry = '\n[[incidents]]\nid = "call-1"\ndate = 2026-11-01\nkind = "other"\ntext = "A call"\n'
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    paths = Paths(examples_home)
    assert [i.id for i in clients.load(paths, "fjord-coffee").incidents] == ["call-1"]
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"fjord-coffee.toml.*same id 'call-1'"):
        clients.load(paths, "fjord-coffee")


@pytest.mark.parametrize(
    "bad", ['""', "12", '"two words"', '"no\\u00a0break"', '"' + "x" * 41 + '"']
)
def test_an_id_that_is_not_one_short_word_is_a_clear_error(examples_home: Path, bad: str) -> None:
    path = examples_home / "clients" / "fjord-coffee.toml"
    entry = f'\n[[deliverables]]\nid = {bad}\nwhat = "Menu"\n'
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[\[deliverables\]\] entry 1: id = .* not valid"):
        clients.load(Paths(examples_home), "fjord-coffee")


def test_identical_entries_get_different_ids_and_new_ids_avoid_taken_ones() -> None:
    same = {"date": "2026-11-01", "kind": "other", "text": "Same"}
    first, second = ids.ids_of("incidents", [same, dict(same)])
    assert first != second
    taken = {first, second}
    assert all(ids.new_id("incidents", taken) not in taken for _ in range(50))


def test_a_derived_id_follows_the_entry_not_its_other_fields_or_place() -> None:
    a = {"number": "A-1", "amount": 100.0}
    b = {"number": "B-2", "amount": 50.0}
    before = dict(zip(["A-1", "B-2"], ids.ids_of("invoices", [a, b]), strict=True))
    paid = {**a, "amount": 90.0, "paid": "2026-11-01"}
    after = dict(zip(["B-2", "A-1"], ids.ids_of("invoices", [b, paid]), strict=True))
    assert before == after


def test_an_edit_that_changes_nothing_stores_no_ids(examples_home: Path) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    with clients.edit(Paths(examples_home), "northwind-bakery"):
        pass
    assert path.read_bytes() == before
