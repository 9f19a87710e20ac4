"""``clientexit undo``: take back a change by a new commit that reverts it (the history keeps
both), refused, with the reason in words, when a later change depends on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clientexit._errors import ClientExitError, NotFoundError
from clientexit.history import git, repo
from clientexit.history.diff import Change, diff, is_id_only


class Refused(ClientExitError):
    """The change cannot be undone (a later one depends on it, or it is not a change)."""


@dataclass(frozen=True)
class Undone:
    """The change taken back and the commit that took it back."""

    change: repo.Entry
    commit: str
    subject: str


def _commit(home: Path, change_id: str | None) -> str:
    wanted = change_id or "HEAD"
    result = git.run(
        home, ["rev-parse", "-q", "--verify", f"{wanted}^{{commit}}"], what="find", check=False
    )
    if result.returncode != 0 or (
        change_id and not all(c in "0123456789abcdefABCDEF" for c in change_id)
    ):
        raise NotFoundError(
            f"There is no change {change_id} in the history.",
            "See the changes and their ids with: clientexit history",
        )
    return result.stdout.strip()


def _entry(home: Path, full: str) -> repo.Entry:
    return repo.log(home, None, revs=["-1", full])[0]


def changes_of(home: Path, commit: str, parent: str | None = None) -> list[Change]:
    """What ``commit`` changed (against its first parent, or ``parent``), by meaning."""
    import tomllib

    base = parent or f"{commit}^"
    names = git.out(home, ["diff", "--name-only", "-z", base, commit], what="read a change").split(
        "\0"
    )
    names = [n for n in names if n]
    old = repo.head_texts(home, names, base)
    new = repo.head_texts(home, names, commit)
    found: list[Change] = []
    for name in names:
        if not name.endswith(".toml"):
            found.append(Change(name, "changed", ()))
            continue
        try:
            before, after = old[name], new[name]
            a = tomllib.loads(before) if before is not None else None
            b = tomllib.loads(after) if after is not None else None
        except tomllib.TOMLDecodeError:
            found.append(Change(name, "changed", ()))  # the whole file: anything depends on it
            continue
        found.extend(diff(name, a, b))
    return found


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _depends(home: Path, target: str, mine: list[Change]) -> tuple[repo.Entry, Change] | None:
    """A later change that still stands on what ``target`` changed, if any: what target touched
    is no longer as target left it (a later undo that took such a change back again is fine)."""
    touched = {(c.file, c.unit) for c in mine if not is_id_only(c)}

    def overlaps(change: Change) -> bool:
        if is_id_only(change):
            return False
        return any(f == change.file and _overlap(u, change.unit) for f, u in touched)

    since = [c for c in changes_of(home, "HEAD", parent=target) if overlaps(c)]
    if not since:
        return None
    later = git.out(home, ["rev-list", "--first-parent", f"{target}..HEAD"], what="list").split()
    for commit in later:  # newest first: the one to undo first
        for change in changes_of(home, commit):
            if overlaps(change):
                return _entry(home, commit), change
    return _entry(home, later[0]), since[0]


def undo(home: Path, change_id: str | None = None) -> Undone:
    """Take back the last change, or the change ``change_id``, by a reverting commit."""
    from clientexit.history.driver import STRICT

    with repo.history_lock(home):
        repo.commit_hand_edits(home)
        target = _commit(home, change_id)
        entry = _entry(home, target)
        if entry.merge:
            raise Refused(
                f"{entry.id} is a sync's merge, not one change.",
                "Undo the changes it brought one by one (clientexit history lists them).",
            )
        parents = git.out(home, ["rev-list", "--parents", "-n", "1", target], what="read").split()
        if len(parents) < 2:
            raise Refused(
                f"{entry.id} is where the history starts; there is nothing before it to go back to."
            )
        mine = changes_of(home, target)
        found = _depends(home, target, mine)
        if found is not None:
            later, change = found
            raise Refused(
                f'"{entry.subject}" ({entry.id}) cannot be undone: a later change depends on it: '
                f'"{later.subject}" ({later.id}, {later.at:%Y-%m-%d}) changed the same '
                f"{_thing(change)}.",
                f"Undo that one first (clientexit undo --change {later.id}), then this one.",
            )
        result = git.run(
            home, ["revert", "--no-commit", target], what="undo", check=False, env={STRICT: "1"}
        )
        if result.returncode != 0:
            git.run(home, ["revert", "--abort"], what="abort", check=False)
            git.run(home, ["reset", "-q", "--hard", "HEAD"], what="reset", check=False)
            raise Refused(
                f'"{entry.subject}" ({entry.id}) cannot be undone: later changes overlap it '
                f"({' '.join((result.stderr or result.stdout).split())[:300]}).",
                "Undo the later changes first (clientexit history lists them).",
            )
        subject = f"undo: {entry.subject}"
        body = f"Takes back {entry.id} of {entry.at:%Y-%m-%d %H:%M}."
        made = repo.commit(home, subject, body)
    if made is None:
        raise Refused(
            f'"{entry.subject}" ({entry.id}) changed nothing that is still there to undo.'
        )
    return Undone(entry, made, subject)


def _thing(change: Change) -> str:
    if change.entry:
        return change.entry
    if change.kind in ("created", "deleted"):
        return f"file {change.file}"
    return f"{'.'.join(change.where)} in {change.file}"
