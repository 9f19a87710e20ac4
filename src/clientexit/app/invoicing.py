"""Invoices from an invoicing tool's export in the clients' files: who the export's customers
are (every client's ``[invoicing] match`` names), and the plan applied to every client file in
one change (invoicing/importer.py reads and matches the export, invoicing/merge.py says what
each invoice and payment changes, as typed changes decided from the entries as read, and
record/invoice_changes.py writes them into the document under the lock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.invoicing import merge
    from clientexit.invoicing.importer import Dues, Outcome, Plan, Rule


def rules(paths: Paths) -> list[Rule]:
    """Every current client, with its ``[invoicing] match`` names and billing currency."""
    from clientexit import clients, config
    from clientexit.invoicing.importer import Rule

    profile = config.load_profile(paths)
    return [
        Rule(
            client.slug,
            client.name,
            client.invoicing_names,
            client.billing_currency(profile),
            client.payment_days,
        )
        for client in clients.list_records(paths)
    ]


def apply(
    paths: Paths,
    planned: Plan,
    *,
    new_names: Mapping[str, Sequence[str]] | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
    today: dt.date,
    at: dt.datetime,
) -> Outcome:
    """Apply the plan to the clients' files in one change: all are written or, on any error,
    none. ``new_names`` (slug -> names a person just mapped) are saved in ``[invoicing]`` in the
    same change. With ``dry_run`` nothing is written and the outcome says what would change."""
    from clientexit import clients
    from clientexit.invoicing import merge
    from clientexit.invoicing.importer import MAPPING, Dues, Outcome, some, undated
    from clientexit.record import invoice_changes

    extra = dict(new_names or {})
    source = planned.parsed.format.removesuffix("-payments")
    changes: dict[str, list[merge.Change]] = {}
    dues: dict[str, Dues] = {}
    changed: list[str] = []
    for slug, entries in _settled(paths, planned, source, today, overwrite).items():
        if slug in extra:
            continue
        changes[slug] = [
            merge.Change(inv.number, "unchanged", line=inv.line) for inv in planned.by_client[slug]
        ]
        dues[slug] = Dues(missing=undated(entries, planned.by_client[slug], source))
    slugs = sorted((set(planned.by_client) | set(planned.payments) | set(extra)) - set(changes))
    if not slugs:
        return Outcome(planned, changes, written=False, dues=some(dues))
    try:
        with clients.edit_many(paths, slugs) as docs:
            for slug, doc in docs.items():
                if extra.get(slug):
                    invoice_changes.save_names(doc, MAPPING, extra[slug])
                imported = planned.by_client.get(slug, [])
                merged = merge.merge_client(
                    invoice_changes.as_read(doc), imported, planned.payments.get(slug, []),
                    source, today, at, overwrite=overwrite, due_days=planned.terms.get(slug),
                )  # fmt: skip
                for change in merged.changes:
                    invoice_changes.apply_import(doc, change)
                before = set(undated(merged.before, imported, source))
                missing = undated(merged.after, imported, source)
                derived = [i.number for i in imported if i.number in before - set(missing)]
                dues[slug] = Dues(derived, missing)
                changes[slug] = merged.rows
                if merged.changes_file:
                    changed.append(slug)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return Outcome(planned, changes, False, some(dues), tuple(changed))
    return Outcome(planned, changes, bool(changed or extra), some(dues), tuple(changed))


def _settled(
    paths: Paths, planned: Plan, source: str, today: dt.date, overwrite: bool
) -> dict[str, list[merge.Entry]]:
    """The clients whose every imported invoice is already in their file as the export has it,
    with their ``[[invoices]]`` entries (read with tomllib: much faster than opening every file
    for editing)."""
    from clientexit._store import read_toml
    from clientexit.invoicing import merge

    if overwrite:
        return {}
    found: dict[str, list[merge.Entry]] = {}
    for slug, imported in planned.by_client.items():
        if slug in planned.payments:
            continue
        entries = merge.entries_in(read_toml(paths.client_file(slug)))
        days = planned.terms.get(slug)
        if all(merge.unchanged(entries, inv, source, today, days) for inv in imported):
            found[slug] = entries
    return found


class _DryRun(Exception):
    """Leaves edit_many without writing anything."""
