"""clientexit handover: the checklist, how it adapts to a client, and its progress."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import tomlkit

from clientexit._errors import NotFoundError
from clientexit._store import read_toml
from clientexit.handover import progress
from clientexit.handover.checklist import build
from clientexit.record.handover_changes import mark_done, undo
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
EXAMPLE_CLIENTS = [
    "brightpath-marketing",
    "fjord-coffee",
    "halvorsen-freight",
    "kestrel-analytics",
    "northwind-bakery",
]
PROFILE = as_profile({"currency": "EUR", "notice_days": 30, "language": "en"})


def client(**extra: object) -> dict:
    data: dict = {"name": "Acme Ltd", "currency": "EUR", "notice_days": 14, "language": "en"}
    data.update(extra)
    return data


def ids(data: dict, today: dt.date = TODAY) -> set[str]:
    return set(build(record_of(data), PROFILE, today).ids)


def handover_json(cli, *args: str) -> dict:
    result = cli("handover", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("slug", EXAMPLE_CLIENTS)
def test_checklist_renders_for_every_example_client(cli, examples_home: Path, slug: str) -> None:
    text = cli("handover", slug)
    assert text.exit_code == 0, text.stderr
    for section in ("Deliverables", "Transition documents", "Access and accounts", "Money"):
        assert section in text.stdout
    assert "deliverables-gather" in text.stdout and "Lessons" in text.stdout
    markdown = cli("handover", slug, "--format", "markdown")
    assert markdown.stdout.startswith("# Handover checklist: ")
    assert "- [ ] " in markdown.stdout and "## Lessons" not in markdown.stdout  # private
    data = handover_json(cli, slug)
    item_ids = [i["id"] for i in data["items"]]
    assert len(item_ids) == len(set(item_ids)) == data["total"] == data["open"]
    assert data["slug"] == slug


def test_outstanding_invoices_add_collection_with_the_amount(examples: Path) -> None:
    data = read_toml(examples / "clients" / "northwind-bakery.toml")
    checklist = build(record_of(data), PROFILE, TODAY)
    collect = checklist.item("money-collect")
    assert collect is not None
    assert "€2,635.00" in collect.text
    assert "2026-045" in collect.text and "2026-052" in collect.text
    ownership = checklist.item("deliverables-ownership-on-payment")
    assert ownership is not None and "paid in full" in ownership.text


def test_no_collection_items_when_everything_is_paid(examples: Path) -> None:
    data = read_toml(examples / "clients" / "brightpath-marketing.toml")
    found = ids(data)
    assert "money-collect" not in found
    assert "deliverables-ownership-on-payment" not in found
    # A fixed-price project: its letters announce no final invoice, nor does the checklist.
    assert "money-final-invoice" not in found
    ongoing = read_toml(examples / "clients" / "kestrel-analytics.toml")
    assert "money-final-invoice" in ids(ongoing)


@pytest.mark.parametrize(
    "assessment",
    [
        {"letter_type": "abusive", "verdict": "exit_now"},
        {"letter_type": "payment", "verdict": "transition"},
    ],
)
def test_abusive_or_non_paying_exit_adds_review_and_drops_testimonial(assessment: dict) -> None:
    calm = ids(client())
    assert {"wrapup-testimonial", "wrapup-referral"} <= calm
    assert "contract-review-messages" not in calm
    entry = {"at": dt.datetime(2026, 11, 20, 9, 0), **assessment}
    hostile = ids(client(assessments=[entry]))
    assert "contract-review-messages" in hostile
    assert not {"wrapup-testimonial", "wrapup-referral"} & hostile


def test_exit_now_counts_as_hostile_only_with_conduct_problems() -> None:
    verdict = {"at": dt.datetime(2026, 11, 20), "verdict": "exit_now", "letter_type": "general"}
    assert "contract-review-messages" not in ids(client(assessments=[verdict]))
    conduct = [{"date": dt.date(2026, 10, 1), "kind": "conduct", "text": "Insults."}]
    assert "contract-review-messages" in ids(client(assessments=[verdict], incidents=conduct))


def test_an_end_recorded_over_conduct_or_payment_is_hostile() -> None:
    for category, hostile in (("conduct", True), ("payment", True), ("price", False)):
        found = ids(client(lifecycle={"ended_by": "me", "reason_category": category}))
        assert ("contract-review-messages" in found) is hostile, category
        assert ("wrapup-testimonial" in found) is not hostile, category


def test_the_latest_assessment_decides() -> None:
    older = {"at": dt.datetime(2026, 9, 1), "letter_type": "abusive"}
    newer = {"at": dt.datetime(2026, 11, 1), "letter_type": "general"}
    assert "wrapup-testimonial" in ids(client(assessments=[newer, older]))
    newer_abusive = {"at": dt.datetime(2026, 11, 2), "letter_type": "abusive"}
    assert "wrapup-testimonial" not in ids(client(assessments=[newer_abusive, newer]))


def test_personal_data_is_returned_whatever_is_owed() -> None:
    unpaid = [{"number": "7", "amount": 500.0, "issued": dt.date(2026, 10, 1)}]
    abusive = [{"at": dt.datetime(2026, 11, 1), "letter_type": "payment"}]
    record = client(invoices=unpaid, assessments=abusive, status="ending")
    checklist = build(record_of(record), PROFILE, TODAY)
    item = checklist.item("access-personal-data")
    assert item is not None
    assert "whatever is still owed" in item.text and "never held back" in item.text
    assert item.due == checklist.end_date


def test_due_dates_count_from_the_end_date() -> None:
    end = dt.date(2027, 1, 15)
    checklist = build(record_of(client(lifecycle={"end_date": end})), PROFILE, TODAY)
    assert checklist.end_date == end
    assert checklist.item("deliverables-gather").due == end - dt.timedelta(days=7)
    assert checklist.item("access-revoke").due == end + dt.timedelta(days=1)
    assert checklist.item("wrapup-follow-up").due == end + dt.timedelta(days=30)
    assert checklist.item("money-discount").due is None
    # No recorded end: today plus the client's notice period.
    assert build(record_of(client()), PROFILE, TODAY).end_date == TODAY + dt.timedelta(days=14)


def test_open_count_and_next_due_for_other_features() -> None:
    end = dt.date(2026, 12, 31)
    first = build(record_of(client(ended=end)), PROFILE, TODAY)
    # No notice given yet: the steps that prepare it (contract terms, access inventory) are due now.
    assert first.open_count == len(first.items) and first.next_due == TODAY
    early = [i.id for i in first.items if i.due == first.next_due]
    assert set(early) == {"contract-terms", "access-inventory"}
    done = {i: {"done": TODAY} for i in early}
    later = build(record_of(client(ended=end, handover={"items": done})), PROFILE, TODAY)
    assert later.open_count == len(first.items) - len(early)
    assert later.next_due == end - dt.timedelta(days=7)


def test_progress_survives_hand_edits(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "halvorsen-freight.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('project = "', '# my own comment\nmy_key = "kept"\nproject = "', 1)
    text += '\n[handover.items.access-revoke]\nnote = "Removed from the VPN"  # by hand\n'
    text += 'who = "me"\n'
    path.write_text(text, encoding="utf-8")

    result = cli(
        "handover",
        "halvorsen-freight",
        "--done",
        "deliverables-gather,access-revoke",
    )
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert "# my own comment" in after and 'my_key = "kept"' in after and "# by hand" in after
    data = read_toml(path)
    items = data["handover"]["items"]
    assert items["access-revoke"] == {"note": "Removed from the VPN", "who": "me", "done": TODAY}
    assert items["deliverables-gather"] == {"done": TODAY}

    cli(
        "handover",
        "halvorsen-freight",
        "--undo",
        "access-revoke",
        env={"CLIENTEXIT_TODAY": "2026-11-26"},
    )
    items = read_toml(path)["handover"]["items"]
    assert "done" not in items["access-revoke"] and items["access-revoke"]["who"] == "me"
    shown = handover_json(cli, "halvorsen-freight")
    by_id = {i["id"]: i for i in shown["items"]}
    assert by_id["deliverables-gather"]["done"] == "2026-11-25"
    assert by_id["access-revoke"]["note"] == "Removed from the VPN"
    assert shown["done"] == 1


def test_note_is_saved_and_shown(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    text = "Domain moved to the client's registrar account [final]"
    result = cli("handover", "northwind-bakery", "--note", "access-ownership", text)
    assert result.exit_code == 0, result.stderr
    assert "Note saved on access-ownership" in result.stderr
    assert read_toml(path)["handover"]["items"]["access-ownership"]["note"] == text
    shown = cli("handover", "northwind-bakery")
    assert "[final]" in shown.stdout and "registrar account" in shown.stdout
    cli("handover", "northwind-bakery", "--note", "access-ownership", "")
    assert "access-ownership" not in read_toml(path).get("handover", {}).get("items", {})


def test_unknown_id_is_a_clear_error_with_close_matches(cli, examples_home: Path) -> None:
    result = cli("handover", "halvorsen-freight", "--done", "acess-revoke")
    assert result.exit_code == 3
    assert "acess-revoke" in result.stderr and "access-revoke" in result.stderr
    assert "Traceback" not in result.stderr
    assert "handover" not in read_toml(examples_home / "clients" / "halvorsen-freight.toml")


def test_done_and_undo_of_the_same_item_is_refused(cli, examples_home: Path) -> None:
    result = cli("handover", "fjord-coffee", "--done", "money-receipts", "--undo", "money-receipts")
    assert result.exit_code == 2 and "money-receipts" in result.stderr


def test_interactive_without_a_terminal_names_the_flag(cli, examples_home: Path) -> None:
    result = cli("handover", "halvorsen-freight", "--interactive")
    assert result.exit_code == 2
    assert "--done" in result.stderr and "terminal" in result.stderr


def test_checkbox_selection_sets_done_items_exactly() -> None:
    data = client(handover={"items": {"money-receipts": {"done": TODAY, "note": "kept"}}})
    checklist = build(record_of(data), PROFILE, TODAY)
    doc = tomlkit.parse('[handover.items.money-receipts]\ndone = 2026-11-25\nnote = "kept"\n')
    to_do, to_undo = progress.selection(checklist, ["access-revoke"])
    newly, undone = mark_done(doc, to_do, TODAY), undo(doc, to_undo)
    assert newly == ["access-revoke"] and undone == ["money-receipts"]
    assert doc["handover"]["items"]["money-receipts"].unwrap() == {"note": "kept"}
    assert doc["handover"]["items"]["access-revoke"]["done"] == TODAY
    with pytest.raises(NotFoundError):
        progress.check_ids(checklist, ["no-such-item"])


def test_markdown_to_a_file(cli, examples_home: Path, tmp_path: Path) -> None:
    ended = cli("end", "northwind-bakery", "--by", "me", "--reason", "Late", "--date", "2026-12-09")
    assert ended.exit_code == 0, ended.stderr
    cli("handover", "northwind-bakery", "--done", "money-final-invoice")
    target = tmp_path / "out" / "handover.md"
    target.parent.mkdir()  # an output file's folder is never created for it
    result = cli("handover", "northwind-bakery", "--out", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "- [x] I will send the final invoice promptly" in text
    assert "(done 25 November 2026)" in text
    assert "Last working day: 9 December 2026" in text


def test_a_language_without_checklist_falls_back_to_english(cli, examples_home: Path) -> None:
    result = cli("handover", "fjord-coffee", "--lang", "fi", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["lang"] == "en"
    assert "'fi'" in result.stderr and "English" in result.stderr


def test_json_and_format_do_not_mix(cli, examples_home: Path) -> None:
    result = cli("handover", "fjord-coffee", "--json", "--format", "markdown")
    assert result.exit_code == 2


def test_handover_markdown_out_dash_is_stdout(
    cli, examples_home, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("handover", "halvorsen-freight", "--format", "markdown", "--out", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert not (tmp_path / "-").exists()


def test_a_checklist_cached_without_defaults_is_not_served_with_them(tmp_path) -> None:
    from clientexit.handover import template

    english = template.find("en")
    assert english is not None
    copy = tmp_path / "templates" / "checklists" / "cs" / english.name
    copy.parent.mkdir(parents=True)
    # A user's Czech copy that says nothing about private items...
    copy.write_text(english.read_text(encoding="utf-8").replace("private = true", ""), "utf-8")
    plain = template._cached(copy, template._Defaults())
    assert not any(item.private for item in plain.items)
    # ...still keeps the built-in private flags when loaded as a checklist.
    loaded = template.load("cs", tmp_path / "templates")
    assert loaded.path == copy
    assert any(item.private for item in loaded.items)


def test_handover_text_with_out_is_refused_not_ignored(cli, examples_home, tmp_path) -> None:
    target = tmp_path / "h.txt"
    result = cli("handover", "halvorsen-freight", "--format", "text", "--out", str(target))
    assert result.exit_code == 2
    assert "--format markdown" in result.stderr
    assert not target.exists()


def test_a_client_file_without_a_name_is_titled_by_its_slug() -> None:
    """The checklist reads the typed name (the slug when the file has none), never a blank."""
    from clientexit.record.model import Client

    data = client()
    del data["name"]
    checklist = build(Client.from_data("acme-ltd", data), PROFILE, TODAY)
    assert checklist.client == "acme-ltd"
    texts = {item.id: item.text for item in checklist.items}
    assert texts["reputation-no-badmouthing"] == (
        "Never speak badly of acme-ltd or of their new provider, in person or online."
    )
