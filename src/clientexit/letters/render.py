"""Finding and rendering letter templates in a sandboxed, strict Jinja2 environment.

Lookup for type T in language L: <home>/templates/letters/L/T.txt.j2 (yours), then the built-in
templates/letters/L/T.txt.j2, then the same two in English (the caller notes the fallback).
A rendered letter starts with a ``Subject: ...`` line and a blank line; the rest is the body.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit._errors import ClientExitError, DataFileError, NotFoundError
from clientexit._paths import Paths
from clientexit._resources import templates_dir
from clientexit.i18n import (
    DEFAULT_LANGUAGE,
    format_date,
    format_money,
    format_number,
    language_code,
)
from clientexit.letters.context import Namespace, placeholder

if TYPE_CHECKING:
    import contextlib
    import datetime as dt
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from types import FrameType

    from jinja2 import Environment, Template
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat, EvalContext
    from jinja2.runtime import Context, Undefined
    from jinja2.sandbox import SandboxedEnvironment

SUFFIX = ".txt.j2"
SUBJECT_PREFIX = "Subject:"
# The subject line's label as each language writes it; any of them opens a letter.
SUBJECT_LABELS = {"en": "Subject:", "tr": "Konu:", "cs": "Předmět:"}
# The longest text or number a template may build with * or ** (a letter is a few thousand).
MAX_LENGTH = 100_000
# The most items all of a template's loops over range() may take together, and the longest a
# render may run: a nested loop that prints nothing must end too.
MAX_ITERATIONS = 100_000
MAX_SECONDS = 3.0
# The longest text or list anything in a template may build in one step (joining, replacing,
# concatenating with ~ or +): as long as a whole letter may be (see _bounded_render).
MAX_BUILT = MAX_LENGTH * 10
# The memory a render may take beyond what the process holds when it starts (Linux: an
# address-space limit for the render's duration; see _memory_ceiling).
MAX_RENDER_BYTES = 256 * 1024 * 1024
# Methods and filters whose int arguments are a size (a width, a count) to be checked.
_SIZED_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate"}
)


@dataclass(frozen=True)
class TemplateRef:
    """One letter template file: which type and language, and whether it is the user's own."""

    name: str
    lang: str
    path: Path
    user: bool


@dataclass(frozen=True)
class Rendered:
    """A rendered letter: its full text (Subject line first) and any values left as blanks."""

    text: str
    missing: tuple[str, ...]

    @property
    def subject(self) -> str:
        first = self.text.split("\n", 1)[0]
        return first.partition(":")[2].strip()

    @property
    def body(self) -> str:
        return self.text.split("\n", 1)[1].lstrip("\n") if "\n" in self.text else ""


def builtin_dir(lang: str) -> Path:
    return templates_dir() / "letters" / language_code(lang, "the template language")


def user_dir(paths: Paths, lang: str) -> Path:
    return paths.templates / "letters" / language_code(lang, "the template language")


def find_template(paths: Paths, name: str, lang: str) -> TemplateRef:
    """The template to use for ``name`` in ``lang``, falling back to English."""
    for try_lang in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        for folder, user in ((user_dir(paths, try_lang), True), (builtin_dir(try_lang), False)):
            path = folder / f"{name}{SUFFIX}"
            if path.is_file():
                return TemplateRef(name, try_lang, path, user)
    raise NotFoundError(
        f"No template for the letter type {name!r} in {builtin_dir(DEFAULT_LANGUAGE)}.",
        "Reinstall clientexit, or add your own with clientexit templates copy.",
    )


def list_templates(paths: Paths) -> list[TemplateRef]:
    """Every template file, built-in and the user's own, sorted by language and name."""
    found = []
    for root, user in ((paths.templates / "letters", True), (templates_dir() / "letters", False)):
        for path in sorted(root.glob(f"*/*{SUFFIX}")) if root.is_dir() else []:
            found.append(TemplateRef(path.name[: -len(SUFFIX)], path.parent.name, path, user))
    return sorted(found, key=lambda t: (t.lang, t.name, not t.user))


def _missing_key(undefined: Undefined) -> str:
    owner = getattr(undefined, "_undefined_obj", None)
    name = str(getattr(undefined, "_undefined_name", None) or "?")
    return f"{owner.path}.{name}" if isinstance(owner, Namespace) else name


def _search_path(ref: TemplateRef) -> list[Path]:
    """The folders a template (and whatever it includes) is loaded from: a template of yours
    sees your folder, then the built-in one, of its language; nothing else can be loaded."""
    return [ref.path.parent, builtin_dir(ref.lang)] if ref.user else [ref.path.parent]


