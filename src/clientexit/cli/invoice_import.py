"""``clientexit invoice import FILE``: invoices from the invoicing tool, into every client's file.

Reached through ``invoice`` (``invoice import FILE ...`` is this command, see invoice_cmd).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import emit_json, note, paths

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.invoicing.importer import Outcome, Rule
    from clientexit.invoicing.rows import Parsed

FileArg = Annotated[
    Path, typer.Argument(help="The export to read ('-' reads standard input).", metavar="FILE")
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="The export's format, when it cannot be told from the content: invoiceninja, "
        "invoiceninja-payments, freshbooks, stripe, harvest, fakturoid, hledger, beancount.",
        metavar="FORMAT",
    ),
]
ClientOpt = Annotated[
    str | None,
    typer.Option(
        help="Every invoice in the file is this client's.",
        metavar="CLIENT",
        autocompletion=completion.clients,
    ),
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="NAME=CLIENT: the tool's customer NAME is this client (saved in its "
        "[invoicing] match; repeatable). Replaces the question asked on a terminal.",
        metavar="NAME=CLIENT",
    ),
]
OrderOpt = Annotated[
    str | None,
    typer.Option(
        "--date-order",
        help="dmy or mdy: how to read slashed dates no date in the file settles.",
        metavar="dmy|mdy",
    ),
]
OverwriteOpt = Annotated[
    bool,
    typer.Option(
        "--overwrite",
        help="Take the export's values over invoices typed or changed by hand (the old values "
        "are kept in [[corrections]]).",
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def import_(
    ctx: typer.Context,
    file: FileArg,
    fmt: FromOpt = None,
    client: ClientOpt = None,
    mapped: MapOpt = None,
    date_order: OrderOpt = None,
    overwrite: OverwriteOpt = False,
    dry_run: DryRunOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Import invoices, payments, credit notes and voids from an invoicing tool's export.

    The format is told from the content. Each invoice goes to the client whose invoicing
    match list names its customer (or whose name is the customer's); on a terminal you are asked
    once for customers no client claims, elsewhere --map NAME=CLIENT or --client says it.
    Importing the same export again changes nothing; an invoice the tool changed is updated;
    one typed or changed by hand is never overwritten without --overwrite. All clients' files
    change together, or none does. Rows that cannot be read are listed with their line.

    \b
    Examples:
      clientexit invoice import ~/Downloads/invoice-report.csv
      clientexit invoice import stripe-invoices.csv --map "Acme Inc=acme-ltd" --dry-run
      clientexit invoice import fakturoid.json --client "Zelená Louka s.r.o." --json
      hledger register receivable -O csv | clientexit invoice import -
    """
    from clientexit import timeline
    from clientexit._errors import UsageError
    from clientexit.app import invoicing
    from clientexit.invoicing import importer

    if date_order not in (None, "dmy", "mdy"):
        raise UsageError(f"--date-order {date_order!r} is not dmy or mdy.")
    where = paths(ctx)
    parsed = importer.read(file, fmt, date_order)
    known, only, new_names = _clients(where, parsed, client, mapped or [], file)
    planned = importer.plan(parsed, known, only)
    outcome = invoicing.apply(
        where, planned, new_names=new_names, overwrite=overwrite, dry_run=dry_run,
        today=timeline.today(), at=timeline.now(),
    )  # fmt: skip
    if json_out:
        emit_json(import_json(file, outcome))
    else:
        report(file, outcome, dry_run)
    if planned.problems or planned.unmatched:
        raise typer.Exit(1)


def _clients(
    where: Paths, parsed: Parsed, client: str | None, mapped: list[str], file: Path
) -> tuple[list[Rule], str | None, dict[str, list[str]]]:
    """The clients' rules, the one client of --client, and the names mapped now (--map, or
    asked on a terminal for customers no client claims)."""
    from clientexit import clients
    from clientexit.app import invoicing
    from clientexit.invoicing import importer

    known = invoicing.rules(where)
    if client is not None:
        return known, clients.resolve(where, client), {}
    new_names = _mapping(where, mapped, known)
    known = _with_names(known, new_names)
    unknown = importer.unknown_names(parsed, known)
    if unknown:
        asked = _ask(where, unknown, known, file)
        new_names = {s: [*new_names.get(s, []), *asked.get(s, [])] for s in {*new_names, *asked}}
        known = _with_names(known, asked)
    return known, None, new_names


def _mapping(where: Paths, given: list[str], known: list[Rule]) -> dict[str, list[str]]:
    """--map NAME=CLIENT as slug -> names."""
    from clientexit import clients
    from clientexit._errors import UsageError

    found: dict[str, list[str]] = {}
    for item in given:
        name, equals, who = item.rpartition("=")
        if not equals or not name.strip() or not who.strip():
            raise UsageError(f"--map {item!r} is not NAME=CLIENT.", 'e.g. --map "Acme Inc=acme"')
        found.setdefault(clients.resolve(where, who.strip()), []).append(name.strip())
    return found


def _with_names(known: list[Rule], names: dict[str, list[str]]) -> list[Rule]:
    from dataclasses import replace

    return [replace(r, match=(*r.match, *names.get(r.slug, ()))) for r in known]


