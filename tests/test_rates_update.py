"""clientexit rates update: recorded responses of each publisher, never the network."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from clientexit import exchange as fx
from clientexit._paths import Paths
from clientexit.app import rates as rates_app
from clientexit.collect import publishers, rates, update
from clientexit.collect.periods import Period

SAMPLES = Path(__file__).parent / "rates_samples"
TODAY = dt.date(2026, 11, 25)
RECORDED = {
    publishers.PUBLISHERS["boe"].url: "boe.csv",
    publishers.PUBLISHERS["bundesbank"].url: "bundesbank.csv",
    publishers.PUBLISHERS["ecb"].url: "ecb_mrr.csv",
    publishers.PUBLISHERS["cnb"].url: "cnb.txt",
    publishers.ECB_FX[1]: "eurofxref-hist-90d.xml",
}


def recorded(replace: dict[str, str | Exception] | None = None):
    """A fetcher serving the recorded responses; ``replace`` maps a URL to another sample file
    or to an exception to raise. It fails the test on any URL it does not know."""
    served = {**RECORDED, **(replace or {})}

    def fetch(url: str) -> bytes:
        found = served[url]
        if isinstance(found, Exception):
            raise found
        return (SAMPLES / found).read_bytes()

    return fetch


def _snapshot(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


def test_each_parser_reads_its_recorded_response() -> None:
    boe = publishers.parse_boe((SAMPLES / "boe.csv").read_bytes())
    assert boe[0] == (dt.date(2022, 12, 30), Decimal("3.5"))
    assert publishers.in_force(boe, dt.date(2024, 12, 31)) == Decimal("4.75")
    bbk = publishers.parse_bundesbank((SAMPLES / "bundesbank.csv").read_bytes())
    assert publishers.in_force(bbk, dt.date(2025, 7, 1)) == Decimal("1.27")
    assert bbk[-1][0] == dt.date(2026, 7, 1)  # the "." row is no value, not a zero
    ecb = publishers.parse_ecb_csv((SAMPLES / "ecb_mrr.csv").read_bytes())
    assert publishers.in_force(ecb, dt.date(2025, 7, 1)) == Decimal("2.15")
    cnb = publishers.parse_cnb((SAMPLES / "cnb.txt").read_bytes())
    assert publishers.in_force(cnb, dt.date(2024, 7, 1)) == Decimal("4.75")  # BOM, commas
    days = publishers.parse_eurofxref((SAMPLES / "eurofxref-hist-90d.xml").read_bytes())
    assert days[dt.date(2026, 11, 24)]["GBP"] == Decimal("0.8312")


_NEGATIVE_RATE = b'<E><Cube time="2026-11-24"><Cube currency="GBP" rate="-1"/></Cube></E>'


@pytest.mark.parametrize(
    ("parse", "body"),
    [
        (publishers.parse_boe, b"<html>error</html>"),
        (publishers.parse_boe, b"DATE,IUDBEDR\n2025-01-02,4.75\n"),
        (publishers.parse_bundesbank, b"<!DOCTYPE html><html></html>"),
        (publishers.parse_ecb_csv, b"KEY,FREQ\nx,D\n"),
        (publishers.parse_ecb_csv, b"TIME_PERIOD,OBS_VALUE\n2025-06-11,NaN\n"),
        (publishers.parse_cnb, b"PLATNA_OD|CNB_REPO_SAZBA_V_%\n2025XXXX|3,75\n"),
        (publishers.parse_eurofxref, b"<Envelope><Cube></Cube>"),
        (
            publishers.parse_eurofxref,
            b'<E><Cube time="2026-11-24"><Cube currency="GBP" rate="-1"/></Cube></E>',
        ),
    ],
)
def test_a_response_not_in_its_format_is_refused(parse, body: bytes) -> None:
    with pytest.raises(publishers.BadResponse):
        parse(body)


def test_update_adds_each_missing_period_with_its_source_and_day(home: Path) -> None:
    paths = Paths(home)
    result = rates_app.update(paths, recorded(), TODAY)
    assert result.written and not result.failures
    added = {(c.regime, str(c.period)): c.reference for c in result.changes if c.action == "add"}
    assert added == {
        ("GB", "2026-H2"): Decimal("3.5"),
        ("DE", "2026-H2"): Decimal("1.27"),
        ("EU", "2026-H2"): Decimal("2.15"),
        ("FR", "2026-H2"): Decimal("2.15"),
        ("CZ", "2026-H2"): Decimal("3.50"),
    }
    assert [c for c in result.changes if c.action != "add"] == []  # built-in entries agree
    book = rates.load(paths)
    assert book.source == home / "rates.toml"
    entry = book.regimes["GB"].entry(Period(2026, 2))
    assert entry is not None and entry.reference_date == dt.date(2026, 6, 30)
    assert entry.retrieved == TODAY and entry.check == "official"
    assert entry.source.endswith(publishers.PUBLISHERS["boe"].url)
    assert book.regimes["GB"].missing(TODAY) == [] and book.regimes["CZ"].missing(TODAY) == []
    quote = fx.load(paths).quote("EUR", "GBP", dt.date(2026, 11, 25))  # the day before on file
    assert quote is not None and quote.rate == Decimal("0.8312")
    assert quote.day == dt.date(2026, 11, 24)


def test_a_second_update_changes_nothing(home: Path) -> None:
    paths = Paths(home)
    rates_app.update(paths, recorded(), TODAY)
    before = (home / "rates.toml").read_bytes()
    again = rates_app.update(paths, recorded(), TODAY)
    assert again.changes == [] and (home / "rates.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("url", "failure", "names"),
    [
        (publishers.PUBLISHERS["bundesbank"].url, "bundesbank_error.html", "Deutsche Bundesbank"),
        (publishers.PUBLISHERS["cnb"].url, OSError("timed out"), "Česká národní banka"),
        (publishers.ECB_FX[1], "boe.csv", "euro foreign exchange reference rates"),
    ],
)
def test_a_broken_publisher_changes_nothing_and_is_named(
    cli, home: Path, url: str, failure, names: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "rates.toml").write_text(rates.load().source.read_text("utf-8"), encoding="utf-8")
    before = _snapshot(home)
    monkeypatch.setattr(update, "fetch_url", recorded({url: failure}))
    result = cli("rates", "update")
    assert result.exit_code == 1
    assert names in result.stderr
    assert "Nothing was written: the rates files are as they were." in result.stderr
    assert "Traceback" not in result.stderr and _snapshot(home) == before


def test_an_entry_written_by_hand_is_never_overwritten(home: Path) -> None:
    text = rates.load().source.read_text(encoding="utf-8")
    hand = (
        '\n[[regimes.GB.rate]]\nperiod = "2026-H2"\nreference = 3.75\n'
        'source = "my own note"\ncheck = "secondary"\n'
    )
    start = text.index("[regimes.DE]")
    home.mkdir(parents=True, exist_ok=True)
    (home / "rates.toml").write_text(text[:start] + hand.lstrip() + "\n" + text[start:], "utf-8")
    result = rates_app.update(Paths(home), recorded(), TODAY)
    kept = [c for c in result.changes if c.action == "kept"]
    assert [(c.regime, str(c.period), c.previous, c.reference) for c in kept] == [
        ("GB", "2026-H2", Decimal("3.75"), Decimal("3.5"))
    ]
    entry = rates.load(Paths(home)).regimes["GB"].entry(Period(2026, 2))
    assert entry is not None and entry.reference == Decimal("3.75") and entry.retrieved is None


def test_an_entry_the_tool_wrote_is_updated(home: Path) -> None:
    paths = Paths(home)
    rates_app.update(paths, recorded(), TODAY)
    path = home / "rates.toml"
    path.write_text(path.read_text("utf-8").replace("reference = 3.5\n", "reference = 3.6\n"))
    result = rates_app.update(paths, recorded(), TODAY)
    assert [(c.action, c.previous) for c in result.changes if c.regime == "GB"] == [
        ("update", Decimal("3.6"))
    ]
    assert rates.load(paths).regimes["GB"].entry(Period(2026, 2)).reference == Decimal("3.5")


def test_a_hand_written_exchange_rate_day_is_kept(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / fx.FILE_NAME).write_text('[days."2026-11-24"]\nGBP = 0.9\n', encoding="utf-8")
    result = rates_app.update(Paths(home), recorded(), TODAY, only=["ecb-fx"])
    assert result.fx_kept == [dt.date(2026, 11, 24)] and result.fx_days == 1
    quote = fx.load(Paths(home)).quote("EUR", "GBP", dt.date(2026, 11, 24))
    assert quote is not None and quote.rate == Decimal("0.9")


def test_the_command_lists_what_it_wrote(cli, home: Path, monkeypatch) -> None:
    monkeypatch.setattr(update, "fetch_url", recorded())
    result = cli("rates", "update")
    assert result.exit_code == 0, result.stderr
    assert "GB 2026-H2: 3.5% on 30 June 2026 (added)" in result.stdout
    assert "Exchange rates: 2 days written to" in result.stdout
    assert (
        "TCMB (the rate for late payment under TTK m. 1530): not fetched: it is announced once "
        "a year, in January, in the Resmî Gazete; TCMB's data service (EVDS) answers only with "
        "a personal API key, which clientexit does not store."
    ) in " ".join(result.stderr.split())
    listing = cli("rates", "--json")
    rows = {r["regime"]: r for r in json.loads(listing.stdout)["regimes"]}
    assert listing.exit_code == 0 and rows["GB"]["fetched"] == TODAY.isoformat()
    assert rows["GB"]["missing"] == []


def test_an_unknown_publisher_is_refused(cli, home: Path) -> None:
    result = cli("rates", "update", "--only", "fed")
    assert result.exit_code == 2 and "No publisher called fed" in result.stderr


def test_tcmb_is_not_fetched_and_the_user_is_told_what_to_add(cli, home: Path, monkeypatch) -> None:
    # 2027: the built-in file ends with 2026, so the TTK 1530 entry for 2027 is missing; no
    # publisher can be asked for it, and the person is told what to add, where, with what.
    monkeypatch.setattr(update, "fetch_url", recorded())
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2027-02-01")
    result = cli("rates", "update", "--json")
    assert result.exit_code == 0, result.stderr
    said = json.loads(result.stdout)["not_fetched"]
    assert len(said) == 1 and said[0].startswith("TCMB (the rate for late payment under TTK")
    assert (
        "The rates file has TR up to 2026; 2027 is missing. Add it by hand to "
        f"{home / 'rates.toml'} as a [[regimes.TR.rate]] entry with period, reference, "
        "compensation, source (the Resmî Gazete issue that announced it) and check, then run "
        "clientexit rates check."
    ) in " ".join(result.stderr.split())
    current = update.not_fetched(rates.load(Paths(home)), TODAY, home / "rates.toml")
    assert current[0].endswith(
        "The rates file has TR up to 2026, which covers today; add next year's entry by hand "
        "when it is announced"
    )


def test_a_month_not_yet_published_gives_no_rate_for_its_half_year(home: Path) -> None:
    # The Bundesbank's series has one row per month-end: on 3 Jul 2026 the July row is not out
    # yet, and June's value must not be taken for 2026-H2.
    published = (SAMPLES / "bundesbank.csv").read_text(encoding="utf-8")
    head = published[: published.index("2026-07,")]
    observations = publishers.parse_bundesbank(head.encode())
    assert update.plan(rates.load(Paths(home)), {"bundesbank": observations},
                       dt.date(2026, 7, 3)) == []  # fmt: skip
    july = update.plan(rates.load(Paths(home)), {"bundesbank": publishers.parse_bundesbank(
        published.encode())}, dt.date(2026, 7, 3))  # fmt: skip
    assert [(c.regime, str(c.period), c.reference) for c in july] == [
        ("DE", "2026-H2", Decimal("1.27"))
    ]
