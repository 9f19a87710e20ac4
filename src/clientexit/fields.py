"""The known fields of a client record and of the profile, with their validation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clientexit._errors import UsageError
from clientexit.amounts import MAX_AMOUNT, SHAPE_HINT, AmountTooLarge, read_amount
from clientexit.config import STATUSES

if TYPE_CHECKING:
    from clientexit._paths import Paths

_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _text(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line")
    return value.strip()


def _name(value: str) -> str:
    text = _text(value)
    if not text:
        raise ValueError("cannot be empty: your letters are signed with it")
    return text


def _email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError("is not an email address like name@example.com")
    return value


def _amount(value: str, allowed: str) -> float:
    try:
        return read_amount(value)
    except AmountTooLarge:
        raise ValueError(f"must be {MAX_AMOUNT:,} or less: check the digits") from None
    except ValueError:
        raise ValueError(f"must be an amount {allowed}. {SHAPE_HINT}") from None


def _money(value: str) -> float:
    return _amount(value, "of 0 or more")


def _target(value: str) -> float:
    amount = _amount(value, "above 0")
    if amount <= 0:
        raise ValueError("must be an amount above 0")
    return amount


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise ValueError("must be a whole number of days from 0 to 365") from None
    if not 0 <= days <= 365:
        raise ValueError("must be a whole number of days from 0 to 365")
    return days


def _date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("must be a date written YYYY-MM-DD") from None


def _started(value: str) -> dt.date:
    from clientexit import timeline

    day, today = _date(value), timeline.today()
    if day > today:
        raise ValueError(
            f"must be today ({today.isoformat()}) or earlier: record it once work has begun"
        )
    return day


# ISO 4217's codes for "no currency" and "testing": never what an invoice is in.
_NOT_MONEY = frozenset({"XXX", "XTS"})


def _currency(value: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise ValueError("must be a three-letter ISO currency code such as EUR, USD, TRY or CZK")
    from babel.numbers import list_currencies

    if code in _NOT_MONEY or code not in list_currencies():
        raise ValueError(
            f"must be an ISO 4217 currency code, and {code} is none (EUR, USD, CZK...)"
        )
    return code


def _language(value: str) -> str:
    from clientexit.i18n import language_code

    return language_code(value, "the language field")


def _status(value: str) -> str:
    value = value.strip().lower()
    if value not in STATUSES:
        raise ValueError(f"must be one of {', '.join(STATUSES)}")
    return value


def _set_status(value: str) -> str:
    status = _status(value)
    if status in ("ending", "former"):
        raise ValueError(
            "must be active or at-risk here: a client becomes ending or former with "
            "clientexit end CLIENT --by me|client --reason TEXT, which also records who ended "
            "it, why and when"
        )
    return status


def _engagement(value: str) -> str:
    value = value.strip().lower()
    if value not in ("ongoing", "project"):
        raise ValueError("must be ongoing or project")
    return value


@dataclass(frozen=True)
class Field:
    """A known field: its parser and a line of help."""

    name: str
    parse: Callable[[str], Any]
    help: str


CLIENT_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("contact", _text, "the person you write to"),
        Field("email", _email, "their email address"),
        Field("rate", _money, "your hourly rate for this client"),
        Field("target_rate", _target, "the hourly rate you aim for, in this client's currency"),
        Field("currency", _currency, "ISO code, e.g. EUR"),
        Field("notice_days", _days, "notice period in days from the contract"),
        Field("started", _started, "first day of work, YYYY-MM-DD (today or earlier)"),
        Field("ended", _date, "last day of work, YYYY-MM-DD"),
        Field("project", _text, "what you do for them"),
        Field("language", _language, "language for letters: en, tr, cs"),
        Field("engagement", _engagement, "ongoing or project"),
        Field("status", _set_status, "active or at-risk (clientexit end: ending, former)"),
        Field("phone", _text, "phone number"),
        Field("notes", _text, "anything worth remembering"),
    )
}

PROFILE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("name", _name, "your name"),
        Field("business", _text, "your business name"),
        Field("email", _email, "your email address"),
        Field("signature", _text, "how you sign letters"),
        Field("currency", _currency, "default currency, e.g. EUR"),
        Field("rate", _target, "your target hourly rate"),
        Field("notice_days", _days, "default notice period in days"),
        Field("language", _language, "default letter language"),
    )
}

# Keys that only clientexit itself writes, each with what to do instead; `client set` refuses them.
RESERVED_KEYS: dict[str, str] = {
    "schema_version": "It records which clientexit wrote the file.",
    "name": "It is set by client add; to rename a client, edit name in its file by hand "
    "(clientexit client show CLIENT says where the file is).",
    "slug": "The slug is the client's file name.",
    "created": "It is the day the client was added to clientexit.",
    "archived": "Use: clientexit client archive CLIENT (--undo brings it back).",
    "custom": "Set a custom field directly: clientexit client set CLIENT KEY=VALUE.",
    "assessments": "Use: clientexit assess CLIENT.",
    "letters": "clientexit letter CLIENT records each letter it drafts.",
    "deliverables": "Add [[deliverables]] entries (what, due) to the client's file by hand.",
    "incidents": 'Use: clientexit log CLIENT "what happened".',
    "invoices": "Use: clientexit invoice CLIENT add NUMBER AMOUNT, or paid NUMBER.",
    "handover": "Use: clientexit handover CLIENT --done ID.",
    "lifecycle": "Use: clientexit end CLIENT --by me|client --reason TEXT.",
    "history": "clientexit keeps it.",
}
# Known fields that always have a value: `client set KEY=` (empty) clears every other one.
REQUIRED_FIELDS = ("status",)
_CUSTOM_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def parse_field(fields: dict[str, Field], key: str, raw: str) -> Any:
    """Validate ``raw`` for the known field ``key``; raise UsageError naming the key.

    A value that looks like a credential is refused first, so no error message repeats it.
    """
    from clientexit.secretcheck import refuse_secrets  # compiled only when something is stored

    field = fields[key]
    if isinstance(raw, str):
        refuse_secrets(raw, f"The {key} value")
    try:
        return field.parse(raw)
    except (ValueError, TypeError) as exc:
        known = ("must", "is not", "cannot")
        detail = str(exc) if any(w in str(exc) for w in known) else "is not valid"
        shown = raw if not isinstance(raw, str) or len(raw) <= 40 else f"{raw[:37]}..."
        raise UsageError(f"{key}={shown!r}: {key} {detail.rstrip('.')}.") from None


def letter_language(paths: Paths, value: str) -> str:
    """``value`` as the code of a language clientexit has letters in: built in (en, tr, cs) or
    the user's own templates/letters/<code>/; else a UsageError saying which exist."""
    from babel import Locale, UnknownLocaleError

    from clientexit.letters.render import list_templates

    code = _language(value)
    known = sorted({ref.lang for ref in list_templates(paths)})
    if code in known:
        return code
    listed = ", ".join(known)
    try:
        name = Locale.parse(code).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"language={value!r}: {code!r} is not a language; clientexit has letters in {listed}.",
            f"Use one of {listed}, e.g. clientexit init --language en --yes",
        ) from None
    raise UsageError(
        f"language={value!r}: clientexit has no letters in {name} ({code}), only in {listed}.",
        f"Use one of those, or write your own {name} letters first: "
        f"clientexit templates copy general --lang {code} (then translate the copy).",
    )


