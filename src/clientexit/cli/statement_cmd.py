"""clientexit statement CLIENT: a statement of account, with statutory interest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import emit_json, note, output_file, paths

if TYPE_CHECKING:
    pass

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="text, markdown or csv.", metavar="FORMAT")
]
OnOpt = Annotated[
    str | None, typer.Option(help="As of this day, YYYY-MM-DD (default today).", metavar="DATE")
]
OutOpt = Annotated[
    str | None, typer.Option(help="Write it to FILE instead of stdout.", metavar="FILE")
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Language: en, cs, tr (default: the client's, else yours).",
        metavar="LANG",
        autocompletion=completion.languages,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def register(app: typer.Typer) -> None:
    app.command("statement")(statement)


def statement(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
        ),
    ],
    format_: FormatOpt = "text",
    on: OnOpt = None,
    out: OutOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """A statement of account to send to a client or a lawyer: from you (with your
    payment_details) to the client, the date and the law applied, every invoice, payment and
    credit note with a running balance, the age of the balance, and the statutory interest and
    fixed sums (the same figures as clientexit interest and the letters). In the client's
    language. Why there is no interest, if there is none, goes to stderr, never into it.

    \b
    Examples:
      clientexit statement ashgrove-print
      clientexit statement ashgrove-print -f markdown
      clientexit statement ashgrove-print -f csv --out a.csv
      clientexit statement zelena-louka-s-r-o --lang cs
    """
    from clientexit import clients, config, i18n, timeline
    from clientexit._errors import UsageError
    from clientexit.cli._common import write_output
    from clientexit.collect import statement as core
    from clientexit.packets.account import statement_for
    from clientexit.record.inputs import parse_date

    if format_ not in core.FORMATS:
        raise UsageError(f"--format {format_!r}: choose {', '.join(core.FORMATS)}.")
    target = output_file(ctx, out, "--out", "statement.md") if out and out != "-" else None
    where = paths(ctx)
    record = clients.load(where, name)
    profile = config.load_profile(where)
    language = i18n.choose_language(lang, record, profile)
    day = parse_date(on, "--on") if on else timeline.today()
    found = statement_for(where, record, profile, day)
    if found.no_claim:
        from clientexit.collect.notes import no_claim_note

        english = f"No statutory interest on the statement: {found.no_claim}"
        reason, detail = found.no_claim_reason, found.no_claim_detail
        note(no_claim_note("statement", reason, record.slug, language, english, detail))
    if json_out:
        emit_json({"client": record.slug, "lang": language, **core.as_dict(found)})
        return
    width = _width() if target is None else 80
    dates = i18n.date_locale(language, profile.country, profile.currency)
    text = core.render(found, format_, language, width=width, dates=dates)
    if target is None:
        typer.echo(text, nl=False)
    else:
        write_output(target, text)
        note(f"Wrote {target}.")


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 80))
