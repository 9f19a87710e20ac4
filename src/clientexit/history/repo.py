"""The data folder as a git repository: start it, commit to it, read its log and old versions.

Every commit is made here, under the folder's history lock, with the profile's name and email as
author (given on the command line: the user's own git identity is never changed), signing off
(``commit.gpgsign=false`` in the folder's own config), and without hooks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clientexit.history import git

# Caches (.cache/), lock files (.NAME.lock) and temporary files (.NAME.*.tmp) are all hidden.
GITIGNORE = (
    "# clientexit: caches, lock files and temporary files are not part of the history.\n"
    ".*\n"
    "!.gitignore\n"
    "!.gitattributes\n"
    "*.tmp\n"
    "*.lock\n"
    "# Conflict copies of a synced folder: merged with clientexit doctor --merge-conflicts.\n"
    "*.sync-conflict-*\n"
    "*conflicted copy*\n"
)
GITATTRIBUTES = (
    "# clientexit merges its TOML files by meaning (see `clientexit sync --help`).\n"
    "*.toml merge=clientexit\n"
)
DRIVER = "clientexit"
FIRST_MESSAGE = "history started"
HAND_EDIT = "edited by hand"


@contextlib.contextmanager
def history_lock(home: Path) -> Iterator[None]:
    """One clientexit at a time commits to ``home``'s repository."""
    from clientexit._store import locked

    with locked(home / ".history"):
        yield


def author(home: Path) -> tuple[str, str]:
    """The profile's name and email (config.toml), read fresh for every commit."""
    from clientexit._store import read_toml

    try:
        profile: dict[str, object] = read_toml(home / "config.toml")
    except (FileNotFoundError, Exception):  # a broken profile must not stop the history
        profile = {}
    name = str(profile.get("name") or "").strip() or "clientexit user"
    email = str(profile.get("email") or "").strip()
    return name, email


def identity(home: Path) -> list[str]:
    name, email = author(home)
    return ["-c", f"user.name={name}", "-c", f"user.email={email}"]


def configure(home: Path) -> None:
    """The folder's own git settings: no signing, its ignore and attribute files, and the merge
    driver (this Python running clientexit's driver module)."""
    settings = {
        "commit.gpgsign": "false",
        "merge.clientexit.name": "clientexit: client files merged by meaning",
        "merge.clientexit.driver": (f'"{sys.executable}" -m clientexit.history.driver %O %A %B %P'),
        "pull.rebase": "false",
    }
    for key, value in settings.items():
        git.run(home, ["config", "--local", key, value], what=f"set {key}")
    name, email = author(home)
    git.run(home, ["config", "--local", "user.name", name], what="set user.name")
    git.run(home, ["config", "--local", "user.email", email], what="set user.email")
    for file, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        path = home / file
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        missing = [line for line in text.splitlines() if line not in current.splitlines()]
        if missing:
            from clientexit._store import atomic_write_text

            joined = current + ("\n" if current and not current.endswith("\n") else "")
            atomic_write_text(path, joined + "\n".join(missing) + "\n")


@dataclass(frozen=True)
class Started:
    """What ``init`` did."""

    created: bool  # a new repository (else one that existed, e.g. a clone, now set up)
    commit: str | None  # the first commit, if one was made


def init(home: Path) -> Started:
    """Make ``home`` a git repository (or set up one that is already: a clone of the other
    computer's book), and commit the book as it stands."""
    git.program()
    home.mkdir(parents=True, exist_ok=True)
    created = not git.is_repo_root(home)
    if created:
        git.run(home, ["init", "-q", "--initial-branch=main"], what="start a repository")
    if not created and not has_commits(home):
        _check_out_the_remote_book(home)
    configure(home)
    with history_lock(home):
        first = not has_commits(home)
        message = FIRST_MESSAGE if first else HAND_EDIT
        made = commit(
            home, message, "The book as it stood when history was turned on." if first else ""
        )
    return Started(created, made)


def _check_out_the_remote_book(home: Path) -> None:
    """A clone of a bare remote whose HEAD names no branch (``git init --bare`` says master,
    the book is on main) has nothing checked out: check out the book's branch."""
    branches = git.out(
        home, ["for-each-ref", "--format=%(refname:short)", "refs/remotes"], what="list branches"
    ).split()
    for wanted in ("origin/main", "origin/master", *branches):
        if wanted in branches and not wanted.endswith("/HEAD"):
            local = wanted.split("/", 1)[1]
            git.run(home, ["checkout", "-q", "-B", local, wanted], what=f"check out {wanted}")
            return


def has_commits(home: Path) -> bool:
    """Whether the repository has a commit yet."""
    result = git.run(home, ["rev-parse", "-q", "--verify", "HEAD"], what="read HEAD", check=False)
    return result.returncode == 0


