"""Running the ``git`` program on the data folder: one place that finds it, runs it with a
stable environment, and turns its failures into one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from clientexit._errors import ClientExitError


class GitMissing(ClientExitError):
    """History, undo and sync need the git program, and it is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "History, undo and sync need the git program, and it is not installed (or not on "
            "PATH).",
            "Install git (https://git-scm.com); everything else in clientexit works without it.",
        )


class GitFailed(ClientExitError):
    """A git command that failed; ``stderr`` is git's own explanation."""

    def __init__(self, what: str, stderr: str) -> None:
        detail = " ".join(stderr.split())[:400]
        super().__init__(f"git could not {what}: {detail or 'no reason given'}.")
        self.stderr = stderr


def program() -> str:
    """The path of the git program, or GitMissing."""
    found = shutil.which(os.environ.get("CLIENTEXIT_GIT", "git"))
    if found is None:
        raise GitMissing()
    return found


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    # Output parsed here is git's plain English; nothing may wait for a password on a pipe.
    env.update({"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"})
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    env.update(extra or {})
    return env


def run(
    home: Path,
    args: Sequence[str],
    *,
    what: str,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``git -C home ARGS``; with ``check`` a non-zero exit is GitFailed("could not WHAT")."""
    result = subprocess.run(
        [program(), "-C", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=_env(env),
        input=input,
        check=False,
    )
    if check and result.returncode != 0:
        raise GitFailed(what, result.stderr or result.stdout)
    return result


def run_bytes(home: Path, args: Sequence[str], *, what: str, input: bytes) -> bytes:
    """Run ``git -C home ARGS`` on bytes (``cat-file --batch``); it must succeed."""
    result = subprocess.run(
        [program(), "-C", str(home), *args],
        capture_output=True,
        env=_env(None),
        input=input,
        check=False,
    )
    if result.returncode != 0:
        raise GitFailed(what, result.stderr.decode("utf-8", errors="replace"))
    return result.stdout


def out(home: Path, args: Sequence[str], *, what: str) -> str:
    """git's standard output for ``args`` (which must succeed)."""
    return run(home, args, what=what).stdout


def is_repo_root(home: Path) -> bool:
    """Whether ``home`` is the top of a git work tree (its own .git, not a parent's)."""
    return (home / ".git").exists()


def toplevel(path: Path) -> Path | None:
    """The work tree ``path`` lies in, if any (a data folder inside another repository)."""
    result = run(path, ["rev-parse", "--show-toplevel"], what="find the repository", check=False)
    return Path(result.stdout.strip()) if result.returncode == 0 else None
