"""timeline.today(): the one clock every command reads, and $CLIENTEXIT_TODAY."""

from __future__ import annotations

import datetime as dt

import pytest

from clientexit import timeline
from clientexit._errors import UsageError


def test_today_is_pinned_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2027-02-28")
    assert timeline.today() == dt.date(2027, 2, 28)
    assert timeline.now().date() == dt.date(2027, 2, 28)


def test_today_without_the_variable_is_the_real_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIENTEXIT_TODAY")
    before = dt.date.today()
    assert timeline.today() in {before, dt.date.today()}


@pytest.mark.parametrize("value", ["30.11.2026", "2026-13-01", "tomorrow"])
def test_a_malformed_day_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CLIENTEXIT_TODAY", value)
    with pytest.raises(UsageError, match="CLIENTEXIT_TODAY"):
        timeline.today()


def test_a_malformed_day_reaches_the_user_as_one_line(cli) -> None:
    result = cli("followup", env={"CLIENTEXIT_TODAY": "someday"})
    assert result.exit_code == 2
    assert "CLIENTEXIT_TODAY" in result.stderr
    assert "Traceback" not in result.stderr
