"""Command-line input for the known fields of a client record and of the profile.

The fields and their rules are the schema's (record/schema.py): a value typed here is judged by
the same rule as one written into the file by hand. This module adds what only concerns typed
input: ``KEY=VALUE`` parsing, custom field names, keys clientexit manages itself, and error
messages that name the key as typed.
"""

from __future__ import annotations

import re

from clientexit._errors import UsageError
from clientexit.record import schema

Field = schema.Field
CLIENT_FIELDS: dict[str, Field] = schema.CLIENT_FIELDS
PROFILE_FIELDS: dict[str, Field] = schema.PROFILE_FIELDS

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
    "deliverables": 'Use: clientexit deliverable CLIENT add "WHAT" --due DATE.',
    "incidents": 'Use: clientexit log CLIENT add "what happened".',
    "invoices": "Use: clientexit invoice CLIENT add NUMBER AMOUNT, or paid NUMBER.",
    "handover": "Use: clientexit handover CLIENT --done ID.",
    "lifecycle": "Use: clientexit end CLIENT --by me|client --reason TEXT.",
    "history": "clientexit keeps it.",
}
# Known fields that always have a value: `client set KEY=` (empty) clears every other one.
REQUIRED_FIELDS = ("status",)
_CUSTOM_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def parse_field(fields: dict[str, Field], key: str, raw: str) -> object:
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
) -> tuple[dict[str, object], dict[str, str | None]]:
    """``KEY=VALUE`` items as (known fields, validated; custom fields). ``KEY=`` with nothing
    after the = clears the field: its value is None (status, always needed, cannot be cleared).
    No value may hold a credential, and no custom field may be named for one (wifi_password...)."""
    from clientexit.secretcheck import refuse_secrets

    known: dict[str, object] = {}
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