def commit(
    home: Path,
    subject: str,
    body: str = "",
    *,
    env: dict[str, str] | None = None,
    only: list[str] | None = None,
) -> str | None:
    """Commit what changed in ``home`` (the history lock held by the caller): everything, or
    with ``only`` just those files, which must all be tracked already (one git call instead of
    two: a command's commit is on every write's path). The short id of the commit, or None
    when nothing changed."""
    if only is None:
        git.run(home, ["add", "-A", "."], what="record the changes")
    message = subject + (f"\n\n{body.strip()}\n" if body.strip() else "\n")
    result = git.run(
        home,
        [*identity(home), "commit", "--no-verify", "--no-gpg-sign", "--no-status", "-F", "-",
         *(["--", *only] if only else [])],
        what="commit the change",
        check=False,
        input=message,
        env=env,
    )  # fmt: skip
    if result.returncode != 0:
        if "nothing to commit" in result.stdout + result.stderr or "no changes added" in (
            result.stdout + result.stderr
        ):
            return None
        raise git.GitFailed("commit the change", result.stderr or result.stdout)
    # "[main 4486305] subject" (or "[main (root-commit) 4486305] subject")
    first = result.stdout.split("]", 1)[0]
    return first.rsplit(" ", 1)[-1] if first.startswith("[") else None


def dirty(home: Path) -> list[str]:
    """The files changed since the last commit (outside clientexit: by hand, by a sync tool)."""
    text = git.out(
        home, ["status", "--porcelain", "-z", "--untracked-files=all"], what="read the status"
    )
    files = []
    records = iter(text.split("\0"))
    for record in records:
        if len(record) < 4:
            continue
        files.append(record[3:])
        if record[0] in "RC":  # a rename is followed by its old name
            next(records, None)
    return files


def head_texts(home: Path, files: list[str], rev: str = "HEAD") -> dict[str, str | None]:
    """Each file's text at ``rev`` (None where it did not exist), in one git call."""
    if not files:
        return {}
    request = "".join(f"{rev}:{name}\n" for name in files).encode("utf-8")
    data = git.run_bytes(home, ["cat-file", "--batch"], what="read old versions", input=request)
    texts: dict[str, str | None] = {}
    position = 0
    for name in files:
        end = data.index(b"\n", position)
        header = data[position:end].decode("utf-8", errors="replace")
        position = end + 1
        if header.endswith(" missing") or header.count(" ") != 2:
            texts[name] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        texts[name] = data[position : position + size].decode("utf-8", errors="replace")
        position += size + 1
    return texts


def commit_hand_edits(home: Path) -> str | None:
    """Commit whatever changed outside clientexit since the last commit as "edited by hand",
    with what changed in words; the lock held by the caller."""
    files = dirty(home)
    if not files:
        return None
    from clientexit.history.words import describe_texts

    old = head_texts(home, files)
    new = {name: _read(home / name) for name in files}
    lines = describe_texts(home, old, new)
    return commit(home, HAND_EDIT, "\n".join(f"- {line}" for line in lines))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None


# --- Reading the history ---------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One change in the history."""

    id: str
    at: dt.datetime
    author: str
    subject: str
    body: str
    files: tuple[str, ...]
    merge: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "author": self.author,
            "change": self.subject,
            "details": [line[2:] for line in self.body.splitlines() if line.startswith("- ")],
            "files": list(self.files),
            "merge": self.merge,
        }


_FIELD, _RECORD = "\x1f", "\x1e"


def log(
    home: Path,
    paths: list[str] | None = None,
    *,
    before: dt.date | None = None,
    revs: list[str] | None = None,
) -> list[Entry]:
    """The changes, newest first (those touching ``paths`` only, if given; those made before
    the day ``before`` only, if given)."""
    if not has_commits(home):
        return []
    fmt = _FIELD.join(["%h", "%aI", "%an", "%s", "%b", "%p"]) + _FIELD
    args = ["log", f"--format={_RECORD}{fmt}", "--name-only", "-z"]
    args += revs or []
    if before is not None:
        args.append(f"--until={before.isoformat()}T00:00:00")
    if paths:
        args += ["--", *paths]
    text = git.out(home, args, what="read the history")
    entries = []
    for record in text.split(_RECORD)[1:]:
        short, at, name, subject, body, parents, rest = record.split(_FIELD, 6)
        files = tuple(f.strip("\n") for f in rest.split("\0") if f.strip("\n"))
        entries.append(
            Entry(
                short,
                dt.datetime.fromisoformat(at),
                name,
                subject,
                body.strip(),
                files,
                len(parents.split()) > 1,
            )
        )
    return entries


def show(home: Path, rev: str, file: str) -> str | None:
    """The text of ``file`` at ``rev``, or None where it did not exist."""
    return head_texts(home, [file], rev)[file]
