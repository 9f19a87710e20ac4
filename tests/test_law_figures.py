"""Worked figures, by hand, for the law that governs a claim (issue 18): the default day when no
payment terms were agreed (UK, Germany), a French client under L441-10, a UK-law claim on a EUR
invoice, and a contract whose chosen law overrides the client's country."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from clientexit.collect import interest, law, rates
from clientexit.exchange import FxQuote
from clientexit.record.model import Client, Profile

BOOK = rates.load()
D = dt.date


def _client(invoices: list[dict[str, Any]], **fields: Any) -> Client:
    data = {"name": "Acme Ltd", "customer": "business", "invoices": invoices, **fields}
    return Client.from_data("acme", data)


def _claim(client: Client, mine: str, on: dt.date, fx: Any = None) -> interest.Claim:
    return interest.for_client(BOOK, client, Profile.from_data({"country": mine}), on, fx=fx)


def _invoice(amount: float, issued: dt.date, due: dt.date, **more: Any) -> dict[str, Any]:
    return {"number": "A-1", "amount": amount, "issued": issued, "due": due, **more}


def test_uk_default_day_when_no_terms_were_agreed() -> None:
    # Issued 15 Jan 2026 with "14 days" printed (due 29 Jan), no agreed terms: the Act's 30 days
    # after the invoice -> 14 Feb; interest from 15 Feb to 15 May = 90 days at 3.75 + 8 = 11.75:
    # 2000 x 0.1175 x 90 / 365 = 57.945... -> £57.95 (from the printed date it would be
    # 106 days, 2000 x 0.1175 x 106 / 365 = £68.25). Fixed sum £70 (1,000-9,999.99).
    client = _client(
        [_invoice(2000, D(2026, 1, 15), D(2026, 1, 29))], terms_agreed=False, currency="GBP"
    )
    inv = _claim(client, "GB", D(2026, 5, 15)).invoices[0]
    assert (inv.start.day, inv.first, inv.days) == (D(2026, 2, 14), D(2026, 2, 15), 90)
    assert inv.start.default and "30 days after the invoice or the delivery" in inv.start.basis
    assert (inv.rate, inv.interest, inv.compensation) == (
        Decimal("11.75"),
        Decimal("57.95"),
        Decimal("70.00"),
    )
    agreed = _client(
        [_invoice(2000, D(2026, 1, 15), D(2026, 1, 29))], terms_agreed=True, currency="GBP"
    )
    assert _claim(agreed, "GB", D(2026, 5, 15)).invoices[0].interest == Decimal("68.25")


def test_germany_default_day_30_days_after_receipt_of_the_invoice() -> None:
    # Issued 2 Mar 2026, printed due 16 Mar, no agreed terms: § 286 (3) BGB, 30 days after
    # receipt (taken as the issue date) -> 1 Apr; interest 2 Apr-30 Jun = 90 days at
    # 1.27 + 9 = 10.27: 5000 x 0.1027 x 90 / 365 = 126.616... -> €126.62; Pauschale €40.
    client = _client([_invoice(5000, D(2026, 3, 2), D(2026, 3, 16))], terms_agreed=False)
    claim = _claim(client, "DE", D(2026, 6, 30))
    inv = claim.invoices[0]
    assert (inv.first, inv.days, inv.interest, inv.compensation) == (
        D(2026, 4, 2),
        90,
        Decimal("126.62"),
        Decimal("40.00"),
    )
    assert inv.start.basis.startswith("30 days after the due date and receipt of the invoice")
    assert "counted from the invoice date 2026-03-02" in inv.start.basis
    # terms_agreed not set: the same later day (never claimed before it), and the person asked.
    unset = _claim(_client([_invoice(5000, D(2026, 3, 2), D(2026, 3, 16))]), "DE", D(2026, 6, 30))
    assert unset.invoices[0].interest == Decimal("126.62") and unset.governing.terms_agreed is None


def test_a_printed_due_date_later_than_the_default_day_is_kept() -> None:
    client = _client([_invoice(5000, D(2026, 3, 2), D(2026, 4, 30))], terms_agreed=False)
    inv = _claim(client, "DE", D(2026, 6, 30)).invoices[0]
    assert inv.first == D(2026, 5, 1) and not inv.start.default


def test_a_french_client_under_l441_10() -> None:
    # A French freelancer (French law by Rome I), agreed due date 27 Feb 2026, reckoned to
    # 28 May 2026: 90 days at the ECB rate 2.15 + 10 = 12.15: 3000 x 0.1215 x 90 / 365
    # = 89.876... -> €89.88, and the €40 indemnité forfaitaire.
    client = _client([_invoice(3000, D(2026, 1, 28), D(2026, 2, 27))], terms_agreed=True)
    claim = _claim(client, "FR", D(2026, 5, 28))
    inv = claim.invoices[0]
    assert claim.law == "Code de commerce, article L441-10"
    assert (inv.days, inv.rate, inv.interest, inv.compensation) == (
        90,
        Decimal("12.15"),
        Decimal("89.88"),
        Decimal("40.00"),
    )


def _fx(rate: str) -> Any:
    def lookup(base: str, quote: str, day: dt.date) -> FxQuote | None:
        if (base, quote) != ("EUR", "GBP"):
            return None
        return FxQuote("EUR", "GBP", Decimal(rate), day, "European Central Bank")

    return lookup


def test_a_uk_law_claim_on_a_eur_invoice() -> None:
    # A German freelancer's contract chose English law; the invoice is in EUR. Due 31 Mar 2026,
    # reckoned to 29 Jun: 90 days at 11.75 (H1 2026, held) on the principal in its own
    # currency: 12000 x 0.1175 x 90 / 365 = 347.671... -> €347.67. The fixed sum's tier
    # needs the debt in sterling on the first day of the delay: at 0.85, £10,200 -> £100;
    # at 0.83, £9,960 -> £70. Without an exchange rate it is left out, saying why.
    invoices = [_invoice(12000, D(2026, 3, 1), D(2026, 3, 31))]
    client = _client(invoices, law="GB", currency="EUR", terms_agreed=True, country="DE")
    high = _claim(client, "DE", D(2026, 6, 29), fx=_fx("0.85"))
    inv = high.invoices[0]
    assert (high.currency, high.compensation_currency) == ("EUR", "GBP")
    assert (inv.days, inv.interest, inv.compensation) == (90, Decimal("347.67"), Decimal("100.00"))
    assert inv.fx is not None and inv.fx.day == D(2026, 4, 1)
    assert high.total is None  # euros and pounds are never added together
    low = _claim(client, "DE", D(2026, 6, 29), fx=_fx("0.83")).invoices[0]
    assert low.compensation == Decimal("70.00")
    none = _claim(client, "DE", D(2026, 6, 29))
    assert none.invoices[0].compensation is None and none.at_least
    assert "no EUR/GBP exchange rate for 2026-04-01" in (none.invoices[0].compensation_note or "")


def test_the_contracts_law_overrides_the_clients_country_and_the_profile() -> None:
    # A British freelancer, a German client, a contract under German law: € 10,000 due
    # 20 Jun 2025, paid 10 Jul. 21-30 Jun: 10 days at 2.27 + 9 = 11.27; 1-10 Jul: 10 days at
    # 1.27 + 9 = 10.27: 10000 x (112.7 + 102.7) / 100 / 365 = 59.0137 -> €59.01; €40.
    invoices = [_invoice(10000, D(2025, 5, 21), D(2025, 6, 20), paid=D(2025, 7, 10))]
    client = _client(invoices, law="DE", country="DE", currency="EUR", terms_agreed=True)
    claim = _claim(client, "GB", D(2025, 11, 1))
    assert claim.governing.chosen_by == law.BY_CONTRACT and claim.law == "§ 288 BGB"
    assert [(s.days, s.rate) for s in claim.invoices[0].stretches] == [
        (10, Decimal("11.27")),
        (10, Decimal("10.27")),
    ]
    assert (claim.interest, claim.compensation) == (Decimal("59.01"), Decimal("40.00"))
    mine = law.resolve(BOOK, client.__class__.from_data("acme", {**client.data, "law": None}),
                       Profile.from_data({"country": "GB"}))  # fmt: skip
    assert mine.country == "GB" and mine.chosen_by == law.BY_PROVIDER


def test_czech_default_day_under_section_1963() -> None:
    # Issued 3 Feb 2025 with "14 days" printed (due 17 Feb), no agreed terms: § 1963 (1) o. z.,
    # 30 days after the invoice reached the client (taken as the issue date) -> 5 Mar 2025;
    # interest 6 Mar-3 Jun 2025 = 26 + 30 + 31 + 3 = 90 days at the repo rate on 1 Jan 2025
    # (4.00, marked unverified in the file) + 8 = 12.00: 100000 x 0.12 x 90 / 365 = 2958.904...
    # -> 2 958,90 Kč; 1 200 Kč (NV 351/2013 § 3). From the printed date it would be 106 days:
    # 100000 x 0.12 x 106 / 365 = 3484.931... -> 3 484,93 Kč.
    invoices = [_invoice(100000, D(2025, 2, 3), D(2025, 2, 17))]
    client = _client(invoices, terms_agreed=False, currency="CZK")
    inv = _claim(client, "CZ", D(2025, 6, 3)).invoices[0]
    assert (inv.start.day, inv.first, inv.days) == (D(2025, 3, 5), D(2025, 3, 6), 90)
    assert inv.start.default and inv.start.basis.startswith(
        "30 days after the invoice reached the client, or after the service was received if "
        "that was later (§ 1963 (1) of the Czech Civil Code"
    )
    assert (inv.rate, inv.interest, inv.compensation, inv.unverified) == (
        Decimal("12.00"),
        Decimal("2958.90"),
        Decimal("1200.00"),
        True,
    )
    agreed = _client(invoices, terms_agreed=True, currency="CZK")
    assert _claim(agreed, "CZ", D(2025, 6, 3)).invoices[0].interest == Decimal("3484.93")
