"""Listings on a terminal that never cut a number, a date, a slug or a name.

A listing is columns of cells. On a terminal it is fitted to the width (``print_fitted``):
a column of fixed values (numbers, money, dates, slugs, statuses) is always as wide as its widest
value; a text column (names, descriptions) wraps at spaces, never inside a word. When even that
does not fit, optional columns are left out in their stated order (the person is told which),
and when the required ones alone do not fit, each record is printed as a stack of "header value"
lines. Off a terminal (a pipe, a file) ``print_plain`` prints one line per record, whatever the
width, so that grep and cut see whole rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

GAP = 2  # spaces between two columns
_STACK_INDENT = 2


@dataclass(frozen=True)
class Column:
    """One column of a listing.

    ``wrap``: text that may wrap at spaces (a name, a description); otherwise the column is
    never narrower than its widest value. ``right``: right-aligned (numbers, money).
    ``drop``: when the terminal is too narrow, optional columns are left out, lowest ``drop``
    first; ``None`` is a column that is always shown.
    """

    header: str
    wrap: bool = False
    right: bool = False
    drop: int | None = None


@dataclass(frozen=True)
class Layout:
    """How a listing fits a width: which columns (indexes), how wide, and what was left out."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[str, ...]
    stacked: bool


def _width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def plan(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Layout:
    """Fit plain cells to ``width`` columns of terminal: see the module's docstring."""
    texts = [[col.header, *(row[i] for row in rows)] for i, col in enumerate(columns)]
    widest = [max(_width(t) for t in column) for column in texts]
    least = [
        max(_longest_word(t) for t in column) if col.wrap else widest[i]
        for i, (col, column) in enumerate(zip(columns, texts, strict=True))
    ]
    shown = list(range(len(columns)))
    dropped: list[str] = []
    optional = sorted(
        (i for i, col in enumerate(columns) if col.drop is not None),
        key=lambda i: columns[i].drop or 0,
    )

    def needed() -> int:
        return sum(least[i] for i in shown) + GAP * (len(shown) - 1)

    while needed() > width and optional:
        gone = optional.pop(0)
        shown.remove(gone)
        dropped.append(columns[gone].header)
    if needed() > width:
        every = tuple(range(len(columns)))
        return Layout(every, tuple(widest), (), stacked=True)
    widths = {i: least[i] for i in shown}
    spare = width - needed()
    growable = [i for i in shown if widest[i] > least[i]]
    wanted = sum(widest[i] - least[i] for i in growable)
    if wanted <= spare:
        widths.update({i: widest[i] for i in growable})
    else:
        for i in growable:
            widths[i] += (widest[i] - least[i]) * spare // wanted
    return Layout(tuple(shown), tuple(widths[i] for i in shown), tuple(dropped), stacked=False)


def print_fitted(
    out: Console, columns: Sequence[Column], rows: Sequence[Sequence[str | Text]]
) -> None:
    """A listing on a terminal, fitted to its width (``out`` is a rich Console).

    Cells are strings or rich Text (a style is kept); a cell may hold several lines.
    """
    from rich.table import Table
    from rich.text import Text

    cells = [[c if isinstance(c, Text) else Text(c) for c in row] for row in rows]
    layout = plan(columns, [[c.plain for c in row] for row in cells], out.width)
    if layout.stacked:
        _print_stacked(out, columns, cells)
        return
    table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
    for i, width in zip(layout.shown, layout.widths, strict=True):
        col = columns[i]
        table.add_column(
            col.header,
            width=width,
            no_wrap=not col.wrap,
            overflow="fold",
            justify="right" if col.right else "left",
        )
    for row in cells:
        table.add_row(*(row[i] for i in layout.shown))
    out.print(table)
    if layout.dropped:
        from clientexit.cli._common import note

        note(
            f"Left out to fit {out.width} columns: {', '.join(layout.dropped)} "
            "(a wider terminal shows them; --json has everything)."
        )


def _print_stacked(
    out: Console, columns: Sequence[Column], cells: Sequence[Sequence[Text]]
) -> None:
    """Each record as its first cell on a line, then one indented "header value" line per cell."""
    from rich.table import Table
    from rich.text import Text

    key_width = max(_width(col.header) for col in columns[1:]) if len(columns) > 1 else 0
    value_width = max(out.width - _STACK_INDENT - key_width - 2 * GAP, 1)
    for n, row in enumerate(cells):
        if n:
            out.print()
        out.print(Text(row[0].plain, style="bold"))
        grid = Table(box=None, show_header=False, pad_edge=False, show_edge=False)
        grid.add_column(width=_STACK_INDENT)
        grid.add_column(width=key_width, style="dim")
        grid.add_column(width=value_width, overflow="fold")
        for col, cell in zip(columns[1:], row[1:], strict=True):
            if cell.plain:
                grid.add_row("", Text(col.header), cell)
        out.print(grid)


def print_plain(
    out: Console, columns: Sequence[Column], rows: Sequence[Sequence[str | Text]]
) -> None:
    """A listing off a terminal: every column, one line per record, nothing wrapped or cut
    (cli.plain's lines, written to ``out``'s stream)."""
    from clientexit.cli import plain

    plain.print_lines(
        [col.header for col in columns],
        ([c if isinstance(c, str) else c.plain for c in row] for row in rows),
        right={i for i, col in enumerate(columns) if col.right},
        stream=out.file,
    )


def print_listing(
    out: Console, columns: Sequence[Column], rows: Sequence[Sequence[str | Text]]
) -> None:
    """A listing: fitted on a terminal, plain off one (see the module's docstring)."""
    if out.is_terminal:
        print_fitted(out, columns, rows)
    else:
        print_plain(out, columns, rows)