def _ask(where: Paths, unknown: list[str], known: list[Rule], file: Path) -> dict[str, list[str]]:
    """On a terminal, which client each unknown customer is (skip is first); off one, an error
    naming the flags that answer it."""
    from clientexit._errors import UsageError
    from clientexit.cli._common import ask, interactive

    if not interactive():
        listed = ", ".join(repr(n) for n in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise UsageError(
            f"{file}: no client is mapped to {listed}.",
            'Say whose they are: --map "NAME=CLIENT" (repeatable), or --client CLIENT for a '
            "file of one client's invoices.",
        )
    import sys

    import questionary
    from prompt_toolkit.output import create_output

    out = create_output(stdout=sys.stderr)  # stdout stays for the report (--json)
    choices = [questionary.Choice("skip (not a client of mine)", value="")]
    choices += [questionary.Choice(f"{r.name} ({r.slug})", value=r.slug) for r in known]
    found: dict[str, list[str]] = {}
    for name in unknown:
        question = questionary.select(f"Whose invoices are {name!r}?", choices=choices, output=out)
        slug = ask(question)
        if slug:
            found.setdefault(slug, []).append(name)
    return found


def import_json(file: Path, outcome: Outcome) -> dict[str, object]:
    """The outcome as plain data: per client, what happened to each invoice."""
    planned = outcome.plan
    return {
        "file": str(file),
        "format": planned.parsed.format,
        "written": outcome.written,
        "clients": [
            {
                "client": slug,
                "name": planned.names.get(slug, slug),
                "invoices": [
                    {"number": c.number, "result": c.kind, "detail": c.detail, "line": c.line}
                    for c in found
                ],
                "due_dates": {
                    "payment_days": planned.terms.get(slug),
                    "derived": outcome.dues[slug].derived if slug in outcome.dues else [],
                    "missing": outcome.dues[slug].missing if slug in outcome.dues else [],
                },
            }
            for slug, found in outcome.changes.items()
        ],
        "unmatched": dict(planned.unmatched),
        "problems": [{"line": p.line, "reason": p.reason} for p in planned.problems],
        "notes": [n for inv in planned.parsed.invoices for n in inv.notes],
    }


def report(file: Path, outcome: Outcome, dry_run: bool) -> None:
    """What the import did, in sentences on stderr."""
    from clientexit.invoicing.rows import LABELS

    planned = outcome.plan
    verb = "would" if dry_run else "has"
    note(f"{file}: {LABELS.get(planned.parsed.format, planned.parsed.format)}.")
    for slug, found in outcome.changes.items():
        counts = {k: sum(1 for c in found if c.kind == k) for k in _KINDS}
        said = ", ".join(f"{n} {_KINDS[k]}" for k, n in counts.items() if n) or "nothing"
        note(f"  {planned.names.get(slug, slug)}: {said}.")
        for change in found:
            if change.kind in ("kept", "overwritten", "missing"):
                note(f"    invoice {change.number} {_KINDS[change.kind]}: {change.detail}.")
        _due_dates(outcome, slug)
    notes = [line for inv in planned.parsed.invoices for line in inv.notes]
    for line in notes[:3]:
        note(f"  Note: {line}.")
    if len(notes) > 3:
        note(f"  ... and {len(notes) - 3} more notes like these (--json lists them all).")
    if any(c.kind == "kept" for f in outcome.changes.values() for c in f):
        note("  Invoices typed or changed by hand were kept; --overwrite takes the export's.")
    if any(d.missing for d in outcome.dues.values()):
        note(
            "  An invoice without a due date is never counted as overdue: set one with "
            "clientexit invoice CLIENT correct NUMBER --due DATE, or record the payment term "
            "(clientexit client set CLIENT payment_days=30) and import again."
        )
    for name, count in planned.unmatched.most_common():
        note(f"  Not imported: {count} for {name!r}, which no client is mapped to (--map).")
    for problem in planned.problems:
        note(f"  Line {problem.line}: {problem.reason}.")
    if dry_run:
        note("Dry run: nothing was written.")
    elif not outcome.written:
        note("Nothing changed.")
    else:
        note(f"clientexit {verb} written the changes to {len(outcome.changed)} client file(s).")


def _due_dates(outcome: Outcome, slug: str) -> None:
    """The client's invoices the export gave no due date: set from its payment term, or none."""
    dues = outcome.dues.get(slug)
    if dues is None:
        return
    if dues.derived:
        days = outcome.plan.terms.get(slug)
        note(
            f"    {_numbers(dues.derived)}: due {days} days after the invoice date, the "
            "client's payment_days (the export gives no due date)."
        )
    if dues.missing:
        note(
            f"    {_numbers(dues.missing)}: no due date (the export gives none and the client "
            "has no payment_days)."
        )


def _numbers(numbers: list[str], most: int = 5) -> str:
    """'invoice 7', 'invoices 7 and 8', 'invoices 1, 2, 3, 4, 5 and 6 more'."""
    if len(numbers) == 1:
        return f"invoice {numbers[0]}"
    shown = numbers[:most]
    rest = len(numbers) - len(shown)
    if rest:
        return f"invoices {', '.join(shown)} and {rest} more"
    return f"invoices {', '.join(shown[:-1])} and {shown[-1]}"


_KINDS = {
    "added": "added",
    "updated": "updated",
    "adopted": "matched to invoices typed by hand",
    "unchanged": "unchanged",
    "kept": "kept as typed by hand (not overwritten)",
    "overwritten": "overwritten",
    "missing": "not found",
}
