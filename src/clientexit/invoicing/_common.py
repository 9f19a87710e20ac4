"""What the CSV parsers share: reading one row into an Imported, a row's problem in words."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from clientexit.invoicing.cells import Table
from clientexit.invoicing.rows import Parsed, Problem

T = TypeVar("T")
CENT = Decimal("0.01")


def each_row(table: Table, parsed: Parsed, read: Callable[[int, list[str]], T | None]) -> list[T]:
    """``read`` applied to every row; a row it cannot read (ValueError) becomes a Problem with
    its line number and the reason, and the others are kept."""
    found = []
    for line, cells in table.rows:
        try:
            item = read(line, cells)
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        if item is not None:
            found.append(item)
    return found


def money(value: Decimal, what: str) -> Decimal:
    """An amount of 0 or more, to the cent; a ValueError naming ``what`` otherwise."""
    if value < 0:
        raise ValueError(f"the {what} {value} is below 0")
    return value.quantize(CENT)


def needed(text: str, what: str) -> str:
    """A cell that must not be empty."""
    if not text.strip():
        raise ValueError(f"the {what} is empty")
    return text.strip()
