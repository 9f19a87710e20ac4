"""Pausing Python's cycle collector around work that allocates many objects and makes no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(*, keep: bool = False) -> Iterator[None]:
    """Run the block without cycle collection (restored after, also on error).

    Decoding a large book and building its rows allocates hundreds of thousands of objects; the
    collector would walk them again and again and find no cycles (about 15% of `clients` over
    10,000 clients). Reference counting still frees everything as usual.

    ``keep``: what the block made is kept for the rest of the run (a listing's book), so it is
    left out of later collections (``freeze``) before the collector is on again. Else the first
    collection after the block walks every object the block allocated (~80 ms for a book of
    10,000 clients).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if keep:
            freeze()
    finally:
        if was_enabled:
            gc.enable()


def freeze() -> None:
    """Leave every object alive now out of later collections (gc.freeze).

    A listing keeps the book it loaded until it exits; with the collector on again, every
    collection of the oldest generation walked those hundreds of thousands of objects (sorting,
    the reminder ladder and the JSON output of 10,000 clients took twice as long). Reference
    counting still frees them as usual.
    """
    gc.freeze()
