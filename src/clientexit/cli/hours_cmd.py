"""clientexit hours import | map | [show]: hours from time trackers, turned into rates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import emit_json, paths

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.cli._click import CompletionItem
    from clientexit.cli._click import Context as ClickContext
    from clientexit.hours.entries import Parsed, ReadOptions
    from clientexit.hours.mapping import Rule


class _HoursGroup(typer.core.TyperGroup):
    """`hours CLIENT` is `hours show CLIENT`: a first word that is no subcommand is a client."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: ClickContext, incomplete: str) -> list[CompletionItem]:
        """The subcommands, and the clients (`hours CLIENT` shows one)."""
        from clientexit.cli._click import CompletionItem

        items = super().shell_complete(ctx, incomplete)
        for value, help_text in completion.clients(ctx, incomplete):
            items.append(CompletionItem(value, help=help_text))
        return items


hours_app = typer.Typer(
    cls=_HoursGroup,
    help="Hours from your time tracker: billed and unbilled, and the rate they really make. "
    "`clientexit hours CLIENT` is short for `clientexit hours show CLIENT`.",
    epilog="Example: clientexit hours import ~/.config/watson/frames && clientexit hours acme",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(hours_app, name="hours")


ClientArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="The export to read, - for standard input (default: Watson's frames file).",
        metavar="FILE",
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="watson, timewarrior, toggl, clockify, harvest or timeclock "
        "(default: told from the content).",
        metavar="FORMAT",
    ),
]
ClientOpt = Annotated[
    str | None,
    typer.Option(
        help="Count every entry for this client (no mapping used).",
        metavar="CLIENT",
        autocompletion=completion.clients,
    ),
]
DateOrderOpt = Annotated[
    str | None,
    typer.Option(
        "--date-order",
        help="dmy or mdy: how the file's slashed dates are written, when no date in it has a "
        "day over 12 to tell (a file that proves the other order is refused).",
        metavar="dmy|mdy",
    ),
]
RebuildOpt = Annotated[
    bool,
    typer.Option(
        "--rebuild",
        help="Count the export again from nothing with the mappings as they are now (after "
        "`hours map` changed one). Refused, changing nothing, if hours counted so far came "
        "from entries the export does not hold.",
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be added; change nothing.")
]


@hours_app.command("import")
def import_(
    ctx: typer.Context,
    file: FileArg = None,
    fmt: FromOpt = None,
    client: ClientOpt = None,
    date_order: DateOrderOpt = None,
    rebuild: RebuildOpt = False,
    dry_run: DryRunOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Import tracked hours; each entry counts once, however often you import it.

    Entries go to the client whose [hours] mapping claims their project, client column, tag
    or account (set it with `clientexit hours map`). Entries no client claims are listed with
    their hours, never dropped silently. All clients' files change together, or none does.
    Times a tracker keeps in UTC (Watson, Timewarrior) count on their day in the profile's
    time_zone (UTC when unset), whatever zone the computer is in. Rows it cannot read are
    listed with the reason, and the import then exits 5.

    \b
    Examples:
      clientexit hours import                          # Watson's frames, where Watson keeps them
      clientexit hours import ~/Downloads/Toggl_time_entries.csv
      clientexit hours import ~/.local/share/timewarrior/data/2026-10.data
      timew export | clientexit hours import -
      clientexit hours import harvest.csv --client "Acme Ltd" --dry-run
      clientexit hours import --rebuild                # after changing a mapping
    """
    from clientexit.app import hours
    from clientexit.cli import hours_view
    from clientexit.hours import importer

    where = paths(ctx)
    file, fmt = _source(file, fmt)
    if rebuild and client is not None:
        from clientexit._errors import UsageError

        raise UsageError("--rebuild counts with the mappings: leave out --client.")
    parsed = importer.read(file, fmt, _read_options(where, date_order))
    if rebuild:
        _rebuild(where, file, parsed, dry_run, json_out)
        return
    rules, new_rules = _rules(where, client, parsed, file)
    planned = importer.plan(parsed, rules)
    outcome = hours.apply(where, planned, new_rules=new_rules, dry_run=dry_run)
    if json_out:
        emit_json(hours_view.import_json(file, outcome))
    else:
        hours_view.import_report(file, outcome, dry_run)
    if outcome.problems:
        from clientexit._errors import EXIT_PARTIAL

        raise typer.Exit(EXIT_PARTIAL)


def _rules(
    where: Paths, client: str | None, parsed: Parsed, file: Path
) -> tuple[list[Rule], list[Rule]]:
    """The mappings to import with, and those asked for now (saved with the import)."""
    from clientexit.app import hours
    from clientexit.cli import hours_view
    from clientexit.hours import importer

    if client is not None:
        return [hours.whole_file_rule(where, client)], []
    rules = hours.rules(where)
    if not rules and parsed.entries:
        names = importer.unmatched_names(parsed)
        tags = importer.common_tags(parsed)
        rules = hours_view.ask_mapping(where, names, file, tags)
        return rules, rules
    return rules, []


def _rebuild(where: Paths, file: Path, parsed: Parsed, dry_run: bool, json_out: bool) -> None:
    from clientexit.app import hours
    from clientexit.cli import hours_view
    from clientexit.hours import importer

    done = hours.rebuild(where, importer.plan(parsed, hours.rules(where)), dry_run=dry_run)
    if json_out:
        emit_json({**hours_view.import_json(file, done.outcome), "rebuilt": True})
    else:
        hours_view.import_report(file, done.outcome, dry_run)
    if done.outcome.problems:
        from clientexit._errors import EXIT_PARTIAL

        raise typer.Exit(EXIT_PARTIAL)


def _source(file: Path | None, fmt: str | None) -> tuple[Path, str | None]:
    """The file to read and its format: with no FILE, Watson's frames where Watson keeps them."""
    from clientexit._errors import UsageError
    from clientexit.hours import watson

    if fmt is not None:
        _check_format(fmt)
    if file is not None:
        return file, fmt
    if fmt not in (None, "watson"):
        raise UsageError(f"--from {fmt} needs the FILE to read.", "Give the export's path.")
    return watson.default_frames(), "watson"


def _read_options(where: Paths, date_order: str | None) -> ReadOptions:
    """What reading needs from the profile (its time zone and country) and --date-order."""
    from clientexit import config
    from clientexit._errors import UsageError
    from clientexit.hours.entries import ReadOptions, zone_named

    if date_order is not None and date_order.lower() not in ("dmy", "mdy"):
        raise UsageError(
            f"--date-order {date_order!r} is not an order clientexit knows.",
            "Use --date-order dmy (15/09/2026) or --date-order mdy (09/15/2026).",
        )
    profile = config.load_profile(where)
    return ReadOptions(
        zone=zone_named(profile.time_zone),
        date_order=date_order.lower() if date_order else None,
        country=profile.country,
    )


def _check_format(fmt: str) -> None:
    from clientexit._errors import UsageError
    from clientexit.hours.entries import FORMATS

    if fmt not in FORMATS:
        raise UsageError(
            f"--from {fmt!r} is not a format clientexit reads.",
            f"Use one of: {', '.join(FORMATS)}.",
        )


MatchOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--match",
        help="A project, client, tag or account name, or a glob like 'acme-*' (repeatable).",
        metavar="PATTERN",
    ),
]
UnbilledOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--unbilled-tag", help="A tag whose hours are not billed (repeatable).", metavar="TAG"
    ),
]
RemoveOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--remove", help="Take a pattern or an unbilled tag out (repeatable).", metavar="NAME"
    ),
]


