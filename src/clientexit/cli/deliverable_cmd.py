"""clientexit deliverable CLIENT list | add | done: the work you owe, which letters promise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli import entry_removal
from clientexit.cli._common import day, emit_json, note, paths
from clientexit.cli._grammar import ClientGroup, client_arg

if TYPE_CHECKING:
    from clientexit.record.model import Profile

deliverable_app = typer.Typer(
    cls=ClientGroup,
    help="What you still owe a client: list it, add a deliverable, mark one delivered, or "
    "remove one entered by mistake (kept in the file's [[corrections]]). "
    "Termination letters list the open deliverables with their due dates, and the default end "
    "date is never before the last of them.",
    epilog=(
        "\b\nExamples:\n"
        "  clientexit deliverable northwind-bakery list\n"
        '  clientexit deliverable northwind-bakery add "Holiday menu landing page" '
        "--due 2026-12-05\n"
        "  clientexit deliverable northwind-bakery done 1 --on 2026-12-04"
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    app.add_typer(deliverable_app, name="deliverable")


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@deliverable_app.callback()
def _client(name: NameArg) -> None:
    """The client the deliverables are owed to (the sub-commands read it)."""


@deliverable_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List the deliverables, numbered, open and delivered.

    \b
    Examples:
      clientexit deliverable northwind-bakery list
      clientexit deliverable northwind-bakery list --json
    """
    _list(ctx, client_arg(ctx), json_out)


@deliverable_app.command("add")
def add(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="What you will deliver.", metavar="WHAT")],
    due: Annotated[
        str | None, typer.Option(help="The due date, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add a deliverable you owe, with the day you promised it.

    \b
    Examples:
      clientexit deliverable northwind-bakery add "Holiday menu landing page" --due 2026-12-05
    """
    _add(ctx, client_arg(ctx), what, due, json_out)


@deliverable_app.command("done")
def done(
    ctx: typer.Context,
    which: Annotated[
        str, typer.Argument(help="Its number in the list, or its text.", metavar="WHICH")
    ],
    on: Annotated[
        str | None,
        typer.Option(help="The delivery date, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Mark a deliverable delivered: letters and the checklist stop counting it as owed.

    \b
    Examples:
      clientexit deliverable northwind-bakery done 1 --on 2026-12-04
      clientexit deliverable northwind-bakery done "Holiday menu" --json
    """
    _done(ctx, client_arg(ctx), which, on, json_out)


@deliverable_app.command("remove")
def remove(
    ctx: typer.Context,
    which: Annotated[
        str, typer.Argument(help="Its id (del-...) or its number in the list.", metavar="WHICH")
    ],
    reason: entry_removal.ReasonOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Remove a deliverable entered by mistake; it is kept in the file's [[corrections]].

    \b
    Examples:
      clientexit deliverable northwind-bakery remove 2 --reason "Not part of the contract"
    """
    entry_removal.run(ctx, client_arg(ctx), "deliverables", which, reason, json_out)


def _add(ctx: typer.Context, name: str, what: str, due: str | None, json_out: bool) -> None:
    from clientexit.app import entries
    from clientexit.record.inputs import parse_date

    when = parse_date(due, "--due") if due else None
    stored = entries.add_deliverable(paths(ctx), name, what, when)
    slug, label, entry = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json({"client": slug, "name": label, "number": entry.number, **entry.as_dict()})
    else:
        due = day(entry.due, _profile(ctx))
        by = f", due {due}" if entry.due else " (no due date: add --due to promise one)"
        note(f"Added deliverable {entry.number} for {label}: {entry.what}{by}.")


def _done(ctx: typer.Context, name: str, which: str, on: str | None, json_out: bool) -> None:
    from clientexit import timeline
    from clientexit.app import entries
    from clientexit.cli._common import day_writer, flag_names
    from clientexit.record.inputs import parse_date

    today = timeline.today()
    when = parse_date(on, "--on") if on else today
    shown = day_writer(ctx)
    with flag_names(ctx):
        stored = entries.deliver(paths(ctx), name, which, when, today, shown)
    slug, label, item = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json({"client": slug, "name": label, "number": item.number, **item.as_dict()})
    else:
        on_day = shown(when)
        note(f"Deliverable {item.number} for {label} ({item.what}) marked delivered on {on_day}.")


def _list(ctx: typer.Context, name: str, json_out: bool) -> None:
    from clientexit import clients

    record = clients.load(paths(ctx), name)
    items = record.deliverables
    if json_out:
        emit_json(
            {
                "client": record.slug,
                "name": record.name,
                "deliverables": [{"number": d.number, **d.as_dict()} for d in items],
                "open": sum(1 for d in items if d.delivered is None),
            }
        )
        return
    entry_removal.mention_removed(record, "deliverables")
    if not items:
        note(
            f"No deliverables for {record.name} yet: letters will ask the client for the list. "
            f'Add one: clientexit deliverable {record.slug} add "WHAT" --due DATE'
        )
        return
    profile = _profile(ctx)
    for d in items:
        state = (
            f"delivered {day(d.delivered, profile)}"
            if d.delivered
            else f"due {day(d.due, profile)}"
            if d.due
            else "open"
        )
        typer.echo(f"{d.number}. {d.what} ({state})")


def _profile(ctx: typer.Context) -> Profile:
    """The profile whose date style the deliverables are shown in (cli._common.day)."""
    from clientexit import config

    return config.load_profile(paths(ctx))
