"""clientexit client add | list | show | set | archive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.record.model import Client

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import broken_files, emit_json, note, paths

client_app = typer.Typer(
    help="Add, list, show and change client records.",
    epilog='Example: clientexit client add "Acme Ltd" --email ops@acme.example --rate 85',
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(client_app, name="client")


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Add it even if an existing client's name is this one written differently."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


NewNameArg = Annotated[
    str, typer.Argument(help="The client's name, as you write it.", metavar="NAME")
]
ContactOpt = Annotated[str | None, typer.Option(help="The person you write to.", metavar="NAME")]
EmailOpt = Annotated[str | None, typer.Option(help="Their email address.", metavar="EMAIL")]
RateOpt = Annotated[str | None, typer.Option(help="Your hourly rate for them.", metavar="AMOUNT")]
CurrencyOpt = Annotated[
    str | None, typer.Option(help="Currency code, e.g. EUR.", metavar="CURRENCY")
]
NoticeDaysOpt = Annotated[str | None, typer.Option(help="Notice period in days.", metavar="DAYS")]
StartedOpt = Annotated[
    str | None, typer.Option(help="First day of work, YYYY-MM-DD.", metavar="DATE")
]
ProjectOpt = Annotated[str | None, typer.Option(help="What you do for them.", metavar="PROJECT")]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        help="Letter language: en, tr, cs.", metavar="LANG", autocompletion=completion.languages
    ),
]
EngagementOpt = Annotated[
    str | None, typer.Option(help="ongoing or project.", metavar="ongoing|project")
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Any other field, KEY=VALUE (repeatable).", metavar="KEY=VALUE"),
]


@client_app.command("add")
def add(
    ctx: typer.Context,
    name: NewNameArg,
    contact: ContactOpt = None,
    email: EmailOpt = None,
    rate: RateOpt = None,
    currency: CurrencyOpt = None,
    notice_days: NoticeDaysOpt = None,
    started: StartedOpt = None,
    project: ProjectOpt = None,
    language: LanguageOpt = None,
    engagement: EngagementOpt = None,
    set_: SetOpt = None,
    force: ForceOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Add a client. A name that is an existing client's written differently ("ACME Ltd."
    beside "Acme Ltd") is asked about on a terminal and refused off one, unless --force.

    \b
    Examples:
      clientexit client add "Zelená Louka s.r.o." --contact "Jana Nováková" --language cs
      clientexit client add "Acme Ltd" --email ops@acme.example --rate 85 --notice-days 14
    """
    from clientexit import clients
    from clientexit.fields import CLIENT_FIELDS, parse_client_assignments, parse_field

    given = {
        "contact": contact,
        "email": email,
        "rate": rate,
        "currency": currency,
        "notice_days": notice_days,
        "started": started,
        "project": project,
        "language": language,
        "engagement": engagement,
    }
    values: dict[str, object] = {
        key: parse_field(CLIENT_FIELDS, key, raw) for key, raw in given.items() if raw is not None
    }
    known, custom = parse_client_assignments(set_ or [])
    values.update(known)  # KEY= (None) leaves the field out
    _check_language(ctx, values)
    if any(value is not None for value in custom.values()):
        values["custom"] = {key: value for key, value in custom.items() if value is not None}
    if not force:
        _refuse_twin(paths(ctx), name)
    record = clients.create(paths(ctx), name, values)
    if json_out:
        emit_json(_as_json(record))
    else:
        note(f"Added {record.name} ({record.slug}) in {record.path}.")


def _refuse_twin(where: Paths, name: str) -> None:
    """A name that folds to an existing client's: asked about on a terminal (no: Cancelled),
    an error off one."""
    from clientexit import clients
    from clientexit._errors import Cancelled, UsageError
    from clientexit.cli import _common

    twins = clients.folded_twins(where, name)
    if not twins:
        return
    label = f"{clients.load(where, twins[0]).name} ({twins[0]})"
    if _common.interactive():
        if not _common.ask_twin(name, label):
            raise Cancelled()
        return
    raise UsageError(
        f"{name!r} is the name of {label} written differently.",
        f"Use that client, or add a separate one with: clientexit client add "
        f"{_common.shell_quote(name)} --force",
    )


