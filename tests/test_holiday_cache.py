"""Public holidays are computed once per country and year, then read from a derived JSON cache."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clientexit import workdays

CHRISTMAS = dt.date(2026, 12, 25)


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    import holidays

    calls: list[tuple[str, int]] = []
    real = holidays.country_holidays

    def counting(country: str, years: int):  # type: ignore[no-untyped-def]
        calls.append((country, years))
        return real(country, years=years)

    monkeypatch.setattr(holidays, "country_holidays", counting)
    return calls


def test_a_year_is_computed_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / ".cache" / "holidays.json"
    calls = _count_calls(monkeypatch)
    first = workdays.Calendar(("CZ",), cache)
    assert first.why_not(CHRISTMAS) is not None and "(CZ)" in str(first.why_not(CHRISTMAS))
    assert calls == [("CZ", 2026)]
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert "CZ-2026" in stored["years"]
    again = workdays.Calendar(("CZ",), cache)  # a new run
    assert [again.why_not(CHRISTMAS + dt.timedelta(days=n)) for n in range(7)] == [
        first.why_not(CHRISTMAS + dt.timedelta(days=n)) for n in range(7)
    ]
    assert calls == [("CZ", 2026)]  # not computed again
    assert again.next_working_day(CHRISTMAS) == first.next_working_day(CHRISTMAS)


def test_another_installed_package_or_a_damaged_cache_means_computing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "holidays.json"
    calls = _count_calls(monkeypatch)
    workdays.Calendar(("TR",), cache).why_not(CHRISTMAS)
    monkeypatch.setattr(workdays, "_package", lambda: "an upgraded holidays")
    workdays.Calendar(("TR",), cache).why_not(CHRISTMAS)
    assert len(calls) == 2
    for garbage in ("{", '{"package": "an upgraded holidays", "years": {"TR-2026": {"x": 1}}}'):
        cache.write_text(garbage, encoding="utf-8")
        assert workdays.Calendar(("TR",), cache).why_not(dt.date(2026, 1, 1)) is not None
    assert len(calls) == 4


def test_without_a_cache_file_nothing_is_written(tmp_path: Path) -> None:
    assert workdays.Calendar(("SE",)).why_not(CHRISTMAS) is not None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_second_letter_does_not_import_the_holidays_package(examples_home: Path) -> None:
    code = (
        "import sys\n"
        "from clientexit.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('holidays' in sys.modules, file=sys.stderr)\n"
    )
    args = ["letter", "zelena-louka-s-r-o", "--type", "scope-creeper", "--dry-run"]
    seen = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=dict(os.environ),
            capture_output=True,
            text=True,
        )
        seen.append(done.stderr.strip().splitlines()[-1])
    assert seen == ["True", "False"]
    assert (examples_home / ".cache" / "holidays.json").is_file()


def test_a_reminder_reads_its_pay_by_day_from_the_cache(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # remind moves the pay-by day off holidays like a letter does, through the same cache.
    calls = _count_calls(monkeypatch)
    first = cli("remind", "northwind-bakery", "--dry-run")
    assert first.exit_code == 0, first.output
    assert calls and (examples_home / ".cache" / "holidays.json").is_file()
    computed = len(calls)
    again = cli("remind", "northwind-bakery", "--dry-run")
    assert again.exit_code == 0, again.output
    assert len(calls) == computed  # the second run read every year from the cache
    assert again.stdout == first.stdout


def test_the_calendar_takes_the_countries_as_plain_values() -> None:
    """Profile and client countries, as typed values (blank or None for one not known); the
    same country twice is one calendar, whatever its case."""
    from clientexit.workdays import calendar

    days = calendar("se", None, " SE ", "")
    assert days.holiday(dt.date(2026, 6, 6)) is not None  # Sweden's national day
    assert days.next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)
    assert calendar(None).next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 25)
