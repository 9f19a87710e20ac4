"""A client file written by hand without a ``name`` is named by what the person typed in every
note that records an entry, never as "None"."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("deliverable", "acme", "add", "Logo files"), "Added deliverable 1 for acme: Logo files"),
        (
            (
                "invoice",
                "acme",
                "add",
                "A-1",
                "100",
                "--issued",
                "2026-11-20",
                "--due",
                "2026-12-20",
            ),
            "Added invoice A-1 for acme",
        ),
        (("log", "acme", "add", "Late again"), "Logged for acme:"),
    ],
)
def test_a_client_without_a_name_is_named_as_typed(cli, home: Path, args, said: str) -> None:
    (home / "clients").mkdir(parents=True)
    (home / "clients" / "acme.toml").write_text('status = "active"\n', encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert said in result.stdout + result.stderr
    assert "None" not in result.stdout + result.stderr
