"""The Typer application. Command modules stay light: heavy imports happen inside commands."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Annotated, Any

import typer

from clientexit import __version__
from clientexit._errors import EXIT_CANCELLED, EXIT_ERROR, ClientExitError
from clientexit._paths import Paths, resolve_home

# Each module has register(app). Keep this list in the order commands should appear in --help.
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clientexit {__version__}")
        raise typer.Exit()


@app.callback()
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


for _name in COMMAND_MODULES:
    import_module(f"clientexit.cli.{_name}").register(app)


def run(args: list[str] | None = None) -> None:
    """Run the app as the ``clientexit`` program."""
    app(args=sys.argv[1:] if args is None else args, prog_name="clientexit")
