"""Entry point for the ``clientexit`` script and ``python -m clientexit``."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the command line; answer ``--version`` without importing Typer at all."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from clientexit import __version__

        sys.stdout.write(f"clientexit {__version__}\n")
        return
    # A run lasts well under a second (or waits on a person), and reference counting frees almost
    # everything; the cycle collector would only walk the tens of thousands of objects a large
    # book parses into, again and again (about 15% of listing 10,000 clients). Freed at exit.
    gc.disable()
    from clientexit.cli import run

    run(args)


if __name__ == "__main__":
    main()
