"""invoicing/merge.py decides, from a client's invoices as read, what an import changes: a typed
change (record/invoice_changes.py) and the report's row. The record applies the change to the
open document, and the hand-written comments around it survive."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal

import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit.invoicing import merge
from clientexit.invoicing.rows import Imported, ImportedPayment
from clientexit.record import invoice_changes
from clientexit.record.invoice_changes import (
    AddImported,
    AdoptImported,
    ImportChange,
    NothingImported,
    OverwriteImported,
    PaymentImported,
    UpdateImported,
)

TODAY = dt.date(2026, 11, 25)
AT = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
ISSUED = dt.date(2026, 10, 1)
DUE = dt.date(2026, 10, 31)


def _invoice(
    number: str = "2026-07",
    amount: str = "1200",
    paid: dt.date | None = None,
    received: str = "0",
) -> Imported:
    return Imported(
        key=f"id-{number}",
        number=number,
        client="Acme GmbH",
        currency="EUR",
        amount=Decimal(amount),
        issued=ISSUED,
        due=DUE,
        line=2,
        paid=paid,
        received=Decimal(received),
    )


def _merge(
    entries: list[dict[str, object]], inv: Imported, *, overwrite: bool = False
) -> tuple[ImportChange, merge.Change]:
    return merge.merge_one(entries, inv, "stripe", TODAY, AT, overwrite=overwrite)


def _imported_before(inv: Imported) -> dict[str, object]:
    """The entry an earlier import of ``inv`` left, as tomllib reads it."""
    change, _ = _merge([], inv)
    assert isinstance(change, AddImported)
    return {"id": "inv-aaaaaa", **change.values}


def _typed(number: str = "2026-07", amount: float = 1200.0) -> dict[str, object]:
    return {"id": "inv-bbbbbb", "number": number, "amount": amount, "issued": ISSUED, "due": DUE}


def test_a_new_invoice_is_added_with_where_it_came_from() -> None:
    change, row = _merge([], _invoice())
    assert row == merge.Change("2026-07", "added", line=2)
    assert isinstance(change, AddImported)
    values = dict(change.values)
    check = values.pop("import_check")
    assert values == {
        "number": "2026-07",
        "amount": 1200.0,
        "issued": ISSUED,
        "due": DUE,
        "source": "stripe",
        "source_id": "id-2026-07",
    }
    assert check == merge.fingerprint(merge.content(values))


def test_an_invoice_the_tool_paid_since_is_updated() -> None:
    before = _imported_before(_invoice())
    paid = _invoice(paid=dt.date(2026, 11, 3), received="1200")
    change, row = _merge([before], paid)
    assert (row.kind, row.detail) == ("updated", "paid none in the book, 2026-11-03 in the export")
    assert isinstance(change, UpdateImported)
    assert change.index == 0 and change.drop == ("payments", "credits", "void", "paid_undated")
    assert change.values["paid"] == dt.date(2026, 11, 3)
    assert change.values["import_check"] != before["import_check"]


def test_an_invoice_typed_by_hand_is_kept_and_overwritten_only_when_asked() -> None:
    typed = _typed(amount=1000.0)
    change, row = _merge([typed], _invoice(amount="1234.50"))
    assert change == NothingImported()
    assert (row.kind, row.detail) == ("kept", "amount 1000.0 in the book, 1234.5 in the export")
    change, row = _merge([typed], _invoice(amount="1234.50"), overwrite=True)
    assert row.kind == "overwritten"
    assert isinstance(change, OverwriteImported)
    assert (change.number, change.at, change.reason) == ("2026-07", AT, "taken from stripe")
    assert change.old == {"number": "2026-07", "amount": 1000.0, "issued": ISSUED, "due": DUE}
    assert change.update.index == 0 and change.update.values["amount"] == 1234.5


def test_an_invoice_typed_by_hand_with_the_same_values_is_adopted() -> None:
    others = _typed("2026-06", 50.0)
    change, row = _merge([others, _typed()], _invoice())
    assert (row.kind, row.detail) == ("adopted", "the invoice typed by hand matches")
    assert isinstance(change, AdoptImported) and change.index == 1
    assert dict(change.marks) == {
        "source": "stripe",
        "source_id": "id-2026-07",
        "import_check": merge.fingerprint(merge.content(_typed())),
    }


def test_an_invoice_imported_as_it_is_changes_nothing() -> None:
    before = _imported_before(_invoice())
    change, row = _merge([before], _invoice())
    assert change == NothingImported() and row.kind == "unchanged"
    assert merge.unchanged([before], _invoice(), "stripe", TODAY)


def test_a_payment_is_added_once_and_settles_the_invoice_it_completes() -> None:
    entry = _imported_before(_invoice())
    part = ImportedPayment(dt.date(2026, 11, 2), Decimal("200"), "pay-1")
    change, row = merge.add_payment([entry], "2026-07", part, "invoiceninja", 5)
    assert (row.kind, row.detail, row.line) == ("updated", "payment of 200.00 on 2026-11-02", 5)
    assert isinstance(change, PaymentImported)
    assert dict(change.payment) == {"on": dt.date(2026, 11, 2), "amount": 200.0, "ref": "pay-1"}
    assert "paid" not in change.values and "paid" in change.drop
    follows = [dict(entry)]
    invoice_changes.follow(follows, change)
    # The same payment again (by its reference) changes nothing.
    again, row = merge.add_payment(follows, "2026-07", part, "invoiceninja", 6)
    assert again == NothingImported() and row.kind == "unchanged"
    rest = ImportedPayment(dt.date(2026, 11, 20), Decimal("1000"))
    change, row = merge.add_payment(follows, "2026-07", rest, "invoiceninja", 7)
    assert isinstance(change, PaymentImported)
    assert change.values["paid"] == dt.date(2026, 11, 20)
    assert change.values["payments"] == [
        {"on": dt.date(2026, 11, 2), "amount": 200.0, "ref": "pay-1"},
        {"on": dt.date(2026, 11, 20), "amount": 1000.0},
    ]
    missing, row = merge.add_payment([], "2026-99", rest, "invoiceninja", 8)
    assert missing == NothingImported()
    assert row.detail == "no such invoice in the book: import the invoices first"


def test_part_payments_of_one_report_are_each_decided_after_the_one_before() -> None:
    entry = _imported_before(_invoice())
    payments = [
        ("2026-07", ImportedPayment(dt.date(2026, 11, 2), Decimal("200")), 2),
        ("2026-07", ImportedPayment(dt.date(2026, 11, 9), Decimal("1000")), 3),
    ]
    merged = merge.merge_client([entry], [], payments, "invoiceninja", TODAY, AT, overwrite=False)
    assert [r.kind for r in merged.rows] == ["updated", "updated"]
    (after,) = merged.after
    assert after["paid"] == dt.date(2026, 11, 9)
    assert merged.before == [entry] and "paid" not in entry
    assert merged.changes_file
    again = merge.merge_client(
        merged.after, [], payments, "invoiceninja", TODAY, AT, overwrite=False
    )
    assert [r.kind for r in again.rows] == ["unchanged", "unchanged"]
    assert not again.changes_file and again.after == merged.after


def test_payments_of_an_invoice_marked_paid_are_all_listed_once_one_import_is_enough() -> None:
    # Found by the property test below: the export says paid on 2 November without listing
    # payments; the report has two. The one on the paid day used to be taken as already said,
    # so the first import listed only the other and the next import added it.
    entry = _imported_before(_invoice(paid=dt.date(2026, 11, 2)))
    payments = [
        ("2026-07", ImportedPayment(dt.date(2026, 11, 2), Decimal("700")), 2),
        ("2026-07", ImportedPayment(dt.date(2026, 10, 30), Decimal("500")), 3),
    ]
    merged = merge.merge_client([entry], [], payments, "stripe", TODAY, AT, overwrite=False)
    assert [r.kind for r in merged.rows] == ["updated", "updated"]
    (after,) = merged.after
    assert after["payments"] == [
        {"on": dt.date(2026, 10, 30), "amount": 500.0},
        {"on": dt.date(2026, 11, 2), "amount": 700.0},
    ]
    assert after["paid"] == dt.date(2026, 11, 2)
    again = merge.merge_client(merged.after, [], payments, "stripe", TODAY, AT, overwrite=False)
    assert [r.kind for r in again.rows] == ["unchanged", "unchanged"]
    assert not again.changes_file


def test_the_one_payment_on_the_paid_day_is_what_the_invoice_already_says() -> None:
    entry = _imported_before(_invoice(paid=dt.date(2026, 11, 2)))
    payments = [("2026-07", ImportedPayment(dt.date(2026, 11, 2), Decimal("1200")), 2)]
    merged = merge.merge_client([entry], [], payments, "stripe", TODAY, AT, overwrite=False)
    assert [r.kind for r in merged.rows] == ["unchanged"]
    assert not merged.changes_file


HAND_EDITED = """\
# Acme's file, kept by hand too.
name = "Acme GmbH"  # as on their letterhead

