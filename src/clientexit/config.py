"""The freelancer's own profile in config.toml."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from os import PathLike
from typing import TYPE_CHECKING, TypedDict

from clientexit._errors import ClientExitError, DataFileError
from clientexit._paths import Paths
from clientexit._store import edit_toml, read_toml
from clientexit.record import schema

if TYPE_CHECKING:
    from clientexit.record.model import Profile


class Defaults(TypedDict):
    """What a profile is without a config.toml."""

    currency: str
    rate: float
    notice_days: int
    language: str


DEFAULTS: Defaults = {
    "currency": "EUR",
    "rate": 75.0,
    "notice_days": 30,
    "language": "en",
}


# The vocabulary lives in the schema; named here too because the commands import it from config.
STATUSES = schema.STATUSES


def _checked(
    values: Mapping[str, object],
    fields: Mapping[str, schema.Field],
    file: str,
    fix: Callable[[str, str], str],
) -> dict[str, object]:
    """The values with the known fields normalised (schema rules: "eur" -> "EUR"); a wrong one
    is a DataFileError naming ``file``, the key, what it must be and what to write instead."""
    problem = schema.check_values(values, fields)
    if problem is not None:
        raise DataFileError(
            problem.message(file),
            f"Write it like {problem.example}{fix(problem.key, problem.example)}; clientexit "
            "has left the file unchanged.",
        )
    return schema.normalised(values, fields)


def load_profile(paths: Paths) -> Profile:
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

        profile.update(
            _checked(read_toml(paths.config), schema.PROFILE_FIELDS, str(paths.config), fix)
        )
    profile.pop("schema_version", None)
    from clientexit.record.model import Profile  # the model only when a profile is read

    return Profile.from_data(profile)


def check_client(data: Mapping[str, object], path: str | PathLike[str]) -> None:
    """Raise DataFileError, naming the client file, if a known field in it breaks its rule in
    the schema (the rule `client set` applies too), or a value in its [[deliverables]],
    [[incidents]] or [[assessments]] that clientexit reads is not usable."""
    slug = getattr(path, "stem", "CLIENT")

    def fix(key: str, example: str) -> str:
        value = example.partition(" = ")[2].strip('"')
        return f" (or run: clientexit client set {slug} {key}={value})"

    _checked(data, schema.CLIENT_FIELDS, str(path), fix)
    if "name" in data:
        try:
            schema.client_name(data["name"])
        except schema.Invalid as exc:
            raise DataFileError(
                f"{path}: name = {schema.shown(data['name'])} is not valid: name {exc}.",
                'Write it like name = "Acme Ltd"; clientexit has left the file unchanged.',
            ) from None
    _check_dates(data, str(path))
    if "custom" in data and not isinstance(data["custom"], Mapping):
        raise DataFileError(
            f"{path}: custom = {schema.shown(data['custom'])} is not a table of your own fields.",
            'Write them as a [custom] table (e.g. [custom] then po_number = "PO-1"), or set '
            f"one with: clientexit client set {slug} KEY=VALUE; clientexit has left the file "
            "unchanged.",
        )
    if data.get("hours") is not None or data.get("rate_changes") is not None:
        # The only keys hours.check reads; most files have neither, and need not import it.
        from clientexit.record import hours

        hours.check(data, path)
    for group in schema.ENTRY_RULES:
        if data.get(group) is not None:
            _check_entries(group, data[group], str(path))


def _check_dates(data: Mapping[str, object], file: str) -> None:
    found = schema.implausible_date(data)
    if found is not None:
        from clientexit.timeline import FIRST_DAY, LAST_DAY

        key, value = found
        raise DataFileError(
            f"{file}: {key} = {schema.shown(value)} is outside the dates clientexit works with "
            f"({FIRST_DAY.year} to {LAST_DAY.year}).",
            "Check the year (entries of a list are counted from 1); clientexit has left the "
            "file unchanged.",
        )


def _check_entries(group: str, entries: object, file: str) -> None:
    key, check, example = schema.ENTRY_RULES[group]
    unchanged = "clientexit has left the file unchanged."
    if not isinstance(entries, list):
        raise DataFileError(
            f"{file}: {group} is not a list of [[{group}]] tables.",
            f"Write each entry as a [[{group}]] table; {unchanged}",
        )
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            raise DataFileError(
                f"{file}: entry {index} of {group} is {schema.shown(entry)}, not a table.",
                f"Write it as a [[{group}]] table; {unchanged}",
            )
        if key not in entry:
            continue
        try:
            check(entry[key])
        except schema.Invalid as exc:
            raise DataFileError(
                f"{file}: [[{group}]] entry {index}: {key} = {schema.shown(entry[key])} is not "
                f"valid: {key} {exc}.",
                f"Write it like {example}; {unchanged}",
            ) from None


def require_profile(paths: Paths) -> Profile:
    """The profile, which must at least name the freelancer (letters are signed with it)."""
    profile = load_profile(paths)
    if not profile.name:
        raise ClientExitError(
            f"No profile in {paths.config}.",
            'Create one with: clientexit init --name "Your Name" --email you@example.com --yes',
        )
    return profile


def update_profile(paths: Paths, values: dict[str, object]) -> Profile:
    """Set the given profile values, keeping every other key and comment in config.toml."""
    with edit_toml(paths.config, create=True) as doc:
        for key, value in values.items():
            if value is not None:
                doc[key] = value
    return load_profile(paths)
