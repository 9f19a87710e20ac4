"""Which reminder ladder is in use: the data folder's ladder.toml, else the built-in one.

Apart from collect/ladder.py so that a cache (followup's index) can name the ladder in its
context without importing the ladder's rules on a run that the cache answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths

FILE_NAME = "ladder.toml"


def location(paths: Paths) -> Path:
    """Where a ladder of the user's own goes: ``<data folder>/ladder.toml``."""
    return Path(paths.home) / FILE_NAME


def source(paths: Paths | None = None) -> Path:
    """The ladder file in use: the user's ladder.toml if there is one, else the built-in one."""
    from clientexit._resources import templates_dir

    own = location(paths) if paths is not None else None
    return own if own is not None and own.is_file() else templates_dir() / "collect" / FILE_NAME
