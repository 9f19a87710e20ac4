"""`Any` only where a library forces it (CONTRIBUTING.md, Conventions).

mypy's strict mode checks what is typed; an `Any` switches the check off for every value that
passes through it. So every `Any` in src/ is either in a module of ALLOWED, each entry naming the
library whose own types force it, or carries a same-line `# Any: <library>` comment saying which
library's value it holds. A value the package builds itself (a JSON payload, a template's context,
a cache entry) has a precise type: `object`, a TypedDict, a dataclass, or `_types.JSONValue`.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import clientexit

PACKAGE = Path(clientexit.__file__).parent

# The libraries an `Any` may name: their own annotations give Any (tomlkit's tables and items,
# tomllib's and tomli's (its compiled upstream) and json's parsed values before we check them,
# typer/click's contexts and callbacks, questionary's answers, rich's renderables, jinja2's
# runtime hooks, babel's locale data).
LIBRARIES = frozenset(
    {
        "tomlkit",
        "tomllib",
        "tomli",
        "json",
        "typer",
        "click",
        "questionary",
        "rich",
        "jinja2",
        "babel",
    }
)

# Modules where every `Any` is forced by one library: the glue to that library, whole.
ALLOWED: dict[str, str] = {
    # The derived caches' JSON-lines file: entries as json.loads reads them, checked by their
    # users (the record summary, the day caches) as they decode them.
    "_jsonl_cache.py": "json",
    # remembered(): its stored values go through json and back, decoded by the caller.
    "_day_cache.py": "json",
}

_REASON = re.compile(r"#\s*Any:\s*([A-Za-z0-9_]+)")


def any_lines(source: str) -> list[tuple[int, str]]:
    """Each line of ``source`` that uses `Any` (outside imports, strings and comments), with the
    library its `# Any: <library>` comment names ("" when it names none)."""
    found: dict[int, str] = {}
    lines = source.splitlines()
    in_import = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            in_import = False
        elif token.type == tokenize.NAME and token.string in ("import", "from"):
            in_import = in_import or token.line[: token.start[1]].strip() == ""
        elif token.type == tokenize.NAME and token.string == "Any" and not in_import:
            row = token.start[0]
            reason = _REASON.search(lines[row - 1])
            named = reason.group(1) if reason else ""
            found[row] = named if named in LIBRARIES else ""
    return sorted(found.items())


def unexplained(root: Path = PACKAGE) -> list[str]:
    """``file:line`` of every `Any` in the package that no library is named for."""
    flagged: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        if module in ALLOWED:
            continue
        for row, library in any_lines(path.read_text(encoding="utf-8")):
            if not library:
                flagged.append(f"{module}:{row}")
    return flagged


def test_every_any_names_the_library_that_forces_it() -> None:
    flagged = unexplained()
    assert flagged == [], (
        f"{len(flagged)} `Any` without a library that forces it (use object, a TypedDict, "
        "a dataclass or _types.JSONValue; or say `# Any: <library>` on the line):\n"
        + "\n".join(flagged)
    )


def test_the_allowlist_is_short_and_current() -> None:
    assert len(ALLOWED) <= 6
    for module, library in ALLOWED.items():
        assert library in LIBRARIES, f"{module}: {library} is not a library"
        source = (PACKAGE / module).read_text(encoding="utf-8")
        assert any_lines(source), f"{module} uses no Any: take it off the list"


def test_the_scan_sees_uses_and_only_uses() -> None:
    source = (
        "from typing import Any, cast\n"
        "from typing import (\n"
        "    Any,\n"
        ")\n"
        "import typing\n"
        "x: Any = 1\n"
        "y: dict[str, Any] = {}  # Any: tomlkit\n"
        "z: typing.Any = 2  # Any: because\n"
        'help_text = "Any other field"  # a string, not the type\n'
        "# Any comment mentioning Any\n"
        "def f(ctx: Any) -> None:  # Any: click\n"
        "    return None\n"
    )
    assert any_lines(source) == [(6, ""), (7, "tomlkit"), (8, ""), (11, "click")]


def test_the_scan_flags_a_module_with_an_unexplained_any(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text(
        "from typing import Any\n\ndef f(x: Any) -> Any:\n    return x\n", encoding="utf-8"
    )
    assert unexplained(tmp_path) == ["pkg/mod.py:3"]


def test_every_type_ignore_names_its_error_code() -> None:
    """A `# type: ignore` without a code hides every error of its line, an Any's included."""
    bare = [
        f"{path.relative_to(PACKAGE).as_posix()}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"#\s*type:\s*ignore(?!\[)", line)
    ]
    assert bare == []


def test_any_is_never_imported_under_another_name() -> None:
    """``from typing import Any as Anything`` would slip past the scan above."""
    renamed = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if re.search(r"\bAny\s+as\s+\w", path.read_text(encoding="utf-8"))
    ]
    assert renamed == []