# Typed from the paper copy.
[[invoices]]
id = "inv-cccccc"
number = "2026-07"  # the autumn work
amount = 1000.0
issued = 2026-10-01
due = 2026-10-31
note = "sent by post"

[[invoices]]
id = "inv-dddddd"
number = "2026-08"
amount = 300.0  # agreed on the phone
issued = 2026-10-01
due = 2026-10-31
"""


def test_applied_changes_keep_the_hand_comments_and_read_as_decided() -> None:
    doc = tomlkit.parse(HAND_EDITED)
    imported = [
        _invoice("2026-07", "1234.50"),  # typed by hand, other amount: overwritten
        _invoice("2026-08", "300"),  # typed by hand, same values: adopted
        _invoice("2026-09", "80"),  # new: added
    ]
    paid = [("2026-08", ImportedPayment(dt.date(2026, 11, 4), Decimal("300"), "p-9"), 4)]
    merged = merge.merge_client(
        invoice_changes.as_read(doc), imported, paid, "stripe", TODAY, AT, overwrite=True
    )
    assert [r.kind for r in merged.rows] == ["overwritten", "adopted", "added", "updated"]
    for change in merged.changes:
        invoice_changes.apply_import(doc, change)
    text = tomlkit.dumps(doc)
    for comment in (
        "# Acme's file, kept by hand too.",
        "# as on their letterhead",
        "# Typed from the paper copy.",
        "# the autumn work",
        "# agreed on the phone",
    ):
        assert comment in text
    data = tomllib.loads(text)
    first, second, third = data["invoices"]
    assert (first["amount"], first["note"], first["id"]) == (1234.5, "sent by post", "inv-cccccc")
    assert (second["source"], second["paid"]) == ("stripe", dt.date(2026, 11, 4))
    assert third["number"] == "2026-09" and third["id"].startswith("inv-")
    (trace,) = data["corrections"]
    assert (trace["invoice"], trace["change"], trace["reason"]) == (
        "2026-07",
        "import",
        "taken from stripe",
    )
    assert trace["old"]["amount"] == 1000.0
    # What the import decided from is what the document now reads (ids aside).
    plain = [{k: v for k, v in e.items() if k != "id"} for e in invoice_changes.as_read(doc)]
    assert plain == [{k: v for k, v in e.items() if k != "id"} for e in merged.after]


def test_nothing_imported_leaves_the_document_as_it_was() -> None:
    doc = tomlkit.parse(HAND_EDITED)
    invoice_changes.apply_import(doc, NothingImported())
    assert tomlkit.dumps(doc) == HAND_EDITED


def test_the_client_says_its_invoicing_names_and_payment_term() -> None:
    from clientexit.record.model import Client

    client = Client.from_data(
        "acme", {"name": "Acme", "payment_days": 14, "invoicing": {"match": ["ACME", "cus_1"]}}
    )
    assert (client.invoicing_names, client.payment_days) == (("ACME", "cus_1"), 14)
    bare = Client.from_data("beta", {"name": "Beta", "payment_days": True, "invoicing": {}})
    assert (bare.invoicing_names, bare.payment_days) == ((), None)


_DAY = st.dates(min_value=dt.date(2026, 10, 1), max_value=dt.date(2026, 11, 25))
_CENTS = st.integers(min_value=1, max_value=500_000).map(lambda c: Decimal(c) / 100)


@st.composite
def _exports(draw: st.DrawFn) -> Imported:
    """One invoice as an export may give it: paid or not, in parts or not, voided or not."""
    number = draw(st.sampled_from(["2026-07", "2026-08", "2026-09", "2026-10"]))
    amount = draw(_CENTS)
    parts = draw(st.lists(st.tuples(_DAY, st.integers(1, 100)), max_size=3))
    payments = [
        ImportedPayment(on, (amount * share / 400).quantize(Decimal("0.01")), None)
        for on, share in parts
    ]
    undated = draw(st.sampled_from([Decimal(0), amount / 4]))
    return Imported(
        key=f"id-{number}",
        number=number,
        client="Acme GmbH",
        currency="EUR",
        amount=amount,
        issued=ISSUED,
        due=draw(st.none() | st.just(DUE)),
        line=2,
        paid=draw(st.none() | _DAY),
        received=sum((p.amount for p in payments), undated),
        payments=payments,
        void=draw(st.booleans()),
    )


def _without_ids(entries: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in e.items() if k != "id"} for e in entries]


Paid = tuple[str, ImportedPayment, int]


def _imported_into(
    doc: tomlkit.TOMLDocument, exported: list[Imported], overwrite: bool, paid: list[Paid]
) -> str:
    """Import ``exported`` and ``paid`` into ``doc``; what was decided must read back as
    written."""
    merged = merge.merge_client(
        invoice_changes.as_read(doc), exported, paid, "stripe", TODAY, AT, overwrite=overwrite
    )
    for change in merged.changes:
        invoice_changes.apply_import(doc, change)
    text = tomlkit.dumps(doc)
    read = invoice_changes.as_read(tomlkit.parse(text))
    assert _without_ids(read) == _without_ids(merged.after)
    again = merge.merge_client(read, exported, paid, "stripe", TODAY, AT, overwrite=overwrite)
    assert not again.changes_file, "the same import again changed the file"
    assert {r.kind for r in again.rows} <= {"unchanged", "kept", "missing"}
    return text


_EXPORT = st.lists(_exports(), max_size=4, unique_by=lambda inv: inv.number)
_PAYMENTS = st.lists(
    st.tuples(
        st.sampled_from(["2026-07", "2026-08", "2026-09"]),
        st.builds(ImportedPayment, _DAY, _CENTS, st.none() | st.sampled_from(["p-1", "p-2"])),
        st.just(3),
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(
    typed=st.lists(st.sampled_from(["2026-07", "2026-08"]), unique=True),
    exports=st.tuples(_EXPORT, _EXPORT),
    overwrite=st.booleans(),
    paid=_PAYMENTS,
)
def test_what_is_decided_is_what_is_written_and_a_second_import_changes_nothing(
    typed: list[str],
    exports: tuple[list[Imported], list[Imported]],
    overwrite: bool,
    paid: list[Paid],
) -> None:
    hand = "".join(
        f'\n# typed by hand\n[[invoices]]\nnumber = "{n}"  # from the paper copy\n'
        "amount = 1000.0\nissued = 2026-10-01\ndue = 2026-10-31\n"
        for n in typed
    )
    doc = tomlkit.parse('name = "Acme GmbH"  # as on their letterhead\n' + hand)
    # The tool's export, then a later one (paid since, voided, changed), then its payments.
    _imported_into(doc, exports[0], overwrite, [])
    _imported_into(doc, exports[1], overwrite, [])
    text = _imported_into(doc, [], overwrite, paid)
    assert text.count("# from the paper copy") == len(typed)
    assert "# as on their letterhead" in text
