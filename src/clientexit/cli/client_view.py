"""The terminal views of client records: the list and one client's fields (rich)."""

from __future__ import annotations

from typing import Any


def print_list(rows: list[dict[str, Any]]) -> None:
    """One line per client: name, slug, status (archived noted) and contact."""
    from clientexit.cli._common import console
    from clientexit.cli._table import Column, print_listing

    columns = [
        Column("Client", wrap=True),
        Column("Slug"),
        Column("Status"),
        Column("Contact", wrap=True, drop=1),
    ]
    cells = [
        [
            row["name"],
            row["slug"],
            row["status"] + (" (archived)" if row["archived"] else ""),
            row["contact"] or "",
        ]
        for row in rows
    ]
    print_listing(console(rows=True), columns, cells)


def print_record(record: Any) -> None:
    """Every field of a client record; tables as dotted keys, lists of entries as a count."""
    from rich.table import Table
    from rich.text import Text

    from clientexit.cli._common import console

    table = Table(box=None, show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for key, value in record.data.items():
        if key == "schema_version":
            continue
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                table.add_row(Text(f"{key}.{sub}"), Text(str(subvalue)))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            table.add_row(Text(key), Text(f"{len(value)} entries"))
        else:
            table.add_row(Text(key), Text(str(value)))
    table.add_row(Text("file"), Text(str(record.path)))
    console().print(table)
