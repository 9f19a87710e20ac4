"""One error root for everything a user can get wrong, each with its exit code.

Exit codes (documented in the README):
    0  success
    1  a problem with the user's data or the environment (unreadable file, lock timeout)
    2  bad usage: unknown option, invalid value, a prompt needed but no terminal
    3  not found: unknown client, letter type, template or checklist item
    4  a data file (or a template of yours) does not parse, is invalid or is from a newer
       clientexit; it was left untouched
    5  an import did what it could but left out rows it could not read (listed, and in --json)
  130  cancelled with Ctrl-C; nothing was saved
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_DATA = 4
EXIT_PARTIAL = 5
EXIT_CANCELLED = 130


class ClientExitError(Exception):
    """An expected failure: printed as one line on stderr, never as a traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(ClientExitError):
    """The command line or an input file asked for something invalid."""

    exit_code = EXIT_USAGE


class InvalidValue(UsageError):
    """A value the core refuses, saying what is wrong with it and which argument it came in as.

    The core knows no flags: ``InvalidValue("issued", day, "is in the future", what="issue
    date")`` reads "The issue date 2026-12-01 is in the future." The command line words it with
    the flag that gave the value ("--issued 2026-12-01 is in the future.", see
    ``cli._common.flag_names``). ``{flag}`` in the hint becomes the argument's name here and the
    flag there ("use {flag} waive": "use goodwill waive" / "use --goodwill waive").
    """

    def __init__(
        self,
        argument: str,
        value: object,
        problem: str,
        hint: str | None = None,
        *,
        what: str | None = None,
    ) -> None:
        self.argument, self.value, self.problem = argument, value, problem
        self.hint_template = hint
        name = argument.replace("_", " ")
        super().__init__(
            f"The {what or name} {value} {problem}.",
            hint.replace("{flag}", name) if hint else None,
        )

    def with_flag(self, flag: str) -> UsageError:
        """The same error, naming the flag the person typed instead of the argument."""
        hint = self.hint_template.replace("{flag}", flag) if self.hint_template else None
        return UsageError(f"{flag} {self.value} {self.problem}.", hint)


class NotFoundError(ClientExitError):
    """A client, template or item that does not exist."""

    exit_code = EXIT_NOT_FOUND


class DataFileError(ClientExitError):
    """A TOML file (or a letter template) that cannot be read as clientexit data; it is never
    overwritten."""

    exit_code = EXIT_DATA


class Cancelled(ClientExitError):
    """The user pressed Ctrl-C (or Ctrl-D) at a prompt."""

    exit_code = EXIT_CANCELLED

    def __init__(self, message: str = "Cancelled; nothing was saved.") -> None:
        super().__init__(message)
