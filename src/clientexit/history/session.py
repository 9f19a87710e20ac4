"""One commit per command: the store tells the session before each file it writes (the first
write also commits any hand edits made since the last command, as "edited by hand"); the command
line boundary calls ``finish`` once the command is done, which commits what it changed with a
message in words. A command that writes nothing imports no more than this module: no git."""

from __future__ import annotations

from pathlib import Path


class Session:
    """The writes of one command in a data folder with history on."""

    def __init__(self, home: Path, args: list[str]) -> None:
        self.home = home.resolve()
        self.args = args
        self.before: dict[str, str | None] = {}
        self.subject: str | None = None
        self.problem: Exception | None = None

    def _name(self, path: Path) -> str | None:
        """``path`` relative to the data folder, if it is part of the history."""
        try:
            relative = path.resolve().relative_to(self.home)
        except (ValueError, OSError):
            return None  # --out FILE and every other file outside the data folder
        if any(part.startswith(".") for part in relative.parts):
            return None  # caches, locks, temporary files
        return relative.as_posix()

    def before_write(self, path: Path) -> None:
        """Called by the store before it writes ``path``."""
        name = self._name(path)
        if name is None or name in self.before:
            return
        if not self.before:
            from clientexit._errors import ClientExitError
            from clientexit.history import repo

            try:
                with repo.history_lock(self.home):
                    repo.commit_hand_edits(self.home)
            except ClientExitError as exc:  # git broken: the change itself still goes ahead
                self.problem = exc
        try:
            self.before[name] = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
            self.before[name] = None

    def finish(self) -> str | None:
        """Commit what the command changed; its short id, or None when it changed nothing."""
        if not self.before:
            return None
        from clientexit.history import repo
        from clientexit.history.words import describe_texts, message

        after: dict[str, str | None] = {}
        for name in self.before:
            try:
                after[name] = (self.home / name).read_text(encoding="utf-8")
            except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
                after[name] = None
        lines = describe_texts(self.home, self.before, after)
        subject, body = message(lines, self.args)
        # Files that existed before the command are tracked (hand edits were committed first):
        # they are committed in one git call; a new file needs `git add` first.
        tracked = all(text is not None for text in self.before.values()) and not self.problem
        only = sorted(self.before) if tracked else None
        with repo.history_lock(self.home):
            made = repo.commit(self.home, self.subject or subject, body, only=only)
        if self.problem is not None:
            raise self.problem
        return made
