"""The record's change functions (record/*_changes.py) and the use cases that call them (app/),
called as plain functions on a data folder in tmp_path: each does its change, and the comments
and hand edits elsewhere in the file survive it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clientexit import clients
from clientexit._errors import UsageError
from clientexit._paths import Paths

TODAY = dt.date(2026, 11, 25)

HAND_EDITED = """\
# Acme's file, kept by hand too.
name = "Acme Ltd"  # as on their letterhead
status = "active"
rate = 90.0  # agreed in March

[custom]
po_number = "PO-1"  # their purchase order

# Deliverables still open.
[[deliverables]]
id = "del-aaaaaa"
what = "Landing page"  # the big one
due = 2026-12-05
"""
COMMENTS = (
    "# Acme's file, kept by hand too.",
    "# as on their letterhead",
    "# agreed in March",
    "# the big one",
    "# Deliverables still open.",
)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    where = Paths(tmp_path / "data")
    where.clients.mkdir(parents=True)
    where.client_file("acme-ltd").write_text(HAND_EDITED, encoding="utf-8")
    return where


def _text(paths: Paths) -> str:
    return paths.client_file("acme-ltd").read_text(encoding="utf-8")


def _comments_survive(paths: Paths) -> None:
    text = _text(paths)
    missing = [c for c in COMMENTS if c not in text]
    assert missing == []


def test_set_fields_sets_clears_and_keeps_comments(paths: Paths) -> None:
    from clientexit.app import client

    record = client.set_fields(paths, "acme-ltd", {"rate": 95.0, "email": None}, {}, TODAY)
    assert record.get("rate") == 95.0
    _comments_survive(paths)


def test_set_fields_goes_through_the_lifecycle_writer(paths: Paths) -> None:
    from clientexit.app import client

    record = client.set_fields(paths, "acme-ltd", {"ended": dt.date(2026, 12, 31)}, {}, TODAY)
    assert record.status == "ending" and record.ended == dt.date(2026, 12, 31)
    record = client.set_fields(paths, "acme-ltd", {"ended": None}, {}, TODAY)
    assert record.status == "active" and record.ended is None
    _comments_survive(paths)


def test_custom_fields_set_and_the_emptied_table_goes(paths: Paths) -> None:
    from clientexit.app import client

    record = client.set_fields(paths, "acme-ltd", {}, {"po_number": "PO-2", "team": "B"}, TODAY)
    assert record.get("custom") == {"po_number": "PO-2", "team": "B"}
    record = client.set_fields(paths, "acme-ltd", {}, {"po_number": None, "team": None}, TODAY)
    assert record.get("custom") is None and "[custom]" not in _text(paths)


def test_archive_and_restore(paths: Paths) -> None:
    from clientexit.app import client

    assert client.archive(paths, "acme-ltd") == "Acme Ltd"
    assert clients.load(paths, "acme-ltd").archived
    client.archive(paths, "acme-ltd", archived=False)
    assert not clients.load(paths, "acme-ltd").archived
    _comments_survive(paths)


def test_handover_progress_done_undo_and_note(paths: Paths) -> None:
    from clientexit.app import handover

    done = handover.record_progress(
        paths,
        "acme-ltd",
        ["access-revoke", "money-receipts"],
        [],
        ("access-revoke", "GitHub org"),
        TODAY,
    )
    assert done.done == ["access-revoke", "money-receipts"] and done.undone == []
    items = clients.load(paths, "acme-ltd").handover
    assert items.items["access-revoke"].done == TODAY
    assert items.items["access-revoke"].note == "GitHub org"
    again = handover.record_progress(
        paths, "acme-ltd", ["access-revoke"], ["money-receipts"], None, TODAY
    )
    assert again.done == [] and again.undone == ["money-receipts"]
    assert "money-receipts" not in clients.load(paths, "acme-ltd").handover.items
    _comments_survive(paths)


def test_a_note_with_a_secret_is_refused_and_nothing_is_written(paths: Paths) -> None:
    from clientexit._errors import ClientExitError
    from clientexit.app import handover

    before = _text(paths)
    with pytest.raises(ClientExitError):
        handover.record_progress(
            paths,
            "acme-ltd",
            ["access-revoke"],
            [],
            ("access-revoke", "password: hunter2hunter2"),
            TODAY,
        )
    assert _text(paths) == before


def test_hours_mapping_added_and_removed(paths: Paths) -> None:
    from clientexit.app import hours

    hours.change_mapping(paths, "acme-ltd", ["acme", "acme-*"], ["admin"], [])
    mapping = clients.load(paths, "acme-ltd").hours_mapping
    assert mapping is not None and list(mapping.match) == ["acme", "acme-*"]
    assert list(mapping.unbilled_tags) == ["admin"]
    hours.change_mapping(paths, "acme-ltd", [], [], ["ACME-*"])
    mapping = clients.load(paths, "acme-ltd").hours_mapping
    assert mapping is not None and list(mapping.match) == ["acme"]
    with pytest.raises(UsageError, match="neither a pattern nor an unbilled tag"):
        hours.change_mapping(paths, "acme-ltd", [], [], ["nobody"])
    _comments_survive(paths)


def test_tracked_hours_are_added_once_and_forgotten_on_rebuild(paths: Paths) -> None:
    from clientexit.hours.entries import Entry
    from clientexit.record import hours_changes

    entries = [
        (Entry(dt.date(2026, 10, 2), 3600, b"k00001"), True),
        (Entry(dt.date(2026, 10, 3), 1800, b"k00002"), False),
    ]
    with clients.edit(paths, "acme-ltd") as doc:
        added = hours_changes.add_tracked(doc, entries)
    assert (added.entries, added.billable_seconds, added.unbilled_seconds) == (2, 3600, 1800)
    with clients.edit(paths, "acme-ltd") as doc:
        again = hours_changes.add_tracked(doc, entries)
    assert (again.entries, again.already) == (0, 2)
    months = clients.load(paths, "acme-ltd").tracked_months
    assert [(m.month, m.billable_seconds) for m in months] == [("2026-10", 3600)]
    with clients.edit(paths, "acme-ltd") as doc:
        hours_changes.forget_months(doc)
    assert clients.load(paths, "acme-ltd").tracked_months == ()
    _comments_survive(paths)


def test_add_invoice_and_mark_it_paid(paths: Paths) -> None:
    from clientexit.app import entries

    added = entries.add_invoice(
        paths, "Acme Ltd", "2026-07", 1200.0, dt.date(2026, 11, 1), dt.date(2026, 11, 15), TODAY
    )
    assert (added.slug, added.name, added.currency) == ("acme-ltd", "Acme Ltd", "EUR")
    assert added.entry.id.startswith("inv-") and added.entry.amount == 1200.0
    with pytest.raises(UsageError, match="already recorded"):
        entries.add_invoice(
            paths, "acme-ltd", "2026-07", 5.0, dt.date(2026, 11, 1), dt.date(2026, 11, 2), TODAY
        )
    paid = entries.mark_invoice_paid(paths, "acme-ltd", "2026-07", dt.date(2026, 11, 20), TODAY)
    assert paid.entry.paid == dt.date(2026, 11, 20) and paid.entry.days_late() == 5
    (stored,) = clients.load(paths, "acme-ltd").invoices
    assert (stored.id, stored.paid) == (added.entry.id, dt.date(2026, 11, 20))
    _comments_survive(paths)


def test_log_an_incident_and_a_pause_names_a_known_invoice(paths: Paths) -> None:
    from clientexit._errors import InvalidValue
    from clientexit.app import entries
    from clientexit.record.incidents import new_incident

    logged = entries.log_incident(
        paths, "acme-ltd", new_incident("Asked for a portal", today=TODAY, kind="scope")
    )
    assert logged.entry.id.startswith("inc-") and logged.name == "Acme Ltd"
    promise = new_incident(
        "Will pay on the 20th",
        today=TODAY,
        kind="promise",
        invoice="2026-99",
        until=dt.date(2026, 12, 20),
    )
    with pytest.raises(InvalidValue, match="not an invoice of this client"):
        entries.log_incident(paths, "acme-ltd", promise)
    assert [i.text for i in clients.load(paths, "acme-ltd").incidents] == ["Asked for a portal"]
    _comments_survive(paths)


def test_add_a_deliverable_and_deliver_it(paths: Paths) -> None:
    from clientexit._errors import InvalidValue
    from clientexit.app import entries

    added = entries.add_deliverable(paths, "acme-ltd", "Style guide", dt.date(2026, 12, 10))
    assert added.entry.number == 2 and added.entry.id.startswith("del-")
    with pytest.raises(InvalidValue, match="in the future"):
        entries.deliver(paths, "acme-ltd", "1", dt.date(2026, 12, 1), TODAY)
    done = entries.deliver(paths, "acme-ltd", "Landing", TODAY, TODAY)
    assert (done.entry.number, done.entry.delivered) == (1, TODAY)
    record = clients.load(paths, "acme-ltd")
    assert [d.what for d in record.open_deliverables()] == ["Style guide"]
    with pytest.raises(UsageError, match="already delivered"):
        entries.deliver(paths, "acme-ltd", "1", TODAY, TODAY)
    _comments_survive(paths)


def test_end_records_the_ending_through_the_lifecycle_writer(paths: Paths) -> None:
    from clientexit.app import client

    ended = client.end(
        paths, "acme-ltd", by="me", reason="Late payments", today=TODAY, date=dt.date(2026, 12, 9)
    )
    assert (ended.status, ended.before, ended.ending.ended_by) == ("ending", None, "me")
    record = clients.load(paths, "acme-ltd")
    assert record.status == "ending" and record.end_date == dt.date(2026, 12, 9)
    _comments_survive(paths)


def test_an_import_rewrites_an_entry_and_keeps_its_comments(paths: Paths) -> None:
    from clientexit.record import invoice_changes

    with clients.edit(paths, "acme-ltd") as doc:
        invoice_changes.add_imported(
            doc,
            {
                "number": "S-1",
                "amount": 100.0,
                "issued": dt.date(2026, 11, 1),
                "due": dt.date(2026, 11, 30),
                "source": "stripe",
                "paid_undated": 20.0,
            },
        )
        invoice_changes.save_names(doc, "invoicing", ["ACME", "acme", "cus_1"])
    with clients.edit(paths, "acme-ltd") as doc:
        entry = doc["invoices"][0]
        payments = [{"on": dt.date(2026, 11, 10), "amount": 100.0}]
        invoice_changes.rewrite(entry, {"payments": payments}, drop=["paid_undated"])
    (inv,) = clients.load(paths, "acme-ltd").invoices
    assert inv.balance == 0 and [p.on for p in inv.payments] == [dt.date(2026, 11, 10)]
    assert "paid_undated" not in _text(paths)
    assert clients.load(paths, "acme-ltd").get("invoicing") == {"match": ["ACME", "cus_1"]}
    _comments_survive(paths)


def test_entries_append_gives_an_id_first_and_leaves_out_none(paths: Paths) -> None:
    import tomlkit

    from clientexit.record import entries

    doc = tomlkit.parse(HAND_EDITED)
    new = entries.append(doc, "letters", {"type": "payment", "lang": None, "at": TODAY})
    assert new is not None and new.startswith("let-")
    assert list(doc["letters"][-1]) == ["id", "type", "at"]
    assert entries.append(doc, "corrections", {"invoice": "1", "change": "void"}) is None
    doc["deliverables"] = "not a list"
    from clientexit._errors import ClientExitError

    with pytest.raises(ClientExitError, match="not a list of tables"):
        entries.append(doc, "deliverables", {"what": "x"})


def test_a_letter_is_recorded_and_a_termination_letter_sets_the_end(paths: Paths) -> None:
    from clientexit.record.letter_changes import add_letter

    at = dt.datetime(2026, 11, 25, 10, 0)
    with clients.edit(paths, "acme-ltd") as doc:
        status = add_letter(
            doc, "payment", lang="en", at=at, written_to="stdout", send_after=None, invoices=["7"]
        )
    assert status is None
    with clients.edit(paths, "acme-ltd") as doc:
        status = add_letter(
            doc,
            "general",
            lang="en",
            at=at,
            written_to="letter.txt",
            send_after=None,
            end=dt.date(2026, 12, 31),
        )
    assert status == "ending"
    record = clients.load(paths, "acme-ltd")
    assert [(s.type, s.invoices) for s in record.letters] == [
        ("payment", ("7",)),
        ("general", None),
    ]
    assert record.end_date == dt.date(2026, 12, 31) and record.ending is not None
    assert record.ending.ended_by == "me"
    _comments_survive(paths)