@hours_app.command("map")
def map_(
    ctx: typer.Context,
    name: ClientArg,
    match: MatchOpt = None,
    unbilled_tag: UnbilledOpt = None,
    remove: RemoveOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Say which tracked entries are this client's; with no option, show the mapping.

    Names and patterns are compared with each entry's client column, project (or account)
    and tags, ignoring case. Kept in the client's file as an [hours] table you may also edit.

    \b
    Examples:
      clientexit hours map acme-ltd --match acme --match 'acme-*' --unbilled-tag admin
      clientexit hours map acme-ltd --remove acme-old
      clientexit hours map acme-ltd --json
    """
    from clientexit import clients
    from clientexit.app import hours
    from clientexit.cli import hours_view
    from clientexit.hours import mapping

    where = paths(ctx)
    patterns = mapping.checked_names(match or [], "--match")
    tags = mapping.checked_names(unbilled_tag or [], "--unbilled-tag")
    changed = bool(patterns or tags or remove)
    if changed:
        hours.change_mapping(where, name, patterns, tags, remove or [])
    record = clients.load(where, name)
    if json_out:
        emit_json(hours_view.map_json(record))
    else:
        hours_view.map_report(where, record, changed)


@hours_app.command("show")
def show(
    ctx: typer.Context,
    name: ClientArg,
    months: Annotated[
        int,
        typer.Option(help="How many months back, this one included.", metavar="N", min=1, max=120),
    ] = 12,
    json_out: JsonOpt = False,
) -> None:
    """Hours per month, billed and unbilled, the revenue and the effective rate against your
    target, with a chart of the trend (`clientexit hours CLIENT` for short).

    Revenue is what was invoiced in the month; a month with no invoice counts its billable
    hours at the rate in force then (rate, or [[rate_changes]] in the client's file).

    \b
    Examples:
      clientexit hours kestrel-analytics
      clientexit hours kestrel-analytics --months 6 --json | jq '.months[].effective_rate'
    """
    from clientexit import clients, config, timeline
    from clientexit.app import economics
    from clientexit.cli import hours_view

    where = paths(ctx)
    record = clients.load(where, name)
    profile = config.load_profile(where)
    view = economics.client_view(record, profile, timeline.today(), months)
    if json_out:
        emit_json(view.as_json())
    else:
        hours_view.show(view)
