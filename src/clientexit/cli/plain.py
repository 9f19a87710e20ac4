"""Listings for a pipe or a file: one line per record, columns aligned by plain string code.

When stdout is not a terminal, every listing (clients, client list, followup; invoice and log
through cli._table) prints through ``print_lines`` instead of laying out a rich table: rich
measures and lays out every cell, which for 10,000 clients took seconds, and a script wants
whole lines anyway. No line is wrapped, padded at its end, or split across two lines; a header
line comes first."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import IO

GAP = "  "


def to_terminal() -> bool:
    """Whether stdout is a terminal (then the rich views lay out a table for its width).

    The same rule as rich's: TTY_COMPATIBLE=1/0 and FORCE_COLOR (https://force-color.org/)
    override what stdout says, so the two never disagree about where output goes.
    """
    import os

    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except ValueError:  # closed
        return False


def width(text: str) -> int:
    """The columns ``text`` takes on screen: wide East Asian characters take two, combining
    marks none (as a terminal shows them)."""
    if text.isascii():
        return len(text)
    # Only a character beyond ASCII can take other than one column.
    return len(text) + sum(
        -1 if unicodedata.combining(ch) else 1 if unicodedata.east_asian_width(ch) in "WF" else 0
        for ch in text
        if ch > "\x7f"
    )


def one_line(text: str) -> str:
    """``text`` with any line breaks in it turned into spaces."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def lines(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[int] = (),
    min_widths: Sequence[int] = (),
) -> list[str]:
    """The header and one line per row: columns two spaces apart, those in ``right`` aligned
    right, the last one not padded; no line ends in spaces."""
    return list(_lines(headers, rows, right, min_widths))


def _lines(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    right: Collection[int],
    min_widths: Sequence[int],
) -> Iterator[str]:
    table = [headers, *rows]
    # A long listing repeats its cells (a date, a client, a checklist item): each distinct
    # cell of a column is put on one line, measured and padded once.
    columns = range(len(headers))
    flat = [{cell: one_line(cell) for cell in {row[i] for row in table}} for i in columns]
    measured = [{cell: width(text) for cell, text in cells.items()} for cells in flat]
    widths = [max(sizes.values()) for sizes in measured]
    for i, least in enumerate(min_widths):
        widths[i] = max(widths[i], least)
    last = len(headers) - 1
    shown = [
        {
            cell: (" " * (widths[i] - size) + flat[i][cell])
            if i in right
            else (flat[i][cell] if i == last else flat[i][cell] + " " * (widths[i] - size))
            for cell, size in sizes.items()
        }
        for i, sizes in enumerate(measured)
    ]
    for row in table:
        yield GAP.join(map(dict.__getitem__, shown, row)).rstrip(" ")


# Lines written at a time: a book's listing (100,000 lines and more) is never held whole as text.
_BATCH = 4096


def print_lines(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[int] = (),
    min_widths: Sequence[int] = (),
    stream: IO[str] | None = None,
) -> None:
    """Print ``lines(...)`` to ``stream`` (stdout), a few thousand lines a write."""
    out = sys.stdout if stream is None else stream
    batch: list[str] = []
    for line in _lines(headers, rows, right, min_widths):
        batch.append(line)
        if len(batch) == _BATCH:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
    out.flush()
