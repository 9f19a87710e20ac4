"""Tracked hours of one client: which entries are its own."""

from __future__ import annotations

from collections.abc import Iterable

from clientexit._paths import Paths


def change_mapping(
    paths: Paths,
    name: str,
    match: Iterable[str],
    unbilled_tags: Iterable[str],
    remove: Iterable[str],
) -> None:
    """Add patterns and unbilled tags to the client's ``[hours]`` and take ``remove`` out, in one
    change of its file (a name to remove it does not hold is a UsageError: nothing changes)."""
    from clientexit import clients
    from clientexit.record import hours_changes

    with clients.edit(paths, name) as doc:
        hours_changes.change_mapping(doc, match, unbilled_tags, remove)
