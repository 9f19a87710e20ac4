"""Issue 24: any TOML value written by hand into any field of any table clientexit reads (a
client file, the profile, rates.toml, ladder.toml, rubric.toml, the handover checklist) never
gives a traceback: the commands that read it work or give a one-line error (exit 2, 3 or 4), and
listings still show the other clients. Hypothesis picks the file, the field and the value."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit._resources import examples_dir, templates_dir
from clientexit.demo import seed

SLUG = "ashgrove-print"
# (file in the data folder, where its text comes from, the commands that read it)
FILES: dict[str, tuple[str, Path, list[tuple[str, ...]]]] = {
    "client": (
        f"clients/{SLUG}.toml",
        examples_dir() / "clients" / f"{SLUG}.toml",
        [("clients",), ("followup",), ("handover", SLUG), ("remind", SLUG, "--dry-run"),
         ("letter", SLUG, "-t", "payment", "--dry-run"), ("statement", SLUG)],
    ),
    "profile": (
        "config.toml",
        examples_dir() / "config.toml",
        [("clients",), ("letter", SLUG, "-t", "payment", "--dry-run"), ("invoice", SLUG, "list")],
    ),
    "rates": (
        "rates.toml",
        templates_dir() / "collect" / "rates.toml",
        [("interest", SLUG), ("statement", SLUG), ("remind", SLUG, "--dry-run"), ("rates",)],
    ),
    "ladder": (
        "ladder.toml",
        templates_dir() / "collect" / "ladder.toml",
        [("remind", SLUG, "--dry-run"), ("followup",)],
    ),
    "rubric": (
        "rubric.toml",
        templates_dir() / "rubric.toml",
        [("assess", "brightpath-marketing", "--answers",
          str(examples_dir() / "answers" / "brightpath-marketing.toml"), "--json")],
    ),
    "checklist": (
        "templates/checklists/en/handover.toml",
        templates_dir() / "checklists" / "en" / "handover.toml",
        [("handover", SLUG), ("followup",)],
    ),
}  # fmt: skip


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path of ``node``: tables, their keys, and the first two entries of lists."""
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            found += _paths(value, (*prefix, index))
    return found


def _unwrapped(path: Path) -> Any:
    return tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()


KEY_PATHS = {kind: _paths(_unwrapped(source)) for kind, (_, source, _) in FILES.items()}
ORIGINALS = {kind: _unwrapped(source) for kind, (_, source, _) in FILES.items()}


def _original(kind: str, keys: tuple[Any, ...]) -> Any:
    node = ORIGINALS[kind]
    for key in keys:
        node = node[key]
    return node


# Values of the field's own type that break it: what a slip of the keyboard writes.
EXTREMES: dict[type, list[Any]] = {
    float: [float("nan"), float("inf"), float("-inf"), 1e300, -1.0, 0.0, 1e-300],
    int: [-1, 0, 2**63 - 1, -(2**63), 10**12 + 1],
    str: ["", " ", "\x1b]0;x\x07", "a\u202eb", "x\ny", "9999Q4", "nan", "{{ 7 * 7 }}"],
    dt.date: [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1949, 12, 31)],
    bool: [False, True],
    list: [[], [1], [{"match": ["x"]}]],
    dict: [{}, {"match": ["a"]}],
}

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e300, -1e300, 1e-300, 10**12 + 1]),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["", "x", "9999Q4", "2026-13-45", "\x1b[2J", "a\u202eb", "nan", "{{ x }}"]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1949, 12, 31)]),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["match", "amount", "due", "id", "x"]), inner, max_size=3)
    ),
    max_leaves=5,
)


def _set(doc: Any, keys: tuple[Any, ...], value: object) -> None:
    node = doc
    for key in keys[:-1]:
        node = node[key]
    if isinstance(node, list) and isinstance(value, dict | list) and not value:
        value = 0  # tomlkit cannot put an empty inline table into an array of tables
    node[keys[-1]] = value


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(FILES))
def test_any_value_in_any_field_of_any_table_never_gives_a_traceback(
    cli, tmp_path: Path, kind: str
) -> None:
    target, source, commands = FILES[kind]
    base = tmp_path / "base"
    seed(base, examples_dir())

    @settings(
        max_examples=int(os.environ.get("CLIENTEXIT_PROPERTY_EXAMPLES", "25")),
        deadline=None,
        # The same examples every run: the suite stays reproducible; raise the count through
        # CLIENTEXIT_PROPERTY_EXAMPLES to search further.
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(keys=st.sampled_from(KEY_PATHS[kind]), data=st.data())
    def check(keys: tuple[Any, ...], data: st.DataObject) -> None:
        own = type(_original(kind, keys))
        typed = EXTREMES.get(dt.date if issubclass(own, dt.date) else own, [])
        value = data.draw(st.sampled_from(typed) | values if typed else values)
        home = tmp_path / "home"
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(base, home)
        path = home / target
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = tomlkit.parse(source.read_text(encoding="utf-8"))
        try:
            _set(doc, keys, value)
            text = doc.as_string()
        except (TypeError, ValueError, KeyError):
            return  # a value tomlkit cannot write (a time zone it cannot name...)
        path.write_text(text, encoding="utf-8")
        for args in commands:
            # cli raises on any exception but SystemExit: a traceback fails the test.
            result = cli("--home", str(home), *args)
            assert result.exit_code in (0, 1, 2, 3, 4), (args, result.exit_code, result.stderr)
            assert "Traceback" not in result.stderr
            if result.exit_code:
                errors = [line for line in result.stderr.splitlines() if "error:" in line]
                assert len(errors) <= 1, (args, result.stderr)
        if kind == "client":
            listed = cli("--home", str(home), "clients")
            assert "Northwind Bakery" in listed.stdout

    check()
