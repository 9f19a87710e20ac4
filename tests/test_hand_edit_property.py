"""Issue 15: any value of any TOML type written by hand into any field of one client file never
gives a traceback, and lists still show every other client (exit 0, or 4 with one warning)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit._resources import examples_dir
from clientexit.demo import seed

SLUG = "fjord-coffee"
KEYS = [
    "schema_version", "name", "status", "created", "contact", "email", "rate", "target_rate",
    "currency", "notice_days", "started", "ended", "project", "engagement", "language", "notes",
    "archived", "custom", "deliverables", "invoices", "incidents", "assessments", "letters",
    "handover", "lifecycle", "hours", "rate_changes",
]  # fmt: skip
ENTRY_KEYS = ["number", "amount", "issued", "due", "paid", "date", "kind", "text", "verdict", "at"]

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(ENTRY_KEYS), inner, max_size=3),
    ),
    max_leaves=6,
)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(KEYS), value=values, as_entry=st.booleans())
def test_any_hand_edited_value_is_one_data_file_error_at_most(
    cli, tmp_path: Path, key: str, value: object, as_entry: bool
) -> None:
    home = tmp_path / "prop"
    shutil.rmtree(home, ignore_errors=True)
    seed(home, examples_dir())
    path = home / "clients" / f"{SLUG}.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    if as_entry and isinstance(value, dict):
        doc[key] = [value]  # a list holding one (odd) entry
    else:
        doc[key] = value
    path.write_text(doc.as_string(), encoding="utf-8")
    # cli raises on any exception but SystemExit: a traceback fails the test.
    for args in (("clients",), ("client", "list"), ("followup",), ("churn",)):
        result = cli("--home", str(home), *args)
        assert result.exit_code in (0, 4), (args, result.stderr)
        assert "Traceback" not in result.stderr
        if result.exit_code == 4:
            assert result.stderr.count("warning") == 1 and f"{SLUG}.toml" in result.stderr
    for args in (
        ("client", "show", SLUG),
        ("log", SLUG, "list"),
        ("invoice", SLUG, "list"),
        ("handover", SLUG),
    ):
        result = cli("--home", str(home), *args)
        assert result.exit_code in (0, 4), (args, result.stderr)
    shown = cli("--home", str(home), "clients")
    assert "Northwind Bakery" in shown.stdout  # another client is always listed
