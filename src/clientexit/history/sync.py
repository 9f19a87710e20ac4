"""``clientexit sync``: pull and push with the repository's own remote (any git remote the user
set up: a private repository, a USB stick, a server over SSH); never a server of our own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clientexit._errors import ClientExitError, UsageError
from clientexit.history import git, repo
from clientexit.history.merge import MISSING, Conflict


@dataclass
class Synced:
    """What a sync did."""

    remote: str
    branch: str
    received: list[str] = field(default_factory=list)  # the other computer's changes, in words
    sent: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def git_dir(home: Path) -> Path:
    """The repository's own folder (``.git``)."""
    found = git.out(home, ["rev-parse", "--absolute-git-dir"], what="find the repository").strip()
    return Path(found)


def _remote(home: Path) -> str:
    names = git.out(home, ["remote"], what="list the remotes").split()
    if not names:
        raise UsageError(
            f"The book in {home} has no remote to sync with.",
            f"Add one (a private repository, a USB stick, a server over SSH): "
            f"git -C {home} remote add origin URL",
        )
    return "origin" if "origin" in names else names[0]


def _branch(home: Path) -> str:
    result = git.run(home, ["symbolic-ref", "--short", "HEAD"], what="read the branch", check=False)
    if result.returncode != 0:
        raise ClientExitError(
            f"The book in {home} is not on a branch (a detached HEAD).",
            f"Check it out again: git -C {home} switch main",
        )
    return result.stdout.strip()


def sync(home: Path) -> Synced:
    """Commit hand edits, fetch, merge the other side's changes (client files by meaning), push."""
    from clientexit.history import conflicts

    repo.configure(home)  # the merge driver's Python may have moved (a new virtualenv)
    remote = _remote(home)
    branch = _branch(home)
    done = Synced(remote, branch)
    with repo.history_lock(home):
        repo.commit_hand_edits(home)
        git.run(home, ["fetch", "-q", remote], what=f"fetch from {remote}")
        theirs = f"refs/remotes/{remote}/{branch}"
        exists = git.run(home, ["rev-parse", "-q", "--verify", theirs], what="read", check=False)
        before = set(conflicts.read(git_dir(home)))
        if exists.returncode == 0:
            done.received = [e.subject for e in _between(home, "HEAD", theirs)]
            _merge(home, remote, theirs)
        done.conflicts = [c for c in conflicts.read(git_dir(home)) if c not in before]
        ahead = f"{theirs}..HEAD" if exists.returncode == 0 else "HEAD"
        done.sent = int(git.out(home, ["rev-list", "--count", ahead], what="count").strip() or 0)
        if done.sent:
            git.run(
                home, ["push", "-q", "-u", remote, f"HEAD:refs/heads/{branch}"],
                what=f"push to {remote}",
            )  # fmt: skip
    return done


def _between(home: Path, mine: str, theirs: str) -> list[repo.Entry]:
    text = git.out(home, ["rev-list", f"{mine}..{theirs}"], what="compare").split()
    if not text:
        return []
    return [e for e in repo.log(home, None, revs=[f"{mine}..{theirs}"]) if not e.merge]


def _merge(home: Path, remote: str, theirs: str) -> None:
    result = git.run(
        home,
        [*repo.identity(home), "merge", "-q", "--no-edit", "--no-verify", "-m",
         f"sync: the changes from {remote} merged", theirs],
        what="merge", check=False,
    )  # fmt: skip
    if result.returncode == 0:
        return
    git.run(home, ["merge", "--abort"], what="abort the merge", check=False)
    detail = " ".join((result.stderr + result.stdout).split())[:400]
    raise ClientExitError(
        f"The changes from {remote} could not be merged, so nothing changed here: {detail}",
        "Fix the file it names (every file must parse), commit, and sync again.",
    )


def resolve(home: Path, choose: Callable[[Conflict], str]) -> list[tuple[Conflict, str]]:
    """Decide every open conflict: ``choose(conflict)`` says "mine" or "theirs"; the chosen
    value is written into the file and the decisions are committed as one change."""
    from clientexit._store import edit_toml
    from clientexit.history import conflicts
    from clientexit.history.merge import apply_value

    where = git_dir(home)
    open_ones = conflicts.read(where)
    decided: list[tuple[Conflict, str]] = []
    with repo.history_lock(home):
        repo.commit_hand_edits(home)
        for conflict in open_ones:
            side = choose(conflict)
            value = conflict.mine if side == "mine" else conflict.theirs
            with edit_toml(home / conflict.file) as doc:
                apply_value(doc, conflict.where, value)
            decided.append((conflict, side))
            conflicts.write(where, [c for c in conflicts.read(where) if c != conflict])
        if decided:
            lines = [_decision(c, side) for c, side in decided]
            subject = lines[0] if len(lines) == 1 else f"{len(lines)} conflicts resolved"
            repo.commit(home, subject, "\n".join(f"- {line}" for line in lines))
    return decided


def _decision(conflict: Conflict, side: str) -> str:
    from clientexit.history.merge import _show

    value = conflict.mine if side == "mine" else conflict.theirs
    origin = "this computer's" if side == "mine" else "the other computer's"
    shown = "removed" if value is MISSING else _show(value)
    return f"conflict resolved: {conflict.what} of {conflict.who} kept as {shown} ({origin})"
