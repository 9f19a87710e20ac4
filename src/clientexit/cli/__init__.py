"""The Typer application. Command modules stay light: heavy imports happen inside commands."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Annotated, Any

import typer

from clientexit import __version__
from clientexit._errors import EXIT_CANCELLED, EXIT_ERROR, ClientExitError
from clientexit._paths import Paths, resolve_home

# Each module has register(app). The order is the order of commands in --help.
COMMAND_MODULES = (
    "init_cmd",
    "client_cmd",
    "assess_cmd",
    "log_cmd",
    "invoice_cmd",
    "end_cmd",
    "book_cmd",
    "handover_cmd",
    "followup_cmd",
    "letter_cmd",
    "check_cmd",
    "templates_cmd",
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
    "end": "end_cmd",
    "clients": "book_cmd",
    "status": "book_cmd",
    "churn": "book_cmd",
    "handover": "handover_cmd",
    "followup": "followup_cmd",
    "letter": "letter_cmd",
    "check": "check_cmd",
    "templates": "templates_cmd",
    "demo": "demo_cmd",
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--home",)


class _Group(typer.core.TyperGroup):
    """Turns expected errors into one line on stderr and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClientExitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            typer.echo(f"clientexit: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            typer.echo("clientexit: cancelled; nothing was saved.", err=True)
            ctx.exit(EXIT_CANCELLED)
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"clientexit: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERROR)


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
    ctx.obj = {"paths": Paths(resolve_home(home)), "debug": debug}


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


def __getattr__(name: str) -> Any:
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


def run(args: list[str] | None = None) -> None:
    """Run the app as the ``clientexit`` program, building only the command that is invoked."""
    argv = sys.argv[1:] if args is None else args
    module = COMMANDS.get(invoked_command(argv) or "")
    app = build_app((module,)) if module else build_app()
    app(args=argv, prog_name="clientexit")
