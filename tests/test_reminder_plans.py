"""remind keeps the day's plan (stage, collect values, cautions) in .cache/reminders.json: the
next run drafts the same letter without the ladder, the rates or the interest, and anything the
plan reads that changes (the client's file, the day, the profile, a rates file, what was asked)
means working it out again."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from clientexit.app import reminder_plans, reminders

OVERDUE = (
    "northwind-bakery",
    "ashgrove-print",
    "cagri-yazilim-ltd-sti",
    "halvorsen-freight",
    "zelena-louka-s-r-o",
)
ASKED = (
    (),
    ("--claim-paid-late",),
    ("--lang", "cs"),
    ("--lang", "tr"),
    ("--stage", "formal-demand", "--skip-stages"),
    ("--set", "debtor=individual"),
)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time the plan is worked out (not read from the cache), the client's name."""
    calls: list[str] = []
    real = reminders._plan

    def counting(where: Any, profile: Any, record: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(record.slug)
        return real(where, profile, record, *args, **kwargs)

    monkeypatch.setattr(reminders, "_plan", counting)
    return calls


def _remind(cli, slug: str, *asked: str) -> tuple[int, str, str]:
    result = cli("remind", slug, "--dry-run", "--no-cooldown", *asked)
    return result.exit_code, result.stdout, result.stderr


def _same_twice(cli, monkeypatch: pytest.MonkeyPatch, slug: str, asked: tuple[str, ...]) -> None:
    calls = _counted(monkeypatch)
    first = _remind(cli, slug, *asked)
    worked_out = len(calls)
    again = _remind(cli, slug, *asked)
    assert again == first
    if first[0] == 0:
        assert worked_out == 1 and len(calls) == 1  # the second came from the cache
        assert first[1].startswith(("Subject:", "Konu:", "Předmět:"))


def test_the_kept_plan_drafts_the_same_letter_and_notes(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_twice(cli, monkeypatch, "ashgrove-print", ("--claim-paid-late",))
    kept = json.loads(reminder_plans.cache_file(examples_home).read_text(encoding="utf-8"))
    assert list(kept) == ["ashgrove-print"]


@pytest.mark.slow
@pytest.mark.parametrize("slug", OVERDUE)
@pytest.mark.parametrize("asked", ASKED, ids=lambda a: " ".join(a) or "next stage")
def test_every_kept_plan_drafts_the_same_letter_and_notes(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch, slug: str, asked: tuple[str, ...]
) -> None:
    _same_twice(cli, monkeypatch, slug, asked)


def _invoice_paid(home: Path) -> None:
    path = home / "clients" / "northwind-bakery.toml"
    text = path.read_text(encoding="utf-8")
    old = 'number = "2026-045"\n'
    assert old in text
    path.write_text(text.replace(old, old + "paid = 2026-11-20\n", 1), encoding="utf-8")


def test_a_change_to_what_the_plan_reads_means_working_it_out_again(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counted(monkeypatch)
    first = _remind(cli, "northwind-bakery")
    assert first[0] == 0 and "2026-045" in first[1]
    assert len(calls) == 1
    _invoice_paid(examples_home)  # the client's file
    paid = _remind(cli, "northwind-bakery")
    assert len(calls) == 2
    assert "2026-045" not in paid[1] and "2026-052" in paid[1]
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2026-11-26")  # the day
    later = _remind(cli, "northwind-bakery")
    assert len(calls) == 3
    assert later[1] != paid[1]  # a day more overdue
    assert _remind(cli, "northwind-bakery", "--claim-paid-late")[0] == 0  # what was asked
    assert len(calls) == 4
    config = examples_home / "config.toml"  # the profile
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _remind(cli, "northwind-bakery", "--claim-paid-late")
    assert len(calls) == 5
    from clientexit._resources import templates_dir

    shipped = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8")
    (examples_home / "rates.toml").write_text(shipped, encoding="utf-8")  # a rates file of yours
    _remind(cli, "northwind-bakery", "--claim-paid-late")
    assert len(calls) == 6
    _remind(cli, "northwind-bakery", "--claim-paid-late")
    assert len(calls) == 6  # nothing changed since


def test_a_damaged_cache_is_worked_out_again(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counted(monkeypatch)
    first = _remind(cli, "northwind-bakery")
    kept = reminder_plans.cache_file(examples_home)
    entry = json.loads(kept.read_text(encoding="utf-8"))["northwind-bakery"]
    for garbage in (
        "{",
        "[]",
        json.dumps({"northwind-bakery": {**entry, "plan": 7}}),
        json.dumps({"northwind-bakery": {**entry, "plan": ["final-notice", {"$nonsense": 1}, []]}}),
        json.dumps({"northwind-bakery": {**entry, "plan": ["final-notice", [], []]}}),
    ):
        kept.write_text(garbage, encoding="utf-8")
        before = len(calls)
        assert _remind(cli, "northwind-bakery") == first
        assert len(calls) == before + 1


def test_a_value_json_cannot_hold_exactly_is_never_kept(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = reminders._plan
    calls: list[int] = []

    def with_a_set(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        found = real(*args, **kwargs)
        found.values["odd"] = {"a set"}
        return found

    monkeypatch.setattr(reminders, "_plan", with_a_set)
    first = _remind(cli, "northwind-bakery")
    assert first[0] == 0
    assert _remind(cli, "northwind-bakery") == first
    assert len(calls) == 2


def test_values_come_back_as_they_went_in() -> None:
    values = {
        "pay_by": dt.date(2026, 12, 14),
        "total": 2635.0,
        "count": 2,
        "courtesy": False,
        "none": None,
        "rate": Decimal("11.75"),
        "pair": ("a", 1),
        "rows": [{"due": None, "days": 81, "$odd key": "x"}],
        "tiny": 0.1 + 0.2,
    }
    encoded = json.loads(json.dumps(reminder_plans._encoded(values)))
    back = reminder_plans._decoded(encoded)
    assert back == values
    assert list(back) == list(values)
    assert type(back["total"]) is float and type(back["count"]) is int
    assert type(back["pair"]) is tuple and type(back["rate"]) is Decimal
    for odd in ({1, 2}, dt.datetime(2026, 1, 1), {1: "x"}, object()):
        with pytest.raises(TypeError):
            reminder_plans._encoded({"x": odd})


def test_same_content_is_the_same_plan_and_other_days_are_dropped(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counted(monkeypatch)
    first = _remind(cli, "northwind-bakery")
    path = examples_home / "clients" / "northwind-bakery.toml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # rewritten, same text
    assert _remind(cli, "northwind-bakery") == first
    assert len(calls) == 1
    assert _remind(cli, "ashgrove-print")[0] == 0
    kept = reminder_plans.cache_file(examples_home)
    assert sorted(json.loads(kept.read_text(encoding="utf-8"))) == [
        "ashgrove-print",
        "northwind-bakery",
    ]
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2026-11-26")
    _remind(cli, "ashgrove-print")
    assert list(json.loads(kept.read_text(encoding="utf-8"))) == ["ashgrove-print"]
