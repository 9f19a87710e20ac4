"""clientexit deliverable CLIENT [add | done]: the work you still owe, which letters promise."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import emit_json, note, paths


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
    action: Annotated[
        str | None,
        typer.Argument(help="add WHAT, or done WHICH; leave out to list.", metavar="[add|done]"),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            help="add: what you will deliver; done: its number in the list or its text.",
            metavar="WHAT|WHICH",
        ),
    ] = None,
    due: Annotated[
        str | None, typer.Option(help="add: due date, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(help="done: delivery date, YYYY-MM-DD (default today).", metavar="DATE"),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List what you still owe a client, add a deliverable, or mark one delivered.

    Termination letters list the open deliverables with their due dates, and the default end
    date is never before the last of them.

    \b
    Examples:
      clientexit deliverable northwind-bakery
      clientexit deliverable northwind-bakery add "Holiday menu landing page" --due 2026-12-05
      clientexit deliverable northwind-bakery done 1 --on 2026-12-04
      clientexit deliverable northwind-bakery done "Holiday menu" --json
    """
    from clientexit._errors import UsageError

    if action is None and value is None:
        _list(ctx, name, json_out)
    elif action == "add" and value:
        _add(ctx, name, value, due, json_out)
    elif action == "done" and value:
        _done(ctx, name, value, on, json_out)
    else:
        given = " ".join(x for x in ("deliverable", name, action, value) if x)
        raise UsageError(
            f"{given!r}: expected add WHAT or done WHICH.",
            'Use: deliverable CLIENT add "WHAT" --due DATE, or deliverable CLIENT done NUMBER.',
        )


def _add(ctx: typer.Context, name: str, what: str, due: str | None, json_out: bool) -> None:
    from clientexit import clients
    from clientexit.record import deliverables
    from clientexit.record.inputs import parse_date

    when = parse_date(due, "--due") if due else None
    slug = clients.resolve(paths(ctx), name)
    with clients.edit(paths(ctx), slug) as doc:
        entry = deliverables.new_deliverable(what, when, len(doc.get("deliverables") or []))
        entry = replace(entry, id=clients.append_entry(doc, "deliverables", entry.as_dict()) or "")
        label = str(doc.get("name"))
    if json_out:
        emit_json({"client": slug, "name": label, "number": entry.number, **entry.as_dict()})
    else:
        by = f", due {entry.due}" if entry.due else " (no due date: add --due to promise one)"
        note(f"Added deliverable {entry.number} for {label}: {entry.what}{by}.")


def _done(ctx: typer.Context, name: str, which: str, on: str | None, json_out: bool) -> None:
    from clientexit import clients, timeline
    from clientexit.cli._common import flag_names
    from clientexit.record import deliverables
    from clientexit.record.inputs import parse_date

    today = timeline.today()
    with flag_names(ctx):
        when = deliverables.mark_delivered(parse_date(on, "--on") if on else today, today)
    slug = clients.resolve(paths(ctx), name)
    with clients.edit(paths(ctx), slug) as doc:
        index = deliverables.find_open(doc.get("deliverables") or [], which)
        doc["deliverables"][index]["delivered"] = when
        item = deliverables.deliverables(doc)[index]
        label = str(doc.get("name"))
    if json_out:
        emit_json({"client": slug, "name": label, "number": item.number, **item.as_dict()})
    else:
        note(f"Deliverable {item.number} for {label} ({item.what}) marked delivered on {when}.")


def _list(ctx: typer.Context, name: str, json_out: bool) -> None:
    from clientexit import clients
    from clientexit.record import deliverables

    record = clients.load(paths(ctx), name)
    items = deliverables.deliverables(record.data)
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
    if not items:
        note(
            f"No deliverables for {record.name} yet: letters will ask the client for the list. "
            f'Add one: clientexit deliverable {record.slug} add "WHAT" --due DATE'
        )
        return
    for d in items:
        state = f"delivered {d.delivered}" if d.delivered else f"due {d.due}" if d.due else "open"
        typer.echo(f"{d.number}. {d.what} ({state})")
