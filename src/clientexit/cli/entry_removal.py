"""``log CLIENT remove ID`` and ``deliverable CLIENT remove ID``: an entry made by mistake leaves
the record, and is kept in the file's ``[[corrections]]`` (app/entries.py and
record/entry_changes.py do it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit.record.model import Client

WHAT = {"incidents": "log entry", "deliverables": "deliverable"}
ReasonOpt = Annotated[
    str | None,
    typer.Option(help="remove: why (kept with the entry in [[corrections]]).", metavar="TEXT"),
]


def run(
    ctx: typer.Context, name: str, table: str, which: str, reason: str | None, json_out: bool
) -> None:
    """Remove the entry ``which`` of ``table`` from client ``name``, saying why."""
    from clientexit import timeline
    from clientexit.app import entries

    done = entries.remove(paths(ctx), name, table, which, reason or "", timeline.now())
    gone = done.removed
    if json_out:
        emit_json(
            {"client": done.slug, "name": done.name, "removed": gone.entry, "reason": gone.reason}
        )
    else:
        note(
            f"{done.name}: {WHAT[table]} {gone.id} ({gone.label}) removed; it is kept in the "
            "file's [[corrections]]."
        )


def mention_removed(client: Client, table: str) -> None:
    """After a listing: how many entries were removed by mistake, and where they are kept."""
    from clientexit.record import entry_changes

    count = len(entry_changes.removed(client, table))
    if count:
        entries = "entry removed by mistake is" if count == 1 else "entries removed by mistake are"
        note(f"{count} {entries} kept in the file's [[corrections]].")
