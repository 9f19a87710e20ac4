"""The freelancer's own profile in config.toml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clientexit._errors import ClientExitError
from clientexit._paths import Paths
from clientexit._store import edit_toml, read_toml

DEFAULTS: dict[str, Any] = {
    "currency": "EUR",
    "rate": 75.0,
    "notice_days": 30,
    "language": "en",
}


def load_profile(paths: Paths) -> dict[str, Any]:
    """The profile with defaults filled in; an absent config.toml gives the defaults."""
    profile = dict(DEFAULTS)
    if paths.config.exists():
        profile.update(read_toml(paths.config))
    profile.pop("schema_version", None)
    return profile


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
            return str(source["currency"])
    return str(DEFAULTS["currency"])
