"""The one writer of status, ``ended`` and ``[lifecycle]`` (record/lifecycle.py): a termination
letter, ``end``, an assessment and ``client set`` leave files that mean the same."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import tomlkit

from clientexit.record import lifecycle
from clientexit.record.model import Client, Ending

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def _read(home: Path, slug: str) -> dict:
    return tomllib.loads((home / "clients" / f"{slug}.toml").read_text("utf-8"))


def _two_alike(cli) -> None:
    for name in ("Letter Ltd", "End Ltd"):
        added = cli("client", "add", name, "--contact", "Tom", "--email", "tom@example.com",
                    "--started", "2025-01-06")  # fmt: skip
        assert added.exit_code == 0, added.stderr


@pytest.mark.parametrize("end", [TODAY, TODAY + dt.timedelta(days=20)])
def test_a_letter_and_end_with_the_same_date_leave_the_same_status_and_lifecycle(
    cli, examples_home: Path, end: dt.date
) -> None:
    _two_alike(cli)
    # --despite-record: the two clients have no invoices; the letter's type is what counts here.
    letter = cli("letter", "letter-ltd", "-t", "payment", "--end-date", end.isoformat(),
                 "--no-cooldown", "--placeholders", "--despite-record")  # fmt: skip
    assert letter.exit_code == 0, letter.stderr
    ended = cli("end", "end-ltd", "--by", "me", "--category", "payment", "--reason", "Late pay",
                "--date", end.isoformat())  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    by_letter, by_end = _read(examples_home, "letter-ltd"), _read(examples_home, "end-ltd")
    expected = "ending" if end > TODAY else "former"
    assert by_letter["status"] == by_end["status"] == expected
    assert by_letter["ended"] == by_end["ended"] == end
    # A letter gives no reason in words; everything else about the ending is the same.
    assert "reason" not in by_letter["lifecycle"]
    assert (
        by_letter["lifecycle"]
        == {k: v for k, v in by_end["lifecycle"].items() if k != "reason"}
        == {"ended_by": "me", "reason_category": "payment", "end_date": end}
    )


def test_a_later_letter_moves_the_end_date_but_not_who_ended_it(cli, examples_home) -> None:
    _two_alike(cli)
    first = TODAY + dt.timedelta(days=30)
    assert cli("end", "letter-ltd", "--by", "client", "--reason", "Leaving", "--category",
               "price", "--date", first.isoformat()).exit_code == 0  # fmt: skip
    later = TODAY + dt.timedelta(days=40)
    letter = cli("letter", "letter-ltd", "-t", "general", "--end-date", later.isoformat(),
                 "--no-cooldown", "--placeholders")  # fmt: skip
    assert letter.exit_code == 0, letter.stderr
    data = _read(examples_home, "letter-ltd")
    assert (data["status"], data["ended"]) == ("ending", later)
    assert data["lifecycle"] == {
        "ended_by": "client",
        "reason": "Leaving",
        "reason_category": "price",
        "end_date": later,
    }


def test_client_set_ended_goes_through_the_writer(cli, examples_home: Path) -> None:
    _two_alike(cli)
    assert cli("client", "set", "end-ltd", "ended=2026-11-01").exit_code == 0
    data = _read(examples_home, "end-ltd")
    assert (data["status"], data["ended"]) == ("former", dt.date(2026, 11, 1))
    assert cli("client", "set", "end-ltd", "ended=").exit_code == 0
    data = _read(examples_home, "end-ltd")
    assert data["status"] == "active" and "ended" not in data
    refused = cli("client", "set", "end-ltd", "status=former")
    assert refused.exit_code == 2 and "clientexit end CLIENT" in refused.stderr


def _doc(text: str) -> tomlkit.TOMLDocument:
    return tomlkit.parse(text)


def test_the_writer_keeps_comments_and_other_keys() -> None:
    doc = _doc('# mine\nname = "Acme"\nstatus = "active"  # keep\n\n[lifecycle]\nnote = "x"\n')
    ending = Ending("client", "Moved in-house", "price", TODAY + dt.timedelta(days=3))
    assert lifecycle.write_ending(doc, ending, TODAY) == "ending"
    text = tomlkit.dumps(doc)
    assert "# mine" in text and 'note = "x"' in text
    assert 'reason = "Moved in-house"' in text and 'status = "ending"' in text


@pytest.mark.parametrize(
    ("status", "verdict", "after"),
    [
        ("active", "repair", "at-risk"),
        ("active", "keep", "active"),
        ("at-risk", "keep", "active"),
        ("at-risk", "exit_now", "at-risk"),
        ("ending", "keep", "ending"),
        ("former", "exit_now", "former"),
    ],
)
def test_an_assessment_moves_only_a_current_client(status: str, verdict: str, after: str) -> None:
    doc = _doc(f'name = "Acme"\nstatus = "{status}"\n')
    changed = lifecycle.write_assessment(doc, verdict, TODAY)
    assert (doc["status"], changed) == (after, after != status)
    client = Client.from_data("acme", {"name": "Acme", "status": status})
    assert lifecycle.status_after_assessment(client, verdict, TODAY) == after


def test_a_termination_letter_leaves_a_former_client_alone() -> None:
    doc = _doc('name = "Acme"\nstatus = "former"\nended = 2026-08-31\n')
    before = tomlkit.dumps(doc)
    assert lifecycle.write_termination_letter(doc, "general", TODAY, TODAY) is None
    assert lifecycle.write_termination_letter(doc, "thank-you", TODAY, TODAY) is None
    assert tomlkit.dumps(doc) == before
