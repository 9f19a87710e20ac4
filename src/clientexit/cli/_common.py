"""Small helpers every command module shares: context, output, prompts."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import typer

from clientexit._errors import Cancelled, DataFileError, InvalidValue, UsageError
from clientexit._paths import Paths

if TYPE_CHECKING:
    from decimal import Decimal

    from questionary import Question
    from rich.console import Console

    from clientexit.record.model import Profile

# ctx.meta key: client files a listing left out (cli/__init__.py warns about each, then exits 4).
BROKEN_FILES = "clientexit.broken_files"


_CONTROL_OR_SGR = re.compile(
    "\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


# The characters _CONTROL_OR_SGR finds in ASCII text (ESC among them).
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
# Every character the pattern can start with (ESC is among the controls): a class alone is
# searched several times faster than the alternation, over a listing of megabytes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def harmless(text: str) -> str:
    """``text`` without control characters (bar tab and newline) or bidi overrides, keeping
    only colour codes (ESC [ ... m); every line clientexit prints passes through here."""
    if text.isascii():
        # Most output: looked at as bytes, ~10x faster than the pattern (a listing's JSON of
        # 10,000 clients is 6 MB).
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_CONTROLS)) == len(raw):
            return text
    elif not _CONTROL.search(text):
        return text
    return _CONTROL_OR_SGR.sub(lambda m: m[0] if len(m[0]) > 1 else "", text)


def write_output(path: Path, text: str) -> None:
    """Write a file the person asked for (--out, --eml, --ics) through the same filter as the
    terminal (safe_text.for_file: no OSC, CSI, BEL or NUL), atomically."""
    from clientexit._store import atomic_write_text
    from clientexit.safe_text import for_file

    atomic_write_text(path, for_file(text))


def paths(ctx: typer.Context) -> Paths:
    """The data folder chosen by --home / $CLIENTEXIT_HOME / the platform."""
    found: Paths = ctx.find_root().obj["paths"]
    return found


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if hasattr(value, "unwrap"):  # tomlkit items
        return value.unwrap()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def broken_files(ctx: typer.Context) -> list[DataFileError]:
    """Where a command listing every client collects the files that do not parse.

    Pass it to clients.list_records(broken=...): the others are listed, and when the command is
    done each broken file gets one warning line on stderr and the exit code is 4.
    """
    broken: list[DataFileError] = ctx.meta.setdefault(BROKEN_FILES, [])
    return broken


def warn_conflict_copies(where: Paths) -> None:
    """One warning per conflict copy a synced folder left in clients/ (a change made on the
    other computer that no listing shows until it is merged)."""
    from clientexit.history.copies import find

    for copy in find(where.clients):
        typer.echo(
            f"clientexit: warning: {copy.path.name} is a conflict copy ({copy.tool}) of "
            f"{copy.slug}: its changes are not in the book until you run "
            "clientexit doctor --merge-conflicts",
            err=True,
        )


def _encodes(stream: object, sample: str) -> bool:
    try:
        sample.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _finite(value: object) -> object:
    """``value`` with every NaN or infinite float (and any other value JSON lacks) as None."""
    import math

    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if hasattr(value, "unwrap"):
        return _finite(value.unwrap())
    return value


def _finite_default(value: object) -> object:
    return _finite(_json_default(value))


def emit_json(data: object) -> None:
    """Machine output on stdout: one JSON document, UTF-8, dates as ISO strings.

    Indented for a person on a terminal; on one line when piped (as gh does), which lets the
    json module use its C encoder: `clients --json` over 10,000 clients is ~150 ms faster. A
    list (or any iterator of items, then written as a list) is written piped in slices of
    ``_JSON_SLICE`` items, the same text as at once, so a listing of 50,000 clients never
    holds all of its JSON (and all of its items, given an iterator) in memory at once.
    """
    import json

    # A terminal or pipe that cannot take every character (LANG=C) gets \u escapes, not "?".
    ascii_only = not _encodes(sys.stdout, "\u20ac\u0131\u0159")

    def dumps(value: object, indent: int | None) -> str:
        try:
            return json.dumps(
                value,
                default=_json_default,
                allow_nan=False,
                ensure_ascii=ascii_only,
                indent=indent,
            )
        except ValueError:  # NaN or infinity somewhere: JSON has no such number, null it is
            cleaned = _finite(value)
            return json.dumps(
                cleaned,
                default=_finite_default,
                allow_nan=False,
                ensure_ascii=ascii_only,
                indent=indent,
            )

    if sys.stdout.isatty():
        whole = list(data) if isinstance(data, Iterable) and not isinstance(data, Mapping) else data
        sys.stdout.write(dumps(whole, 2) + "\n")
        return
    if isinstance(data, Mapping | str) or not isinstance(data, Iterable):
        sys.stdout.write(dumps(data, None) + "\n")
        return
    items = iter(data)
    sys.stdout.write("[")
    first = True
    while chunk := list(itertools.islice(items, _JSON_SLICE)):
        # json.dumps of a list is "[" + ", ".join(each item) + "]": the slices join the same way.
        sys.stdout.write(("" if first else ", ") + dumps(chunk, None)[1:-1])
        first = False
    sys.stdout.write("]\n")


_JSON_SLICE = 2000


def status_filter(status: str | None) -> str | None:
    """A ``--status`` value, checked: an unknown status is a usage error listing the real ones."""
    from clientexit.config import STATUSES

    if status is not None and status not in STATUSES:
        raise UsageError(
            f"--status {status!r} is not a status.", f"Use one of: {', '.join(STATUSES)}."
        )
    return status


def output_file(ctx: typer.Context, target: str, option: str, example: str) -> Path:
    """The file an output option (--out, --eml, --ics) may write, resolved; checked before
    anything is written or recorded. ``target`` is a file name, never "-" (each command decides
    what "-" means); ``example`` is a file name suggested when a folder is given.

    An existing file outside the data folder may be overwritten, as ``-o`` does in other tools.
    Refused (exit 2): a folder; a file in a folder that does not exist (none is created for an
    output file); anything inside the data folder, symlinks followed, whose files are
    clientexit's own and would be replaced.
    """
    path = Path(target).expanduser()
    if path.is_dir():
        raise UsageError(
            f"{option} {target} is a folder.", f"Give a file name: {option} {path / example}"
        )
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(
            f"{option} {target}: {folder} {what}.",
            "Give a file in an existing folder (clientexit does not create folders for it).",
        )
    resolved = path.resolve()
    home = paths(ctx).home.expanduser().resolve()
    if resolved == home or home in resolved.parents:
        raise UsageError(
            f"{option} {target} is inside clientexit's data folder ({home}): "
            "an output file there could replace your records.",
            f"Write it somewhere else, e.g. {option} {Path('~') / example}",
        )
    return resolved


class Conflict:
    """An option that cannot be given together with some others, and why.

    Options are named as the command function's parameters (``dry_run``, ``json_out``); a name
    written ``"ics=-"`` means that option with that one value. ``why`` continues the option's
    flag in the message: ``Conflict("dry_run", ("out",), "writes no file")`` refuses
    ``--dry-run --out F`` with "--dry-run writes no file: leave out --out." ``message``, where
    given, is the whole sentence instead (wording people and scripts already know).
    """

    # A plain class: every command imports this module, and a dataclass costs ~1 ms to build.
    __slots__ = ("fix", "message", "option", "others", "why")

    def __init__(
        self,
        option: str,
        others: tuple[str, ...],
        why: str = "",
        fix: str | None = None,
        *,
        message: str | None = None,
    ) -> None:
        self.option, self.others, self.why, self.fix = option, others, why, fix
        self.message = message


def refuse_conflicts(
    ctx: typer.Context, *rules: Conflict, values: Mapping[str, object] | None = None
) -> None:
    """Refuse (usage error, exit 2) the first rule whose option and one of its others were both
    given. An option counts as given when its value is not None, False or empty; ``values``
    replaces the parsed value of an option the command has already normalised."""
    given = {**ctx.params, **(values or {})}
    for rule in rules:
        if not _given(rule.option, given):
            continue
        for other in rule.others:
            if _given(other, given):
                said = f"{_flag(ctx, rule.option)} {rule.why}: leave out {_flag(ctx, other)}."
                raise UsageError(rule.message or said, rule.fix)


@contextlib.contextmanager
def flag_names(ctx: typer.Context, **flags: str) -> Iterator[None]:
    """Word the core's InvalidValue errors with the flag that gave the value: the command's
    option of the same name as the core's argument, or ``flags[argument]`` (``last="--to"``)."""
    try:
        yield
    except InvalidValue as exc:
        flag = flags.get(exc.argument) or _flag_or_none(ctx, exc.argument)
        if flag is None:
            raise
        raise exc.with_flag(flag) from None


def _flag_or_none(ctx: typer.Context, name: str) -> str | None:
    for param in ctx.command.params:
        if param.name == name and param.param_type_name == "option":
            return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return None


def _given(option: str, values: Mapping[str, object]) -> bool:
    name, equals, wanted = option.partition("=")
    value = values.get(name)
    return value == wanted if equals else value not in (None, False, (), [], "")


def _flag(ctx: typer.Context, option: str) -> str:
    """How the person typed it: the option's long flag, and the one value if the rule has one."""
    name, equals, wanted = option.partition("=")
    flag = _flag_or_none(ctx, name)
    if flag is None:
        raise ValueError(f"{ctx.command.name} has no option {name!r}")
    return f"{flag} {wanted}" if equals else flag


def note(message: str) -> None:
    """A message for the person (not data): goes to stderr."""
    typer.echo(message, err=True)


def interactive() -> bool:
    """Whether prompts can be shown: a real terminal on both ends and not under CI."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    return sys.stdin.isatty() and sys.stderr.isatty()


def require_terminal(what: str, replacement: str) -> None:
    """Refuse to prompt without a terminal, naming the flag or file that replaces the prompt."""
    if not interactive():
        raise UsageError(
            f"{what} needs a terminal to ask questions, and there is none.", replacement
        )


def ask(question: Question) -> Any:  # Any: questionary
    """Ask a questionary question; Ctrl-C or Ctrl-D is a clean cancel, never a silent None."""
    try:
        answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled() from None
    return answer


def confirm_close(name: str, slug: str, display: str) -> bool:
    """Whether ``name``, which no client has, means the client ``display`` (``slug``): asked on
    the terminal (stderr), yes by default."""
    return _confirm_on_stderr(
        f"There is no client {name!r}. Did you mean {display} ({slug})?", default=True
    )


def ask_twin(name: str, twin: str) -> bool:
    """Whether to add ``name`` beside ``twin`` (the same name written differently): asked on
    the terminal (stderr), no by default."""
    return _confirm_on_stderr(
        f"{name!r} is the name of {twin} written differently. Add it as a separate client?",
        default=False,
    )


def _confirm_on_stderr(message: str, *, default: bool) -> bool:
    """A yes/no question asked on stderr, so that stdout (a listing, --json) stays clean."""
    import questionary
    from prompt_toolkit.output import create_output

    question = questionary.confirm(
        message, default=default, output=create_output(stdout=sys.stderr)
    )
    return bool(ask(question))


def shell_quote(text: str) -> str:
    """``text`` as one word of a shell command line."""
    import shlex

    return shlex.quote(text)


def console(stderr: bool = False, *, rows: bool = False) -> Console:
    """A rich Console that never interprets user text as markup or highlights it.

    When the output is not a terminal (a pipe, a file), lines are not wrapped at 80 columns
    unless $COLUMNS asks for a width, and no line ends in padding spaces. ``rows``: a table with
    one line per record, which off a terminal is as wide as its longest line whatever $COLUMNS
    says, so that grep, cut and sort see one whole row per record, never a value cut to "…".
    """
    import errno

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 on its own; cli/__init__.py handles a closed pipe (quietly, 0).
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    out = _Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not out.is_terminal:
        if rows or not os.environ.get("COLUMNS"):
            out.width = _UNLIMITED_WIDTH
        # Duck-typed: it writes and flushes itself and hands every other attribute to the stream.
        out.file = cast(IO[str], _TrimmedLines(out.file))
    return out


_UNLIMITED_WIDTH = 100_000


class _TrimmedLines:
    """A text stream that drops the spaces rich pads table cells with at the end of a line."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending.rstrip(" "))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def money(amount: float | Decimal, currency: str) -> str:
    """Money as clientexit's (English) output shows it: €1,234.50, CZK 1,234.50, ¥1,234.

    Letters and checklists format money in their own language with i18n.format_money.
    """
    from clientexit.i18n import format_money

    return format_money(amount, currency, "en")


def day(value: dt.date | None, profile: Profile | None) -> str:
    """A date as clientexit's (English) screens show it, in the letters' style: day first
    ("4 January 2027"), month first only for a US-style profile; "" for none. --json keeps ISO."""
    if value is None:
        return ""
    from clientexit.i18n import date_style, format_date

    return format_date(value, date_style("en", profile))


def day_writer(ctx: typer.Context) -> Callable[[dt.date], str]:
    """``day`` for the profile of this command's data folder, read only when a day is written
    (a refusal naming a recorded day): a broken config.toml never stands between the person
    and recording a change."""

    def write(value: dt.date) -> str:
        from clientexit import config

        return day(value, config.load_profile(paths(ctx)))

    return write
