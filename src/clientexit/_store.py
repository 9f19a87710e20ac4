"""Reading and writing TOML state safely.

Reads use the standard library's tomllib (fast); edits go through tomlkit so that a person's own
comments and layout survive, under a file lock around the whole read-modify-write, and land with an
atomic replace. A file that does not parse is reported with its line and column and never written.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from clientexit._atomic import WRITE_WATCHERS, atomic_write_text
from clientexit._atomic import staged as _staged
from clientexit._errors import ClientExitError, DataFileError

__all__ = [
    "WRITE_WATCHERS",
    "atomic_write_text",
    "edit_many",
    "edit_toml",
    "locked",
    "read_toml",
    "settle",
]

if TYPE_CHECKING:
    import tomlkit

SCHEMA_VERSION = 1
LOCK_TIMEOUT_SECONDS = 15.0


# The data files this process has changed so far (edit_toml, edit_many): when a command fails
# after saving, its error says so (cli/__init__.py), so a retry does not record it twice.
SAVED: list[Path] = []

_TOMLLIB_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _broken(path: Path, line: int | None, col: int | None, what: str) -> DataFileError:
    where = f"{path}:{line}:{col}" if line is not None else str(path)
    return DataFileError(
        f"{where}: not valid TOML ({what}).",
        "Fix that line by hand (or restore a backup); clientexit has left the file unchanged.",
    )


def _check_schema(path: Path, data: object) -> None:
    version = data.get("schema_version", SCHEMA_VERSION) if isinstance(data, Mapping) else None
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise DataFileError(
            f"{path}: schema_version {version!r} is not one this clientexit understands "
            f"(it reads up to {SCHEMA_VERSION}).",
            "Upgrade clientexit, or correct schema_version by hand.",
        )


def read_regular_bytes(path: Path) -> bytes:
    """The bytes of ``path``, which must be a regular file: a FIFO or a device where a data file
    should be is a DataFileError, never a read that waits forever. A missing file raises
    FileNotFoundError."""
    with open_regular(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise DataFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading in binary, checked as ``read_regular_bytes`` checks it (for a
    file read a piece at a time)."""
    import stat

    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise DataFileError(f"{path} is a folder, not a TOML file.") from None
    except PermissionError:
        raise DataFileError(
            f"{path}: permission denied.", "Check the file's owner and mode."
        ) from None
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DataFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    handle = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return handle
    handle.close()
    if stat.S_ISDIR(mode):
        raise DataFileError(f"{path} is a folder, not a TOML file.")
    raise DataFileError(
        f"{path} is not a regular file (a FIFO, socket or device).",
        "Move it away; clientexit keeps its data in ordinary files.",
    )


def read_toml(path: Path) -> dict[str, Any]:  # Any: tomli
    """Parse ``path`` with tomli (tomllib's own source, compiled: the same TOML 1.0, values and
    error messages, about three times faster; a listing of a large book read anew is mostly
    this parse). A missing file raises FileNotFoundError."""
    import tomli

    raw = read_regular_bytes(path)
    try:
        data = tomli.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _broken(path, None, None, f"not UTF-8 text: {exc.reason}") from None
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOMLLIB_POSITION.search(message)
        what = _TOMLLIB_POSITION.sub("", message).replace("(at end of document)", "").strip()
        if match:
            raise _broken(path, int(match[1]), int(match[2]), what) from None
        # "at end of document": something opened earlier was never closed; point at the end.
        lines = raw.decode("utf-8").splitlines() or [""]
        raise _broken(
            path, len(lines), len(lines[-1]) + 1, f"{what} at the end of the file"
        ) from None
    _check_schema(path, data)
    return data


