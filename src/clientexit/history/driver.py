"""git's merge driver for clientexit's TOML files (``merge=clientexit`` in .gitattributes; set
up by ``history init``): ``python -m clientexit.history.driver BASE MINE THEIRS PATH``.

It writes the merge (merge.py's rules) over MINE and exits 0, keeping the conflicts for
``sync --resolve``; it exits 1 (git then reports a conflict and writes nothing of ours) when a
version does not parse or the result would not be a usable file. With $CLIENTEXIT_MERGE_STRICT
set (undo), a conflict also exits 1: a change cannot be taken back over a later one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

STRICT = "CLIENTEXIT_MERGE_STRICT"


def _git_dir() -> Path:
    # git runs a merge driver at the top of the work tree.
    here = Path.cwd() / ".git"
    if here.is_file():  # a worktree or submodule: "gitdir: PATH"
        return Path(here.read_text(encoding="utf-8").split(":", 1)[1].strip())
    return here


def main(argv: list[str]) -> int:
    """Merge one file; the exit code git expects (0 merged, 1 conflict left to git)."""
    from clientexit._errors import ClientExitError
    from clientexit.history import conflicts
    from clientexit.history.merge import merge_texts

    base_file, mine_file, theirs_file, name = argv[:4]

    def text(path: str) -> str:
        return Path(path).read_text(encoding="utf-8")

    base = text(base_file)
    try:
        merged = merge_texts(
            name,
            base if base.strip() else None,
            text(mine_file),
            text(theirs_file),
            path=Path(name),
        )
    except ClientExitError as exc:
        sys.stderr.write(f"clientexit: {name} not merged: {exc}\n")
        return 1
    if merged.conflicts and os.environ.get(STRICT):
        for conflict in merged.conflicts:
            sys.stderr.write(f"clientexit: {name}: {conflict.sentence('in the other version')}\n")
        return 1
    from clientexit._store import atomic_write_text

    atomic_write_text(Path(mine_file), merged.text)
    if merged.conflicts:
        conflicts.add(_git_dir(), merged.conflicts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
