"""Every --json about a client says the same thing with the same keys: ``client`` is the slug,
``name`` the display name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SLUG, NAME = "northwind-bakery", "Northwind Bakery"
INVOICE = ["add", "NB-99", "120", "--issued", "2026-11-01", "--due", "2026-11-15"]

ONE_CLIENT = [
    ["assess", SLUG, "--answers", "{answers}"],
    ["handover", SLUG],
    ["invoice", SLUG, "list"],
    ["invoice", SLUG, *INVOICE],
    ["log", SLUG, "add", "Asked for a discount again"],
    ["letter", SLUG, "-t", "general", "--placeholders"],
    ["client", "show", SLUG],
    ["hours", SLUG],
    ["hours", "map", SLUG],
    ["client", "set", SLUG, "phone=+44 20 7946 0000"],
    ["end", SLUG, "--by", "me", "--reason", "Late payments", "--date", "2026-12-20"],
]


@pytest.mark.parametrize("args", ONE_CLIENT, ids=lambda a: " ".join(a[:2]))
def test_one_client_json_has_client_slug_and_name(
    cli, examples_home: Path, examples: Path, args: list[str]
) -> None:
    answers = str(examples / "answers" / f"{SLUG}.toml")
    result = cli(*[a.format(answers=answers) for a in args], "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["client"], data["name"]) == (SLUG, NAME)


TIDEWATER = ("tidewater-yoga", "Tidewater Yoga Studio")  # former: has a handover to follow


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["clients"], (SLUG, NAME)),
        (["client", "list"], (SLUG, NAME)),
        (["log", SLUG, "list"], (SLUG, NAME)),
        (["followup", "--weeks", "52"], TIDEWATER),
        (["followup", TIDEWATER[0], "--weeks", "52"], TIDEWATER),
    ],
)
def test_every_row_of_a_list_has_client_slug_and_name(
    cli, examples_home: Path, args: list[str], expected: tuple[str, str]
) -> None:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert expected in {(row["client"], row["name"]) for row in rows}
    assert all(row["client"] == row.get("slug", row["client"]) for row in rows)


def test_churn_lists_clients_by_slug_and_name(cli, examples_home: Path) -> None:
    data = json.loads(cli("churn", "--period", "2026", "--json").stdout)
    lost = {(c["client"], c["name"]) for c in data["lost_clients"]}
    assert ("tidewater-yoga", "Tidewater Yoga Studio") in lost
