"""The merge rules on their own (merge.py): entries joined by id or natural key, one-sided
changes taken, both-sided ones named as conflicts, removals, layout kept; and a property test:
whatever both sides do to the invoices, nothing is lost and the result parses."""

from __future__ import annotations

import tomllib

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.history.diff import diff, sentences
from clientexit.history.merge import MISSING, MergeFailed, merge_data, merge_texts

FILE = "clients/acme.toml"
BASE = """# Acme: a comment that must survive the merge.
schema_version = 1
name = "Acme"
status = "active"
rate = 80.0

[[invoices]]
number = "A1"
amount = 100.0
issued = 2026-10-01
due = 2026-10-15

[[invoices]]
number = "A2"
amount = 200.0
issued = 2026-11-01
due = 2026-11-15
"""


def with_invoice(text: str, number: str, amount: float) -> str:
    return text + (
        f'\n[[invoices]]\nnumber = "{number}"\namount = {amount}\n'
        "issued = 2026-11-10\ndue = 2026-11-24\n"
    )


def test_an_invoice_added_on_each_side_gives_both_and_keeps_comments() -> None:
    mine = with_invoice(BASE, "A3", 300.0)
    theirs = with_invoice(BASE, "A4", 400.0)
    merged = merge_texts(FILE, BASE, mine, theirs)
    assert [i["number"] for i in merged.data["invoices"]] == ["A1", "A2", "A3", "A4"]
    assert merged.conflicts == []
    assert merged.text.startswith("# Acme: a comment that must survive the merge.")
    assert tomllib.loads(merged.text) == merged.data


def test_one_sided_changes_and_removals_are_taken() -> None:
    mine = BASE.replace("rate = 80.0", "rate = 90.0")
    theirs = BASE.replace("due = 2026-11-15\n", "due = 2026-11-15\npaid = 2026-11-20\n")
    theirs = theirs.replace('[[invoices]]\nnumber = "A1"\namount = 100.0\nissued = 2026-10-01\n'
                            "due = 2026-10-15\n", "")  # fmt: skip
    merged = merge_texts(FILE, BASE, mine, theirs)
    assert merged.data["rate"] == 90.0
    assert [i["number"] for i in merged.data["invoices"]] == ["A2"]
    assert str(merged.data["invoices"][0]["paid"]) == "2026-11-20"
    assert merged.conflicts == []


def test_a_field_changed_differently_on_both_sides_is_a_conflict_in_words() -> None:
    mine = BASE.replace("amount = 200.0", "amount = 250.0")
    theirs = BASE.replace("amount = 200.0", "amount = 260.0")
    merged = merge_texts(FILE, BASE, mine, theirs)
    assert [c.sentence() for c in merged.conflicts] == [
        "invoice A2: amount of Acme is 250 here and 260 on the other computer"
    ]
    assert merged.data["invoices"][1]["amount"] == 250.0


def test_removed_on_one_side_and_changed_on_the_other_is_kept_changed() -> None:
    block = '[[invoices]]\nnumber = "A1"\namount = 100.0\nissued = 2026-10-01\ndue = 2026-10-15\n'
    mine = BASE.replace(block, "")
    theirs = BASE.replace("amount = 100.0", "amount = 110.0")
    merged = merge_texts(FILE, BASE, mine, theirs)
    assert {i["number"]: i["amount"] for i in merged.data["invoices"]}["A1"] == 110.0
    assert len(merged.conflicts) == 1 and merged.conflicts[0].mine is MISSING
    assert "invoice A1 of Acme is removed here and present on the other computer" in (
        merged.conflicts[0].sentence()
    )


def test_entries_with_ids_are_joined_by_id_even_when_renumbered() -> None:
    base = {"name": "Acme", "invoices": [{"id": "inv-1", "number": "A1", "amount": 1.0}]}
    mine = {"name": "Acme", "invoices": [{"id": "inv-1", "number": "A1-fixed", "amount": 1.0}]}
    theirs = {"name": "Acme", "invoices": [{"id": "inv-1", "number": "A1", "amount": 2.0}]}
    data, conflicts = merge_data(FILE, base, mine, theirs)
    assert data["invoices"] == [{"id": "inv-1", "number": "A1-fixed", "amount": 2.0}]
    assert conflicts == []


def test_a_result_that_is_not_a_usable_record_is_refused() -> None:
    mine = BASE.replace('status = "active"', 'status = "active"\nnotice_days = 10')
    theirs = BASE.replace("amount = 200.0", 'amount = "lots"')
    with pytest.raises(MergeFailed, match="would not be a usable record"):
        merge_texts(FILE, BASE, mine, theirs)
    with pytest.raises(MergeFailed, match="not valid TOML"):
        merge_texts(FILE, BASE, mine, "name = \n")


def test_the_commit_message_words() -> None:
    old = tomllib.loads(BASE)
    new = tomllib.loads(BASE.replace("due = 2026-11-15\n", "due = 2026-11-15\npaid = 2026-12-01\n"))
    assert sentences(diff(FILE, old, new), "Acme") == ["invoice A2 marked paid on 2026-12-01"]
    letter = {**old, "letters": [{"type": "payment", "lang": "en"}]}
    assert sentences(diff(FILE, old, letter), "Acme") == ["letter payment recorded for Acme"]
    ended = {**old, "status": "ending", "ended": tomllib.loads("d = 2026-12-31")["d"]}
    assert sentences(diff(FILE, old, ended), "Acme") == ["end date of Acme set to 2026-12-31"]


