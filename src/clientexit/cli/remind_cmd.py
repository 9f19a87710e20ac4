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


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)


def remind(
    ctx: typer.Context,
    name: ClientArg,
    stage: StageOpt = None,
    skip_stages: SkipOpt = False,
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

    Stages (templates/collect/ladder.toml, or ladder.toml in your data folder): friendly-reminder,
    firm-reminder, final-notice, formal-demand, and work-paused outside the order. Each names the
    overdue invoices, the total, a pay-by date and how to pay (client set CLIENT
    payment_details=...). The final notice and the formal demand add the statutory interest the
    client may owe (clientexit interest), and the demand follows the client's country. A stage
    is never skipped without --skip-stages.

    \b
    Examples:
      clientexit remind ashgrove-print
      clientexit remind ashgrove-print --stage work-paused --eml paused.eml
      clientexit remind ashgrove-print --dry-run --json
    """
    from clientexit import clients, config, timeline
    from clientexit.cli.letter_options import parse_sets
    from clientexit.collect import ladder, rates, reminder
    from clientexit.letters import draft

    to = delivery(ctx, out=out, eml=eml, json_out=json_out, dry_run=dry_run)
    where, now = paths(ctx), timeline.now()
    profile = config.require_profile(where)
    record = clients.load(where, name)
    book, steps = rates.load(where), ladder.load(where)
    currency = record.billing_currency(profile)
    found = reminder.plan(
        steps, book, record, currency, now.date(), requested=stage, skip=skip_stages
    )
    letter = draft.draft_letter(
        where,
        profile,
        record,
        now=now,
        letter_type=found.stage.type,
        lang=lang,
        overrides=parse_sets(set_ or []),
        placeholders=placeholders,
        cooldown=not no_cooldown,
        extra={"collect": found.values},
    )
    deliver(where, record, letter, to, now)
    for line in found.cautions:
        note(line)
