"""invoice import: one export in each tool's documented layout, imported twice: amounts,
payments, credit notes and voids; the second import changes no byte; hand-typed invoices are
never overwritten silently; all client files change together or none; unreadable rows are
listed with their line and the reason in words."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from clientexit._paths import Paths
from clientexit.app import invoicing
from clientexit.invoicing import importer, merge
from clientexit.record.invoices import invoices

SAMPLES = Path(__file__).parent / "invoice_samples"


def _client(home: Path, slug: str, name: str, currency: str, extra: str = "") -> Path:
    folder = home / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{slug}.toml"
    file.write_text(
        f'name = "{name}"\nstatus = "active"\ncreated = 2024-01-01\ncurrency = "{currency}"\n'
        + extra,
        encoding="utf-8",
    )
    return file


def _book(file: Path) -> dict[str, object]:
    """number -> (amount, balance, paid, payments as (day, amount), void) of a client file."""
    data = tomllib.loads(file.read_text("utf-8"))
    return {
        inv.number: (
            inv.amount,
            inv.balance,
            inv.paid,
            [(p.on.isoformat(), p.amount) for p in inv.payments],
            inv.void is not None,
        )
        for inv in invoices(data)
    }


def _import(cli, name: str, *args: str):
    return cli("invoice", "import", str(SAMPLES / name), *args)


def _twice(cli, files: list[Path], name: str, *args: str):
    first = _import(cli, name, *args)
    after_first = [f.read_bytes() for f in files]
    second = _import(cli, name, *args)
    assert [f.read_bytes() for f in files] == after_first, "the second import changed a file"
    assert "Nothing changed." in second.stderr
    return first, second


D = dt.date


def test_invoice_ninja_invoices_then_payments(cli, home) -> None:
    acme = _client(home, "acme", "Acme GmbH", "EUR")
    beta = _client(home, "beta", "Beta Ltd", "EUR")
    first, _ = _twice(cli, [acme, beta], "invoiceninja-invoices.csv")
    assert first.exit_code == 1  # a row could not be read: a script can see it
    assert "Line 7: 'abc' is not an amount." in first.stderr
    assert "Acme GmbH: 3 added." in first.stderr
    assert _book(acme) == {
        "2024-0042": (1200.0, 700.0, None, [], False),  # 500 paid, day not in this report
        "2024-0043": (800.0, 0.0, None, [], False),
        "2024-0044": (300.0, 0.0, None, [], True),  # cancelled: void; the draft is left out
    }
    assert _book(beta) == {"2024-0045": (1234.5, 1234.5, None, [], False)}
    assert "500.00 was paid on invoice 2024-0042 on days the invoice report does not give" in (
        first.stderr
    )

    # The payment report dates the money; the failed payment and the 0 credit one are not money.
    paid, _ = _twice(cli, [acme, beta], "invoiceninja-payments.csv")
    assert paid.exit_code == 0, paid.stderr
    assert _book(acme)["2024-0042"] == (1200.0, 700.0, None, [("2024-04-10", 500.0)], False)
    assert _book(acme)["2024-0043"] == (800.0, 0.0, D(2024, 4, 20), [("2024-04-20", 800.0)], False)
    # ... and the invoice report again changes nothing.
    before = acme.read_bytes()
    _import(cli, "invoiceninja-invoices.csv")
    assert acme.read_bytes() == before


def test_freshbooks_line_items_bom_and_us_dates(cli, home) -> None:
    acme = _client(home, "acme", "Acme Inc", "USD")
    first, _ = _twice(cli, [acme], "freshbooks.csv")
    assert first.exit_code == 0, first.stderr
    assert _book(acme) == {
        "0000042": (975.0, 975.0, None, [], False),  # 950 + 25, the number kept as text
        "0000043": (380.0, 0.0, D(2024, 4, 2), [], False),  # 04/02 is 2 April: 03/15 proves it
    }


def test_stripe_export_partial_and_void(cli, home) -> None:
    acme = _client(home, "acme", "Acme Inc", "USD")
    first, _ = _twice(cli, [acme], "stripe.csv")
    assert first.exit_code == 0, first.stderr
    assert _book(acme) == {
        "ABC-0007": (1200.0, 700.0, None, [], False),
        "ABC-0008": (300.0, 0.0, None, [], True),
    }
    entry = tomllib.loads(acme.read_text("utf-8"))["invoices"][0]
    assert (entry["source"], entry["source_id"]) == ("stripe", "in_1OwAbc")


def test_stripe_amounts_without_decimals_are_refused(cli, home, tmp_path) -> None:
    _client(home, "acme", "Acme Inc", "USD")
    text = (SAMPLES / "stripe.csv").read_text().replace("1200.00,500.00,700.00", "1200,500,700")
    text = text.replace("300.00,0.00,300.00", "300,0,300").replace("99.00,0.00,99.00", "99,0,99")
    export = tmp_path / "cents.csv"
    export.write_text(text)
    result = cli("invoice", "import", str(export))
    assert result.exit_code == 2
    assert "its amounts have no decimals, so they may be in cents" in result.stderr


def test_harvest_grouped_thousands_and_last_payment(cli, home) -> None:
    acme = _client(home, "acme", "Acme Inc", "USD")
    first, _ = _twice(cli, [acme], "harvest.csv")
    assert first.exit_code == 0, first.stderr
    assert _book(acme) == {
        "1040": (1000.0, 600.0, None, [("2024-02-10", 400.0)], False),
        "1041": (1800.0, 0.0, D(2024, 3, 5), [], False),
        "1042": (1200.0, 1200.0, None, [], False),
    }
    assert "Harvest gives only the last payment's date" in first.stderr


def test_harvest_european_semicolons_decimal_commas_and_dotted_dates(cli, home) -> None:
    acme = _client(home, "acme", "Acme GmbH", "EUR")
    first, _ = _twice(cli, [acme], "harvest-european.csv")
    assert first.exit_code == 1
    assert "Line 4: '31.02.2024' is not a date in the calendar." in first.stderr
    assert _book(acme) == {
        "2024-16": (800.0, 0.0, D(2024, 3, 20), [], False),
        "2024-17": (1200.5, 1200.5, None, [], False),
    }


def test_fakturoid_payments_credit_note_void_and_proforma(cli, home) -> None:
    acme = _client(home, "acme", "Acme s.r.o.", "CZK")
    first, _ = _twice(cli, [acme], "fakturoid.json")
    assert first.exit_code == 0, first.stderr
    book = _book(acme)
    # 24,200 less the 2,100 credit note less 12,100 paid on 10 March: 10,000 owed.
    assert book["2024-0042"] == (24200.0, 10000.0, None, [("2024-03-10", 12100.0)], False)
    assert book["2024-0043"][2] == D(2024, 3, 25)
    assert book["2024-0044"][4] is True
    assert "P-2024-001" not in book  # the paid proforma: its final invoice counts, not both


def test_hledger_register_and_beancount_receivables(cli, home) -> None:
    acme = _client(home, "acme", "Acme GmbH", "EUR")
    first, _ = _twice(cli, [acme], "hledger.csv")
    assert first.exit_code == 1
    assert "Line 6: the transaction has no code" in first.stderr
    assert _book(acme) == {
        "INV-0042": (1200.0, 700.0, None, [("2024-03-20", 500.0)], False),
        "INV-0043": (800.0, 0.0, D(2024, 4, 2), [("2024-04-02", 800.0)], False),
    }
    other = _client(home, "acme", "Acme GmbH", "EUR")  # a fresh file for the journal
    first, _ = _twice(cli, [other], "ledger.beancount")
    assert first.exit_code == 0, first.stderr
    data = tomllib.loads(other.read_text("utf-8"))
    assert [inv.due for inv in invoices(data)] == [D(2024, 3, 31), D(2024, 4, 4)]
    assert _book(other)["INV-0042"][1] == 700.0


def test_a_changed_invoice_is_updated(cli, home, tmp_path) -> None:
    acme = _client(home, "acme", "Acme Inc", "USD")
    export = tmp_path / "stripe.csv"
    shutil.copy(SAMPLES / "stripe.csv", export)
    cli("invoice", "import", str(export))
    paid_since = export.read_text().replace(
        "1200.00,500.00,700.00,usd,open", "1200.00,1200.00,0.00,usd,paid"
    )
    export.write_text(paid_since.replace("Paid\n", "Paid,Paid At (UTC)\n", 1))
    result = cli("invoice", "import", str(export), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["clients"][0]["invoices"]
    assert [(r["number"], r["result"]) for r in rows] == [
        ("ABC-0007", "updated"),
        ("ABC-0008", "unchanged"),
    ]
    assert _book(acme)["ABC-0007"][1] == 0.0


def test_hand_typed_invoices_are_never_overwritten_silently(cli, home) -> None:
    typed = (
        '\n[[invoices]]\nnumber = "2024-0045"\namount = 1000.0\nissued = 2024-03-15\n'
        "due = 2024-04-14\n"
    )
    beta = _client(home, "beta", "Beta Ltd", "EUR", typed)
    _client(home, "acme", "Acme GmbH", "EUR")
    before = beta.read_bytes()
    result = _import(cli, "invoiceninja-invoices.csv")
    assert beta.read_bytes() == before
    assert (
        "invoice 2024-0045 kept as typed by hand (not overwritten): amount 1000.0 in the book, "
        "1234.5 in the export." in result.stderr
    )
    result = _import(cli, "invoiceninja-invoices.csv", "--overwrite")
    data = tomllib.loads(beta.read_text("utf-8"))
    assert data["invoices"][0]["amount"] == 1234.5
    assert data["corrections"][0]["old"]["amount"] == 1000.0
    assert data["corrections"][0]["reason"] == "taken from invoiceninja"


def test_all_client_files_change_together_or_none(home, monkeypatch) -> None:
    acme = _client(home, "acme", "Acme GmbH", "EUR")
    beta = _client(home, "beta", "Beta Ltd", "EUR")
    before = (acme.read_bytes(), beta.read_bytes())
    parsed = importer.read(SAMPLES / "invoiceninja-invoices.csv")
    planned = importer.plan(parsed, invoicing.rules(Paths(home)))
    real = merge.merge_one

    def failing(doc, inv, *args, **kwargs):
        if inv.client == "Beta Ltd":
            raise OSError("disk full")
        return real(doc, inv, *args, **kwargs)

    monkeypatch.setattr(merge, "merge_one", failing)
    with pytest.raises(OSError):
        invoicing.apply(
            Paths(home), planned, today=D(2026, 11, 25), at=dt.datetime(2026, 11, 25, 12)
        )
    assert (acme.read_bytes(), beta.read_bytes()) == before


def test_customers_no_client_claims_need_a_flag_off_a_terminal(cli, home) -> None:
    acme = _client(home, "acme-inc", "Acme Incorporated", "USD")
    before = acme.read_bytes()
    result = _import(cli, "stripe.csv")
    assert result.exit_code == 2
    assert "no client is mapped to 'Acme Inc'" in result.stderr
    assert '--map "NAME=CLIENT"' in result.stderr
    assert acme.read_bytes() == before
    result = _import(cli, "stripe.csv", "--map", "Acme Inc=acme-inc", "--dry-run")
    assert "Dry run: nothing was written." in result.stderr
    assert acme.read_bytes() == before
    result = _import(cli, "stripe.csv", "--map", "Acme Inc=acme-inc")
    assert result.exit_code == 0, result.stderr
    assert tomllib.loads(acme.read_text("utf-8"))["invoicing"]["match"] == ["Acme Inc"]
    assert len(_book(acme)) == 2
    # The mapping is remembered: the next import needs no flag.
    assert _import(cli, "stripe.csv").exit_code == 0


def test_slashed_dates_no_date_settles_need_the_order(cli, home, tmp_path) -> None:
    acme = _client(home, "acme", "Acme Inc", "USD")
    text = (SAMPLES / "freshbooks.csv").read_text("utf-8-sig")
    text = text.replace("03/15/2024", "03/11/2024").replace("04/02/2024", "04/05/2024")
    text = text.replace("03/20/2024", "03/10/2024")
    export = tmp_path / "fb.csv"
    export.write_text(text)
    result = cli("invoice", "import", str(export))
    assert result.exit_code == 2
    assert (
        "its dates (like 03/01/2024) could be day/month or month/day and no date in the file"
        in (result.stderr)
    )
    assert "--date-order dmy or --date-order mdy" in result.stderr
    result = cli("invoice", "import", str(export), "--date-order", "dmy")
    assert result.exit_code == 0, result.stderr
    assert _book(acme)["0000043"][2] == D(2024, 5, 4)


def test_another_currency_is_not_imported(cli, home) -> None:
    acme = _client(home, "acme", "Acme Inc", "EUR")
    result = _import(cli, "stripe.csv", "--client", "acme")
    assert result.exit_code == 1
    assert "invoice ABC-0007 is in USD, but Acme Inc is billed in EUR" in result.stderr
    assert "invoices" not in tomllib.loads(acme.read_text("utf-8"))


def test_imported_texts_pass_the_checks_typed_text_passes(cli, home, tmp_path) -> None:
    """An invoice number with a terminal escape, or one that is a token, is not stored: its line
    is listed as a problem in words, and the other invoices are imported."""
    assert cli("client", "add", "Acme Inc", "--currency", "USD").exit_code == 0
    header = (
        "id,Number,Customer,Customer Name,Customer Email,Amount Due,Amount Paid,"
        "Amount Remaining,Currency,Status,Date (UTC),Due Date (UTC),Paid"
    )
    tail = (
        ",cus_P,Acme Inc,ap@acme.test,100.00,0.00,100.00,usd,open,"
        "2024-03-01 10:00:00,2024-03-31 10:00:00,false"
    )
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    rows = [
        header,
        "in_1,ABC-1" + tail,
        "in_2,ABC-\x1b]52;c;aGk=\x07-2" + tail,
        f"in_3,{token}" + tail,
        "in_4,ABC-\u202e4" + tail,
    ]
    export = tmp_path / "stripe.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("invoice", "import", str(export), "--client", "acme-inc", "--json")
    stored = (home / "clients" / "acme-inc.toml").read_text(encoding="utf-8")
    assert "ABC-1" in stored
    assert "\\u001b" not in stored and "\x1b" not in stored and token not in stored
    assert "\\u202e" not in stored.lower() and "\u202e" not in stored
    assert result.exit_code != 0  # rows were skipped: a script can see it
    assert "control character" in result.output and "never stores secrets" in result.output
    assert token not in result.output


def test_a_hand_edited_invoice_number_with_an_escape_is_refused_on_load(cli, home) -> None:
    assert cli("client", "add", "Acme Inc").exit_code == 0
    file = home / "clients" / "acme-inc.toml"
    file.write_text(
        file.read_text()
        + '\n[[invoices]]\nnumber = "A-\\u001b[2J"\namount = 10.0\nissued = 2026-11-01\n'
    )
    result = cli("invoice", "acme-inc", "list")
    assert result.exit_code == 4
    assert "control character" in result.stderr and "acme-inc.toml" in result.stderr


def test_the_summary_counts_the_client_files_written(cli, home) -> None:
    _client(home, "acme", "Acme GmbH", "EUR")
    _client(home, "beta", "Beta Ltd", "EUR")
    first = _import(cli, "invoiceninja-invoices.csv")
    assert "clientexit has written the changes to 2 client file(s)." in first.stderr
    # The payment report names Acme's invoices only: one file changes.
    payments = _import(cli, "invoiceninja-payments.csv")
    assert "clientexit has written the changes to 1 client file(s)." in payments.stderr
    again = _import(cli, "invoiceninja-invoices.csv")
    assert "Nothing changed." in again.stderr and "written the changes" not in again.stderr
