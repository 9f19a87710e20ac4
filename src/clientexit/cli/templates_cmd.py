"""clientexit templates list | show | copy: the letter templates, and your own versions."""

from __future__ import annotations

from typing import Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import note, paths

templates_app = typer.Typer(
    help="List, read and copy letter templates (your copies override the built-in ones).",
    epilog="Example: clientexit templates copy payment --lang cs    (then edit your copy)",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")


NameArg = Annotated[str, typer.Argument(help="A letter type, e.g. payment.", metavar="NAME")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Language: en, tr, cs (default: yours).",
        metavar="LANG",
        autocompletion=completion.languages,
    ),
]


def _language(ctx: typer.Context, lang: str | None) -> str:
    from clientexit import config, i18n

    return i18n.choose_language(lang, None, config.load_profile(paths(ctx)))


@templates_app.command("list")
def list_(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every letter template and the languages it exists in, built-in and your own.

    A template of yours in a new language (e.g. templates/letters/de/general.txt.j2 in your data
    folder) adds that language: `clientexit letter CLIENT --lang de` then uses it.

    \b
    Examples:
      clientexit templates list
      clientexit templates list --json
    """
    from clientexit.letters import catalog, render

    summaries = {t.name: t.summary for t in catalog.LETTER_TYPES}
    rows = [
        {
            "name": ref.name,
            "lang": ref.lang,
            "source": "yours" if ref.user else "built-in",
            "path": str(ref.path),
            "summary": summaries.get(ref.name, "(not a letter type clientexit knows)"),
        }
        for ref in render.list_templates(paths(ctx))
    ]
    if json_out:
        from clientexit.cli._common import emit_json

        emit_json(rows)
        return
    for name, langs in _languages(rows).items():
        found = "; ".join(f"{source}: {' '.join(codes)}" for source, codes in langs.items())
        typer.echo(f"{name:<17} {found:<32} {summaries.get(name, '(not a letter type)')}")
    if any(row["source"] == "yours" for row in rows):
        note("Your own templates (yours) are used instead of the built-in ones.")


def _languages(rows: list[dict[str, str]]) -> dict[str, dict[str, list[str]]]:
    """Per template name, the languages it exists in: {"general": {"built-in": ["cs", "en"]}}."""
    found: dict[str, dict[str, list[str]]] = {}
    for row in sorted(rows, key=lambda r: (r["name"], r["source"], r["lang"])):
        codes = found.setdefault(row["name"], {}).setdefault(row["source"], [])
        if row["lang"] not in codes:
            codes.append(row["lang"])
    return found


@templates_app.command("show")
def show(ctx: typer.Context, name: NameArg, lang: LangOpt = None) -> None:
    """Print the template that `clientexit letter` would use for NAME.

    \b
    Example:
      clientexit templates show payment
    """
    from clientexit.letters import catalog, render

    ref = render.find_template(paths(ctx), catalog.get(name).name, _language(ctx, lang))
    note(f"# {ref.path} ({'yours' if ref.user else 'built-in'})")
    typer.echo(ref.path.read_text(encoding="utf-8"), nl=False)


@templates_app.command("copy")
def copy(
    ctx: typer.Context,
    name: NameArg,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace your existing copy.")] = False,
) -> None:
    """Copy a built-in template into your data folder to edit it; your copy is then used.

    Your templates run in Jinja2's sandbox; the variables are listed in `clientexit templates
    show` output and in clientexit/letters/context.py. Delete the copy to go back.

    \b
    Examples:
      clientexit templates copy general
      clientexit templates copy payment --lang cs    (English text to translate, if no Czech yet)
    """
    from clientexit._errors import UsageError
    from clientexit._store import atomic_write_text
    from clientexit.letters import catalog, render

    kind = catalog.get(name)
    language = _language(ctx, lang)
    mine = paths(ctx).templates
    target = render.user_dir(paths(ctx), language) / f"{kind.name}{render.SUFFIX}"
    if not target.resolve().is_relative_to(mine.resolve()):
        raise UsageError(
            f"{target} leads to {target.resolve()}, which is not inside your templates folder "
            f"{mine}; nothing was copied.",
            "A folder on the way is a link to somewhere else: make it a plain folder, or copy "
            "the template there yourself.",
        )
    if target.exists() and not force:
        raise UsageError(f"{target} already exists.", "Edit it, or use --force to replace it.")
    source = render.builtin_dir(language) / f"{kind.name}{render.SUFFIX}"
    if not source.is_file():
        source = render.builtin_dir("en") / f"{kind.name}{render.SUFFIX}"
        note(f"No built-in {kind.name} template in {language!r}; copied the English one.")
    atomic_write_text(target, source.read_text(encoding="utf-8"))
    note(f"Copied to {target}. Edit it there; it overrides the built-in {kind.name} letter.")
