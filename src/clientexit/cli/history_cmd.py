"""clientexit history / undo / sync: the book's changes kept in git, taken back, shared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._click import Context as ClickContext
from clientexit.cli._common import day as show_day
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from clientexit.history.evidence import AsOf
    from clientexit.history.merge import Conflict
    from clientexit.history.sync import Synced
    from clientexit.record.model import Profile


class _HistoryGroup(typer.core.TyperGroup):
    """``history [CLIENT]`` lists the changes; ``history init`` starts the history. Anything
    that is not a sub-command's name is the listing's argument (``history show init`` lists a
    client called "init")."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["show", *args]
        return super().parse_args(ctx, args)


history_app = typer.Typer(
    cls=_HistoryGroup,
    help="Every change to the book, kept in git: list it, or see a record as it stood.",
    epilog=(
        "Examples: clientexit history init    clientexit history northwind-bakery    "
        "clientexit history northwind-bakery --on 2026-11-02"
    ),
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
    history_app.command("init")(init)
    history_app.command("show")(show)
    app.command("undo")(undo)
    app.command("sync")(sync)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ClientArg = Annotated[
    str | None,
    typer.Argument(
        help="Only this client's changes (name or slug).",
        metavar="CLIENT",
        autocompletion=completion.clients,
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on", help="Show CLIENT's record as it stood at the end of this day.", metavar="DATE"
    ),
]


def _home_with_history(ctx: typer.Context) -> Path:
    """The data folder, which must keep a history (else a one-line error saying how)."""
    from clientexit._errors import UsageError
    from clientexit.history import git, is_on

    home = paths(ctx).home
    git.program()
    if not is_on(home):
        raise UsageError(
            f"The data folder {home} keeps no history yet.",
            "Start it with: clientexit history init",
        )
    return home


def init(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Keep every change to the book in git, in the data folder itself.

    From then on every command that changes the book makes one commit, with what changed in
    words and your profile's name and email as author; files you edit by hand are committed as
    "edited by hand" before the next change. Caches and lock files are ignored. On a second
    computer, clone the book's remote into the data folder and run this too (it installs the
    merge driver that joins client files by meaning).

    \b
    Examples:
      clientexit history init
      git clone ssh://server/book.git ~/.local/share/clientexit && clientexit history init
    """
    from clientexit.history import repo

    home = paths(ctx).home
    started = repo.init(home)
    if json_out:
        emit_json({"home": str(home), "created": started.created, "commit": started.commit})
        return
    what = "now keeps its history in git" if started.created else "keeps its history in git"
    note(f"The data folder {home} {what}; every change is a commit from now on.")
    if started.commit:
        note(f"First commit: {started.commit}. See the changes with: clientexit history")


def _slug(ctx: typer.Context, name: str) -> str:
    """The client's slug; a client removed since still has a history under its slug."""
    from clientexit import clients, names
    from clientexit._errors import NotFoundError

    try:
        return clients.resolve(paths(ctx), name)
    except NotFoundError:
        if names.is_slug(name):
            return name
        raise


def show(
    ctx: typer.Context,
    client: ClientArg = None,
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List the changes to the book, newest first, with their dates and ids (for undo).

    With --on DATE, print CLIENT's record as it stood at the end of that day: the evidence of
    what was on record, and since when.

    \b
    Examples:
      clientexit history
      clientexit history northwind-bakery --json
      clientexit history northwind-bakery --on 2026-11-02
    """
    from clientexit._errors import UsageError
    from clientexit.history import evidence
    from clientexit.record.inputs import parse_date

    home = _home_with_history(ctx)
    if on is not None and client is None:
        raise UsageError(
            "--on DATE shows one client's record.", "Name it: clientexit history CLIENT --on DATE"
        )
    slug = _slug(ctx, client) if client else None
    if on is not None and slug is not None:
        _show_on(home, slug, parse_date(on, "--on"), json_out, _profile(ctx))
        return
    entries = evidence.changes(home, slug)
    if json_out:
        emit_json([entry.as_dict() for entry in entries])
        return
    if not entries:
        note("No changes recorded yet." if slug is None else f"No changes recorded for {slug}.")
        return
    from clientexit.cli._common import console
    from clientexit.cli._table import Column, print_listing

    columns = [Column("ID"), Column("DATE"), Column("CHANGE", wrap=True), Column("BY", drop=1)]
    profile = _profile(ctx)
    rows = [[e.id, _when(e.at, profile), _said(e.subject, profile), e.author] for e in entries]
    print_listing(console(rows=True), columns, rows)


def _profile(ctx: typer.Context) -> Profile:
    """The profile whose date style the history is shown in (cli._common.day)."""
    from clientexit import config

    return config.load_profile(paths(ctx))


def _when(at: dt.datetime, profile: Profile) -> str:
    """A change's time in the reader's date style: "4 December 2026 18:05"."""
    return f"{show_day(at.date(), profile)} {at:%H:%M}"


def _said(subject: str, profile: Profile) -> str:
    """A change's subject with its days in the reader's style: git keeps them ISO, the same
    on every computer the book is synced to ("marked paid on 2026-12-01")."""
    import re

    from clientexit._errors import UsageError
    from clientexit.record.inputs import parse_date

    def shown(found: re.Match[str]) -> str:
        try:
            return show_day(parse_date(found.group(), "a change's day"), profile)
        except UsageError:  # not a day after all ("2026-13-45"): left as written
            return found.group()

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", shown, subject)


def _show_on(home: Path, slug: str, day: dt.date, json_out: bool, profile: Profile) -> None:
    from clientexit._errors import NotFoundError
    from clientexit.history import evidence

    found = evidence.record_on(home, slug, day)
    if found is None:
        known = evidence.changes(home, slug)
        if not known:
            raise NotFoundError(f"The history holds no record of {slug}.")
        raise NotFoundError(
            f"The history of {slug} starts on {show_day(known[-1].at.date(), profile)}: nothing "
            f"is on record for {show_day(day, profile)}."
        )
    if json_out:
        emit_json(_as_of_json(found))
        return
    change = found.change
    note(
        f"{slug} as it stood at the end of {show_day(day, profile)}: last changed "
        f"{_when(change.at, profile)} ({change.id}: {_said(change.subject, profile)})."
    )
    if found.text is None:
        note("The client had been removed by then.")
        return
    typer.echo(found.text, nl=not found.text.endswith("\n"))


def _as_of_json(found: AsOf) -> dict[str, object]:
    import tomllib

    record = tomllib.loads(found.text) if found.text is not None else None
    return {
        "on": found.day.isoformat(),
        "change": found.change.as_dict(),
        "record": record,
    }


ChangeOpt = Annotated[
    str | None,
    typer.Option(
        "--change",
        help="The id of the change to take back (see: clientexit history).",
        metavar="ID",
    ),
]


def undo(ctx: typer.Context, change: ChangeOpt = None, json_out: JsonOpt = False) -> None:
    """Take back the last change to the book, or the one --change names.

    The change is reverted by a new commit: the history keeps both. It is refused, with the
    reason, when a later change depends on it (an invoice paid after it was added: undo the
    payment first). Works with or without a remote; sync shares the undo like any change.

    \b
    Examples:
      clientexit undo
      clientexit undo --change 4486305
    """
    from clientexit.history import undo as undoing

    home = _home_with_history(ctx)
    done = undoing.undo(home, change)
    if json_out:
        emit_json({"undone": done.change.as_dict(), "commit": done.commit, "change": done.subject})
        return
    profile = _profile(ctx)
    when = _when(done.change.at, profile)
    note(f"Undone: {_said(done.change.subject, profile)} ({done.change.id}, {when}).")
    note(f"The undo is change {done.commit}; undo that to have it back.")


ResolveOpt = Annotated[
    bool, typer.Option("--resolve", help="Decide the conflicts a sync left, one by one.")
]
KeepOpt = Annotated[
    str | None,
    typer.Option(
        "--keep",
        help="With --resolve and no terminal: keep every conflict's value from this computer "
        "(mine) or the other one (theirs).",
        metavar="mine|theirs",
    ),
]


def sync(
    ctx: typer.Context,
    resolve: ResolveOpt = False,
    keep: KeepOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Pull the changes made on your other computer and push yours, through the book's git
    remote (one you set up: a private repository, a USB stick, a server over SSH).

    Client files merge by meaning: invoices, incidents, deliverables and letters are joined by
    their ids, a field changed on one side takes that side, and a field changed differently on
    both sides is a conflict, named in words, with both values kept: the file keeps this
    computer's value until `clientexit sync --resolve` decides.

    \b
    Examples:
      git -C ~/.local/share/clientexit remote add origin ssh://server/book.git
      clientexit sync
      clientexit sync --resolve --keep theirs
    """
    from clientexit._errors import UsageError

    home = _home_with_history(ctx)
    if keep is not None and keep not in ("mine", "theirs"):
        raise UsageError(
            f"--keep {keep} is not mine or theirs.", "Write --keep mine or --keep theirs."
        )
    if keep is not None and not resolve:
        raise UsageError("--keep decides conflicts: it goes with --resolve.", "Add --resolve.")
    if resolve:
        _resolve(home, keep, json_out)
        return
    from clientexit.history import sync as syncing

    done = syncing.sync(home)
    if json_out:
        emit_json(
            {
                "remote": done.remote,
                "branch": done.branch,
                "received": done.received,
                "sent": done.sent,
                "conflicts": [c.sentence() for c in done.conflicts],
            }
        )
        return
    _print_synced(done)


def _print_synced(done: Synced) -> None:
    got = len(done.received)
    note(
        f"Synced with {done.remote}: {got} change{'s' if got != 1 else ''} received, "
        f"{done.sent} sent."
    )
    for line in done.received:
        note(f"  received: {line}")
    for conflict in done.conflicts:
        note(f"  conflict: {conflict.sentence()}")
    if done.conflicts:
        note("This computer's values are kept for now; decide with: clientexit sync --resolve")


def _resolve(home: Path, keep: str | None, json_out: bool) -> None:
    from clientexit.cli._common import interactive, require_terminal
    from clientexit.history import conflicts
    from clientexit.history import sync as syncing

    if not conflicts.read(syncing.git_dir(home)):
        note("No conflicts to resolve.")
        if json_out:
            emit_json([])
        return
    if keep is None:
        require_terminal("sync --resolve", "Give --keep mine or --keep theirs.")

    def choose(conflict: Conflict) -> str:
        if keep is not None or not interactive():
            return keep or "mine"
        return _ask(conflict)

    decided = syncing.resolve(home, choose)
    if json_out:
        emit_json([{"conflict": c.sentence(), "kept": side} for c, side in decided])
        return
    for conflict, side in decided:
        which = "this computer's" if side == "mine" else "the other computer's"
        note(f"{conflict.what} of {conflict.who}: kept {which} value.")


def _ask(conflict: Conflict) -> str:
    import questionary

    from clientexit.cli._common import ask
    from clientexit.history.merge import _show

    return str(
        ask(
            questionary.select(
                conflict.sentence(),
                choices=[
                    questionary.Choice(f"keep {_show(conflict.mine)} (this computer)", "mine"),
                    questionary.Choice(f"keep {_show(conflict.theirs)} (the other)", "theirs"),
                ],
            )
        )
    )
