"""assess and the invoices on record: the payment answers they propose, and what late payment
costs per hour of work at the statutory rate (worked by hand)."""

from __future__ import annotations

import json
from pathlib import Path

ANSWERS = """
[economics]
monthly_revenue = 2000.0
billable_hours = 20
unbilled_hours = 5
target_rate = 90.0
"""

CLIENT = """name = "Albion Studio Ltd"
status = "active"
created = 2025-01-01
currency = "GBP"
customer = "business"
law = "GB"
terms_agreed = true

[[invoices]]
number = "A-1"
amount = 1500.0
issued = 2025-03-01
due = 2025-03-31
paid = 2025-06-30
payments = [{on = 2025-04-30, amount = 500.0}]
"""


def _client(home: Path) -> None:
    (home / "clients").mkdir(parents=True, exist_ok=True)
    (home / "clients" / "albion-studio-ltd.toml").write_text(CLIENT, encoding="utf-8")


def test_late_payment_cost_per_hour_by_hand(cli, home, tmp_path) -> None:
    # £1,500 due 31 Mar 2025, £500 paid 30 Apr, the rest 30 Jun, at 12.75 % (Bank Rate 4.75 +
    # 8, held for the delay): 1500 x 0.1275 x 30/365 + 1000 x 0.1275 x 61/365 = £37.03.
    # Hours: (20 billable + 5 unbilled) a month x 12 = 300; 37.03 / 300 = £0.12 an hour.
    _client(home)
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    env = {"CLIENTEXIT_TODAY": "2025-12-01"}
    result = cli("assess", "albion-studio-ltd", "--answers", str(answers), "--json", env=env)
    assert result.exit_code == 0, result.stderr
    late = json.loads(result.stdout)["late_payment"]
    assert (late["interest_12_months"], late["hours_12_months"], late["per_hour"]) == (
        37.03, 300.0, 0.12,
    )  # fmt: skip
    text = cli("assess", "albion-studio-ltd", "--answers", str(answers), env=env).stdout
    assert (
        "Late payment over the last 12 months (1 invoice) tied up money worth £37.03 at the "
        "statutory rate (Late Payment of Commercial Debts (Interest) Act 1998), £0.12 per hour "
        "of work." in text
    )


def test_late_payment_is_said_in_the_reports_language(cli, home, tmp_path) -> None:
    _client(home)
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    env = {"CLIENTEXIT_TODAY": "2025-12-01"}
    law = "Late Payment of Commercial Debts (Interest) Act 1998"
    said = {
        "cs": f"Pozdní platby za posledních 12 měsíců (počet faktur: 1) vázaly peníze v hodnotě "
        f"37,03\xa0£ při zákonné sazbě ({law}). To odpovídá 0,12\xa0£ na hodinu práce.",
        "tr": f"Son 12 ayda geciken ödemeler (1 fatura), yasal faiz oranıyla ({law}) 37,03\xa0£ "
        "değerinde parayı bağladı. Bu, çalışılan saat başına 0,12\xa0£ demek.",
    }
    for lang, sentence in said.items():
        args = ("assess", "albion-studio-ltd", "--answers", str(answers), "--lang", lang)
        text = cli(*args, env=env).stdout
        assert sentence in " ".join(text.split(" \n")), text
        assert "Late payment" not in text


def test_the_record_proposes_the_payment_answers(cli, examples_home) -> None:
    # Northwind Bakery: all 4 invoices due were paid late or are unpaid past due.
    result = cli("assess", "northwind-bakery", "--print-answers")
    assert result.exit_code == 0, result.stderr
    assert 'late_payments = "always"' in result.stdout
    assert (
        "From the invoices on record: 4 of 4 paid late, 45.5 days late on average; proposed "
        '"always" for late payments.' in result.stderr
    )
