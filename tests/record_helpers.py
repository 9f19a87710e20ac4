"""Tests write client files' data as dicts; the features take the typed record. These read a
dict as the record does (``Client.from_data``), so a test says what the file holds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clientexit.record.model import Client, Profile
from clientexit.record.summary import Summary


def client(data: Mapping[str, Any], slug: str = "") -> Client:
    """The record of a client file holding ``data``."""
    return Client.from_data(slug or str(data.get("name", "")), data)


def summaries(pairs: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Summary]:
    """The summaries listings read, for ``(slug, data)`` pairs."""
    return [Summary.of(client(data, slug)) for slug, data in pairs]


def listed(records: Iterable[Mapping[str, Any]]) -> list[Summary]:
    """The summaries listings read, for client files' data (each slug its name)."""
    return [Summary.of(client(data)) for data in records]


def profile(data: Mapping[str, Any] | None = None) -> Profile:
    """The profile of a config.toml holding ``data`` (defaults where it says nothing)."""
    return Profile.from_data(data or {})
