"""The checklist's deliverables item names the client's open deliverables
(Client.open_deliverables), each with its due date, in the checklist's language; delivered ones
drop out; progress stays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clientexit._store import read_toml
from clientexit.handover.checklist import DELIVERABLES_ITEM, build
from clientexit.handover.markdown import render
from record_helpers import client as record_of
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)
PROFILE = as_profile({"currency": "EUR", "notice_days": 30, "country": "GB"})
MENU = "Holiday menu landing page"
NOTES = "Hosting and domain transfer notes"


def detail(deliverables: list[dict], lang: str) -> tuple[str, ...]:
    data = {"name": "Acme Ltd", "currency": "EUR", "language": lang}
    if deliverables:
        data["deliverables"] = deliverables
    item = build(record_of(data), PROFILE, TODAY).item(DELIVERABLES_ITEM)
    assert item is not None
    return item.detail


MIXED = [
    {"what": "Logo files", "due": dt.date(2026, 11, 20)},  # overdue
    {"what": "Brand guide", "due": dt.date(2026, 12, 10)},
    {"what": "Old banner", "due": dt.date(2026, 11, 1), "delivered": dt.date(2026, 11, 2)},
    {"what": "Photo archive"},
]


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            (
                "Logo files: not yet delivered, due 20 November 2026",
                "Brand guide: due 10 December 2026",
                "Photo archive: no due date agreed",
            ),
        ),
        (
            "tr",
            (
                "Logo files: henüz teslim edilmedi, son tarih 20 Kasım 2026 idi",
                "Brand guide: son tarih 10 Aralık 2026",
                "Photo archive: son tarih kararlaştırılmadı",
            ),
        ),
        (
            "cs",
            (
                "Logo files: zatím nedodáno, termín byl 20. listopadu 2026",
                "Brand guide: termín 10. prosince 2026",
                "Photo archive: termín nebyl dohodnut",
            ),
        ),
    ],
)
def test_open_deliverables_listed_soonest_first_delivered_left_out(
    lang: str, lines: tuple[str, ...]
) -> None:
    assert detail(MIXED, lang) == lines


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Everything recorded as owed has been delivered."),
        ("tr", "Kaydedilen işlerin hepsi teslim edildi."),
        ("cs", "Vše, co bylo zaznamenáno k dodání, je dodáno."),
    ],
)
def test_all_delivered_says_so_and_none_recorded_says_nothing(lang: str, sentence: str) -> None:
    delivered = [{"what": "Logo", "due": dt.date(2026, 11, 1), "delivered": TODAY}]
    assert detail(delivered, lang) == (sentence,)
    assert detail([], lang) == ()


def test_markdown_escapes_what_the_user_wrote() -> None:
    data = {"name": "Acme Ltd", "language": "en"}
    data["deliverables"] = [{"what": "Site <b>v2</b> [final]", "due": dt.date(2026, 12, 1)}]
    text = render(build(record_of(data), PROFILE, TODAY))
    assert "  - Site \\<b\\>v2\\</b\\> \\[final\\]: due 1 December 2026\n" in text


def test_done_deliverable_leaves_screen_and_client_copy_progress_kept(
    cli, examples_home: Path
) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    # An existing client file with progress stored under the item's id, written before this
    # item listed anything: it must still count as done, with its note.
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n[handover.items.deliverables-deliver]\ndone = 2026-11-20\n"
        + 'note = "Landing page files on the shared drive"\n',
        encoding="utf-8",
    )
    before = cli("handover", "northwind-bakery")
    assert before.exit_code == 0, before.stderr
    assert f"- {MENU}: due 5 December 2026" in before.stdout
    assert f"- {NOTES}: due 10 December 2026" in before.stdout

    done = cli("deliverable", "northwind-bakery", "done", "1")
    assert done.exit_code == 0, done.stderr

    screen = cli("handover", "northwind-bakery")
    assert screen.exit_code == 0, screen.stderr
    assert MENU not in screen.stdout
    assert f"- {NOTES}: due 10 December 2026" in screen.stdout
    copy = cli("handover", "northwind-bakery", "--format", "markdown").stdout
    assert MENU not in copy
    assert (
        "- [x] I will deliver what we agreed, on the agreed dates. (done 20 November 2026)\n"
        f"  - {NOTES}: due 10 December 2026\n"
        "  Note: Landing page files on the shared drive\n"
    ) in copy
    shown = json.loads(cli("handover", "northwind-bakery", "--json").stdout)
    item = next(i for i in shown["items"] if i["id"] == DELIVERABLES_ITEM)
    assert item["done"] == "2026-11-20"
    assert item["note"] == "Landing page files on the shared drive"
    assert item["detail"] == [f"{NOTES}: due 10 December 2026"]
    stored = read_toml(path)["handover"]["items"][DELIVERABLES_ITEM]
    assert stored == {
        "done": dt.date(2026, 11, 20),
        "note": "Landing page files on the shared drive",
    }


def test_progress_recorded_on_the_item_survives_a_delivery(cli, examples_home: Path) -> None:
    assert cli("handover", "northwind-bakery", "--done", DELIVERABLES_ITEM).exit_code == 0
    assert cli("deliverable", "northwind-bakery", "done", "2").exit_code == 0
    shown = json.loads(cli("handover", "northwind-bakery", "--json").stdout)
    item = next(i for i in shown["items"] if i["id"] == DELIVERABLES_ITEM)
    assert item["done"] == TODAY.isoformat()
    assert item["detail"] == [f"{MENU}: due 5 December 2026"]
