"""The demo's data: the steps listed in examples/demo.toml, the day they are written for, and
seeding a throwaway data folder with the bundled examples. ``cli/demo_cmd.py`` runs the steps."""

from __future__ import annotations

import shlex
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Demo:
    """The tour: the day the examples are written for, and its steps."""

    today: str
    steps: list[tuple[str, list[str]]]


def load(examples: Path, shown_as: str | None = None) -> Demo:
    """Read examples/demo.toml: steps are (what it shows, the arguments after ``clientexit``).

    ``{examples}`` in a step becomes ``shown_as`` (a path relative to where the demo runs,
    as a user types it), else the examples folder's own path.
    """
    data = tomllib.loads((examples / "demo.toml").read_text(encoding="utf-8"))
    where = shlex.quote(shown_as if shown_as is not None else str(examples))
    steps = [
        (step["say"], shlex.split(step["run"].replace("{examples}", where)))
        for step in data["step"]
    ]
    return Demo(today=str(data["today"]), steps=steps)


def copy_answers(examples: Path, folder: Path) -> None:
    """Put the example answer files and time-tracker exports into ``folder``/examples/answers
    and ``folder``/examples/hours, where the steps name them."""
    for name in ("answers", "hours"):
        shutil.copytree(examples / name, folder / "examples" / name)


def seed(home: Path, examples: Path) -> None:
    """Put the example profile and client records into ``home``."""
    (home / "clients").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(examples / "config.toml", home / "config.toml")
    for path in sorted((examples / "clients").glob("*.toml")):
        shutil.copyfile(path, home / "clients" / path.name)
