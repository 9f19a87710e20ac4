"""A command's change in words, from the files' texts before and after: the commit message."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

from clientexit.history.diff import diff, sentences

MAX_SUBJECT_PARTS = 2


def _parse(text: str | None) -> dict[str, object] | None:
    import tomllib

    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {"(text that is not TOML)": text}


def _who(name: str, old: Mapping[str, object] | None, new: Mapping[str, object] | None) -> str:
    if name == "config.toml":
        return "the profile"
    for data in (new, old):
        if data and isinstance(data.get("name"), str) and name.startswith("clients/"):
            return str(data["name"])
    return name


def describe_texts(
    home: Path, old: Mapping[str, str | None], new: Mapping[str, str | None]
) -> list[str]:
    """Every change in words, file by file (``old`` and ``new``: text by file name relative to
    ``home``; None where the file does not exist)."""
    lines: list[str] = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if not name.endswith(".toml"):
            what = "added" if before is None else "removed" if after is None else "changed"
            lines.append(f"{name} {what}")
            continue
        a, b = _parse(before), _parse(after)
        found = sentences(diff(name, a, b), _who(name, a, b))
        lines.extend(found or [f"{name} changed (layout or comments only)"])
    return lines


def message(lines: list[str], args: list[str] | None) -> tuple[str, str]:
    """The commit's subject (one or two changes, else the first and how many more) and body
    (every change, then the command that made them)."""
    if not lines:
        subject = "clientexit " + shlex.join(args) if args else "changed by clientexit"
    elif len(lines) <= MAX_SUBJECT_PARTS:
        subject = "; ".join(lines)
    else:
        subject = f"{lines[0]}; and {len(lines) - 1} more changes"
    body = "\n".join(f"- {line}" for line in lines)
    if args:
        body += ("\n\n" if body else "") + "clientexit " + shlex.join(args)
    return subject, body
