"""Issue 24: hand-edited values that crashed clients, followup, handover, letter or remind are one
line naming the file and the key; the other clients are still listed. Built from variants of each
class (dates out of range in any table, amounts past the cap, [custom] not a table, a date with a
time where a day is read, a period past year 9999), not only the issue's examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomlkit

SLUG = "ashgrove-print"
FILE = f"{SLUG}.toml"


def set_value(home: Path, keys: tuple[Any, ...], value: object, slug: str = SLUG) -> Path:
    """Write ``value`` at ``keys`` (names and list indexes) of a client file, as a hand edit."""
    path = home / "clients" / f"{slug}.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    node: Any = doc
    for key in keys[:-1]:
        node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
    node[keys[-1]] = value
    path.write_text(doc.as_string(), encoding="utf-8")
    return path


def per_client_commands() -> list[tuple[str, ...]]:
    return [
        ("handover", SLUG),
        ("letter", SLUG, "--type", "payment", "--dry-run"),
        ("letter", SLUG, "--type", "general", "--dry-run"),
        ("remind", SLUG, "--dry-run"),
        ("invoice", SLUG, "list"),
        ("client", "show", SLUG),
        ("deliverable", SLUG, "list"),
        ("statement", SLUG),
        ("interest", SLUG),
    ]


def assert_one_line_error(cli, home: Path, key_words: tuple[str, ...]) -> None:
    """Every view: no traceback (cli raises on one), a one-line error naming the file and the
    key, and the lists still show the other clients."""
    for args in (("clients",), ("followup",), ("churn",), ("client", "list")):
        result = cli("--home", str(home), *args)
        assert result.exit_code == 4, (args, result.stderr)
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert len(warnings) == 1 and FILE in warnings[0], (args, result.stderr)
        warning = warnings[0]
        assert all(word in warning for word in key_words), (args, warning)
    listed = cli("--home", str(home), "clients").stdout
    assert "Northwind Bakery" in listed and "Fjord Coffee Roasters" in listed
    assert "Ashgrove" not in listed
    for args in per_client_commands():
        result = cli("--home", str(home), *args)
        assert result.exit_code == 4, (args, result.stdout, result.stderr)
        error = result.stderr.strip()
        assert error.startswith("clientexit: error: ") and "\n" not in error, (args, error)
        assert FILE in error and all(word in error for word in key_words), (args, error)


def first_in_the_inner_loop(*values: object) -> list[Any]:
    """The first value for the inner loop (`pytest -m "not slow"`), all of them for the whole
    suite: each case runs fourteen commands."""
    return [values[0], *(pytest.param(value, marks=pytest.mark.slow) for value in values[1:])]


OUT_OF_RANGE = first_in_the_inner_loop(
    dt.date(2151, 1, 1), dt.date(1, 1, 1), dt.date(1949, 12, 31), dt.date(9999, 12, 31)
)


@pytest.mark.parametrize(
    ("keys", "words"),
    [
        (("ended",), ("ended",)),
        (("started",), ("started",)),
        (("created",), ("created",)),
        (("invoices", 1, "issued"), ("invoices[2].issued",)),
        (("invoices", 2, "due"), ("invoices[3].due",)),
        (("invoices", 0, "paid"), ("invoices[1].paid",)),
        (("deliverables", 0, "due"), ("deliverables[1].due",)),
        (("incidents", 0, "date"), ("incidents[1].date",)),
        (("letters", 1, "at"), ("letters[2].at",)),
        (("lifecycle", "end_date"), ("lifecycle.end_date",)),
        (("handover", "items", "repo", "done"), ("handover.items.repo.done",)),
        (("custom", "renewal"), ("custom.renewal",)),
    ],
)
@pytest.mark.parametrize("day", OUT_OF_RANGE, ids=str)
def test_a_date_out_of_range_in_any_table_is_one_error(
    cli, examples_home: Path, keys: tuple[Any, ...], words: tuple[str, ...], day: dt.date
) -> None:
    set_value(examples_home, keys, day)
    assert_one_line_error(cli, examples_home, (*words, "1950 to 2150"))


@pytest.mark.parametrize(
    "moment",
    first_in_the_inner_loop(
        dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1, 1, 1, 0, 0), dt.datetime(2151, 1, 1, 8)
    ),
    ids=str,
)
def test_a_date_time_out_of_range_is_one_error(cli, examples_home: Path, moment) -> None:
    set_value(examples_home, ("letters", 0, "at"), moment)
    assert_one_line_error(cli, examples_home, ("letters[1].at", "1950 to 2150"))


def test_client_set_cannot_store_an_ended_date_out_of_range(cli, examples_home: Path) -> None:
    result = cli("--home", str(examples_home), "client", "set", SLUG, "ended=9999-12-31")
    assert result.exit_code == 2 and "1950" in result.stderr
    assert "9999" not in (examples_home / "clients" / FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "amount", first_in_the_inner_loop(1e300, 1e13, 1_000_000_000_000.01, 2**63 - 1)
)
def test_an_invoice_amount_past_the_cap_is_one_error(cli, examples_home: Path, amount) -> None:
    set_value(examples_home, ("invoices", 1, "amount"), amount)
    assert_one_line_error(cli, examples_home, ("AP-2026-05", "amount", "1,000,000,000,000"))


@pytest.mark.parametrize(
    "value", first_in_the_inner_loop("x", 5, True, [1, 2], dt.date(2026, 1, 1)), ids=repr
)
def test_custom_that_is_not_a_table_is_one_error(cli, examples_home: Path, value) -> None:
    set_value(examples_home, ("custom",), value)
    assert_one_line_error(cli, examples_home, ("custom",))


@pytest.mark.parametrize(
    "due",
    first_in_the_inner_loop(
        dt.datetime(2026, 12, 1, 10, 0), dt.datetime(2026, 12, 15), dt.datetime(2026, 1, 2, 23, 59)
    ),
    ids=str,
)
def test_a_deliverable_due_with_a_time_is_one_error(cli, examples_home: Path, due) -> None:
    set_value(examples_home, ("deliverables", 0, "due"), due)
    assert_one_line_error(cli, examples_home, ("deliverables", "due", "without a time"))


@pytest.mark.parametrize(
    "period", ["9999Q4", "9999", "9999-12", "2151Q1", "0001Q1", "1949", "1949-12", "0000"]
)
def test_churn_period_outside_the_dates_is_a_usage_error(cli, examples_home: Path, period) -> None:
    result = cli("--home", str(examples_home), "churn", "--period", period)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() == (
        f"clientexit: error: --period {period} is outside the dates clientexit works with "
        "(1950 to 2150). Check the year."
    )


INLINE_HOURS = [
    'hours = { match = ["kestrel-*"] }',
    'hours = { match = ["kestrel-*"], unbilled_tags = ["rework"] }',
    'hours = { match = ["kestrel-*"], months = { "2026-05" = { billable_hours = 2.0 } } }',
    '[hours]\nmatch = ["kestrel-*"]\nmonths = { "2026-05" = { billable_hours = 2.0 } }',
    '[hours]\nmatch = ["kestrel-*"]\n[hours.months]\n"2026-05" = { billable_hours = 2.0 }',
]


@pytest.mark.parametrize("hours", INLINE_HOURS)
def test_inline_hours_tables_are_read_and_added_to(cli, examples_home: Path, hours: str) -> None:
    path = examples_home / "clients" / "kestrel-analytics.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[hours]")
    rest = text[start:].split("\n\n", 1)
    kept = text[:start] + (rest[1] if len(rest) > 1 else "")
    # The inline form goes before the first table, where a TOML key must stand.
    first_table = kept.index("\n[")
    path.write_text(f"{kept[:first_table]}\n{hours}\n{kept[first_table:]}", encoding="utf-8")
    frames = str(examples_home.parent / "frames")
    from clientexit._resources import examples_dir

    frames = str(examples_dir() / "hours" / "frames")
    for args in (("hours", "import", frames, "--dry-run"), ("hours", "import", frames)):
        result = cli("--home", str(examples_home), *args)
        assert result.exit_code == 0, result.stderr
    for args in (("hours", "show", "kestrel-analytics"), ("clients",), ("followup",)):
        assert cli("--home", str(examples_home), *args).exit_code == 0
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["hours"]["match"] == ["kestrel-*"] and data["hours"]["months"]


RATES_FIELDS = [
    ("reference = 3.50", "regimes.GB.rate[1].reference"),
    ("margin = 8", "regimes.GB.margin"),
    ("{ below = 1000, amount = 40 }", "regimes.GB.compensation"),
]


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "+nan"])
@pytest.mark.parametrize(("field", "key"), RATES_FIELDS)
def test_a_number_that_is_not_one_in_a_users_rates_file_is_one_error(
    cli, examples_home: Path, bad: str, field: str, key: str
) -> None:
    from clientexit._resources import templates_dir

    text = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8")
    start = text.index("\n[")  # past the comments, which show examples too
    assert field in text[start:]
    number = "40" if "{" in field else field.split(" = ")[1]
    broken = field.replace(f"= {number}", f"= {bad}")
    text = text[:start] + text[start:].replace(field, broken, 1)
    (examples_home / "rates.toml").write_text(text, encoding="utf-8")
    for args in (
        ("interest", SLUG),
        ("statement", SLUG),
        ("remind", SLUG, "--dry-run"),
        ("rates",),
    ):
        result = cli("--home", str(examples_home), *args)
        assert result.exit_code == 4, (args, result.stderr)
        error = result.stderr.strip()
        assert error.count("\n") == 0 and "rates.toml:" in error and key in error, error
        assert f"= {bad.lstrip('+')}" in error
    assert "Northwind Bakery" in cli("--home", str(examples_home), "clients").stdout
