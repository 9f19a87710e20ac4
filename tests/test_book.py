"""The clients table's ordering rule and rows, lifecycle status, and the end command."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clientexit._errors import UsageError
from clientexit.record import lifecycle
from clientexit.record.model import Client
from clientexit.record.summary import Summary
from clientexit.reports import portfolio
from record_helpers import client as record_of
from record_helpers import profile as as_profile
from record_helpers import summaries

TODAY = dt.date(2026, 11, 25)  # conftest pins CLIENTEXIT_TODAY to this day


def assessed(name, verdict, score, categories, status="active", **extra):
    entry = {
        "at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        "verdict": verdict,
        "red_flag_score": score,
        "categories": categories,
    }
    return {"name": name, "status": status, "assessments": [entry], **extra}


def no_checklist(data, profile, today):
    raise AssertionError("no handover is under way for these clients")


def order(book: dict[str, dict]) -> list[str]:
    rows = portfolio.book_rows(summaries(book.items()), as_profile(), TODAY, checklist=no_checklist)
    return [row.slug for row in rows]


def test_ordering_rule() -> None:
    book = {
        "keep": assessed("Keep", "keep", 5, {"payment": 5}),
        "repair": assessed("Repair", "repair", 30, {"scope": 30}),
        "never": {"name": "Never assessed", "status": "active"},
        "prep-one-kind-high": assessed("P1", "prepare_exit", 60, {"scope": 80, "payment": 0}),
        "prep-two-kinds-low": assessed("P2", "prepare_exit", 40, {"scope": 30, "payment": 20}),
        "prep-two-kinds-high": assessed("P3", "prepare_exit", 45, {"scope": 30, "conduct": 20}),
        "exit": assessed("Exit", "exit_now", 20, {"conduct": 40}),
        "former-exit": assessed(
            "Gone", "exit_now", 90, {"conduct": 90, "payment": 50}, status="former"
        ),
    }
    assert order(book) == [
        "exit",
        "prep-two-kinds-high",
        "prep-two-kinds-low",
        "prep-one-kind-high",
        "repair",
        "never",
        "keep",
        "former-exit",
    ]


def test_overdue_money_breaks_ties() -> None:
    unpaid = [{"number": "1", "amount": 500.0, "due": dt.date(2026, 10, 1)}]
    book = {"a-paid": {"name": "A"}, "b-owes": {"name": "B", "invoices": unpaid}}
    assert order(book) == ["b-owes", "a-paid"]


def owing(name, currency, amount, days_overdue, **extra):
    due = TODAY - dt.timedelta(days=days_overdue)
    invoice = {"number": "1", "amount": amount, "issued": due - dt.timedelta(days=30), "due": due}
    return {"name": name, "currency": currency, "invoices": [invoice], **extra}


def test_overdue_ties_are_broken_by_days_not_by_amounts_in_different_currencies() -> None:
    book = {
        "a-try": owing("A lira client", "TRY", 40_000.0, 1),
        "b-eur": owing("B euro client", "EUR", 2_000.0, 60),
    }
    assert order(book) == ["b-eur", "a-try"]
    rows = {
        r.slug: r
        for r in portfolio.book_rows(
            summaries(book.items()), as_profile(), TODAY, checklist=no_checklist
        )
    }
    assert (rows["a-try"].overdue, rows["a-try"].days_overdue) == (40_000.0, 1)
    assert (rows["b-eur"].overdue, rows["b-eur"].days_overdue) == (2_000.0, 60)


def test_several_kinds_of_problems_still_come_before_long_overdue_money() -> None:
    two_kinds = assessed("Two kinds", "repair", 30, {"scope": 20, "payment": 10})
    one_kind = assessed("One kind", "repair", 30, {"payment": 30})
    book = {
        "one-kind-owing": {**one_kind, **owing("One kind", "EUR", 9_000.0, 200)},
        "two-kinds-paid-up": two_kinds,
    }
    assert order(book) == ["two-kinds-paid-up", "one-kind-owing"]


def test_row_trend_rate_and_problem_kinds() -> None:
    data = assessed("Acme", "repair", 40, {"payment": 20, "scope": 10, "values": 0})
    data["assessments"].insert(
        0, {"at": dt.datetime(2026, 6, 1, tzinfo=dt.UTC), "red_flag_score": 52}
    )
    data["assessments"][-1].update(effective_rate=63.75, target_rate=85.0)
    row = portfolio.row_of(
        Summary.of(record_of(data, "acme")), as_profile({"currency": "EUR"}), TODAY, no_checklist
    )
    assert (row.score, row.trend, row.problem_kinds) == (40.0, -12.0, 2)
    assert row.rate_share == 75.0
    assert row.currency == "EUR"
    assert (row.open_items, row.next_due) == (None, None)


def test_checklist_only_while_a_handover_is_under_way() -> None:
    calls = []

    def fake(client, profile, today):
        calls.append(client.name)
        return 3, dt.date(2026, 12, 1)

    book = {
        "ending": {"name": "Ending", "status": "ending", "ended": dt.date(2026, 12, 20)},
        "recent": {"name": "Recent", "status": "former", "ended": dt.date(2026, 10, 1)},
        "old": {"name": "Old", "status": "former", "ended": dt.date(2025, 1, 1)},
        "active": {"name": "Active", "status": "active"},
    }
    rows = {
        r.slug: r
        for r in portfolio.book_rows(summaries(book.items()), as_profile(), TODAY, checklist=fake)
    }
    assert sorted(calls) == ["Ending", "Recent"]
    assert (rows["ending"].open_items, rows["ending"].next_due) == (3, dt.date(2026, 12, 1))
    assert rows["old"].open_items is None


def test_effective_status() -> None:
    ending = {"status": "ending", "lifecycle": {"end_date": dt.date(2026, 11, 1)}}
    assert Client.from_data("", ending).effective_status(TODAY) == "former"
    assert Client.from_data("", {**ending, "lifecycle": {}}).effective_status(TODAY) == "ending"
    assert Client.from_data("", {"status": "at-risk"}).effective_status(TODAY) == "at-risk"


def test_ending_infers_category_from_the_last_assessment() -> None:
    data = {"assessments": [{"letter_type": "payment"}]}
    ending = lifecycle.new_ending(data, by="me", reason="Late again", today=TODAY)
    assert (ending.reason_category, ending.end_date) == ("payment", TODAY)
    left = lifecycle.new_ending(data, by="client", reason="Cheaper elsewhere", today=TODAY)
    assert left.reason_category == "other"
    with pytest.raises(UsageError):
        lifecycle.new_ending(data, by="them", reason="x", today=TODAY)
    with pytest.raises(UsageError):
        lifecycle.new_ending({}, by="me", reason="  ", today=TODAY)


def test_end_command_past_and_future(cli, examples_home) -> None:
    result = cli(
        "end", "fjord-coffee", "--by", "client", "--reason", "Moved in-house",
        "--category", "price", "--date", "2026-11-01", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "former"
    shown = json.loads(cli("client", "show", "fjord-coffee", "--json").stdout)
    assert shown["lifecycle"] == {
        "ended_by": "client",
        "reason": "Moved in-house",
        "reason_category": "price",
        "end_date": "2026-11-01",
    }
    assert (shown["ended"], shown["status"]) == ("2026-11-01", "former")
    text = (examples_home / "clients" / "fjord-coffee.toml").read_text(encoding="utf-8")
    assert text.startswith("# A good client worth keeping")

    later = (TODAY + dt.timedelta(days=20)).isoformat()
    result = cli(
        "end", "kestrel-analytics", "--by", "me", "--reason", "Micromanagement", "--date", later
    )
    assert result.exit_code == 0, result.stderr
    assert (
        json.loads(cli("client", "show", "kestrel-analytics", "--json").stdout)["status"]
        == "ending"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--by", "us", "--reason", "x"], 2, "--by 'us'"),
        (["--by", "me", "--reason", "x", "--category", "cheap"], 2, "--category 'cheap'"),
        (["--by", "me", "--reason", "x", "--date", "2026-02-30"], 2, "not a date"),
        (["--by", "me", "--reason", "x", "--date", "2020-01-01"], 2, "before the client started"),
    ],
)
def test_end_errors_change_nothing(cli, examples_home, args, code, message) -> None:
    path = examples_home / "clients" / "kestrel-analytics.toml"
    before = path.read_bytes()
    result = cli("end", "kestrel-analytics", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert path.read_bytes() == before


def test_clients_command_on_examples(cli, examples_home) -> None:
    result = cli("clients", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    slugs = [row["slug"] for row in rows]
    # None assessed yet except a former one: current clients overdue longest come first.
    assert slugs[:3] == ["ashgrove-print", "northwind-bakery", "halvorsen-freight"]
    assert slugs[-3:] == ["larkspur-events", "solvberg-architects", "tidewater-yoga"]
    former = json.loads(cli("status", "--status", "former", "--json").stdout)
    assert {row["slug"] for row in former} == set(slugs[-3:])
    assert "Northwind Bakery" in cli("clients").stdout
    bad = cli("clients", "--status", "gone")
    assert bad.exit_code == 2 and "--status 'gone'" in bad.stderr