class _Refused(Exception):
    """A template asked for more than a letter needs (size, loop items or time)."""


def _check_size(what: str, number: object) -> None:
    if isinstance(number, int) and not isinstance(number, bool) and abs(number) > MAX_LENGTH:
        raise _Refused(f"{what} {number:,} is larger than {MAX_LENGTH:,}: refused")


def _check_format(fmt: object, args: tuple[object, ...] = ()) -> None:
    """Refuse a %-format or str.format pattern with a width or precision over MAX_LENGTH,
    written in it or, for a nested field ("{0:{1}}"), given as one of ``args``."""
    import re

    if not isinstance(fmt, str):
        return
    if re.search(r"\{[^{}]*:[^{}]*\{", fmt):
        for arg in args:
            _check_size("a width of", arg)
            if isinstance(arg, str) and arg.strip().isdigit():
                _check_size("a width of", int(arg))
    percent = re.finditer(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?", fmt)
    braces = re.finditer(r"\{[^{}:]*:[^{}\d]*(\d*)[,_]?(?:\.(\d*))?", fmt)
    for match in (*percent, *braces):
        for digits in match.groups():
            if digits:
                _check_size("a width of", int(digits))


def _check_built(what: str, length: int) -> None:
    if length > MAX_BUILT:
        raise _Refused(
            f"{what} would make a text of {length:,} characters, more than {MAX_BUILT:,}: refused"
        )


def _joined(separator: str, items: Iterable[object]) -> tuple[str, list[object]]:
    """``items`` as a list, once the text joining them with ``separator`` is known to be short
    enough (a list of 100,000 copies of a 100,000-character text joins into ten billion)."""
    listed = list(items)
    length = len(separator) * max(len(listed) - 1, 0)
    length += sum(len(item) if isinstance(item, str) else len(str(item)) for item in listed)
    _check_built("join", length)
    return separator, listed


def _check_replace(text: object, old: object, new: object, count: object = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _check_built("replace", len(text) + found * (len(new) - len(old)))


def _sized_len(value: object) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _sandbox() -> type[SandboxedEnvironment]:
    """The sandbox with its operators, sizes and loops bounded: ``"a" * 10**8``,
    ``10**10**8``, ``"x"|center(10**9)`` or ``"%999999999s"|format(1)`` is refused instead of
    building something huge."""
    import math

    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%", "+"})
        code_generator_class = _concat_generator()

        def bounded_concat(self, parts: Iterable[object]) -> str:
            """``a ~ b``: each part as text, refused beyond MAX_BUILT characters together."""
            texts = [str(part) for part in parts]
            _check_built("~", sum(map(len, texts)))
            return "".join(texts)

        def call_binop(  # an override: jinja2 types these Any
            self,
            context: Context,
            operator: str,
            left: Any,  # Any: jinja2
            right: Any,  # Any: jinja2
        ) -> Any:  # Any: jinja2
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(times, int)
                        and len(seq) * times > MAX_LENGTH
                    ):
                        raise SecurityError(
                            f"repeating a value {times:,} times makes it longer than "
                            f"{MAX_LENGTH:,}: refused"
                        )
            elif (
                operator == "**"
                and isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right * math.log10(abs(left)) > MAX_LENGTH
            ):
                raise SecurityError(f"a number with more than {MAX_LENGTH:,} digits: refused")
            elif operator == "%":
                _check_format(left)
                for arg in right if isinstance(right, tuple) else (right,):
                    _check_size("a width of", arg)
            elif operator == "+":
                sizes = (_sized_len(left), _sized_len(right))
                if sizes[0] is not None and sizes[1] is not None:
                    _check_built("+", sizes[0] + sizes[1])
            return super().call_binop(context, operator, left, right)

        def call(  # an override: jinja2 types these Any
            __self,
            __context: Context,
            __obj: Any,  # Any: jinja2
            *args: Any,  # Any: jinja2
            **kwargs: Any,  # Any: jinja2
        ) -> Any:  # Any: jinja2
            name = getattr(__obj, "__name__", "")
            owner = getattr(__obj, "__self__", None)
            if isinstance(owner, str) and name in _SIZED_METHODS:
                for arg in (*args, *kwargs.values()):
                    _check_size("a width of", arg)
            elif isinstance(owner, str) and name == "join" and len(args) == 1 and not kwargs:
                args = (_joined(owner, args[0])[1],)
            elif isinstance(owner, str) and name == "replace":
                _check_replace(owner, *args, **kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:  # Any: jinja2
            # The sandbox hands "...".format out as its own wrapper: the pattern is checked here,
            # and the arguments (a nested width "{0:{1}}") when it is called (see format_).
            if getattr(value, "__name__", "") in ("format", "format_map"):
                pattern = getattr(value, "__self__", None)
                _check_format(pattern)
                wrapped = super().wrap_str_format(value)
                if wrapped is None:
                    return None

                def checked(*args: object, **kwargs: object) -> str:
                    _check_format(pattern, (*args, *kwargs.values(), *_mapping_values(args)))
                    return wrapped(*args, **kwargs)

                return checked
            return super().wrap_str_format(value)

    return Bounded


def _concat_generator() -> type[CodeGenerator]:
    """Jinja2's code generator with ``a ~ b`` compiled as a call the sandbox checks
    (``bounded_concat``): the sandbox intercepts binary operators, but not ``~``."""
    from jinja2.compiler import CodeGenerator

    class Bounded(CodeGenerator):
        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            self.write("environment.bounded_concat((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    return Bounded


def _mapping_values(args: tuple[object, ...]) -> list[object]:
    """The values of a mapping given to format_map (its widths may be nested fields too)."""
    from collections.abc import Mapping

    return [v for arg in args if isinstance(arg, Mapping) for v in arg.values()]


def _bound_sizes(env: Environment) -> None:
    """Filters and globals that build text or lists of a size given as a number, checked."""
    import time

    filters = env.filters

    def sized(name: str) -> Callable[..., object]:
        original = filters[name]

        def check(value: object, *args: object, **kwargs: object) -> object:
            for arg in (*args, *kwargs.values()):
                _check_size(f"{name}: a size of", arg)
            return original(value, *args, **kwargs)

        return check

    for name in ("center", "indent", "truncate", "wordwrap", "batch", "slice"):
        if name in filters:
            filters[name] = sized(name)
    # The environment's tables hold Any; these originals are known to return text.
    original_format: Callable[..., str] = filters["format"]

    def format_(value: object, *args: object, **kwargs: object) -> str:
        _check_format(value)
        for arg in (*args, *kwargs.values()):
            _check_size("format: a width of", arg)
        return original_format(value, *args, **kwargs)

    filters["format"] = format_
    original_join: Callable[..., str] = filters["join"]
    original_replace: Callable[..., str] = filters["replace"]

    def join(
        eval_ctx: EvalContext,
        value: Iterable[object],
        d: str = "",
        attribute: str | int | None = None,
    ) -> str:
        if attribute is None and not isinstance(value, str):
            value = _joined(str(d), value)[1]
        result = original_join(eval_ctx, value, d, attribute)
        _check_built("join", len(result))
        return result

    def replace_(
        eval_ctx: EvalContext, s: object, old: object, new: object, count: int | None = None
    ) -> str:
        _check_replace(str(s), str(old), str(new), -1 if count is None else count)
        return original_replace(eval_ctx, s, old, new, count)

    from jinja2.utils import pass_eval_context

    filters["join"] = pass_eval_context(join)
    filters["replace"] = pass_eval_context(replace_)
    from jinja2.utils import generate_lorem_ipsum as original_lipsum  # the default "lipsum"

    def lipsum(n: int = 5, *args: Any, **kwargs: Any) -> str:  # Any: jinja2 (its lipsum's)
        if isinstance(n, int) and n > 100:
            raise _Refused(f"lipsum: {n:,} paragraphs is more than 100: refused")
        for arg in (*args, *kwargs.values()):
            _check_size("lipsum: a size of", arg)
        return original_lipsum(n, *args, **kwargs)

    env.globals["lipsum"] = lipsum
    used = [0]
    deadline = [time.monotonic() + MAX_SECONDS]

    def range_(*args: int) -> Iterator[int]:
        for arg in args:
            _check_size("range: a bound of", arg)
        for item in range(*args):
            used[0] += 1
            if used[0] > MAX_ITERATIONS:
                raise _Refused(f"loops take more than {MAX_ITERATIONS:,} items: refused")
            if used[0] % 1000 == 0 and time.monotonic() > deadline[0]:
                raise _Refused(f"rendering takes longer than {MAX_SECONDS:g} seconds: refused")
            yield item

    env.globals["range"] = range_


def _environment(
    missing: list[str], lang: str, currency: str, search: list[Path], dates: str | None = None
) -> SandboxedEnvironment:
    from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Undefined

    class Recording(StrictUndefined):
        """Strict everywhere, except that printing it records the name and prints a blank."""

        __slots__ = ()

        # jinja2 types StrictUndefined.__str__ as the function that raises; this one prints.
        def __str__(self) -> str:  # type: ignore[override]
            key = _missing_key(self)
            if key not in missing:
                missing.append(key)
            return placeholder(key, lang)

    def passthrough(fn: Callable[..., str]) -> Callable[..., object]:
        return lambda value, *a: value if isinstance(value, Undefined) else fn(value, *a)

    env = _sandbox()(
        # Only these folders: Jinja2 refuses ".." and an absolute name finds nothing, so
        # {% include "/etc/passwd" %} cannot print a file from elsewhere.
        loader=FileSystemLoader(search, encoding="utf-8"),
        # Compiled templates cached in a private temp folder (keyed by file and source), which
        # halves the render time of the next run: start-up is what a CLI user feels. The cache
        # does not know the sandbox's intercepted operators: a new pattern per change of them.
        bytecode_cache=FileSystemBytecodeCache(pattern="__clientexit_4_%s.cache"),
        undefined=Recording,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["date"] = passthrough(lambda v: format_date(v, dates or lang))
    # money(code): an amount in another currency than the letter's (a fixed sum in the
    # governing law's currency on an invoice in another).
    env.filters["money"] = passthrough(
        lambda v, code=None: letter_money(float(v), str(code or currency), lang)
    )
    env.filters["number"] = passthrough(lambda v, d=2: format_number(float(v), lang, d))
    env.filters["salutation"] = lambda v, formal=False: _salutation(v, lang, Undefined, formal)
    env.filters["join_and"] = lambda v: join_and([str(x) for x in v], lang)
    env.filters["join_dates"] = lambda v: join_dates(list(v), dates or lang, lang)
    env.filters["first_upper"] = passthrough(lambda v: first_upper(str(v), lang))
    _bound_sizes(env)
    return env


_AND = {"en": "and", "tr": "ve", "cs": "a"}


def letter_money(amount: float, currency: str, lang: str) -> str:
    """An amount as a letter writes it ("TRY 23,200.00", "€1,234.50", "1 234,50 Kč")."""
    return format_money(amount, currency, lang)


def first_upper(text: str, lang: str) -> str:
    """The first letter in capitals, the rest as written (Turkish i -> İ)."""
    if not text:
        return text
    head = "İ" if lang == "tr" and text[0] == "i" else text[0].upper()
    return head + text[1:]


def join_and(items: list[str], lang: str) -> str:
    """ "a, b and c" in the letter's language."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND.get(lang, 'and')} {items[-1]}"


def join_dates(days: list[dt.date], locale: str, lang: str) -> str:
    """Several dates as one phrase: "2 and 15 June 2026", "2. a 15. června 2026", "5 and 20
    June 2026 and 5 July 2026" (the month and year said once for the days that share them,
    where the language writes the day first; else every date in full)."""
    import re

    groups: list[list[tuple[str, str]]] = []  # (the day alone, the full date)
    for n, day in enumerate(days):
        text = format_date(day, locale)
        lead = re.match(rf"{day.day}\.?(?=\s)", text)
        before = days[n - 1] if n else None
        if lead and before and groups and (before.year, before.month) == (day.year, day.month):
            groups[-1].append((lead.group(0), text))
        else:
            groups.append([(lead.group(0) if lead else text, text)])
    phrases = [join_and([alone for alone, _ in g[:-1]] + [g[-1][1]], lang) for g in groups]
    return join_and(phrases, lang)


def _salutation(value: object, lang: str, undefined: type, formal: bool = False) -> str:
    """The ``salutation`` filter: "Dear X," / "Sayın X," / "Vážený pane X,", also for a blank;
    ``salutation(formal=true)`` never greets by the first name alone."""
    from clientexit.salutation import salutation

    blank = isinstance(value, undefined)
    return salutation(str(value), lang, placeholder=blank, formal=bool(formal))


def _template_error(ref: TemplateRef, line: int | None, message: str) -> DataFileError:
    where = f"{ref.path}:{line}" if line else str(ref.path)
    hint = (
        "Fix that line, or delete the file to go back to the built-in template."
        if ref.user
        else "This is a bug in a built-in template; please report it."
    )
    end = "" if message.endswith((".", "!", "?", ")")) else "."
    return DataFileError(f"{where}: {message}{end}", hint)


def _line_of(exc: BaseException, ref: TemplateRef) -> int | None:
    import os
    import traceback

    own = os.path.normpath(ref.path)  # as the loader names it
    lines = [
        f.lineno
        for f in traceback.extract_tb(exc.__traceback__)
        if os.path.normpath(f.filename) == own
    ]
    return lines[-1] if lines else None


def _describe(exc: Exception) -> str:
    # OverflowError(34, 'Numerical result out of range') would print as a tuple.
    last = exc.args[-1] if len(exc.args) > 1 else None
    return (last if isinstance(last, str) else str(exc)) or type(exc).__name__


def _memory_ceiling() -> contextlib.AbstractContextManager[None]:
    """A context in which the process may take at most MAX_RENDER_BYTES more address space
    (RLIMIT_AS, where the platform enforces it: Linux); the limit before is put back after.

    The size checks above bound every way a template is known to build a large value; this
    ceiling bounds the ones nobody thought of: an allocation past it is a MemoryError, which
    stops the render, instead of the machine swapping. In-process, so a render costs no fork;
    the headroom is far above a letter's needs (a few MB)."""
    import contextlib

    @contextlib.contextmanager
    def ceiling() -> Iterator[None]:
        try:
            import os
            import resource

            with open("/proc/self/statm", encoding="ascii") as statm:
                in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = in_use + MAX_RENDER_BYTES
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            if soft != resource.RLIM_INFINITY and soft <= limit:
                limit = -1  # a tighter limit is already set
            else:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, OSError, ValueError):
            limit = -1  # no resource module (Windows), no /proc (macOS): the checks remain
        try:
            yield
        finally:
            if limit != -1:
                resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return ceiling()


def _bounded_render(template: Template, context: Mapping[str, object]) -> str:
    """Render, refusing output over MAX_LENGTH * 10 characters or a run over MAX_SECONDS (a
    timer interrupts even a loop that prints nothing, where the platform has one)."""
    import signal
    import threading
    import time

    limit = MAX_LENGTH * 10
    deadline = time.monotonic() + MAX_SECONDS
    too_slow = f"rendering takes longer than {MAX_SECONDS:g} seconds: refused"

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Refused(too_slow)

    # Only where no one else's timer is running (a host program's would be lost).
    timer = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    previous = signal.signal(signal.SIGALRM, alarm) if timer else None
    if timer:
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        parts: list[str] = []
        size = 0
        with _memory_ceiling():
            for chunk in template.generate(context):
                size += len(chunk)
                if size > limit:
                    raise _Refused(f"the letter is longer than {limit:,} characters: refused")
                if time.monotonic() > deadline:
                    raise _Refused(too_slow)
                parts.append(chunk)
        return "".join(parts)
    except MemoryError:
        raise _Refused(
            f"rendering needs more than {MAX_RENDER_BYTES // 2**20:,} MB of memory: refused"
        ) from None
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if previous is not None:  # None: a handler set outside Python, which cannot be put back
            signal.signal(signal.SIGALRM, previous)


def render(
    ref: TemplateRef, context: Mapping[str, object], currency: str, date_locale: str | None = None
) -> Rendered:
    """Render ``ref`` with ``context``; values that are missing are listed in ``missing``.
    ``date_locale`` (e.g. en_GB) writes the dates in the freelancer's convention."""
    import os

    from jinja2 import TemplateNotFound, TemplateSyntaxError

    missing: list[str] = []
    env = _environment(missing, ref.lang, currency, _search_path(ref), date_locale)
    try:
        text = _bounded_render(env.get_template(ref.path.name), context)
    except ClientExitError:
        raise
    except TemplateSyntaxError as exc:
        if exc.filename and os.path.normpath(exc.filename) != os.path.normpath(ref.path):
            ref = replace(ref, path=Path(exc.filename))  # the error is in an included file
        raise _template_error(ref, exc.lineno, exc.message or "syntax error") from None
    except TemplateNotFound as exc:
        folders = " or ".join(str(folder) for folder in _search_path(ref))
        message = f"no template {exc.name!r} in {folders} (only files there can be included)"
        raise _template_error(ref, _line_of(exc, ref), message) from None
    except Exception as exc:  # anything a template can raise: a user's file is untrusted code
        raise _template_error(ref, _line_of(exc, ref), _describe(exc)) from None
    if not text.startswith((SUBJECT_PREFIX, *SUBJECT_LABELS.values())):
        label = SUBJECT_LABELS.get(ref.lang, SUBJECT_PREFIX)
        raise _template_error(ref, 1, f"a letter template must start with '{label} ...'")
    return Rendered(text, tuple(missing))
