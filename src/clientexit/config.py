"""The freelancer's own profile in config.toml."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from os import PathLike
from typing import Any

from clientexit._errors import ClientExitError, DataFileError
from clientexit._paths import Paths
from clientexit._store import edit_toml, read_toml

DEFAULTS: dict[str, Any] = {
    "currency": "EUR",
    "rate": 75.0,
    "notice_days": 30,
    "language": "en",
}


def _above_zero(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError
    if value <= 0:
        raise ValueError
    return float(value)


def _zero_or_more(value: Any) -> float:
    return 0.0 if value == 0 and not isinstance(value, bool) else _above_zero(value)


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
        raise ValueError
    return value


def _currency(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError
    return value.strip().upper()


# Here rather than in fields: every command imports config, and importing fields costs ~4 ms.
STATUSES = ("active", "at-risk", "ending", "former")


def _status(value: Any) -> str:
    if value not in STATUSES:
        raise ValueError
    return str(value)


# Typed values of config.toml and of client files: the check, what the value must be, an example.
_Rules = dict[str, tuple[Callable[[Any], Any], str, str]]
_RULES: _Rules = {
    "rate": (_above_zero, "a number above 0, without quotes", "rate = 85.0"),
    "notice_days": (_days, "a whole number of days from 0 to 365", "notice_days = 30"),
    "currency": (_currency, "a three-letter ISO currency code", 'currency = "EUR"'),
}
_CLIENT_RULES: _Rules = {
    **_RULES,
    "rate": (_zero_or_more, "a number of 0 or more, without quotes", "rate = 85.0"),
    "target_rate": (_above_zero, "a number above 0, without quotes", "target_rate = 85.0"),
    "status": (_status, f"one of {', '.join(STATUSES)}", 'status = "active"'),
}


def _checked(
    values: Mapping[str, Any],
    rules: _Rules,
    file: str,
    fix: Callable[[str, str], str],
) -> dict[str, Any]:
    """The values with the ruled ones normalised; a wrong one is a DataFileError naming ``file``,
    the key, what it must be and what to write instead."""
    checked = dict(values)
    for key, (check, what, example) in rules.items():
        if key not in values:
            continue
        try:
            checked[key] = check(values[key])
        except ValueError:
            raise DataFileError(
                f"{file}: {key} = {_shown(values[key])} is not valid: {key} must be {what}.",
                f"Write it like {example}{fix(key, example)}; clientexit has left the file "
                "unchanged.",
            ) from None
    return checked


def _shown(value: Any) -> str:
    if not isinstance(value, str):
        return str(value)[:40]
    from clientexit.secretcheck import find_secret

    if find_secret(value):
        return "(a value that looks like a credential)"
    return json.dumps(value[:40], ensure_ascii=False)


def load_profile(paths: Paths) -> dict[str, Any]:
    """The profile with defaults filled in; an absent config.toml gives the defaults.

    rate, notice_days and currency are checked: a wrong one is a DataFileError naming the file
    and the key, never silently replaced by the default.
    """
    profile = dict(DEFAULTS)
    if paths.config.exists():

        def fix(key: str, example: str) -> str:
            option = key.replace("_", "-")
            value = example.partition(" = ")[2].strip('"')
            return f" (or run: clientexit init --{option} {value} --yes)"

        profile.update(_checked(read_toml(paths.config), _RULES, str(paths.config), fix))
    profile.pop("schema_version", None)
    return profile


def check_client(data: Mapping[str, Any], path: str | PathLike[str]) -> None:
    """Raise DataFileError, naming the client file, if a typed value in it (rate, target_rate,
    notice_days, currency, status) is not what clientexit writes, or a value in its
    [[deliverables]], [[incidents]] or [[assessments]] that clientexit reads is not usable."""
    slug = getattr(path, "stem", "CLIENT")

    def fix(key: str, example: str) -> str:
        value = example.partition(" = ")[2].strip('"')
        return f" (or run: clientexit client set {slug} {key}={value})"

    _checked(data, _CLIENT_RULES, str(path), fix)
    for group in ("deliverables", "incidents", "assessments"):
        if data.get(group) is not None:
            _check_entries(group, data[group], str(path))


def _entry_rule(group: str) -> tuple[str, Callable[[Any], bool], str, str]:
    """The key of a ``group`` entry that clientexit checks: is it valid, what it must be, an
    example. Imported only for a file that has such entries."""
    if group == "deliverables":
        return "due", _is_date, "a date, without quotes", "due = 2026-12-15"
    if group == "incidents":
        from clientexit.book.incidents import KINDS

        return "kind", KINDS.__contains__, f"one of {', '.join(KINDS)}", 'kind = "scope"'
    from clientexit.assess.scoring import VERDICTS

    return "verdict", VERDICTS.__contains__, f"one of {', '.join(VERDICTS)}", 'verdict = "repair"'


def _is_date(value: Any) -> bool:
    import datetime as dt

    return isinstance(value, dt.date)


def _check_entries(group: str, entries: Any, file: str) -> None:
    key, valid, what, example = _entry_rule(group)
    unchanged = "clientexit has left the file unchanged."
    if not isinstance(entries, list):
        raise DataFileError(
            f"{file}: {group} is not a list of [[{group}]] tables.",
            f"Write each entry as a [[{group}]] table; {unchanged}",
        )
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            raise DataFileError(
                f"{file}: entry {index} of {group} is {_shown(entry)}, not a table.",
                f"Write it as a [[{group}]] table; {unchanged}",
            )
        if key in entry and not valid(entry[key]):
            raise DataFileError(
                f"{file}: [[{group}]] entry {index}: {key} = {_shown(entry[key])} is not valid: "
                f"{key} must be {what}.",
                f"Write it like {example}; {unchanged}",
            )


def require_profile(paths: Paths) -> dict[str, Any]:
    """The profile, which must at least name the freelancer (letters are signed with it)."""
    profile = load_profile(paths)
    if not profile.get("name"):
        raise ClientExitError(
            f"No profile in {paths.config}.",
            'Create one with: clientexit init --name "Your Name" --email you@example.com --yes',
        )
    return profile


def update_profile(paths: Paths, values: dict[str, Any]) -> dict[str, Any]:
    """Set the given profile values, keeping every other key and comment in config.toml."""
    with edit_toml(paths.config, create=True) as doc:
        for key, value in values.items():
            if value is not None:
                doc[key] = value
    return load_profile(paths)


def currency_for(client: Mapping[str, Any], profile: Mapping[str, Any] | None = None) -> str:
    """The currency a client is billed in: its own, else the profile's, else EUR."""
    for source in (client, profile or {}):
        if source.get("currency"):
            # Files are checked for a three-letter code; "eur" written by hand is still EUR.
            return str(source["currency"]).strip().upper()
    return str(DEFAULTS["currency"])
