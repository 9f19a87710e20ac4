"""clientexit demo: the product's main journey on the bundled examples, in a throwaway folder."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    keep: Annotated[
        bool, typer.Option("--keep", help="Keep the throwaway data folder and print where it is.")
    ] = False,
) -> None:
    """Tour clientexit on the bundled example clients. Your own data is never touched.

    \b
    Example:
      clientexit demo
    """
    run_demo(keep=keep)


def run_demo(*, keep: bool = False) -> None:
    """Run every demo step through the real command line against a throwaway data folder.

    The steps run on the day the examples are written for (``today`` in demo.toml), so the
    overdue days and due dates read as the README shows them whenever the demo is run.
    """
    # Imported here: `clientexit --help` imports every command module and pays for its imports.
    import os
    import shlex
    import shutil
    import tempfile
    from pathlib import Path

    from clientexit import timeline
    from clientexit._errors import ClientExitError
    from clientexit._resources import examples_dir
    from clientexit.cli import app
    from clientexit.demo import copy_answers, load, seed

    examples = examples_dir()
    # The steps run in a throwaway folder holding examples/answers/, so each command is shown
    # as a user types it in a checkout of clientexit, not with the path of the installed package.
    tour = load(examples, shown_as="examples")
    folder = Path(tempfile.mkdtemp(prefix="clientexit-demo-"))
    home = folder / "data"
    pinned = os.environ.get(timeline.ENV_TODAY)
    os.environ[timeline.ENV_TODAY] = tour.today
    cwd = Path.cwd()
    try:
        seed(home, examples)
        copy_answers(examples, folder)
        os.chdir(folder)
        typer.secho(
            f"# The examples are written for {tour.today}; the demo runs on that day.",
            dim=True,
            err=True,
        )
        for say, args in tour.steps:
            typer.secho(f"\n# {say}", fg="cyan", err=True)
            typer.secho(f"$ clientexit {shlex.join(args)}", bold=True, err=True)
            code = app(
                args=["--home", str(home), *args], prog_name="clientexit", standalone_mode=False
            )
            if isinstance(code, int) and code != 0:
                raise ClientExitError(f"The demo step `clientexit {shlex.join(args)}` failed.")
    finally:
        os.chdir(cwd)
        if pinned is None:
            os.environ.pop(timeline.ENV_TODAY, None)
        else:
            os.environ[timeline.ENV_TODAY] = pinned
        if keep:
            typer.echo(f"\nThe demo's data folder is kept at {home}", err=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
