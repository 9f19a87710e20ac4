"""The one schema of clientexit's files: the vocabularies and one rule per field.

A field's rule (``Field.check``) judges a value as it is stored, whether a person wrote it into
the file by hand or a command is about to write it: ``check_values`` runs it over a file on load,
``parse_text`` runs it over command-line text once that text is turned into the stored type
(``Field.from_text``: "85" -> 85.0, "2026-11-02" -> a date). So ``currency = "XYZ"`` written by
hand is refused like ``client set acme currency=XYZ``.

A few limits apply only to what a command is asked to store (``Field.entry``), never to a file:
``started`` may not be in the future (record work once it has begun), and ``client set`` sets
the status only to active or at-risk (ending and former are written by the lifecycle writer,
record/lifecycle.py, with who ended it and when). Credentials are refused in whatever a command
stores (secretcheck); a file is not scanned for them on load.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from clientexit.amounts import MAX_AMOUNT, SHAPE_HINT, AmountTooLarge, read_amount

# --- Vocabularies -------------------------------------------------------------------------------

STATUSES = ("active", "at-risk", "ending", "former")
VERDICTS = ("keep", "repair", "prepare_exit", "exit_now")
INCIDENT_KINDS = (
    "payment",
    "scope",
    "communication",
    "conduct",
    "values",
    "other",
    # Logged against an invoice with the day they end: they pause its reminder ladder.
    "dispute",
    "promise",
)
PAUSING_KINDS = ("dispute", "promise")
# Letter types that end the relationship (letters/catalog.py describes every type).
TERMINATION_LETTERS = ("general", "payment", "micro-manager", "scope-creeper", "abusive")
ENDED_BY = ("me", "client")
END_CATEGORIES = (
    "price",
    "value",
    "support",
    "product-fit",
    "payment",
    "scope",
    "conduct",
    "values",
    "other",
)
FREQUENCIES = ("never", "sometimes", "often", "always")
ENGAGEMENTS = ("ongoing", "project")
CUSTOMERS = ("business", "consumer")
SCHEMA_VERSION = 1

# --- Rules ---------------------------------------------------------------------------------------


class Invalid(ValueError):
    """A value that breaks its field's rule; the message says what it must be ("must be ...")."""


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid("must be a number, without quotes")
    if value > MAX_AMOUNT:
        raise Invalid(f"must be {MAX_AMOUNT:,} or less: check the digits")
    return float(value)


def _zero_or_more(value: object) -> float:
    amount = _number(value)
    if amount < 0:
        raise Invalid("must be an amount of 0 or more")
    return amount


def _above_zero(value: object) -> float:
    amount = _number(value)
    # One cent at least: a rate of less would make the share of it (assess) infinite.
    if amount < 0.01:
        raise Invalid("must be an amount of at least 0.01")
    return amount


def _days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
        raise Invalid("must be a whole number of days from 0 to 365")
    return value


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise Invalid("must be a date written YYYY-MM-DD (without quotes in the file)")
    return value


def _day(value: object) -> dt.date:
    # Read as written by the features that compare it with other days: a time would make
    # "2026-12-01T10:00 < 2026-12-02" a TypeError in every view that sorts by it.
    if isinstance(value, dt.datetime):
        raise Invalid("must be a date without a time, written YYYY-MM-DD")
    return _date(value)


def _line(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid("must be text")
    if "\n" in value.strip() or "\r" in value.strip():
        raise Invalid("must be a single line")
    return _text(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid("must be text")
    from clientexit.safe_text import CONTROL

    if CONTROL.search(value):
        raise Invalid("must be plain text, without control characters (such as ESC)")
    return value.strip()


def client_name(value: object) -> str:
    """The rule for a client's ``name`` in its file: what ``client add`` accepts (names.py's
    clean_name): one line, no control, format or bidi character, not empty."""
    import unicodedata

    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be the client's name, as text")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        raise Invalid(
            "must be one line of plain text, without line breaks, control characters (such as "
            "ESC) or direction overrides"
        )
    return value.strip()


def _name(value: object) -> str:
    text = _line(value)
    if not text:
        raise Invalid("cannot be empty: your letters are signed with it")
    return text


_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def _email(value: object) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise Invalid("is not an email address like name@example.com")
    return value.strip()


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}")
        return str(value)

    return check