@client_app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include archived clients.")] = False,
    status: Annotated[str | None, typer.Option(help="Only this status.", metavar="STATUS")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List clients (archived ones with --all).

    \b
    Examples:
      clientexit client list
      clientexit client list --json | jq '.[].name'
    """
    from clientexit import timeline
    from clientexit.cli._common import status_filter, warn_conflict_copies
    from clientexit.clients import load_book

    status = status_filter(status)
    records = load_book(paths(ctx), include_archived=all_, broken=broken_files(ctx), rows=False)
    warn_conflict_copies(paths(ctx))
    today = timeline.today()
    # The status as of today, as in `clients`: an ending client whose end date has passed is former.
    listed = [r for r in records if not status or r.status_on(today) == status]
    if json_out:
        # One row at a time: a book of 50,000 never holds them all beside its summaries.
        emit_json(
            {
                "client": r.slug,
                "slug": r.slug,
                "name": r.name,
                "status": r.status_on(today),
                "contact": r.contact,
                "email": r.email,
                "archived": r.archived,
            }
            for r in listed
        )
        return
    if not listed:
        if status:
            note(f"No clients with status {status}.")
        elif not broken_files(ctx):  # else: the warnings say why
            note("No clients yet. Add one with: clientexit client add NAME")
        return
    from clientexit.cli.client_view import print_list

    print_list(listed, today)


@client_app.command("show")
def show(ctx: typer.Context, name: NameArg, json_out: JsonOpt = False) -> None:
    """Show everything recorded about a client.

    \b
    Example:
      clientexit client show "Zelená Louka s.r.o."
    """
    from clientexit import clients

    record = clients.load(paths(ctx), name)
    if json_out:
        emit_json(_as_json(record))
        return
    from clientexit import config
    from clientexit.cli.client_view import print_record

    print_record(record, config.load_profile(paths(ctx)))


@client_app.command("set")
def set_fields(
    ctx: typer.Context,
    name: NameArg,
    assignments: Annotated[
        list[str], typer.Argument(help="Fields to change, e.g. rate=95.", metavar="KEY=VALUE...")
    ],
    json_out: JsonOpt = False,
) -> None:
    """Change fields of a client. Known fields are checked; other keys become custom fields.
    KEY= with nothing after the = clears a field (status excepted: a client always has one).

    \b
    Examples:
      clientexit client set acme-ltd rate=95 notice_days=14
      clientexit client set acme-ltd po_number=PO-7731   (custom: usable in templates)
      clientexit client set acme-ltd email=              (clears the email address)
    """
    from clientexit import timeline
    from clientexit.app import client
    from clientexit.fields import parse_client_assignments

    known, custom = parse_client_assignments(assignments)
    _check_language(ctx, known)
    record = client.set_fields(paths(ctx), name, known, custom, timeline.today())
    if json_out:
        emit_json(_as_json(record))
        return
    changed = {**known, **custom}
    done = [", ".join(k for k, v in changed.items() if v is not None)]
    cleared = [k for k, v in changed.items() if v is None]
    if cleared:
        done.append(f"cleared {', '.join(cleared)} (removed from the file)")
    note(f"Updated {record.name}: {'; '.join(d for d in done if d)}.")


def _as_json(record: Client) -> dict[str, object]:
    """A client record for --json: ``client`` is the slug and ``name`` the display name, as in
    every command's JSON."""
    from clientexit import timeline

    paying = record.payment_metrics(timeline.today()).as_dict()
    return {"client": record.slug, "slug": record.slug, **record.fields(), "payments": paying}


@client_app.command("archive")
def archive(
    ctx: typer.Context,
    name: NameArg,
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived client back.")] = False,
) -> None:
    """Archive a client: hidden from lists, nothing deleted.

    \b
    Example:
      clientexit client archive acme-ltd
    """
    from clientexit.app import client

    label = client.archive(paths(ctx), name, archived=not undo)
    note(f"{'Restored' if undo else 'Archived'} {label}. Its file stays in place.")


def _check_language(ctx: typer.Context, values: dict[str, object]) -> None:
    """A client's language must be one clientexit has letters in (as for init --language)."""
    if values.get("language"):
        from clientexit.letters.languages import letter_language

        values["language"] = letter_language(paths(ctx), str(values["language"]))
