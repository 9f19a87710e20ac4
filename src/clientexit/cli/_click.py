"""The few Click classes clientexit needs that Typer does not export.

Typer vendors Click as the private package ``typer._click`` (since Typer 0.26) and re-exports
only part of it (``typer.Context``, ``typer.BadParameter``, ``typer.echo``...). The classes
below have no public name: a context type and a command type that match the signatures of
Click's methods we override, the usage errors the app turns into one line, and the completion
item. They are
imported here and only here, so that a Typer release that moves them fails one clear test
(tests/test_click_wrapper.py) instead of every command.
"""

from __future__ import annotations

from typer._click.core import Command, Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.shell_completion import CompletionItem

__all__ = ["Command", "CompletionItem", "Context", "NoArgsIsHelpError", "UsageError"]
