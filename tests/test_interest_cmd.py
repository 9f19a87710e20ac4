"""clientexit interest and clientexit rates: the figures, their basis, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit._resources import templates_dir

SLUG = "ashgrove-print"


def _set(home: Path, slug: str, old: str, new: str) -> None:
    path = home / "clients" / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_json_breakdown_and_totals(cli, examples_home: Path) -> None:
    result = cli("interest", SLUG, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # 1800 x 0.1175 x 180 / 365 = 104.30; 650 x 0.1175 x 152 / 365 = 31.81;
    # 2400 x 0.1175 x 19 / 365 = 14.68 (paid late on 20 Apr).
    rows = {i["number"]: i for i in data["invoices"]}
    assert {
        n: (r["days"], r["rate"], r["interest"], r["compensation"]) for n, r in rows.items()
    } == {
        "AP-2026-03": (19, 11.75, 14.68, 70.0),
        "AP-2026-05": (180, 11.75, 104.3, 70.0),
        "AP-2026-06": (152, 11.75, 31.81, 40.0),
    }
    assert (data["interest"], data["compensation"]) == (150.79, 180.0)
    assert rows["AP-2026-05"]["stretches"][0]["reference_date"] == "2025-12-31"
    assert data["missing"] == [] and "Late Payment of Commercial Debts" in data["law"]


def test_text_shows_the_law_and_each_stretch_at_its_rate(cli, examples_home: Path) -> None:
    result = cli("interest", SLUG, "--on", "2026-06-28")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())  # the screen wraps at its width
    assert "Under the Late Payment of Commercial Debts (Interest) Act 1998: the law your " in out
    assert "Invoice AP-2026-05: £1,800.00, unpaid; 30 days late" in out
    assert "interest from 30 May 2026: the due date agreed in the contract" in out
    assert (
        "30 May 2026 to 28 June 2026, 30 days at 11.75% (Bank of England Bank Rate 3.75% "
        "on 31 December 2025 + 8)" in out
    )
    assert "AP-2026-06" in out  # due 26 Jun: 2 days late on the 28th
    assert "Not legal advice" in result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_days_without_a_rate_are_named_and_the_claim_is_at_least(cli, examples_home: Path) -> None:
    _set(examples_home, SLUG, "due = 2026-06-26", "due = 2026-07-26")
    result = cli("interest", SLUG, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    late = next(i for i in data["invoices"] if i["number"] == "AP-2026-06")
    assert late["interest"] == 0.0 and late["at_least"] and late["missing"] == ["2026-H2"]
    assert late["compensation"] == 40.0  # a fixed sum needs no rate
    assert data["missing"] == ["2026-H2"] and data["interest"] == 118.98  # 14.68 + 104.30
    assert data["at_least"] and data["uncovered"] == [
        {"invoice": "AP-2026-06", "from": "2026-07-27", "to": "2026-11-25", "period": "2026-H2"}
    ]
    assert "invoice AP-2026-06: 27 July 2026 to 25 November 2026 (2026-H2)" in result.stderr
    assert "never guessed" in result.stderr and "clientexit rates update" in result.stderr
    text = cli("interest", SLUG)
    assert "Total interest: at least £118.98" in text.stdout


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('law = "GB"\n', 'law = "JP"\n', "no late-payment rule for Japan (JP)"),
        ('customer = "business"\n', "", "not recorded as a business"),
        ('customer = "business"', 'customer = "consumer"', "consumer"),
    ],
)
def test_bad_client_is_a_clear_error_and_changes_nothing(
    cli, examples_home: Path, old: str, new: str, says: str
) -> None:
    _set(examples_home, SLUG, old, new)
    path = examples_home / "clients" / f"{SLUG}.toml"
    before = path.read_bytes()
    result = cli("interest", SLUG)
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr and path.read_bytes() == before


def test_a_broken_rates_file_names_file_and_line(cli, examples_home: Path) -> None:
    text = (templates_dir() / "collect" / "rates.toml").read_text(encoding="utf-8")
    own = examples_home / "rates.toml"
    own.write_text(text.replace("reference = 3.75", "referense = 3.75"), encoding="utf-8")
    line = own.read_text(encoding="utf-8").splitlines().index("referense = 3.75") - 1
    result = cli("interest", SLUG)
    assert result.exit_code == 4
    assert f"{own}:{line}: regimes.GB.rate[7].referense is not a known key" in result.stderr


def test_rates_lists_missing_and_unverified_periods(cli, examples_home: Path) -> None:
    result = cli("rates", "--json")
    assert result.exit_code == 1  # 2026-H2 is missing for GB on 2026-11-25
    rows = {r["regime"]: r for r in json.loads(result.stdout)["regimes"]}
    assert rows["GB"]["missing"] == ["2026-H2"] and rows["GB"]["unverified"] == []
    assert rows["DE"]["unverified"] == ["2024-H1", "2024-H2"]
    assert rows["TR"]["missing"] == []
    assert "Fill them with: clientexit rates update" in result.stderr
    ok = cli("rates", "--on", "2026-06-30")
    assert "GB  GB: 2023-H1 to 2026-H1\n" in ok.stdout
    assert "DE  DE: 2024-H1 to 2026-H1; unverified 2024-H1, 2024-H2" in ok.stdout


@pytest.mark.parametrize("columns", ["80", "60"])
def test_interest_and_rates_fit_the_terminal(
    cli, examples_home: Path, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for args in (("interest", SLUG), ("rates",), ("interest", "cagri-yazilim-ltd-sti")):
        result = cli(*args)
        assert result.stdout, args
        assert max(len(line) for line in result.stdout.splitlines()) <= int(columns), args


def test_a_figure_on_an_unverified_rate_says_so(cli, examples_home: Path) -> None:
    # Zelená Louka's contract is under Czech law; a 2025-H1 delay rests on the ČNB repo entry
    # marked unverified in the rates file.
    _set(examples_home, "zelena-louka-s-r-o", "due = 2026-11-13", "due = 2025-01-13")
    _set(examples_home, "zelena-louka-s-r-o", "issued = 2026-10-30", "issued = 2024-12-30")
    text = " ".join(cli("interest", "zelena-louka-s-r-o").stdout.split())
    assert "at 12.00% (ČNB 2T repo rate 4.00% on 1 January 2025 + 8, unverified)" in text
    assert "(unverified)" in text.split("Total interest:")[1]
    letter = cli(
        "remind", "zelena-louka-s-r-o", "--stage", "final-notice", "--skip-stages", "--dry-run"
    )
    assert letter.exit_code == 0, letter.stderr
    assert "(neověřeno)" in letter.stdout
    # Said in the letter's language (Czech here).
    assert "Nárok na úrok stojí na sazbě označené jako neověřená: nejdřív ji ověřte." in (
        letter.stderr
    )


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["80", "60"])
def test_the_help_of_interest_statement_and_rates_fits_the_terminal(columns: str) -> None:
    """As a person sees it: a real process on a terminal that wide (CliRunner's help does not
    follow COLUMNS)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": columns}
    for args in (("interest",), ("statement",), ("rates",), ("rates", "update")):
        result = subprocess.run(
            [sys.executable, "-m", "clientexit", *args, "--help"],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        assert "Example" in result.stdout, args
        assert max(len(line) for line in result.stdout.splitlines()) <= int(columns), args


def test_one_day_late_is_one_day(cli, examples_home: Path) -> None:
    text = " ".join(cli("interest", SLUG, "--on", "2026-05-30").stdout.split())
    assert "Invoice AP-2026-05: £1,800.00, unpaid; 1 day late" in text
    assert "30 May 2026 to 30 May 2026, 1 day at 11.75%" in text
