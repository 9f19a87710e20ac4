"""Shell completion of values, not only commands: client names and slugs, letter types and
languages. Typer calls these while the shell completes a word (`clientexit letter acm<TAB>`);
they read the book through the listing cache and never fail: a broken book completes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

# Evaluated at run time: Typer reads a completion callback's annotations to know what to pass.
from clientexit.cli._click import Context as ClickContext

if TYPE_CHECKING:
    from clientexit._paths import Paths


def _paths(ctx: ClickContext) -> Paths:
    from clientexit._paths import Paths, resolve_home

    return Paths(resolve_home(ctx.find_root().params.get("home")))


def clients(ctx: ClickContext, incomplete: str) -> list[tuple[str, str]]:
    """Client slugs (with the display name as help), and display names, that begin with
    ``incomplete`` (case and accents aside for names)."""
    from clientexit import clients as book
    from clientexit import names

    try:
        summaries = book.load_book(_paths(ctx), include_archived=True, broken=[], rows=False)
    except Exception:  # completion must never print a traceback into the shell
        return []
    typed = names.name_key(incomplete)
    found: list[tuple[str, str]] = []
    for summary in summaries:
        if summary.slug.startswith(incomplete.lower()):
            found.append((summary.slug, summary.name))
        elif incomplete and names.name_key(summary.name).startswith(typed):
            found.append((summary.name, summary.slug))
    return found


def letter_types(incomplete: str) -> list[tuple[str, str]]:
    """Letter types that begin with ``incomplete``, each with its description."""
    from clientexit.letters import catalog

    return [
        (kind.name, kind.summary)
        for kind in catalog.LETTER_TYPES
        if kind.name.startswith(incomplete.lower())
    ]


def languages(ctx: typer.Context, incomplete: str) -> list[str]:
    """Languages clientexit has letters in (built in, and the user's own templates)."""
    from clientexit.letters.render import list_templates

    try:
        known = sorted({ref.lang for ref in list_templates(_paths(ctx))})
    except Exception:  # see clients()
        return []
    return [code for code in known if code.startswith(incomplete.lower())]