def check_custom_key(key: str) -> str:
    """A custom field name usable in templates: lowercase letters, digits and underscores."""
    if key in RESERVED_KEYS:
        raise UsageError(
            f"{key} is managed by clientexit and cannot be set by hand.", RESERVED_KEYS[key]
        )
    if not _CUSTOM_KEY.match(key):
        raise UsageError(
            f"{key!r} is not a usable field name.",
            "Use lowercase letters, digits and underscores, starting with a letter "
            "(e.g. po_number).",
        )
    from clientexit.secretcheck import refuse_credential_name

    return refuse_credential_name(key)


def parse_client_assignments(
    items: list[str],
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """``KEY=VALUE`` items as (known fields, validated; custom fields). ``KEY=`` with nothing
    after the = clears the field: its value is None (status, always needed, cannot be cleared).
    No value may hold a credential, and no custom field may be named for one (wifi_password...)."""
    from clientexit.secretcheck import refuse_secrets

    known: dict[str, Any] = {}
    custom: dict[str, str | None] = {}
    for item in items:
        key, raw = parse_assignment(item)
        empty = not raw.strip()
        if key in CLIENT_FIELDS:
            if empty and key in REQUIRED_FIELDS:
                raise UsageError(
                    f"{key} cannot be cleared: a client always has one.",
                    f"Set it instead: {key}=VALUE ({CLIENT_FIELDS[key].help}).",
                )
            known[key] = None if empty else parse_field(CLIENT_FIELDS, key, raw)
        else:
            name = check_custom_key(key)
            custom[name] = None if empty else refuse_secrets(raw, f"The {key} value")
    return known, custom


def parse_assignment(text: str) -> tuple[str, str]:
    """Split ``KEY=VALUE``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(
            f"{text!r} is not KEY=VALUE.", "Example: clientexit client set acme rate=95"
        )
    return key.strip(), value
