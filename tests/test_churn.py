"""Churn arithmetic on a hand-computed book, periods, and the churn command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from clientexit._errors import UsageError
from clientexit.reports import churn
from record_helpers import listed

D = dt.date
Q3 = churn.quarter(2026, 3)


def client(name, started=None, end=None, status="active", **extra):
    data = {"name": name, "status": status, "currency": "EUR", **extra}
    if started:
        data["started"] = started
    if end:
        data["lifecycle"] = {**data.get("lifecycle", {}), "end_date": end}
    return data


def hand_book() -> list[dict]:
    revenue = {"answers": {"economics": {"monthly_revenue": 1000.0}}, "at": dt.datetime(2026, 5, 1)}
    return [
        client("A at start", D(2025, 1, 1)),
        client(
            "B at start, lost",
            D(2025, 6, 1),
            D(2026, 8, 15),
            lifecycle={"ended_by": "client", "reason_category": "price"},
            assessments=[revenue],
        ),
        client("C gained", D(2026, 7, 10)),
        client(
            "D gained and lost",
            D(2026, 7, 1),
            D(2026, 9, 30),
            lifecycle={"ended_by": "me", "reason_category": "payment"},
            invoices=[
                {"number": "1", "amount": 600.0, "issued": D(2026, 7, 1)},
                {"number": "2", "amount": 600.0, "issued": D(2026, 9, 1)},
            ],
        ),
        client("E ended before", D(2024, 1, 1), D(2026, 6, 30)),
        client("F starts after", D(2026, 10, 1)),
        client("G former, no dates", status="former"),
        client(
            "H lost on day one",
            D(2025, 1, 1),
            D(2026, 7, 1),
            lifecycle={"ended_by": "client", "reason_category": "price"},
            currency="USD",
        ),
    ]


def test_hand_computed_quarter() -> None:
    result = churn.compute(listed(hand_book()), Q3)
    assert (result.gained, result.at_start, len(result.lost)) == (2, 3, 3)
    assert result.simple_rate == 150.0  # 3 lost / 2 gained
    assert result.standard_rate == 100.0  # 3 lost / 3 at the start
    # B: its assessment's 1000; D: 1200 invoiced over July-September = 400; H: nothing known.
    assert result.revenue_lost() == {"EUR": 1400.0}
    assert result.reasons() == {"client": [("price", 2)], "me": [("payment", 1)]}
    assert result.undated_former == 1
    assert result.quarters == [("2026Q3", 2, 3)]


def test_ten_lost_of_250_gained_is_four_percent() -> None:
    book = [client(f"c{i}", D(2026, 7, 1) + dt.timedelta(days=i % 90)) for i in range(250)]
    for item in book[:10]:
        item["ended"] = D(2026, 9, 30)
    result = churn.compute(listed(book), Q3)
    assert (result.gained, len(result.lost), result.at_start) == (250, 10, 0)
    assert result.simple_rate == 4.0
    assert result.standard_rate is None
    assert churn.simple_rate(10, 250) == 4.0
    assert churn.standard_rate(10, 40) == 25.0


def test_year_is_split_by_quarter() -> None:
    result = churn.compute(listed(hand_book()), churn.parse_period("2026"))
    assert result.quarters == [
        ("2026Q1", 0, 0),
        ("2026Q2", 0, 1),
        ("2026Q3", 2, 3),
        ("2026Q4", 1, 0),
    ]
    assert (result.gained, len(result.lost), result.at_start) == (3, 4, 4)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026-q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_parse_period(text: str, start: dt.date, end: dt.date) -> None:
    period = churn.parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2026Q5", "Q3", "2026-13", "last year"])
def test_bad_period(text: str) -> None:
    with pytest.raises(UsageError):
        churn.parse_period(text)


def test_between_refuses_a_last_day_before_the_first_without_naming_a_flag() -> None:
    assert churn.between(D(2026, 2, 1), D(2026, 2, 1)).label == "2026-02-01 to 2026-02-01"
    with pytest.raises(UsageError) as caught:
        churn.between(D(2026, 5, 2), D(2026, 5, 1))
    assert str(caught.value) == "The last day 2026-05-01 is before the first day 2026-05-02."


def test_the_period_flags(cli, examples_home) -> None:
    """Without flags the current year (CLIENTEXIT_TODAY is in 2026); --from alone runs to today."""
    assert json.loads(cli("churn", "--json").stdout)["period"]["label"] == "2026"
    period = json.loads(cli("churn", "--from", "2026-02-01", "--json").stdout)["period"]
    assert (period["from"], period["to"]) == ("2026-02-01", "2026-11-25")
    for args, says in (
        (("--period", "2026Q3", "--from", "2026-01-01"), "either --period or --from/--to"),
        (("--to", "2026-05-01"), "--to needs --from"),
        (("--from", "2026-05-02", "--to", "2026-05-01"), "--to 2026-05-01 is before the first"),
        (("--period", "2026Q5"), "--period '2026Q5' is not a period"),
    ):
        result = cli("churn", *args)
        assert result.exit_code == 2 and says in result.stderr, result.stderr


def test_churn_command_on_examples(cli, examples_home) -> None:
    result = cli("churn", "--period", "2026Q3", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["gained"], data["lost"], data["at_start"]) == (1, 2, 7)
    assert data["simple_churn_percent"] == 200.0
    assert data["standard_churn_percent"] == 28.57  # 2 of 7
    # Tidewater: 3,560 invoiced May-August = 890 a month; Sølvberg: 3,200 over July-September.
    assert data["revenue_lost_monthly"] == {"EUR": 1956.67}
    assert data["reasons"] == {
        "client": [{"category": "price", "count": 1}, {"category": "product-fit", "count": 1}]
    }
    human = cli("churn", "--period", "2026")
    assert "simple churn" in human.stdout and "2026Q2" in human.stdout
    assert "you ended: payment 1" in human.stdout


def test_churn_usage_errors(cli, examples_home) -> None:
    result = cli("churn", "--period", "2026Q3", "--from", "2026-01-01")
    assert result.exit_code == 2
    assert "either --period or --from" in result.stderr


def test_json_paths_stay_light(examples_home) -> None:
    code = (
        "import sys\n"
        "from clientexit.cli import run\n"
        "for args in (['clients', '--json'], ['churn', '--period', '2026', '--json']):\n"
        "    try:\n"
        "        run(args)\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "heavy = {'rich', 'jinja2', 'questionary', 'tomlkit'} & set(sys.modules)\n"
        "print(sorted(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
