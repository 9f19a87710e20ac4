"""clientexit packet CLIENT and clientexit bundle CLIENT: documents to hand over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from clientexit.cli._common import emit_json, note, output_file, paths

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

NameArg = Annotated[str, typer.Argument(help="The client's name or slug.", metavar="CLIENT")]
LangOpt = Annotated[
    str | None, typer.Option(help="Language: en, cs, tr.", metavar="LANG", show_default=False)
]
OnOpt = Annotated[
    str | None, typer.Option(help="As of this day, YYYY-MM-DD (default today).", metavar="DATE")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")]


def register(app: typer.Typer) -> None:
    app.command("packet")(packet)
    app.command("bundle")(bundle)


def packet(
    ctx: typer.Context,
    name: NameArg,
    lang: LangOpt = None,
    out: Annotated[
        str,
        typer.Option(
            help="A folder (the file is CLIENT-handover.html or .pdf) or a file name.",
            metavar="PATH",
        ),
    ] = ".",
    format_: Annotated[
        str, typer.Option("--format", "-f", help="html or pdf.", metavar="FORMAT")
    ] = "html",
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the client's handover packet: the handover document (your steps, in the first
    person), the deliverables and their state, what was achieved, where things live, the
    statement of account if anything is owed, and your details. Each part appears only when
    the record has something for it. In the client's language; HTML is one self-contained file
    that prints on A4 and Letter; PDF needs the extra: pip install 'clientexit[pdf]'.

    \b
    Examples:
      clientexit packet halvorsen-freight
      clientexit packet zelena-louka-s-r-o --lang cs --out ~/handover/
      clientexit packet ashgrove-print --format pdf --out ashgrove.pdf
    """
    from clientexit.app.packets import handover_packet

    where = paths(ctx)
    day = _day(on)
    built = handover_packet(where, name, lang=lang, day=day, fmt=format_)
    target = _target(ctx, out, built.file_name)
    _write(target, built.content)
    if json_out:
        headings = [v for k, v in built.document.blocks if k == "heading"]
        emit_json(
            {
                "client": built.slug,
                "written": str(target),
                "format": built.format,
                "lang": built.document.lang,
                "sections": headings,
            }
        )
    else:
        note(f"Wrote the handover packet for {built.slug} to {target}.")


def bundle(
    ctx: typer.Context,
    name: NameArg,
    out: Annotated[
        str | None,
        typer.Option(
            help="The zip file (default: CLIENT-claim-DATE.zip here).", metavar="FILE.zip"
        ),
    ] = None,
    lang: LangOpt = None,
    on: OnOpt = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Add PDF copies (needs the pdf extra).")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Gather the evidence of an unpaid debt into one zip for your lawyer or collection agency:
    the statement with interest (HTML and CSV), every invoice as recorded, every letter sent
    (with its .eml draft where one was written), the payment incident log, the deliverables
    with their delivery dates, a one-page timeline, the law and rates used, and a manifest with
    each file's SHA-256 (and the history commit, with history on). In your language unless
    --lang. Built twice from the same record on the same day, it is the same file.

    \b
    Examples:
      clientexit bundle ashgrove-print
      clientexit bundle ashgrove-print --out ~/claims/ashgrove.zip --pdf
    """
    from clientexit.app.packets import claim_bundle

    where = paths(ctx)
    day = _day(on)
    slug, built = claim_bundle(where, name, lang=lang, day=day, with_pdf=pdf)
    target = _target(ctx, out or ".", f"{slug}-claim-{day.isoformat()}.zip")
    _write(target, built.content)
    if json_out:
        emit_json({"client": slug, "written": str(target), "files": dict(built.files)})
    else:
        note(f"Wrote the claim bundle for {slug} ({len(built.files)} files) to {target}.")


def _day(on: str | None) -> dt.date:
    from clientexit import timeline
    from clientexit.record.inputs import parse_date

    return parse_date(on, "--on") if on else timeline.today()


def _target(ctx: typer.Context, out: str, file_name: str) -> Path:
    """The file to write: ``out`` itself, or ``file_name`` inside ``out`` when it is a folder."""
    from pathlib import Path as FilePath

    path = FilePath(out).expanduser()
    if path.is_dir():
        path = path / file_name
    return output_file(ctx, str(path), "--out", file_name)


def _write(target: Path, data: bytes) -> None:
    from clientexit._atomic import atomic_write_bytes

    atomic_write_bytes(target, data)
