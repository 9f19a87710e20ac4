"""The official publishers of the reference rates and exchange rates, and parsers for what each
serves. Pure: a parser takes the bytes of a response and returns dated observations, or raises
``BadResponse`` saying what is wrong; fetching is the caller's (``update.py``).

The formats, and how far each was verified (none could be fetched from here; each was checked
against public code that reads the live service):

- Bank of England, Bank Rate (series IUDBEDR), CSV from the Bank's statistical database
  (``_iadb-fromshowcolumns.asp?csv.x=yes&...&CSVF=TN&UsingCodes=Y``): a header ``DATE,IUDBEDR``
  then one row per day, dates written ``02 Jan 2025``. Verified from several independent
  clients of the service (R package bbk ``boe_data``; others); the server wants a User-Agent.
- Deutsche Bundesbank, Basiszinssatz: the series BBIN1.M.DE.BBK.BBKBAS2.EUR.ME, "Base rate as
  per Civil Code / End of month / SU0115" (SU0115 is its old BBK01 code; the key and title are
  as the Bundesbank's own page "Discount rate, lombard rate and base rate" lists them), through
  the SDMX web service's CSV download (``/rest/download/BBIN1/M.DE.BBK.BBKBAS2.EUR.ME?
  format=csv&lang=en``, the URL pattern several public clients of the service use): a block of
  header lines (title, unit, last update), then ``YYYY-MM,value,flag`` rows, one per month
  (the rate at the month's end); "." where no value. The parser accepts only rows whose first
  cell is a date and whose second a number. A month-end series: a half-year's rate is taken
  only from the row of its first month, never from an earlier month (a month not yet
  published gives nothing, not the old rate).
- ECB Data Portal, main refinancing operations rate (FM.D.U2.EUR.4F.KR.MRR_FR.LEV),
  ``format=csvdata``: a CSV with a header naming ``TIME_PERIOD`` and ``OBS_VALUE`` (verified
  from code reading the service: the columns are found by name, never by position).
- ECB euro foreign exchange reference rates, ``eurofxref-hist-90d.xml``: a gesmes:Envelope with
  ``<Cube time="YYYY-MM-DD">`` holding ``<Cube currency="USD" rate="1.0705"/>`` (verified from
  several copies of the file in public code).
- Česká národní banka, 2T repo rate history, ``.galleries/vyvoj_repo_historie.txt``: UTF-8 with
  a BOM, header ``PLATNA_OD|CNB_REPO_SAZBA_V_%``, rows ``YYYYMMDD|3,75`` (decimal comma), one
  per change (verified from two independent projects reading the file).
- TCMB, the TTK 1530 rate: announced in the Resmî Gazete each January. It is not fetched: no
  open machine-readable series of it is known, and TCMB's data service (EVDS) answers only with
  a personal API key (its clients' documentation says so), which clientexit does not store.
  Its entries stay hand-kept; ``rates update`` says so and what to add.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from clientexit.collect.periods import Period

Observations = list[tuple[dt.date, Decimal]]


class BadResponse(ValueError):
    """What a publisher served is not what its documented format says."""


@dataclass(frozen=True)
class Publisher:
    """One official series: who publishes it, where, how to read it, and which day of each
    period the law takes the rate from."""

    id: str
    name: str
    url: str
    parse: Callable[[bytes], Observations]
    reference_day: Callable[[Period], dt.date]
    regimes: tuple[str, ...]
    # Month-end values ("2026-07" for July): a period's rate only from its own month's row.
    monthly: bool = False


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadResponse("the response is not UTF-8 text") from None


def _number(text: str, *, comma: bool = False) -> Decimal:
    cleaned = text.strip().replace(",", ".") if comma else text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise BadResponse(f"{text!r} is not a number") from None
    if not value.is_finite() or not (-5 <= value <= 100):
        raise BadResponse(f"{text!r} is not a plausible rate in percent")
    return value


def _need(found: Observations, what: str) -> Observations:
    if not found:
        raise BadResponse(f"no {what} found in the response")
    return sorted(found)


def parse_boe(body: bytes) -> Observations:
    """The Bank of England's CSV: ``DATE,IUDBEDR`` then ``02 Jan 2025,4.75`` rows."""
    rows = list(csv.reader(io.StringIO(_text(body))))
    if not rows or [c.strip().upper() for c in rows[0][:2]] != ["DATE", "IUDBEDR"]:
        raise BadResponse("the header is not DATE,IUDBEDR")
    found = []
    for row in rows[1:]:
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            raise BadResponse(f"the row {','.join(row)!r} has no value")
        try:
            day = dt.datetime.strptime(row[0].strip(), "%d %b %Y").date()
        except ValueError:
            raise BadResponse(f"{row[0]!r} is not a date written 02 Jan 2025") from None
        found.append((day, _number(row[1])))
    return _need(found, "Bank Rate")


