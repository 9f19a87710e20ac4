"""clientexit handover: the offboarding checklist for one client, and its progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import Conflict, refuse_conflicts

if TYPE_CHECKING:
    import datetime as dt

    from clientexit._paths import Paths
    from clientexit.handover.checklist import Checklist


def register(app: typer.Typer) -> None:
    app.command("handover")(handover)


def _split(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in value.replace(",", " ").split()]


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
DoneOpt = Annotated[
    list[str] | None,
    typer.Option("--done", help="Mark items done (repeatable, or comma-separated).", metavar="ID"),
]
UndoOpt = Annotated[
    list[str] | None, typer.Option("--undo", help="Mark items not done again.", metavar="ID")
]
NoteOpt = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--note",
        help="Note on an item: what was handed over and where it lives now (never a secret). "
        "An empty TEXT removes the note.",
        metavar="ID TEXT",
    ),
]
InteractiveOpt = Annotated[
    bool, typer.Option("--interactive", "-i", help="Tick items off in a checklist prompt.")
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="markdown to share with the client (default: text).",
        metavar="text|markdown",
    ),
]
OutOpt = Annotated[
    str | None,
    typer.Option("--out", help="Write the Markdown to FILE (- for stdout).", metavar="FILE"),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Checklist language: en, tr, cs.", metavar="LANG", autocompletion=completion.languages
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def handover(
    ctx: typer.Context,
    name: NameArg,
    done: DoneOpt = None,
    undo: UndoOpt = None,
    note: NoteOpt = None,
    interactive: InteractiveOpt = False,
    format_: FormatOpt = None,
    out: OutOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show a client's handover checklist and record progress on it.

    Items adapt to the client: unpaid invoices, an abusive or non-paying exit. Due dates count
    from the end date. Progress is kept in the client's file under [handover.items.ID].

    \b
    Examples:
      clientexit handover halvorsen-freight
      clientexit handover halvorsen-freight --done deliverables-gather,transition-status
      clientexit handover halvorsen-freight --note access-ownership "GitHub org owner is Erik now"
      clientexit handover halvorsen-freight --format markdown --out handover.md
    """
    from clientexit import timeline
    from clientexit.app import handover
    from clientexit.cli._common import paths
    from clientexit.config import load_profile

    fmt, out = _output(ctx, format_, out)
    here, day = paths(ctx), timeline.today()
    profile = load_profile(here)

    def current() -> tuple[str, Checklist]:
        return handover.checklist(here, name, profile, day, lang)

    slug, checklist = current()
    changing = bool(done or undo or note or interactive)
    if changing:
        _record(here, slug, checklist, done, undo, note, interactive, day)
        slug, checklist = current()
    _show(slug, checklist, "json" if json_out else fmt, out, changing)


_CONFLICTS = (
    Conflict("json_out", ("format_", "out"), "prints the checklist as JSON"),
    Conflict(
        "format_=text",
        ("out",),
        "prints the checklist to read here",
        "--out writes the Markdown checklist: use --format markdown --out FILE.",
    ),
)


def _output(ctx: typer.Context, format_: str | None, out: str | None) -> tuple[str, str | None]:
    """The format (text unless --format, or Markdown for --out) and the checked output file."""
    from clientexit._errors import UsageError
    from clientexit.cli._common import output_file

    fmt = format_ or ("markdown" if out else "text")
    if fmt not in ("text", "markdown"):
        raise UsageError(f"--format {fmt!r} is not known.", "Use --format text or markdown.")
    refuse_conflicts(ctx, *_CONFLICTS)
    if out and out != "-":
        out = str(output_file(ctx, out, "--out", "handover.md"))
    return fmt, out


def _show(slug: str, checklist: Checklist, fmt: str, out: str | None, changing: bool) -> None:
    """The checklist as JSON, Markdown or a table; after a change in text, only the progress."""
    from clientexit.cli._common import note as say

    if checklist.fell_back:
        say(f"No handover checklist in {checklist.requested_lang!r} yet; using English.")
    if fmt == "json":
        from clientexit.cli._common import emit_json
        from clientexit.handover.export import as_dict

        data = as_dict(checklist)
        emit_json({"client": slug, "name": data.pop("client"), "slug": slug, **data})
    elif fmt == "markdown":
        _markdown(checklist, out)
    elif changing:
        total = str(len(checklist.items))
        say(checklist.label("progress", done=str(checklist.done_count), total=total) + ".")
    else:
        from clientexit.cli.handover_view import print_checklist

        print_checklist(checklist)


def _record(
    here: Paths,
    slug: str,
    checklist: Checklist,
    done: list[str] | None,
    undo: list[str] | None,
    note: tuple[str, str] | None,
    interactive: bool,
    day: dt.date,
) -> None:
    from clientexit.app import handover
    from clientexit.cli._common import note as say
    from clientexit.handover import progress
    from clientexit.record.handover_changes import check_note

    to_do, to_undo = progress.check_change(checklist, _split(done), _split(undo))
    note_id, note_text = (None, "") if note is None else note
    if note_id is not None:
        note_id, note_text = progress.check_ids(checklist, [note_id])[0], check_note(note_text)
    if interactive:
        from clientexit.cli.handover_view import ask_done

        to_do, to_undo = progress.selection(checklist, ask_done(checklist))
    noted = None if note_id is None else (note_id, note_text)
    changed = handover.record_progress(here, slug, to_do, to_undo, noted, day)
    newly, undone = changed.done, changed.undone
    for label, ids in (("marked_done", newly), ("marked_undone", undone)):
        if ids:
            say(checklist.label(label, ids=", ".join(ids)))
    if note_id is not None:
        say(checklist.label("note_saved" if note_text else "note_removed", id=note_id))


def _markdown(checklist: Checklist, out: str | None) -> None:
    from pathlib import Path

    from clientexit.cli._common import note as say
    from clientexit.cli._common import write_output
    from clientexit.handover.markdown import render

    if out is None or out == "-":
        typer.echo(render(checklist), nl=False)
    else:
        write_output(Path(out), render(checklist))
        say(checklist.label("wrote", client=checklist.client, path=out))
