"""clientexit letter: draft a termination letter or an after-the-end letter for a client."""

from __future__ import annotations

from typing import Annotated

import typer

from clientexit.cli._common import note, output_file, paths


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)


def letter(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The client's name or slug.", metavar="CLIENT")],
    type_: Annotated[
        str | None,
        typer.Option(
            "--type", "-t", help="Letter type (default: the latest assessment's).", metavar="TYPE"
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language: en, tr, cs.", metavar="LANG")] = None,
    end_date: Annotated[
        str | None,
        typer.Option(
            help="End date, YYYY-MM-DD, today or later (default: the recorded one, else after "
            "the notice). A termination letter makes it the recorded end date.",
            metavar="DATE",
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="A value for this letter only (repeatable).",
            metavar="KEY=VALUE",
        ),
    ] = None,
    goodwill: Annotated[
        str | None,
        typer.Option(
            help="refund last month's fee or waive the last invoice.", metavar="refund|waive"
        ),
    ] = None,
    apology: Annotated[
        bool, typer.Option("--apology", help="Say sorry it was not the right fit.")
    ] = False,
    alternative: Annotated[
        list[str] | None,
        typer.Option(
            "--alternative", help="Another provider to suggest (repeatable).", metavar="NAME"
        ),
    ] = None,
    placeholders: Annotated[
        bool, typer.Option("--placeholders", help="Leave [blanks] for missing values.")
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(help="Write the letter to FILE (- for stdout, the default).", metavar="FILE"),
    ] = None,
    eml: Annotated[
        str | None, typer.Option(help="Write an unsent email draft (.eml) to FILE.", metavar="FILE")
    ] = None,
    no_cooldown: Annotated[
        bool, typer.Option("--no-cooldown", help="Skip the 24-hour cooling-off note.")
    ] = False,
    despite_conduct: Annotated[
        bool,
        typer.Option(
            "--despite-conduct",
            help="Draft a thank-you, feedback, referral or follow-up letter even though "
            "conduct problems are on record.",
        ),
    ] = False,
    despite_record: Annotated[
        bool,
        typer.Option(
            "--despite-record",
            help="Draft a payment letter even though nothing is overdue or was paid late.",
        ),
    ] = False,
    pay_by: Annotated[
        str | None,
        typer.Option(
            help="The date the overdue invoices are asked for, YYYY-MM-DD (default: today plus "
            "the payment term, at most 14 days).",
            metavar="DATE",
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the letter as JSON.")] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print and check the letter; record nothing."),
    ] = False,
) -> None:
    """Draft a letter to a client, filled in from your profile, their record and the assessment.

    Types: general, payment, micro-manager, scope-creeper, abusive (ending the work);
    thank-you, feedback-request, referral-request, follow-up (after it). The letter goes to
    stdout (or --out / --eml); tone warnings and the cooling-off reminder go to stderr; the
    letter is noted in the client's history (not with --dry-run).

    \b
    Examples:
      clientexit letter northwind-bakery
      clientexit letter "Brightpath Marketing" --type scope-creeper --alternative "Studio Nord"
      clientexit letter kestrel-analytics -t micro-manager --eml ~/Desktop/kestrel.eml
      clientexit letter fjord-coffee -t thank-you --set highlight="the spring launch"
      clientexit letter northwind-bakery -t payment --pay-by 2026-12-04 --goodwill waive
    """
    import datetime as dt
    from pathlib import Path

    from clientexit import clients, config, timeline
    from clientexit._errors import UsageError
    from clientexit._store import atomic_write_text
    from clientexit.book import lifecycle
    from clientexit.letters import context, draft, tone

    out = None if out == "-" else out
    if eml == "-":
        raise UsageError(
            "--eml needs a file name: it writes a draft for a mail client to open.",
            "Example: --eml letter.eml (the letter itself goes to stdout without --out).",
        )
    if dry_run and (out or eml):
        raise UsageError(
            "--dry-run writes no file: leave out --out and --eml.",
            "The letter goes to stdout; draft it again without --dry-run to keep it.",
        )
    out_file = output_file(ctx, out, "--out", "letter.txt") if out else None
    eml_file = output_file(ctx, eml, "--eml", "letter.eml") if eml else None
    if out_file is not None and out_file == eml_file:
        raise UsageError("--out and --eml name the same file.", "Give each its own file.")
    where = paths(ctx)
    profile = config.require_profile(where)
    record = clients.load(where, name)
    try:
        end = dt.date.fromisoformat(end_date) if end_date else None
    except ValueError:
        raise UsageError(f"--end-date {end_date!r} is not a date written YYYY-MM-DD.") from None
    try:
        pay_by_date = dt.date.fromisoformat(pay_by) if pay_by else None
    except ValueError:
        raise UsageError(f"--pay-by {pay_by!r} is not a date written YYYY-MM-DD.") from None
    now = timeline.now()
    letter_ = draft.draft_letter(
        where,
        profile,
        record,
        now=now,
        letter_type=type_,
        lang=lang,
        end_date=end,
        overrides=context.parse_sets(set_ or []),
        goodwill=goodwill,
        apology=apology,
        alternatives=alternative or [],
        placeholders=placeholders,
        cooldown=not no_cooldown,
        despite_conduct=despite_conduct,
        despite_record=despite_record,
        pay_by=pay_by_date,
    )
    eml_text = None
    if eml:
        if not letter_.to_email:
            raise UsageError(
                "An .eml draft needs the client's email address.",
                context.how_to_give("client.email", record),
            )
        from clientexit.letters.eml import build_eml

        eml_text = build_eml(
            to_name=letter_.to_name,
            to_email=letter_.to_email,
            from_name=letter_.from_name,
            from_email=letter_.from_email,
            subject=letter_.subject,
            body=letter_.body,
            date=now,
        )
    targets = [str(f) for f in (out_file, eml_file) if f]
    if out:
        atomic_write_text(Path(targets[0]), letter_.text)
    if eml_text is not None:
        atomic_write_text(Path(targets[-1]), eml_text)
    recorded_end = lifecycle.end_date(record.data)
    new_status = (
        None
        if dry_run
        else draft.record_letter(where, record, letter_, targets[0] if targets else "stdout")
    )

    if json_out:
        from clientexit.cli._common import emit_json

        emit_json(
            {
                "client": record.slug,
                "name": record.name,
                "type": letter_.letter_type.name,
                "lang": letter_.lang,
                "subject": letter_.subject,
                "body": letter_.body,
                "end_date": letter_.end_date,
                "drafted_at": letter_.drafted_at,
                "send_after": letter_.send_after,
                "written_to": targets or ["stdout"],
                "template": str(letter_.template.path),
                "missing": list(letter_.missing),
                "warnings": [w.as_dict() for w in letter_.warnings],
                "status": new_status or record.status,
                "recorded": not dry_run,
            }
        )
    elif not targets:
        typer.echo(letter_.text, nl=not letter_.text.endswith("\n"))

    if letter_.lang != letter_.requested_lang:
        note(f"No {letter_.letter_type.name} template in {letter_.requested_lang!r}; used English.")
    for warning in letter_.warnings:
        note(tone.format_warning(warning, f"tone: {targets[0] if targets else 'letter'}"))
    for caution in letter_.cautions:
        note(caution)
    if letter_.missing:
        note(f"Fill in by hand: {', '.join(context.placeholder(k) for k in letter_.missing)}.")
    for target in targets:
        note(f"Wrote {target}.")
    if new_status and recorded_end not in (None, letter_.end_date):
        note(
            f"The recorded end date moves from {recorded_end} to {letter_.end_date}, "
            "as the letter says."
        )
    if new_status:
        note(f"{record.name} is now marked as ending (end date {letter_.end_date.isoformat()}).")
    if dry_run:
        note(f"Dry run: nothing recorded; the history and status of {record.name} are unchanged.")
    if letter_.send_after:
        note(f"Review it, then send no earlier than {letter_.send_after:%Y-%m-%d %H:%M}.")