_ISO_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def parse_bundesbank(body: bytes) -> Observations:
    """The Bundesbank's CSV download: header lines, then ``date,value,flag`` rows."""
    found = []
    for row in csv.reader(io.StringIO(_text(body))):
        if len(row) < 2 or not _ISO_DAY.match(row[0].strip()):
            continue  # the header block
        value = row[1].strip()
        if value in (".", ""):
            continue  # "No value available"
        text = row[0].strip()
        day = dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
        found.append((day, _number(value)))
    return _need(found, "Basiszinssatz")


def parse_ecb_csv(body: bytes) -> Observations:
    """The ECB Data Portal's ``csvdata``: columns TIME_PERIOD and OBS_VALUE, found by name."""
    reader = csv.DictReader(io.StringIO(_text(body)))
    if not reader.fieldnames or not {"TIME_PERIOD", "OBS_VALUE"} <= set(reader.fieldnames):
        raise BadResponse("the header names no TIME_PERIOD and OBS_VALUE columns")
    found = []
    for row in reader:
        text, value = (row.get("TIME_PERIOD") or "").strip(), (row.get("OBS_VALUE") or "").strip()
        if not value:
            continue
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise BadResponse(f"{text!r} is not a date written YYYY-MM-DD") from None
        found.append((day, _number(value)))
    return _need(found, "main refinancing rate")


def parse_cnb(body: bytes) -> Observations:
    """The ČNB's repo history: ``PLATNA_OD|CNB_REPO_SAZBA_V_%`` then ``20250101|3,75``."""
    lines = [line.strip() for line in _text(body).splitlines() if line.strip()]
    if not lines or not lines[0].upper().startswith("PLATNA_OD|"):
        raise BadResponse("the header is not PLATNA_OD|CNB_REPO_SAZBA_V_%")
    found = []
    for line in lines[1:]:
        cells = line.split("|")
        if len(cells) != 2 or not re.fullmatch(r"\d{8}", cells[0].strip()):
            raise BadResponse(f"the row {line!r} is not YYYYMMDD|rate")
        try:
            day = dt.datetime.strptime(cells[0].strip(), "%Y%m%d").date()
        except ValueError:
            raise BadResponse(f"{cells[0]!r} is not a date") from None
        found.append((day, _number(cells[1], comma=True)))
    return _need(found, "repo rate")