# ISO 4217's codes for "no currency" and "testing": never what an invoice is in.
_NOT_MONEY = frozenset({"XXX", "XTS"})
# A fast path for the codes most clients use: each is in Babel's list (a test checks it), so the
# answer is the same; Babel (~30 ms to load) is asked only about the others.
_COMMON_CURRENCIES = frozenset(
    [
        "EUR",
        "USD",
        "GBP",
        "CHF",
        "CZK",
        "TRY",
        "PLN",
        "SEK",
        "NOK",
        "DKK",
        "HUF",
        "RON",
        "BGN",
        "CAD",
        "AUD",
        "NZD",
        "JPY",
        "CNY",
        "INR",
        "BRL",
        "MXN",
        "ZAR",
    ]
)


def _currency(value: object) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise Invalid("must be a three-letter ISO currency code such as EUR, USD, TRY or CZK")
    if code in _NOT_MONEY or (code not in _COMMON_CURRENCIES and code not in currencies()):
        raise Invalid(f"must be an ISO 4217 currency code, and {code} is none (EUR, USD, CZK...)")
    return code


def currencies() -> frozenset[str]:
    """Every ISO 4217 currency code Babel knows (current and historic)."""
    from babel.core import get_global

    return frozenset(get_global("all_currencies")) - _NOT_MONEY


# Territory codes in Babel's data that are no ISO 3166-1 country: reserved for other uses
# (Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha,
# the EU, unknown) or withdrawn (Burma, Serbia and Montenegro, East Germany, USSR, East Timor,
# South Yemen, Yugoslavia, Zaire).
_NOT_COUNTRIES = frozenset(
    ["AC", "CP", "DG", "EA", "IC", "TA", "EU", "ZZ", "BU", "CS", "DD", "SU", "TP", "YD", "YU", "ZR"]
)
_COMMON_COUNTRIES = frozenset(
    [
        "GB",
        "DE",
        "CZ",
        "TR",
        "US",
        "FR",
        "NL",
        "BE",
        "AT",
        "CH",
        "IE",
        "ES",
        "IT",
        "PT",
        "PL",
        "SK",
        "SE",
        "NO",
        "DK",
        "FI",
        "CA",
        "AU",
        "NZ",
    ]
)


def countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 country code, from Babel's territory data."""
    from babel.core import get_global

    codes = get_global("territory_currencies").keys()
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha()) - _NOT_COUNTRIES


def _country(value: object) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise Invalid("must be a two-letter ISO 3166-1 country code such as GB, DE, CZ, TR or US")
    if code not in _COMMON_COUNTRIES and code not in countries():
        raise Invalid(f"must be an ISO 3166-1 country code, and {code} is none (GB, DE, US...)")
    return code


def _time_zone(value: object) -> str:
    name = value.strip() if isinstance(value, str) else ""
    import zoneinfo

    try:
        if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", name) or len(name) > 60:
            raise ValueError
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise Invalid(
            "must be a time zone name such as Europe/Berlin, America/New_York or UTC"
        ) from None
    return name


def _region(value: object) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if not re.fullmatch(r"[A-Z0-9]{1,3}", code):
        raise Invalid(
            "must be the code of a region within the country (ISO 3166-2, without the country "
            "part), such as NY for New York or BY for Bavaria"
        )
    return code


