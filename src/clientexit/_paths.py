"""The data folder and every path inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "CLIENTEXIT_HOME"


def default_home() -> Path:
    """The platform's per-user data folder for clientexit."""
    from platformdirs import user_data_path

    return user_data_path("clientexit", appauthor=False)


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--home`` if given, else ``$CLIENTEXIT_HOME``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return default_home()


@dataclass(frozen=True)
class Paths:
    """Where each piece of state lives under one data folder."""

    home: Path

    @property
    def config(self) -> Path:
        return self.home / "config.toml"

    @property
    def clients(self) -> Path:
        return self.home / "clients"

    @property
    def templates(self) -> Path:
        """User templates that override the built-in ones of the same name."""
        return self.home / "templates"

    @property
    def rubric(self) -> Path:
        """A user rubric that overrides the built-in one."""
        return self.home / "rubric.toml"

    @property
    def holidays_cache(self) -> Path:
        """The public-holiday calendars, built once and kept (derived: may be deleted)."""
        return self.home / ".cache" / "holidays.json"

    def client_file(self, slug: str) -> Path:
        """The record of one client. ``slug`` must already be validated (see names.check_slug)."""
        return self.clients / f"{slug}.toml"