def parse_eurofxref(body: bytes) -> dict[dt.date, dict[str, Decimal]]:
    """The ECB's eurofxref XML: per day, 1 EUR in each currency."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise BadResponse(f"the XML cannot be read ({exc})") from None
    days: dict[dt.date, dict[str, Decimal]] = {}
    for cube in root.iter():
        if not cube.tag.endswith("Cube") or "time" not in cube.attrib:
            continue
        try:
            day = dt.date.fromisoformat(cube.attrib["time"])
        except ValueError:
            raise BadResponse(f"{cube.attrib['time']!r} is not a date") from None
        rates: dict[str, Decimal] = {}
        for item in cube:
            code, rate = item.attrib.get("currency", ""), item.attrib.get("rate", "")
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise BadResponse(f"{code!r} is not a currency code")
            try:
                value = Decimal(rate)
            except InvalidOperation:
                raise BadResponse(f"{rate!r} is not a rate") from None
            if not value.is_finite() or value <= 0:
                raise BadResponse(f"{rate!r} is not a rate above 0")
            rates[code] = value
        if not rates:
            raise BadResponse(f"the day {day} has no rates")
        days[day] = rates
    if not days:
        raise BadResponse("no day of rates found in the response")
    return days


def _day_before(period: Period) -> dt.date:
    return period.first - dt.timedelta(days=1)


def _first_day(period: Period) -> dt.date:
    return period.first


PUBLISHERS: dict[str, Publisher] = {
    p.id: p
    for p in (
        Publisher(
            "boe",
            "Bank of England (Bank Rate, IUDBEDR)",
            "https://www.bankofengland.co.uk/boeapps/database/_iadb-fromshowcolumns.asp?"
            "csv.x=yes&Datefrom=01/Jan/2015&Dateto=now&SeriesCodes=IUDBEDR&CSVF=TN"
            "&UsingCodes=Y&VPD=Y&VFD=N",
            parse_boe,
            _day_before,  # SI 2002/1675: 31 Dec for H1, 30 Jun for H2
            ("GB",),
        ),
        Publisher(
            "bundesbank",
            "Deutsche Bundesbank (Basiszinssatz, BBIN1.M.DE.BBK.BBKBAS2.EUR.ME, formerly SU0115)",
            "https://api.statistiken.bundesbank.de/rest/download/BBIN1/M.DE.BBK.BBKBAS2.EUR.ME"
            "?format=csv&lang=en",
            parse_bundesbank,
            _first_day,  # § 247 BGB: 1 Jan and 1 Jul
            ("DE",),
            monthly=True,
        ),
        Publisher(
            "ecb",
            "European Central Bank (main refinancing rate, FM.D.U2.EUR.4F.KR.MRR_FR.LEV)",
            "https://data-api.ecb.europa.eu/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV"
            "?format=csvdata",
            parse_ecb_csv,
            _first_day,  # Directive 2011/7/EU art. 2(7): the rate in force on 1 Jan / 1 Jul
            ("EU", "FR"),
        ),
        Publisher(
            "cnb",
            "Česká národní banka (2T repo rate)",
            "https://www.cnb.cz/cs/casto-kladene-dotazy/.galleries/vyvoj_repo_historie.txt",
            parse_cnb,
            _first_day,  # NV 351/2013 Sb. § 2: the repo rate on the half-year's first day
            ("CZ",),
        ),
    )
}

ECB_FX = (
    "European Central Bank (euro foreign exchange reference rates)",
    "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml",
)
# Regimes whose rate no publisher serves in a form clientexit can fetch: who publishes it, and
# why it is not fetched.
NOT_FETCHED = {
    "TR": (
        "TCMB (the rate for late payment under TTK m. 1530)",
        "it is announced once a year, in January, in the Resmî Gazete; TCMB's data service "
        "(EVDS) answers only with a personal API key, which clientexit does not store",
    )
}


def of_month(observations: Observations, day: dt.date) -> Decimal | None:
    """The value of the row for ``day``'s month in a month-end series, or None when that month
    is not (yet) published."""
    found = None
    for when, value in observations:
        if (when.year, when.month) == (day.year, day.month):
            found = value
    return found


def in_force(observations: Observations, day: dt.date) -> Decimal | None:
    """The value of the latest observation on or before ``day`` (a series of changes or of
    daily values alike), or None when the series starts after it."""
    found = None
    for when, value in observations:
        if when > day:
            break
        found = value
    return found
