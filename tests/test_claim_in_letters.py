"""The interest a final notice or a formal demand claims (issue 18): only on the invoices the
letter asks for (never on one paused by a dispute or a promise), interest on invoices already
paid late only when asked for and set apart, and never a zero "at least" figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SLUG = "ashgrove-print"
DEMAND = ("remind", SLUG, "--stage", "formal-demand", "--skip-stages", "--dry-run")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _edit(home: Path, old: str, new: str) -> None:
    path = home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _claimed(letter: str) -> list[str]:
    return re.findall(r"^- invoice (\S+?)(?: \(paid on [^)]*\))?: \d+ days", letter, re.M)


def test_a_paused_invoice_is_neither_asked_for_nor_claimed(cli, examples_home: Path) -> None:
    logged = cli(
        "log", SLUG, "add", "--kind", "dispute", "--invoice", "AP-2026-06", "--until", "2026-12-31",
        "The June print run is disputed",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    result = cli(*DEMAND)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert "owes Lindqvist Design & Development £1,800.00" in text
    assert _claimed(result.stdout) == ["AP-2026-05"]
    assert "AP-2026-06" not in result.stdout
    # one invoice: "fixed sum", singular; 180 days at 11.75% on £1,800 (by hand:
    # 1800 x 0.1175 x 180 / 365 = 104.301...)
    assert "In total: interest £104.30 and fixed sum £70.00." in text
    assert "No interest is claimed on invoice AP-2026-06: this letter does not ask for it" in _flat(
        result.stderr
    )


def test_interest_on_invoices_paid_late_is_left_out_unless_asked_for(
    cli, examples_home: Path
) -> None:
    plain = cli(*DEMAND)
    assert plain.exit_code == 0, plain.stderr
    assert _claimed(plain.stdout) == ["AP-2026-05", "AP-2026-06"]
    assert "AP-2026-03" not in plain.stdout
    assert (
        "Invoice AP-2026-03 was paid late: interest £14.68 and fixed sums £70.00 may be "
        "claimed on it. Claiming it is optional; add --claim-paid-late"
    ) in _flat(plain.stderr)
    asked = cli(*DEMAND, "--claim-paid-late")
    assert asked.exit_code == 0, asked.stderr
    text = _flat(asked.stdout)
    # The open invoices' claim is the same; the paid one comes after it, marked and apart.
    # 104.30 + 31.81 (650 x 0.1175 x 152 / 365 = 31.805...)
    assert "In total: interest £136.11 and fixed sums £110.00." in text
    assert (
        "Invoices you have already paid, but late, may also carry interest and a fixed sum. "
        "I claim these apart from the amount above: - invoice AP-2026-03 (paid on 20 April "
        "2026): 19 days at 11.75% a year, interest £14.68, fixed sum £70.00 On the invoices "
        "already paid: interest £14.68 and fixed sum £70.00."
    ) in text
    assert "Please pay £2,450.00" in text  # the amount asked for is still the open balance
    assert "accepting a principal without reserving the interest may have cost" in _flat(
        asked.stderr
    )


@pytest.mark.parametrize(
    ("lang", "paid_block"),
    [
        ("cs", "Faktury již zaplacené, avšak po splatnosti, mohou rovněž nést úrok a paušální "
               "náhradu. Ty uplatňuji odděleně od výše uvedené částky:"),
        ("tr", "Geç de olsa ödenmiş faturalar için de faiz ve giderim tutarı talep edilebilir; "
               "bunları yukarıdaki tutardan ayrı olarak talep ediyorum:"),
    ],
)  # fmt: skip
def test_the_paid_late_block_in_czech_and_turkish(
    cli, examples_home: Path, lang: str, paid_block: str
) -> None:
    result = cli(*DEMAND, "--claim-paid-late", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert paid_block in _flat(result.stdout)


def test_no_rate_for_any_day_gives_no_interest_figure(cli, examples_home: Path) -> None:
    # The invoices fall due in 2026-H2, for which the built-in file has no Bank Rate: the
    # fixed sums are claimed, no interest figure is (never "interest at least £0.00").
    _edit(examples_home, "due = 2026-05-29", "due = 2026-07-29")
    _edit(examples_home, "due = 2026-06-26", "due = 2026-07-26")
    result = cli(*DEMAND)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert "£0.00" not in text
    assert (
        "- invoice AP-2026-05: 119 days from 30 July 2026 to 25 November 2026 not yet reckoned, "
        "fixed sum £70.00"
    ) in text
    assert "In total: fixed sums £110.00." in text
    assert "Interest for the days not yet reckoned is claimed in addition." in text
    assert "Fill the rate with clientexit rates update" in _flat(result.stderr)
    shown = cli("interest", SLUG)
    assert "at least £0.00" not in shown.stdout
    assert (
        "interest not reckoned: no day has a rate (clientexit rates update); fixed sum £70.00"
        in _flat(shown.stdout)
    )
    assert "Total interest: at least £14.68" in _flat(shown.stdout)  # AP-2026-03, paid in H1
    statement = cli("statement", SLUG)
    assert "Interest at least £0.00" not in _flat(statement.stdout)
    assert "Interest not yet reckoned; fixed sum £70.00" in _flat(statement.stdout)


@pytest.mark.parametrize(
    ("lang", "covered", "uncovered", "total"),
    [
        ("en", "- invoice AP-2026-05: 180 days at 11.75% a year, interest £104.30, fixed sum "
         "£70.00",
         "- invoice AP-2026-06: 122 days from 27 July 2026 to 25 November 2026 not yet reckoned, "
         "fixed sum £40.00",
         "In total: interest at least £104.30 and fixed sums £110.00."),
        ("cs", "- faktura AP-2026-05: 180 dní při 11,75 % ročně, úrok 104,30 £, paušální náhrada "
         "70,00 £",
         "- faktura AP-2026-06: 122 dní od 27. července 2026 do 25. listopadu 2026 zatím "
         "nevyčísleno, paušální náhrada 40,00 £",
         "Celkem: úrok nejméně 104,30 £ a paušální náhrady 110,00 £."),
        ("tr", "- AP-2026-05 numaralı fatura: yıllık %11,75 üzerinden 180 gün, faiz 104,30 £, "
         "giderim tutarı 70,00 £",
         "- AP-2026-06 numaralı fatura: 27 Temmuz 2026 ile 25 Kasım 2026 arasındaki 122 gün "
         "henüz hesaplanmadı, giderim tutarı 40,00 £",
         "Toplam: faiz en az 104,30 £, giderim tutarları 110,00 £."),
    ],
)  # fmt: skip
@pytest.mark.parametrize("stage", ["final-notice", "formal-demand"])
def test_a_delay_partly_without_a_rate_in_every_language(
    cli, examples_home: Path, stage: str, lang: str, covered: str, uncovered: str, total: str
) -> None:
    # AP-2026-06 now falls due in 2026-H2, which has no Bank Rate in the built-in file: its
    # days are named and carry no figure; the total is "at least" AP-2026-05's £104.30
    # (1800 x 0.1175 x 180 / 365 = 104.301...), and both fixed sums are claimed.
    _edit(examples_home, "due = 2026-06-26", "due = 2026-07-26")
    result = cli("remind", SLUG, "--stage", stage, "--skip-stages", "--dry-run", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.replace("\xa0", " ").splitlines()  # Czech and Turkish money: no-break
    assert covered in lines and uncovered in lines and total in lines


def test_a_uk_law_claim_on_euro_invoices_shows_each_figure_in_its_own_currency(
    cli, examples_home: Path
) -> None:
    # The contract chose English law, the invoices are in euros: interest on the principal in
    # euros (AP-2026-05: 1800 x 0.1175 x 180 / 365 = 104.301... -> €104.30), the fixed sums in
    # sterling, their tiers from the euro amounts at the ECB rate of the delay's first day
    # (1800 x 0.85 = £1,530 -> £70; 650 x 0.85 = £552.50 -> £40). Never one currency's sign on
    # the other's amount.
    _edit(examples_home, 'currency = "GBP"', 'currency = "EUR"')
    (examples_home / "exchange-rates.toml").write_text(
        '[days."2026-05-29"]\nGBP = 0.85\n[days."2026-06-26"]\nGBP = 0.85\n', encoding="utf-8"
    )
    result = cli(*DEMAND)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "- invoice AP-2026-05: 180 days at 11.75% a year, interest €104.30, fixed sum £70.00"
        in (lines)
    )
    assert "- invoice AP-2026-06: 152 days at 11.75% a year, interest €31.81, fixed sum £40.00" in (
        lines
    )
    assert "In total: interest €136.11 and fixed sums £110.00." in lines
    # Without an exchange rate the tier cannot be chosen: no fixed sum is claimed, stderr says
    # why, and the interest (every day has a rate) is not called "at least".
    (examples_home / "exchange-rates.toml").unlink()
    bare = cli(*DEMAND)
    assert "In total: interest €136.11." in bare.stdout.splitlines()
    assert ", fixed sum" not in bare.stdout and "not yet reckoned" not in bare.stdout
    assert (
        "No fixed sum for invoice AP-2026-05: no EUR/GBP exchange rate for 2026-05-30 to choose "
        "the fixed sum's tier (clientexit rates update fetches them)."
    ) in " ".join(bare.stderr.split())
