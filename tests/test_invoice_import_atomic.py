"""Every invoicing tool's export is all or nothing: a failure while its invoices (or payments)
are merged leaves every client file as it was, byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clientexit._paths import Paths
from clientexit.app import invoicing
from clientexit.invoicing import importer, merge

SAMPLES = Path(__file__).parent / "invoice_samples"
AT = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
# Each export and the clients its customers are (name, currency).
EXPORTS = {
    "invoiceninja-invoices.csv": [("Acme GmbH", "EUR"), ("Beta Ltd", "EUR")],
    "freshbooks.csv": [("Acme Inc", "USD")],
    "stripe.csv": [("Acme Inc", "USD")],
    "harvest.csv": [("Acme Inc", "USD")],
    "harvest-european.csv": [("Acme GmbH", "EUR")],
    "fakturoid.json": [("Acme s.r.o.", "CZK")],
    "hledger.csv": [("Acme GmbH", "EUR")],
    "ledger.beancount": [("Acme GmbH", "EUR")],
}


def _clients(home: Path, customers: list[tuple[str, str]]) -> list[Path]:
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n, (name, currency) in enumerate(customers):
        file = folder / f"client-{n}.toml"
        file.write_text(
            f'name = "{name}"\nstatus = "active"\ncreated = 2024-01-01\n'
            f'currency = "{currency}"\n# typed by hand\n',
            encoding="utf-8",
        )
        files.append(file)
    return files


def _import(home: Path, export: str) -> importer.Outcome:
    parsed = importer.read(SAMPLES / export)
    planned = importer.plan(parsed, invoicing.rules(Paths(home)))
    return invoicing.apply(Paths(home), planned, today=AT.date(), at=AT)


def _fail_on_second(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = getattr(merge, name)
    calls = [0]

    def failing(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(merge, name, failing)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_a_failure_midway_changes_no_file(
    home: Path, monkeypatch: pytest.MonkeyPatch, export: str
) -> None:
    files = _clients(home, EXPORTS[export])
    before = [f.read_bytes() for f in files]
    _fail_on_second(monkeypatch, "merge_one")
    with pytest.raises(OSError, match="disk full"):
        _import(home, export)
    assert [f.read_bytes() for f in files] == before
    monkeypatch.undo()
    assert _import(home, export).written  # the same import, unhindered, writes


def test_a_payment_report_failing_midway_changes_no_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _clients(home, EXPORTS["invoiceninja-invoices.csv"])
    _import(home, "invoiceninja-invoices.csv")
    before = [f.read_bytes() for f in files]
    _fail_on_second(monkeypatch, "add_payment")
    with pytest.raises(OSError, match="disk full"):
        _import(home, "invoiceninja-payments.csv")
    assert [f.read_bytes() for f in files] == before
