"""Types shared across the package where a library's own types would otherwise leak ``Any``.

``JSONValue`` is what the package hands to ``json.dumps`` (its --json payloads, its caches):
built by us, so typed exactly. ``Document`` is a client document open for editing: tomlkit
types the values of its tables as ``Any``, and this alias is the one place that says so.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any, TypeAlias

JSONValue: TypeAlias = (
    "str | int | float | bool | Sequence[JSONValue] | Mapping[str, JSONValue] | None"
)
JSONObject: TypeAlias = dict[str, JSONValue]

# A tomlkit document, or a table of one: tomlkit's __getitem__ returns Any.
Document: TypeAlias = MutableMapping[str, Any]  # Any: tomlkit
