"""The demo: copies the bundled examples into a temporary data folder and runs the steps listed
in examples/demo.toml through the real command line, printing each command before its output."""

from __future__ import annotations

import shlex
import shutil
import tempfile
import tomllib
from pathlib import Path

import typer

from clientexit._errors import ClientExitError
from clientexit._resources import examples_dir


def load_steps(examples: Path) -> list[tuple[str, list[str]]]:
    """The demo's steps: (what it shows, the command's arguments after ``clientexit``)."""
    data = tomllib.loads((examples / "demo.toml").read_text(encoding="utf-8"))
    return [
        (step["say"], shlex.split(step["run"].replace("{examples}", shlex.quote(str(examples)))))
        for step in data["step"]
    ]


def seed(home: Path, examples: Path) -> None:
    """Put the example profile and client records into ``home``."""
    (home / "clients").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(examples / "config.toml", home / "config.toml")
    for path in sorted((examples / "clients").glob("*.toml")):
        shutil.copyfile(path, home / "clients" / path.name)


def run_demo(*, keep: bool = False) -> None:
    """Run every demo step against a throwaway data folder."""
    from clientexit.cli import app

    examples = examples_dir()
    home = Path(tempfile.mkdtemp(prefix="clientexit-demo-"))
    try:
        seed(home, examples)
        for say, args in load_steps(examples):
            typer.secho(f"\n# {say}", fg="cyan", err=True)
            typer.secho(f"$ clientexit {shlex.join(args)}", bold=True, err=True)
            code = app(
                args=["--home", str(home), *args], prog_name="clientexit", standalone_mode=False
            )
            if isinstance(code, int) and code != 0:
                raise ClientExitError(f"The demo step `clientexit {shlex.join(args)}` failed.")
    finally:
        if keep:
            typer.echo(f"\nThe demo's data folder is kept at {home}", err=True)
        else:
            shutil.rmtree(home, ignore_errors=True)