def parse_for_edit(path: Path, text: str) -> tomlkit.TOMLDocument:
    """Parse ``text`` (the content of ``path``) with tomlkit, keeping comments and layout."""
    import tomlkit
    from tomlkit.exceptions import ParseError

    if text and not text.endswith("\n"):
        # tomlkit appends a table right after the last line: `x = "y"[[letters]]`, not TOML.
        text += "\n"
    try:
        doc = tomlkit.parse(text)
    except ParseError as exc:
        what = str(exc).split(" at line ")[0]
        raise _broken(path, exc.line, exc.col, what) from None
    _check_schema(path, doc)
    return doc


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the inter-process lock of ``path`` (a hidden ``.NAME.lock`` beside it, see _lock);
    a lock held elsewhere for longer than LOCK_TIMEOUT_SECONDS is a clear error."""
    from clientexit._lock import hold, lock_file

    path.parent.mkdir(parents=True, exist_ok=True)
    with _busy_is_an_error(path), hold(lock_file(path), LOCK_TIMEOUT_SECONDS):
        yield


@contextlib.contextmanager
def _busy_is_an_error(path: Path) -> Iterator[None]:
    from clientexit._lock import LockTimeout

    try:
        yield
    except LockTimeout:
        raise ClientExitError(
            f"{path} is being changed by another clientexit process "
            f"(still busy after {LOCK_TIMEOUT_SECONDS:g} seconds).",
            "Wait for it to finish and try again.",
        ) from None


def settle(folder: Path) -> None:
    """Complete the change to several files of ``folder`` that a killed process left half done,
    and delete the temporary files nobody writes any more (see _journal)."""
    from clientexit import _journal

    with _busy_is_an_error(folder):
        _journal.settle(folder, LOCK_TIMEOUT_SECONDS)


@contextlib.contextmanager
def edit_toml(
    path: Path,
    *,
    create: bool = False,
    check: Callable[[tomlkit.TOMLDocument], None] | None = None,
    finish: Callable[[tomlkit.TOMLDocument], bool] | None = None,
) -> Iterator[tomlkit.TOMLDocument]:
    """Read ``path`` for editing under its lock; write it back atomically if it changed.
    ``finish`` completes a document the block changed (and only then), saying whether it
    changed anything: housekeeping never writes a file by itself.

    An exception inside the block (Ctrl-C included) writes nothing, and neither does one raised by
    ``check``, which sees the edited document before it is written. With ``create`` a missing file
    starts as an empty document carrying ``schema_version``.
    """
    import tomlkit

    ahead = _parse_ahead(path)
    with _locked_after_journals([path]):
        if path.exists():
            try:
                before = read_regular_bytes(path).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _broken(path, None, None, f"not UTF-8 text: {exc.reason}") from None
            # The parse done before the lock stands only for exactly the text read under it.
            doc = ahead[1] if ahead and ahead[0] == before else parse_for_edit(path, before)
        elif create:
            before = None
            doc = tomlkit.document()
            doc.add("schema_version", SCHEMA_VERSION)
        else:
            raise FileNotFoundError(path)
        yield doc
        after = doc.as_string()
        if after != before and finish is not None and finish(doc):
            after = doc.as_string()
        if check is not None:
            check(doc)
        if after != before:
            _check_round_trip(path, doc, after)
            atomic_write_text(path, after)
            SAVED.append(path)


def _parse_ahead(path: Path) -> tuple[str, tomlkit.TOMLDocument] | None:
    """The text of ``path`` and its parse, read before taking the lock, or None when that fails
    (the read under the lock then reports it). Parsing is most of an edit's time (~1 s a MB):
    done outside the lock, a large file does not hold other writers for that long."""
    try:
        text = read_regular_bytes(path).decode("utf-8")
        return text, parse_for_edit(path, text)
    except (OSError, UnicodeDecodeError, ClientExitError):
        return None


@contextlib.contextmanager
def _locked_after_journals(files: list[Path]) -> Iterator[None]:
    """Hold the locks of ``files`` (in a fixed order, so two processes cannot wait on each
    other), once no journal of an interrupted change (see _journal) still names one of them:
    such a change is completed first, so an edit never starts from the half it left."""
    from clientexit import _journal

    ordered = sorted(set(files))
    folders: dict[Path, set[str]] = {}
    for path in ordered:
        folders.setdefault(path.parent, set()).add(path.name)
    while True:
        with contextlib.ExitStack() as stack:
            for path in ordered:
                stack.enter_context(locked(path))
            if not any(_journal.pending(folder, names) for folder, names in folders.items()):
                yield
                return
        for folder in folders:
            with _busy_is_an_error(folder):
                _journal.finish(folder, LOCK_TIMEOUT_SECONDS)


@contextlib.contextmanager
def edit_many(
    files: list[Path],
    check: Callable[[Path, tomlkit.TOMLDocument], None] | None = None,
    finish: Callable[[Path, tomlkit.TOMLDocument], bool] | None = None,
) -> Iterator[dict[Path, tomlkit.TOMLDocument]]:
    """Edit several existing files of one folder as one change, all or nothing even if the
    process is killed: all are locked and read; when the block ends, each changed one is
    checked, and the changed ones are committed together through a journal (see _journal).
    An exception in the block or in ``check`` writes none of them. ``finish`` as edit_toml's.
    """
    from clientexit import _journal

    ordered = sorted(set(files))
    if len({path.parent for path in ordered}) > 1:
        raise ValueError("edit_many changes the files of one folder")
    with _locked_after_journals(ordered):
        before: dict[Path, str] = {}
        docs: dict[Path, tomlkit.TOMLDocument] = {}
        for path in ordered:
            try:
                before[path] = read_regular_bytes(path).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _broken(path, None, None, f"not UTF-8 text: {exc.reason}") from None
            docs[path] = parse_for_edit(path, before[path])
        yield docs
        changed = {path: docs[path].as_string() for path in ordered}
        changed = {path: text for path, text in changed.items() if text != before[path]}
        if finish is not None:  # as edit_toml's: only for a document the block changed
            for path in changed:
                if finish(path, docs[path]):
                    changed[path] = docs[path].as_string()
        for path, text in changed.items():
            _check_round_trip(path, docs[path], text)
        if check is not None:
            for path in changed:
                check(path, docs[path])
        if len(changed) == 1:  # one file: its atomic replace is all or nothing already
            for path, text in changed.items():
                atomic_write_text(path, text)
                SAVED.append(path)
        elif changed:
            staged = {}
            try:
                for path, text in changed.items():
                    staged[path] = Path(_staged(path, text))
            except BaseException:
                for tmp in staged.values():
                    tmp.unlink(missing_ok=True)
                raise
            _journal.commit(ordered[0].parent, staged)
            SAVED.extend(staged)


def _check_round_trip(path: Path, doc: tomlkit.TOMLDocument, text: str) -> None:
    """Refuse to write ``text`` unless it parses back to exactly what was edited: tomlkit can
    render some hand-written layouts (an inline array or table grown with tables) as text that
    is not TOML, or that means something else."""
    import tomllib

    try:
        same = _same(tomllib.loads(text), doc.unwrap())
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        raise DataFileError(
            f"{path}: clientexit could not write this change without breaking the file's layout "
            "(an inline table or list written by hand?).",
            "Write lists as [[name]] tables and tables as [name] sections, then retry; "
            "clientexit has left the file unchanged.",
        )


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True  # nan
    if isinstance(a, dict) and isinstance(b, dict):
        # A table left empty (its last key removed) is not written at all: the same thing.
        kept_a = {k: v for k, v in a.items() if not _empty_table(v)}
        kept_b = {k: v for k, v in b.items() if not _empty_table(v)}
        return kept_a.keys() == kept_b.keys() and all(_same(kept_a[k], kept_b[k]) for k in kept_a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _empty_table(value: object) -> bool:
    return isinstance(value, dict) and all(_empty_table(v) for v in value.values())