def test_ids_written_for_old_entries_are_no_change() -> None:
    ids = pytest.importorskip("clientexit.record.ids")
    old = tomllib.loads(BASE)
    derived = ids.ids_of("invoices", old["invoices"])
    new = {
        **old,
        "invoices": [{**i, "id": d} for i, d in zip(old["invoices"], derived, strict=True)],
    }
    assert sentences(diff(FILE, old, new), "Acme") == []  # ids written: no change of meaning


# --- Property: nothing is lost, every result parses -------------------------------------------

NUMBERS = [f"N{n}" for n in range(6)]


@st.composite
def side(draw: st.DrawFn, base: list[dict]) -> list[dict]:
    """One computer's invoices: some of the base removed or changed, new ones added."""
    result = []
    for invoice in base:
        action = draw(st.sampled_from(["keep", "drop", "change"]))
        if action == "keep":
            result.append(dict(invoice))
        elif action == "change":
            result.append({**invoice, "amount": float(draw(st.integers(1, 999)))})
    for number in draw(st.lists(st.sampled_from(NUMBERS), unique=True, max_size=3)):
        if all(i["number"] != number for i in result + base):
            result.append(
                {"number": number, "amount": float(draw(st.integers(1, 999))),
                 "issued": tomllib.loads("d = 2026-11-01")["d"]}
            )  # fmt: skip
    return result


def doc(invoices: list[dict]) -> str:
    document = tomlkit.document()
    document.add("schema_version", 1)
    document.add("name", "Acme")
    if invoices:
        table = tomlkit.aot()
        for invoice in invoices:
            table.append(invoice)
        document.add("invoices", table)
    return document.as_string()


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_nothing_is_lost_and_every_merge_parses(data: st.DataObject) -> None:
    base = [
        {"number": f"B{n}", "amount": 100.0 + n, "issued": tomllib.loads("d = 2026-10-01")["d"]}
        for n in range(data.draw(st.integers(0, 4)))
    ]
    mine, theirs = data.draw(side(base)), data.draw(side(base))
    merged = merge_texts(FILE, doc(base), doc(mine), doc(theirs))
    result = {i["number"]: i for i in tomllib.loads(merged.text).get("invoices", [])}
    base_by = {i["number"]: i for i in base}
    for one, other in ((mine, theirs), (theirs, mine)):
        other_by = {i["number"]: i for i in other}
        for invoice in one:
            number = invoice["number"]
            if number not in base_by:  # added on this side: always there
                assert number in result
            elif invoice != base_by[number]:  # changed on this side: there, unless conflict
                assert number in result
                if other_by.get(number, base_by[number]) == base_by[number]:
                    assert result[number] == invoice
    for number in base_by:
        gone_mine = all(i["number"] != number for i in mine)
        gone_theirs = all(i["number"] != number for i in theirs)
        if gone_mine and gone_theirs:
            assert number not in result
    # By the conflict's words ("invoice B0: amount"): the entry's key is its stable id.
    flagged = {c.what.partition(":")[0] for c in merged.conflicts}
    for number in result:
        if number in base_by:
            m = next((i for i in mine if i["number"] == number), None)
            t = next((i for i in theirs if i["number"] == number), None)
            both_changed = m != base_by[number] and t != base_by[number] and m != t
            assert (f"invoice {number}" in flagged) == both_changed


def test_payments_recorded_on_each_side_are_both_kept_inline() -> None:
    base = BASE.replace(
        "amount = 200.0\n", "amount = 200.0\npayments = [{on = 2026-11-05, amount = 50.0}]\n"
    )
    mine = base.replace("amount = 50.0}]", "amount = 50.0}, {on = 2026-11-10, amount = 20.0}]")
    theirs = base.replace("amount = 50.0}]", "amount = 50.0}, {on = 2026-11-12, amount = 30.0}]")
    merged = merge_texts("config-free.toml", base, mine, theirs)
    payments = merged.data["invoices"][1]["payments"]
    assert [p["amount"] for p in payments] == [50.0, 20.0, 30.0]
    assert merged.conflicts == []
    assert "payments = [{on = 2026-11-05" in merged.text  # still written inline


def test_a_conflict_is_resolved_at_its_place() -> None:
    from clientexit._store import parse_for_edit
    from clientexit.history.merge import apply_value

    mine = BASE.replace("amount = 200.0", "amount = 250.0")
    theirs = BASE.replace("amount = 200.0", "amount = 260.0")
    merged = merge_texts(FILE, BASE, mine, theirs)
    doc = parse_for_edit(FILE, merged.text)
    apply_value(doc, merged.conflicts[0].where, merged.conflicts[0].theirs)
    assert tomllib.loads(doc.as_string())["invoices"][1]["amount"] == 260.0
    assert doc.as_string().startswith("# Acme: a comment")


def test_a_payment_in_words() -> None:
    base = BASE.replace(
        "amount = 200.0\n", "amount = 200.0\npayments = [{on = 2026-11-05, amount = 50.0}]\n"
    )
    paid = base.replace("amount = 50.0}]", "amount = 50.0}, {on = 2026-11-10, amount = 20.0}]")
    said = sentences(diff(FILE, tomllib.loads(base), tomllib.loads(paid)), "Acme")
    assert said == ["payment (2026-11-10, 20) recorded for invoice A2 of Acme"]
