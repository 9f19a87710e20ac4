"""clientexit demo: the product's main journey on the bundled examples, in a throwaway folder."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    keep: Annotated[
        bool, typer.Option("--keep", help="Keep the throwaway data folder and print where it is.")
    ] = False,
) -> None:
    """Tour clientexit on the bundled example clients. Your own data is never touched.

    \b
    Example:
      clientexit demo
    """
    from clientexit.demo import run_demo

    run_demo(keep=keep)
