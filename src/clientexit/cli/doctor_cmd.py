"""clientexit doctor: what could lose a change in the data folder, and the repair."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit.history.copies import Copy, CopyMerged


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)


MergeOpt = Annotated[
    bool,
    typer.Option(
        "--merge-conflicts",
        help="Merge the conflict copies a synced folder left in clients/ into their files.",
    ),
]
ConfirmOpt = Annotated[
    bool,
    typer.Option(
        "--confirm", help="With --merge-conflicts: the merge is right; delete the copies."
    ),
]
KeepOpt = Annotated[
    str | None,
    typer.Option(
        "--keep",
        help="With --merge-conflicts: where a value differs, keep the file's (mine) or the "
        "copy's (theirs).",
        metavar="mine|theirs",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def doctor(
    ctx: typer.Context,
    merge_conflicts: MergeOpt = False,
    confirm: ConfirmOpt = False,
    keep: KeepOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Find what could lose a change: conflict copies left by Dropbox, Syncthing or Nextcloud
    in clients/, and the history's state; --merge-conflicts merges the copies.

    The merge joins invoices, incidents, deliverables and letters by their ids, keeps what only
    one side has, and names every value the two hold differently. The copies stay until you
    confirm the merge (--confirm), so nothing is lost if it is not what you expected.

    \b
    Examples:
      clientexit doctor
      clientexit doctor --merge-conflicts
      clientexit doctor --merge-conflicts --keep theirs --confirm
    """
    from clientexit._errors import UsageError
    from clientexit.history import copies

    if keep is not None and keep not in ("mine", "theirs"):
        raise UsageError(
            f"--keep {keep} is not mine or theirs.", "Write --keep mine or --keep theirs."
        )
    if (confirm or keep) and not merge_conflicts:
        raise UsageError(
            "--confirm and --keep go with --merge-conflicts.", "Add --merge-conflicts."
        )
    found = copies.find(paths(ctx).clients)
    if not merge_conflicts:
        _report(ctx, found, json_out)
        return
    if not found:
        note("No conflict copies in clients/: nothing to merge.")
        if json_out:
            emit_json([])
        return
    results = [copies.merge_copy(copy, keep=keep, confirm=confirm) for copy in found]
    if json_out:
        emit_json([_merged_json(r) for r in results])
        return
    for result in results:
        _print_merged(result)
    if not confirm:
        note(
            "The copies are kept. Check the result (clientexit client show CLIENT), then delete "
            "them with: clientexit doctor --merge-conflicts --confirm"
        )


def _report(ctx: typer.Context, found: list[Copy], json_out: bool) -> None:
    from clientexit.history import is_on

    home = paths(ctx).home
    if json_out:
        emit_json(
            {
                "history": is_on(home),
                "conflict_copies": [
                    {"copy": c.path.name, "client": c.slug, "tool": c.tool} for c in found
                ],
            }
        )
        return
    history = "on (clientexit history)" if is_on(home) else "off (clientexit history init)"
    note(f"History: {history}.")
    if not found:
        note("No conflict copies in clients/.")
        return
    for copy in found:
        note(f"Conflict copy ({copy.tool}) of {copy.slug}: {copy.path.name}")
    note("Merge them with: clientexit doctor --merge-conflicts")


def _merged_json(result: CopyMerged) -> dict[str, object]:
    return {
        "copy": result.copy.path.name,
        "client": result.copy.slug,
        "brought": result.changed,
        "conflicts": [c.sentence("in the copy", "in the file") for c in result.conflicts],
        "copy_deleted": result.removed,
    }


def _print_merged(result: CopyMerged) -> None:
    copy = result.copy
    brought = "; ".join(result.changed) if result.changed else "nothing new"
    note(f"{copy.path.name} merged into {copy.original.name}: {brought}.")
    for conflict in result.conflicts:
        note(f"  differs: {conflict.sentence('in the copy', 'in the file')}")
    if result.removed:
        note(f"  {copy.path.name} deleted.")
