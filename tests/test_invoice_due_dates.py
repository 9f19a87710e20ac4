"""Exports without a due date (Harvest's invoices report, FreshBooks' invoice details, an hledger
register): the due date is the issue date plus the client's recorded payment term
(payment_days), said so in the summary; without a recorded term it is left empty and the
invoices are listed; a due date set by hand is kept by the next import."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

SAMPLES = Path(__file__).parent / "invoice_samples"
D = dt.date


def _client(home: Path, extra: str = "") -> Path:
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "acme.toml"
    file.write_text(
        'name = "Acme Inc"\nstatus = "active"\ncreated = 2024-01-01\ncurrency = "USD"\n' + extra,
        encoding="utf-8",
    )
    return file


def _dues(file: Path) -> dict[str, dt.date | None]:
    data = tomllib.loads(file.read_text("utf-8"))
    return {str(e["number"]): e.get("due") for e in data.get("invoices", [])}


def test_without_a_payment_term_the_due_date_is_left_empty_and_listed(cli, home: Path) -> None:
    acme = _client(home)
    first = cli("invoice", "import", str(SAMPLES / "harvest.csv"), "--json")
    assert first.exit_code == 0, first.stderr
    assert _dues(acme) == {"1042": None, "1041": None, "1040": None}
    (client,) = json.loads(first.stdout)["clients"]
    assert client["due_dates"] == {
        "payment_days": None,
        "derived": [],
        "missing": ["1042", "1041", "1040"],
    }
    before = acme.read_bytes()
    second = cli("invoice", "import", str(SAMPLES / "harvest.csv"))
    assert acme.read_bytes() == before
    assert "Nothing changed." in second.stderr
    assert (
        "invoices 1042, 1041 and 1040: no due date (the export gives none and the client has "
        "no payment_days)." in second.stderr
    )
    assert "An invoice without a due date is never counted as overdue" in second.stderr


def test_a_recorded_payment_term_gives_the_due_date_and_says_so(cli, home: Path) -> None:
    acme = _client(home, "payment_days = 30\n")
    first = cli("invoice", "import", str(SAMPLES / "harvest.csv"))
    assert first.exit_code == 0, first.stderr
    # Issued 1 Mar, 1 Feb and 1 Jan 2024, each due 30 days later.
    assert _dues(acme) == {"1042": D(2024, 3, 31), "1041": D(2024, 3, 2), "1040": D(2024, 1, 31)}
    assert (
        "invoices 1042, 1041 and 1040: due 30 days after the invoice date, the client's "
        "payment_days (the export gives no due date)." in first.stderr
    )
    before = acme.read_bytes()
    second = cli("invoice", "import", str(SAMPLES / "harvest.csv"))
    assert acme.read_bytes() == before
    assert "Nothing changed." in second.stderr and "payment_days" not in second.stderr
    # 1042 (1,200 unpaid, due 31 Mar 2024) is overdue now, as a typed invoice would be.
    listing = json.loads(cli("invoice", "acme", "list", "--json").stdout)
    row = next(r for r in listing["invoices"] if r["number"] == "1042")
    assert row["due"] == "2024-03-31"


def test_a_due_date_set_by_hand_is_kept_by_the_next_import(cli, home: Path) -> None:
    acme = _client(home)
    assert cli("invoice", "import", str(SAMPLES / "harvest.csv")).exit_code == 0
    fixed = cli("invoice", "acme", "correct", "1042", "--due", "2024-04-15", "--reason", "terms")
    assert fixed.exit_code == 0, fixed.stderr
    again = cli("invoice", "import", str(SAMPLES / "harvest.csv"))
    assert again.exit_code == 0, again.stderr
    assert "kept as typed by hand" not in again.stderr
    assert _dues(acme)["1042"] == D(2024, 4, 15)
    assert "invoices 1041 and 1040: no due date" in again.stderr
    before = acme.read_bytes()
    cli("invoice", "import", str(SAMPLES / "harvest.csv"))
    assert acme.read_bytes() == before


def test_freshbooks_and_hledger_take_the_term_too(cli, home: Path) -> None:
    acme = _client(home, "payment_days = 14\n")
    assert cli("invoice", "import", str(SAMPLES / "freshbooks.csv")).exit_code == 0
    assert _dues(acme) == {"0000042": D(2024, 3, 15), "0000043": D(2024, 3, 29)}
    gmbh = home / "clients" / "acme-gmbh.toml"
    gmbh.write_text(
        'name = "Acme GmbH"\nstatus = "active"\ncreated = 2024-01-01\ncurrency = "EUR"\n'
        "payment_days = 30\n",
        encoding="utf-8",
    )
    result = cli("invoice", "import", str(SAMPLES / "hledger.csv"), "--client", "acme-gmbh")
    assert result.exit_code == 1  # the row without a code is listed
    assert _dues(gmbh) == {"INV-0042": D(2024, 3, 31), "INV-0043": D(2024, 4, 4)}


def test_the_payment_term_is_a_client_field(cli, home: Path) -> None:
    acme = _client(home)
    assert cli("client", "set", "acme", "payment_days=30").exit_code == 0
    assert tomllib.loads(acme.read_text("utf-8"))["payment_days"] == 30
    bad = cli("client", "set", "acme", "payment_days=soon")
    assert bad.exit_code != 0 and "payment_days" in bad.stderr
