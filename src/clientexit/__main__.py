"""Entry point for the ``clientexit`` script and ``python -m clientexit``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run the command line; answer ``--version`` without importing Typer at all."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from clientexit import __version__

        sys.stdout.write(f"clientexit {__version__}\n")
        return
    from clientexit.cli import run

    run(args)


if __name__ == "__main__":
    main()
