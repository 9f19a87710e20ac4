"""clientexit check: the tone check on any text file (a letter you wrote yourself, say)."""

from __future__ import annotations

from typing import Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import note, paths


def register(app: typer.Typer) -> None:
    app.command("check")(check)


FileArg = Annotated[str, typer.Argument(help="The text to check; - reads stdin.", metavar="FILE")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Check against this language's phrase list only: en, tr, cs. Default: every "
        "list, shouting judged as in your profile's language.",
        metavar="LANG",
        autocompletion=completion.languages,
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit with 1 when there are warnings.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the warnings as JSON.")]


def check(
    ctx: typer.Context,
    file: FileArg,
    lang: LangOpt = None,
    strict: StrictOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Check a letter's tone: blame, absolutes ("you always") and shouting, with a factual
    alternative for each. It warns and never changes the file.

    Without --lang the text may be in any language clientexit writes letters in: the phrases of
    every list are looked for (your profile's language first), so a Turkish draft is checked
    even when your profile says English.

    Warnings go to stdout as FILE:LINE:COLUMN: KIND: "found" -> suggestion. The exit code is 0
    even with warnings (the check advises, it does not block); --strict makes it 1.

    \b
    Examples:
      clientexit check draft.txt
      clientexit letter acme -t general | clientexit check -
      clientexit check draft.txt --json | jq length
    """
    from clientexit import config, i18n
    from clientexit.letters import tone

    text = _read_text(file)
    language = i18n.choose_language(lang, None, config.load_profile(paths(ctx)))
    warnings = tone.check(text, language, also=tone.phrase_languages() if lang is None else ())
    if json_out:
        from clientexit.cli._common import emit_json

        emit_json([w.as_dict() for w in warnings])
    else:
        for warning in warnings:
            typer.echo(tone.format_warning(warning, file))
        from clientexit.letters.notes import say

        count = len(warnings)  # said in the language the text was checked in
        note(say("tone_count", language, count=count) if count else say("tone_none", language))
    if strict and warnings:
        raise typer.Exit(1)


def _read_text(file: str) -> str:
    """The text of FILE (stdin for -), as UTF-8; a folder, a missing file or bytes that are not
    UTF-8 are one-line errors."""
    import sys
    from pathlib import Path

    from clientexit._errors import NotFoundError, UsageError

    if file == "-":
        return sys.stdin.read()
    path = Path(file).expanduser()
    if path.is_dir():
        raise UsageError(f"{file} is a folder.", "Give the path of a text file, or -.")
    if not path.is_file():
        raise NotFoundError(f"{file}: no such file.", "Give the path of a text file, or -.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{file} is not UTF-8 text.", "Save it as UTF-8 text.") from None
