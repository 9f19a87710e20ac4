"""The Typer application. Command modules stay light: heavy imports happen inside commands."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer

from clientexit import __version__
from clientexit._errors import (
    EXIT_CANCELLED,
    EXIT_DATA,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    ClientExitError,
)
from clientexit._paths import Paths, resolve_home
from clientexit.cli._click import Context as ClickContext
from clientexit.cli._click import NoArgsIsHelpError
from clientexit.cli._click import UsageError as ClickUsageError

# Each module has register(app). The order is the order of commands in --help.
COMMAND_MODULES = (
    "init_cmd",
    "client_cmd",
    "assess_cmd",
    "log_cmd",
    "invoice_cmd",
    "deliverable_cmd",
    "hours_cmd",
    "end_cmd",
    "book_cmd",
    "handover_cmd",
    "followup_cmd",
    "letter_cmd",
    "remind_cmd",
    "interest_cmd",
    "statement_cmd",
    "packet_cmd",
    "rates_cmd",
    "check_cmd",
    "templates_cmd",
    "history_cmd",
    "doctor_cmd",
    "demo_cmd",
)

# Which module registers each top-level command, so that a run builds only the one it needs:
# Typer turns every registered signature into Click objects on each start (~20 ms for all).
COMMANDS = {
    "init": "init_cmd",
    "client": "client_cmd",
    "assess": "assess_cmd",
    "log": "log_cmd",
    "invoice": "invoice_cmd",
    "deliverable": "deliverable_cmd",
    "hours": "hours_cmd",
    "end": "end_cmd",
    "clients": "book_cmd",
    "status": "book_cmd",
    "churn": "book_cmd",
    "handover": "handover_cmd",
    "followup": "followup_cmd",
    "letter": "letter_cmd",
    "remind": "remind_cmd",
    "interest": "interest_cmd",
    "statement": "statement_cmd",
    "packet": "packet_cmd",
    "bundle": "packet_cmd",
    "rates": "rates_cmd",
    "check": "check_cmd",
    "templates": "templates_cmd",
    "history": "history_cmd",
    "undo": "history_cmd",
    "sync": "history_cmd",
    "doctor": "doctor_cmd",
    "demo": "demo_cmd",
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--home",)
_ARGS = "clientexit.args"  # ctx.meta: the command line after the program name


class _Group(typer.core.TyperGroup):
    """Turns expected errors into one line on stderr and a documented exit code."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        ctx.meta[_ARGS] = list(args)  # see _command_of
        # Only the top level's own options fail here (`clientexit --hom x`); everything below
        # fails inside invoke().
        try:
            return super().parse_args(ctx, args)
        except ClickUsageError as exc:
            _usage_error(exc, ctx)

    def invoke(self, ctx: ClickContext) -> Any:  # Any: click
        from clientexit._store import SAVED

        SAVED.clear()
        try:
            return self._invoke(ctx)
        finally:
            _finish_history(ctx)

    def _invoke(self, ctx: ClickContext) -> Any:  # Any: click
        try:
            with _confirming_close_names():
                result = super().invoke(ctx)
        except ClickUsageError as exc:
            _usage_error(exc, ctx)
        except ClientExitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            typer.echo(f"clientexit: error: {exc}{_saved_before()}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            saved = _saved_before()
            typer.echo(f"clientexit: cancelled.{saved}" if saved else _NOTHING_SAVED, err=True)
            ctx.exit(EXIT_CANCELLED)
        except BrokenPipeError:
            _stdout_closed()
            ctx.exit(EXIT_OK)
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            problem = f"{where}{exc.strerror or exc}"
            typer.echo(f"clientexit: error: {problem}{_saved_before()}", err=True)
            ctx.exit(EXIT_ERROR)
        _warn_broken_files(ctx)
        return result


_NOTHING_SAVED = "clientexit: cancelled; nothing was saved."


@contextlib.contextmanager
def _confirming_close_names() -> Iterator[None]:
    """On a terminal, a client name close to exactly one client is asked about (and used once
    confirmed) in every command; off one it stays an error naming that client."""
    from clientexit.cli import _common

    if not _common.interactive():
        yield
        return
    from clientexit import clients

    clients.CONFIRM_CLOSE.append(_common.confirm_close)
    try:
        yield
    finally:
        clients.CONFIRM_CLOSE.remove(_common.confirm_close)


def _saved_before() -> str:
    """After an error, what the command had already saved: the change is recorded, and running
    the command again would record it twice ("already recorded")."""
    from clientexit._store import SAVED

    if not SAVED:
        return ""
    files = ", ".join(dict.fromkeys(str(path) for path in SAVED))
    return f" The change was saved before this error ({files}): do not run the command again."


# The commands that manage the history themselves (no commit of their own around them).
_HISTORY_COMMANDS = ("history", "undo", "sync")
_SESSION = "history"  # ctx.obj: the history session of a command, when history is on


def _start_history(ctx: ClickContext, home: Path) -> None:
    """With history on (a .git in the data folder: one stat, no git), watch the command's
    writes so that they become one commit when it is done."""
    if ctx.invoked_subcommand in _HISTORY_COMMANDS or not (home / ".git").exists():
        return
    from clientexit import _store
    from clientexit.history.session import Session

    session = Session(home, list(ctx.meta.get(_ARGS, [])))
    _store.WRITE_WATCHERS.append(session.before_write)
    ctx.obj[_SESSION] = session


def _finish_history(ctx: ClickContext) -> None:
    """Commit what the command wrote (even when it failed after writing: what is on disk is
    what the history must show)."""
    session = ctx.obj.pop(_SESSION, None) if isinstance(ctx.obj, dict) else None
    if session is None:
        return
    from clientexit import _store

    with contextlib.suppress(ValueError):
        _store.WRITE_WATCHERS.remove(session.before_write)
    try:
        session.finish()
    except ClientExitError as exc:
        typer.echo(
            f"clientexit: warning: the change is saved, but not in the history: {exc}", err=True
        )


def _usage_error(exc: ClickUsageError, ctx: ClickContext) -> NoReturn:
    """Click's usage box (Usage:, Try:, Error:) as the one line the README promises; exit 2."""
    if isinstance(exc, NoArgsIsHelpError):  # `clientexit client`: the help is the answer
        raise exc
    message = " ".join(exc.format_message().split())
    typer.echo(f"clientexit: error: {message} (see: {_command_of(exc, ctx)} --help)", err=True)
    ctx.exit(EXIT_USAGE)


def _command_of(exc: ClickUsageError, root: ClickContext) -> str:
    """The command a usage error is about: `clientexit client add`."""
    words: list[str] = []
    if exc.ctx is not None:
        where = exc.ctx
        while where.parent is not None:
            words.insert(0, where.info_name or "")
            where = where.parent
    else:  # Click's parser raises some errors (an option without its value) without a context
        command: object = root.command
        values = iter(root.meta.get(_ARGS, []))
        for arg in values:
            if arg in _GLOBAL_OPTIONS_WITH_VALUE:
                next(values, None)
            elif not arg.startswith("-"):
                command = getattr(command, "commands", {}).get(arg)
                if command is None:
                    break
                words.append(arg)
    return " ".join(["clientexit", *words])


def _warn_broken_files(ctx: ClickContext) -> None:
    """A list shown without the client files that do not parse: one warning each, then exit 4."""
    from clientexit.cli._common import BROKEN_FILES

    broken = ctx.meta.get(BROKEN_FILES)
    if not broken:
        return
    for exc in broken:
        typer.echo(f"clientexit: warning: skipped {exc}", err=True)
    ctx.exit(EXIT_DATA)


def _stdout_closed() -> None:
    """The reader of our output went away (`clientexit clients | head -1`): not an error.

    As Python's documentation advises (signal module, "Note on SIGPIPE"), stdout is pointed at
    devnull so that the flush at exit cannot fail again; nothing is printed.
    """
    with contextlib.suppress(OSError, ValueError):  # no real file behind stdout (tests)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clientexit {__version__}")
        raise typer.Exit()


def _main(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Data folder (default: $CLIENTEXIT_HOME, else your platform's user data folder).",
            metavar="DIR",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = {"paths": Paths(folder := _home_folder(home)), "debug": debug}
    _start_history(ctx, folder)


def _home_folder(option: str | None) -> Path:
    """The data folder, which may not exist yet (it is created on first write) but must not be a
    file: `--home /etc/passwd clients` would otherwise say "No clients yet"."""
    from clientexit._errors import UsageError
    from clientexit._paths import ENV_HOME

    home = resolve_home(option)
    given = f"--home {option}" if option else f"${ENV_HOME} ({home})"
    for folder in (home, *home.parents):
        if folder.exists():
            if folder.is_dir():
                return home
            where = given if folder == home else f"{given}: {folder}"
            raise UsageError(
                f"{where} is not a folder.",
                "Give the folder for clientexit's data (it is created if it does not exist).",
            )
    return home


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The clientexit app with the commands of ``modules`` registered."""
    app = typer.Typer(
        cls=_Group,
        name="clientexit",
        help="End a client relationship well: assess it, write the letter, hand over, learn.",
        epilog="Example: clientexit demo    (a tour on sample clients; your data is not touched)",
        rich_markup_mode=None,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    for name in modules:
        import_module(f"clientexit.cli.{name}").register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    # `from clientexit.cli import app` gives the full app, built on first use.
    if name == "app":
        app = globals()["app"] = build_app()
        return app
    raise AttributeError(name)


def invoked_command(args: list[str]) -> str | None:
    """The top-level command in ``args``, or None for --help, --version or no command."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
        elif arg in ("-h", "--help", "-V", "--version") or arg.startswith("--install-completion"):
            return None
    return None


def _printable_streams() -> None:
    """Printing never undoes a command that has saved its change: a closed stdout or stderr
    (``>&-``) becomes devnull, and a terminal that cannot encode a character (LANG=C, an ASCII
    PYTHONIOENCODING) shows "?" for it instead of raising UnicodeEncodeError."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            continue
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")
        setattr(sys, name, _Harmless(stream))


class _Harmless:
    """A text stream that lets no control character through but rich's own colour codes: a
    value written by hand into a file (ESC sequences that clear the screen, retitle the window
    or hide a link) reaches no terminal. The one filter every view's output passes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from clientexit.cli._common import harmless

        self._stream.write(harmless(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def run(args: list[str] | None = None) -> None:
    """Run the app as the ``clientexit`` program, building only the command that is invoked."""
    argv = sys.argv[1:] if args is None else args
    _printable_streams()
    module = COMMANDS.get(invoked_command(argv) or "")
    app = build_app((module,)) if module else build_app()
    try:
        app(args=argv, prog_name="clientexit")
    finally:
        # Output still buffered goes out now, while a closed pipe can be handled quietly (at
        # interpreter exit it would print "Exception ignored ... BrokenPipeError").
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _stdout_closed()
