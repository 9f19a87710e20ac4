"""History, undo and sync of the data folder over git (the ``git`` program, never a server of
our own): ``repo`` (init, commits, log), ``session`` (one commit per command), ``diff`` (what
changed, in words), ``merge`` (client files merged by meaning), ``driver`` (git's merge driver),
``undo``, ``sync`` and ``copies`` (conflict copies left by Dropbox, Syncthing or Nextcloud).

Nothing here runs unless the data folder holds a ``.git``: ``is_on`` is one stat.
"""

from __future__ import annotations

from pathlib import Path


def is_on(home: Path) -> bool:
    """Whether history is on for ``home`` (a git repository made by ``history init``)."""
    return (home / ".git").exists()
