"""clientexit remind CLIENT: draft the next due stage of the reminder ladder."""

from __future__ import annotations

from typing import Annotated

import typer

from clientexit.cli._common import note, paths
from clientexit.cli.letter_options import (
    ClientArg,
    DryRunOpt,
    EmlOpt,
    JsonOpt,
    LangOpt,
    NoCooldownOpt,
    OutOpt,
    PlaceholdersOpt,
    SetOpt,
    deliver,
    delivery,
)

StageOpt = Annotated[
    str | None,
    typer.Option(
        "--stage",
        help="The stage to draft (default: the next one that is due).",
        metavar="STAGE",
    ),
]
SkipOpt = Annotated[
    bool, typer.Option("--skip-stages", help="Allow a --stage that skips earlier ones.")
]
PaidLateOpt = Annotated[
    bool,
    typer.Option(
        "--claim-paid-late",
        help="The final notice and the demand also claim interest on invoices already paid "
        "late, set apart (optional: accepting a payment without reserving the interest may "
        "have cost it).",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)


def remind(
    ctx: typer.Context,
    name: ClientArg,
    stage: StageOpt = None,
    skip_stages: SkipOpt = False,
    claim_paid_late: PaidLateOpt = False,
    lang: LangOpt = None,
    set_: SetOpt = None,
    placeholders: PlaceholdersOpt = False,
    out: OutOpt = None,
    eml: EmlOpt = None,
    no_cooldown: NoCooldownOpt = False,
    json_out: JsonOpt = False,
    dry_run: DryRunOpt = False,
) -> None:
    """Draft the next reminder for a client's overdue invoices, and note it in their history.

    Stages (ladder.toml): friendly-reminder, firm-reminder, final-notice, formal-demand, and
    work-paused outside the order. Each invoice walks its own stages: a letter asks for the
    invoices at its stage, and an invoice never asked for starts at the stage its age calls for.
    A dispute or a promise (log CLIENT add TEXT --kind promise --invoice N --until DATE) pauses its
    invoice. The final notice and the formal demand add the statutory interest the client may
    owe on the invoices they ask for (clientexit interest; on invoices paid late only with
    --claim-paid-late); the demand follows the client's country (a UK Letter of Claim to a
    person needs client set CLIENT agreement_date=DATE). No stage is skipped without
    --skip-stages.

    \b
    Examples:
      clientexit remind ashgrove-print
      clientexit remind ashgrove-print --stage work-paused --eml paused.eml
      clientexit remind ashgrove-print --dry-run --json
    """
    from clientexit import timeline
    from clientexit.app import reminders
    from clientexit.cli.letter_options import parse_sets

    to = delivery(ctx, out=out, eml=eml, json_out=json_out, dry_run=dry_run)
    where, now = paths(ctx), timeline.now()
    ask = reminders.Asked(stage, skip_stages, parse_sets(set_ or []), claim_paid_late)
    drafted = reminders.draft_reminder(
        where, name, now, ask, lang=lang, placeholders=placeholders, cooldown=not no_cooldown
    )
    deliver(where, drafted.record, drafted.letter, to, now)
    for line in drafted.cautions:
        note(line)
