"""clientexit letter: draft a termination letter or an after-the-end letter for a client."""

from __future__ import annotations

import typer

from clientexit.cli.letter_options import (
    AlternativeOpt,
    ApologyOpt,
    ClientArg,
    DespiteConductOpt,
    DespiteRecordOpt,
    DryRunOpt,
    EmlOpt,
    EndDateOpt,
    GoodwillOpt,
    JsonOpt,
    LangOpt,
    NoCooldownOpt,
    OutOpt,
    PayByOpt,
    PlaceholdersOpt,
    SetOpt,
    TypeOpt,
    choices,
    delivery,
    draft_and_deliver,
)


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)


def letter(
    ctx: typer.Context,
    name: ClientArg,
    type_: TypeOpt = None,
    lang: LangOpt = None,
    end_date: EndDateOpt = None,
    set_: SetOpt = None,
    goodwill: GoodwillOpt = None,
    apology: ApologyOpt = False,
    alternative: AlternativeOpt = None,
    placeholders: PlaceholdersOpt = False,
    out: OutOpt = None,
    eml: EmlOpt = None,
    no_cooldown: NoCooldownOpt = False,
    despite_conduct: DespiteConductOpt = False,
    despite_record: DespiteRecordOpt = False,
    pay_by: PayByOpt = None,
    json_out: JsonOpt = False,
    dry_run: DryRunOpt = False,
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
    to = delivery(ctx, out=out, eml=eml, json_out=json_out, dry_run=dry_run)
    what = choices(
        type_=type_,
        lang=lang,
        end_date=end_date,
        set_=set_,
        goodwill=goodwill,
        apology=apology,
        alternative=alternative,
        placeholders=placeholders,
        no_cooldown=no_cooldown,
        despite_conduct=despite_conduct,
        despite_record=despite_record,
        pay_by=pay_by,
    )
    draft_and_deliver(ctx, name, what, to)