def _yes_no(value: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false, without quotes")
    return value


def _language(value: object) -> str:
    from clientexit._errors import UsageError
    from clientexit.i18n import CODE_SHAPE, language_code

    if isinstance(value, str):
        try:
            return language_code(value, "the language field")
        except UsageError:
            pass
    raise Invalid(f"is not a language code: use {CODE_SHAPE}")


# --- Turning command-line text into the stored type -----------------------------------------------


def _as_text(text: str) -> object:
    return text


def _lower(text: str) -> object:
    return text.strip().lower()


def _amount_text(allowed: str) -> Callable[[str], object]:
    def from_text(text: str) -> object:
        try:
            return read_amount(text)
        except AmountTooLarge:
            raise Invalid(f"must be {MAX_AMOUNT:,} or less: check the digits") from None
        except ValueError:
            raise Invalid(f"must be an amount {allowed}. {SHAPE_HINT}") from None

    return from_text


_as_amount = _amount_text("of 0 or more")
_as_amount_above_zero = _amount_text("above 0")


def _as_yes_no(text: str) -> object:
    word = text.strip().lower()
    if word in ("true", "yes", "y"):
        return True
    if word in ("false", "no", "n"):
        return False
    raise Invalid("must be true or false (yes or no)")


def _as_int(text: str) -> object:
    try:
        return int(text.strip())
    except ValueError:
        raise Invalid("must be a whole number of days from 0 to 365") from None


def _as_date(text: str) -> object:
    # The one parser of typed dates (record/inputs.py), its errors worded as a field's rule.
    from clientexit._errors import UsageError
    from clientexit.record.inputs import DATE_FORM, NotADate, parse_date
    from clientexit.timeline import FIRST_DAY, LAST_DAY

    try:
        return parse_date(text, "date")
    except NotADate:
        raise Invalid(f"must be a date written {DATE_FORM}") from None
    except UsageError:
        raise Invalid(
            f"must lie between {FIRST_DAY.year} and {LAST_DAY.year}: check the year"
        ) from None


def _not_future(value: object) -> object:
    from clientexit import timeline

    today = timeline.today()
    if isinstance(value, dt.date) and value > today:
        raise Invalid(
            f"must be today ({today.isoformat()}) or earlier: record it once work has begun"
        )
    return value


def _settable_status(value: object) -> object:
    if value in ("ending", "former"):
        raise Invalid(
            "must be active or at-risk here: a client becomes ending or former with "
            "clientexit end CLIENT --by me|client --reason TEXT, which also records who ended "
            "it, why and when"
        )
    return value


def _same(value: object) -> object:
    return value


# NamedTuples, not dataclasses: every command imports the schema (through config), and building
# a dataclass costs a few milliseconds at import.
class Field(NamedTuple):
    """A known field: its rule, how command-line text becomes a stored value, a line of help,
    and an example as written in the file (``rate = 85.0``)."""

    name: str
    check: Callable[[object], object]
    help: str
    example: str
    from_text: Callable[[str], object] = _as_text
    entry: Callable[[object], object] = _same  # limits on what a command stores (module docstring)

    def parse(self, text: str) -> object:
        """Command-line text as the value to store; Invalid (a ValueError) if it breaks a rule."""
        value = self.from_text(text) if isinstance(text, str) else text
        return self.entry(self.check(value))


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


CLIENT_FIELDS: dict[str, Field] = _fields(
    Field("contact", _line, "the person you write to", 'contact = "Tom Becker"'),
    Field("email", _email, "their email address", 'email = "ops@acme.example"'),
    Field("rate", _zero_or_more, "your hourly rate for this client", "rate = 85.0", _as_amount),
    Field(
        "target_rate",
        _above_zero,
        "the hourly rate you aim for, in this client's currency",
        "target_rate = 95.0",
        _as_amount_above_zero,
    ),
    Field("currency", _currency, "ISO code, e.g. EUR", 'currency = "EUR"'),
    Field(
        "notice_days",
        _days,
        "notice period in days from the contract",
        "notice_days = 30",
        _as_int,
    ),
    Field(
        "payment_days",
        _days,
        "the payment term agreed with the client, in days after the invoice date (an invoice "
        "import whose export has no due date uses it)",
        "payment_days = 30",
        _as_int,
    ),
    Field(
        "started",
        _date,
        "first day of work, YYYY-MM-DD (today or earlier)",
        "started = 2026-01-15",
        _as_date,
        _not_future,
    ),
    Field("ended", _date, "last day of work, YYYY-MM-DD", "ended = 2026-12-31", _as_date),
    Field("project", _line, "what you do for them", 'project = "Website upkeep"'),
    Field(
        "letter_project",
        _line,
        "how a letter names the project, a phrase a sentence can hold",
        'letter_project = "your online ordering site"',
    ),
    Field(
        "greeting",
        _line,
        "how a letter greets them (default: from the contact, as the language expects)",
        'greeting = "Dear Tom"',
    ),
    Field("language", _language, "language for letters: en, tr, cs", 'language = "en"'),
    Field(
        "engagement", _one_of(ENGAGEMENTS), "ongoing or project", 'engagement = "ongoing"', _lower
    ),
    Field(
        "status",
        _one_of(STATUSES),
        "active or at-risk (clientexit end: ending, former)",
        'status = "active"',
        _lower,
        _settable_status,
    ),
    Field(
        "country",
        _country,
        "the client's country, ISO 3166-1 alpha-2 (GB, DE, CZ, TR, US...)",
        'country = "DE"',
    ),
    Field(
        "region",
        _region,
        "a region within the country where rules differ, e.g. a US state: NY",
        'region = "NY"',
    ),
    Field(
        "customer",
        _one_of(CUSTOMERS),
        "business or consumer: statutory late-payment interest needs business set",
        'customer = "business"',
        _lower,
    ),
    Field(
        "law",
        _country,
        "the law your contract chose, if not that of your own country (GB, DE, FR...)",
        'law = "DE"',
    ),
    Field(
        "terms_agreed",
        _yes_no,
        "true if the contract fixed the payment date; false: interest starts at the law's "
        "default day",
        "terms_agreed = true",
        _as_yes_no,
    ),
    Field("phone", _line, "phone number", 'phone = "+44 20 7946 0000"'),
    Field("notes", _text, "anything worth remembering", 'notes = "Prefers email"'),
)

PROFILE_FIELDS: dict[str, Field] = _fields(
    Field("name", _name, "your name", 'name = "Maya Lindqvist"'),
    Field("business", _line, "your business name", 'business = "Lindqvist Design"'),
    Field("email", _email, "your email address", 'email = "maya@example.com"'),
    Field(
        "signature",
        _text,
        "the sign-off that ends every letter, e.g. your name and title "
        "(leave empty for your name and business)",
        'signature = "Maya"',
    ),
    Field("currency", _currency, "default currency, e.g. EUR", 'currency = "EUR"'),
    Field("rate", _above_zero, "your target hourly rate", "rate = 85.0", _as_amount_above_zero),
    Field("notice_days", _days, "default notice period in days", "notice_days = 30", _as_int),
    Field("language", _language, "default letter language", 'language = "en"'),
    Field(
        "country",
        _country,
        "the country you work from, ISO 3166-1 alpha-2 (GB, DE, CZ, TR, US...)",
        'country = "GB"',
    ),
    Field(
        "gender",
        _one_of(("f", "m")),
        "f or m: your first-person forms in Czech letters (rozhodla / rozhodl)",
        'gender = "f"',
        _lower,
    ),
    Field(
        "time_zone",
        _time_zone,
        "the time zone whose days decide the month of tracked hours kept in UTC "
        "(Watson, Timewarrior); UTC when unset",
        'time_zone = "Europe/Berlin"',
    ),
)

# --- Checking a file -----------------------------------------------------------------------------


class Problem(NamedTuple):
    """A value in a file that breaks its rule: where, what it is, what it must be, an example."""

    key: str
    value: object
    rule: str
    example: str

    def message(self, file: str) -> str:
        return f"{file}: {self.key} = {shown(self.value)} is not valid: {self.key} {self.rule}."


def check_values(values: Mapping[str, object], fields: Mapping[str, Field]) -> Problem | None:
    """The first known field of ``values`` that breaks its rule, else None."""
    for key, field in fields.items():
        if key not in values:
            continue
        try:
            field.check(values[key])
        except Invalid as exc:
            return Problem(key, values[key], str(exc), field.example)
    return None


def normalised(values: Mapping[str, object], fields: Mapping[str, Field]) -> dict[str, object]:
    """The values with each known field as its rule gives it ("eur" -> "EUR"); call after
    check_values found no problem."""
    result = dict(values)
    for key, field in fields.items():
        if key in values:
            result[key] = field.check(values[key])
    return result


# Entries of the arrays of tables that clientexit reads a key of: the key, its rule, an example.
ENTRY_RULES: dict[str, tuple[str, Callable[[object], object], str]] = {
    "deliverables": ("due", _day, "due = 2026-12-15"),
    "incidents": ("kind", _one_of(INCIDENT_KINDS), 'kind = "scope"'),
    "assessments": ("verdict", _one_of(VERDICTS), 'verdict = "repair"'),
}


# The tables record/hours.py reads: [hours] (which tracked entries are the client's, and the
# hours kept by month) and [[rate_changes]] (the rate from a day on). Each key's rule and example.
MONTH_KEY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
HOURS_LISTS = {
    "match": 'match = ["acme", "acme-*"]',
    "unbilled_tags": 'unbilled_tags = ["admin"]',
}
MONTH_RULES: dict[str, tuple[Callable[[object], float], str]] = {
    "billable_hours": (_zero_or_more, "billable_hours = 42.5"),
    "unbilled_hours": (_zero_or_more, "unbilled_hours = 6.25"),
}
RATE_CHANGE_FROM = ("from", _date, "from = 2026-09-01")
RATE_CHANGE_RATE = ("rate", _zero_or_more, "rate = 95.0")


def implausible_date(data: object, path: str = "") -> tuple[str, object] | None:
    """The first date or date-time anywhere in ``data`` (nested tables and lists) outside the
    dates clientexit works with (timeline.FIRST_DAY to LAST_DAY), as (its key path, the value);
    else None. Day arithmetic on 0001-01-01 or 9999-12-31 overflows, so such a file is refused
    on load, whichever key holds the date."""
    from clientexit.timeline import FIRST_DAY, LAST_DAY

    if _plausible_dates(data, FIRST_DAY, LAST_DAY):
        return None
    stack: list[tuple[str, object]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            if not FIRST_DAY <= day <= LAST_DAY:
                return where, value
        elif isinstance(value, Mapping):
            items = [(f"{where}.{key}" if where else str(key), v) for key, v in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{where}[{i}]", v) for i, v in enumerate(value, start=1)]))
    return None


def _plausible_dates(data: object, first: dt.date, last: dt.date) -> bool:
    """Whether every date in ``data`` is within first..last: implausible_date's walk without
    naming where each value is (a book of 10,000 files has a million values; the path of one
    is worked out only when it is wrong)."""
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is bool:
            continue
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            if not first <= day <= last:
                return False
        elif isinstance(value, Mapping):
            stack.extend(value.values())
    return True


def as_date(value: object) -> dt.date | None:
    """A TOML date or datetime as a date; anything else as None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def shown(value: object) -> str:
    """A value as an error message may repeat it: short, and never a credential."""
    if not isinstance(value, str):
        return str(value)[:40]
    import json

    from clientexit.secretcheck import find_secret

    if find_secret(value):
        return "(a value that looks like a credential)"
    # A control or direction character is shown as its escape, never passed on to a terminal.
    return json.dumps(value[:40], ensure_ascii=not value[:40].isprintable())
