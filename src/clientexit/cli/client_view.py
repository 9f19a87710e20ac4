"""The terminal views of client records: the list and one client's fields (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence

    from clientexit.record.model import Client, Profile
    from clientexit.record.payment_metrics import Metrics
    from clientexit.record.summary import Summary


def print_list(clients: Sequence[Summary], today: dt.date) -> None:
    """One line per client: name, slug, status as of ``today`` (archived noted) and contact."""
    from clientexit.cli import plain

    cells = [
        [
            client.name,
            client.slug,
            client.status_on(today) + (" (archived)" if client.archived else ""),
            _text(client.contact),
        ]
        for client in clients
    ]
    if not plain.to_terminal():
        plain.print_lines(("Client", "Slug", "Status", "Contact"), cells)
        return
    from clientexit.cli._common import console
    from clientexit.cli._table import Column, print_listing

    columns = [
        Column("Client", wrap=True),
        Column("Slug"),
        Column("Status"),
        Column("Contact", wrap=True, drop=1),
    ]
    print_listing(console(rows=True), columns, cells)


def _text(value: object) -> str:
    """A field as a cell: empty for none (a contact typed as a number still shows)."""
    return str(value) if value else ""


def print_record(record: Client, profile: Profile) -> None:
    """Every field of a client record as a person reads it: tables as dotted keys, lists of
    entries as a count, dates in ``profile``'s style as the letters write them (day first
    unless US-style); never a Python representation."""
    from rich.table import Table
    from rich.text import Text

    from clientexit.cli._common import console

    table = Table(box=None, show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in field_lines(record.fields(), profile=profile):
        table.add_row(Text(key), Text(value))
    table.add_row(Text("file"), Text(str(record.path)))
    from clientexit import timeline

    for key, value in payment_lines(record.payment_metrics(timeline.today())):
        table.add_row(Text(key), Text(value))
    console().print(table)


def payment_lines(found: Metrics) -> list[tuple[str, str]]:
    """How the client pays, as ``client show`` says it (nothing before an invoice is paid or
    due)."""
    lines = []
    if found.days_to_pay is not None:
        paid = f"{found.paid_count} invoice{'s' * (found.paid_count != 1)} paid"
        lines.append(("pays in", f"{found.days_to_pay:.1f} days on average ({paid})"))
    if found.days_late is not None:
        lines.append(("paid late by", f"{found.days_late:.1f} days on average"))
    if found.due_count:
        share = (found.late_share or 0.0) * 100
        lines.append(
            ("paid late", f"{found.late_count} of {found.due_count} invoices due ({share:.0f}%)")
        )
    if found.dso is not None:
        lines.append(("DSO", f"{found.dso:.1f} days (the last 12 months)"))
    return lines


def field_lines(
    data: Mapping[str, object], prefix: str = "", *, profile: Profile | None = None
) -> list[tuple[str, str]]:
    """(dotted key, text) for each field; a table of tables (handover.items) and an array of
    tables ([[invoices]]) are counted, not spelled out: their own commands show them. Dates
    are written in ``profile``'s style (see display_value)."""
    lines: list[tuple[str, str]] = []
    for key, value in data.items():
        if key == "schema_version" and not prefix:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            if value and all(_is_entry(v) for v in value.values()):
                lines.append((name, _count(len(value))))
            else:
                lines.extend(field_lines(value, f"{name}.", profile=profile))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append((name, _count(len(value))))
        else:
            lines.append((name, display_value(value, profile)))
    return lines


def _is_entry(value: object) -> bool:
    """A table of plain fields (one of handover.items), not a table holding other tables."""
    return isinstance(value, dict) and not any(isinstance(v, dict) for v in value.values())


def _count(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def display_value(value: object, profile: Profile | None = None) -> str:
    """A stored value as text, lists comma-separated. A date is written as the letters write
    it for ``profile`` ("28 September 2026"; US-style profile: "September 28, 2026"); a time
    of day keeps its ISO form after it; a time alone is ISO."""
    import datetime as dt

    from clientexit.cli._common import day

    if hasattr(value, "unwrap"):  # tomlkit items
        value = value.unwrap()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return f"{day(value.date(), profile)} {value.time().isoformat()}"
    if isinstance(value, dt.date):
        return day(value, profile)
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(display_value(v, profile) for v in value)
    return str(value)
