"""clientexit deliverable CLIENT [add | done]: the work you still owe, which letters promise."""

from __future__ import annotations

from typing import Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli import entry_removal
from clientexit.cli._common import emit_json, note, paths

ActionArg = Annotated[
    str | None,
    typer.Argument(
        help="add WHAT, done WHICH or remove WHICH; leave out to list.",
        metavar="[add|done|remove]",
    ),
]
ValueArg = Annotated[
    str | None,
    typer.Argument(
        help="add: what you will deliver; done: its number in the list or its text; "
        "remove: its id (del-...) or number.",
        metavar="WHAT|WHICH",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("deliverable")(deliverable)


def deliverable(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
        ),
    ],
    action: ActionArg = None,
    value: ValueArg = None,
    due: Annotated[
        str | None, typer.Option(help="add: due date, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(help="done: delivery date, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    reason: entry_removal.ReasonOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List what you still owe a client, add a deliverable, mark one delivered, or remove one
    entered by mistake (it is kept in the file's [[corrections]]).

    Termination letters list the open deliverables with their due dates, and the default end
    date is never before the last of them.

    \b
    Examples:
      clientexit deliverable northwind-bakery
      clientexit deliverable northwind-bakery add "Holiday menu landing page" --due 2026-12-05
      clientexit deliverable northwind-bakery done 1 --on 2026-12-04
      clientexit deliverable northwind-bakery done "Holiday menu" --json
      clientexit deliverable northwind-bakery remove 2 --reason "Not part of the contract"
    """
    from clientexit._errors import UsageError

    if action is None and value is None:
        _list(ctx, name, json_out)
    elif action == "add" and value:
        _add(ctx, name, value, due, json_out)
    elif action == "done" and value:
        _done(ctx, name, value, on, json_out)
    elif action == "remove" and value:
        entry_removal.run(ctx, name, "deliverables", value, reason, json_out)
    else:
        given = " ".join(x for x in ("deliverable", name, action, value) if x)
        raise UsageError(
            f"{given!r}: expected add WHAT or done WHICH (or remove WHICH --reason TEXT).",
            'Use: deliverable CLIENT add "WHAT" --due DATE, or deliverable CLIENT done NUMBER.',
        )


def _add(ctx: typer.Context, name: str, what: str, due: str | None, json_out: bool) -> None:
    from clientexit.app import entries
    from clientexit.record.inputs import parse_date

    when = parse_date(due, "--due") if due else None
    stored = entries.add_deliverable(paths(ctx), name, what, when)
    slug, label, entry = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json({"client": slug, "name": label, "number": entry.number, **entry.as_dict()})
    else:
        by = f", due {entry.due}" if entry.due else " (no due date: add --due to promise one)"
        note(f"Added deliverable {entry.number} for {label}: {entry.what}{by}.")


def _done(ctx: typer.Context, name: str, which: str, on: str | None, json_out: bool) -> None:
    from clientexit import timeline
    from clientexit.app import entries
    from clientexit.cli._common import flag_names
    from clientexit.record.inputs import parse_date

    today = timeline.today()
    when = parse_date(on, "--on") if on else today
    with flag_names(ctx):
        stored = entries.deliver(paths(ctx), name, which, when, today)
    slug, label, item = stored.slug, stored.name, stored.entry
    if json_out:
        emit_json({"client": slug, "name": label, "number": item.number, **item.as_dict()})
    else:
        note(f"Deliverable {item.number} for {label} ({item.what}) marked delivered on {when}.")


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
    for d in items:
        state = f"delivered {d.delivered}" if d.delivered else f"due {d.due}" if d.due else "open"
        typer.echo(f"{d.number}. {d.what} ({state})")
