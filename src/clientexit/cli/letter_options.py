"""The letter options, parsed into typed values, and what happens to a drafted letter.

Shared by the commands that draft a letter: each declares its options with these aliases, turns
them into ``Choices`` (what to draft) and a ``Delivery`` (where it goes, whether it is recorded),
drafts, and hands the draft to ``deliver``. So the flags, their checks and the output are the same
in every such command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import Conflict, note, output_file, refuse_conflicts

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable
    from pathlib import Path
    from typing import TypedDict

    from clientexit._paths import Paths
    from clientexit.letters.draft import Draft
    from clientexit.record.model import Client

    # Only for the type checker: a TypedDict class costs ~0.2 ms to build on the letter's path.
    class Choices(TypedDict):
        """What to draft: the keyword arguments of ``letters.draft.draft_letter``."""

        letter_type: str | None
        lang: str | None
        end_date: dt.date | None
        overrides: dict[str, str]
        goodwill: str | None
        apology: bool
        alternatives: list[str]
        placeholders: bool
        cooldown: bool
        despite_conduct: bool
        despite_record: bool
        pay_by: dt.date | None


ClientArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug.", metavar="CLIENT", autocompletion=completion.clients
    ),
]
TypeOpt = Annotated[
    str | None,
    typer.Option(
        "--type",
        "-t",
        help="Letter type (default: the latest assessment's).",
        metavar="TYPE",
        autocompletion=completion.letter_types,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(help="Language: en, tr, cs.", metavar="LANG", autocompletion=completion.languages),
]
EndDateOpt = Annotated[
    str | None,
    typer.Option(
        help="End date, YYYY-MM-DD, today or later (default: the recorded one, else after "
        "the notice). A termination letter makes it the recorded end date.",
        metavar="DATE",
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="A value for this letter only (repeatable).", metavar="KEY=VALUE"),
]
GoodwillOpt = Annotated[
    str | None,
    typer.Option(help="refund last month's fee or waive the last invoice.", metavar="refund|waive"),
]
ApologyOpt = Annotated[bool, typer.Option("--apology", help="Say sorry it was not the right fit.")]
AlternativeOpt = Annotated[
    list[str] | None,
    typer.Option("--alternative", help="Another provider to suggest (repeatable).", metavar="NAME"),
]
PlaceholdersOpt = Annotated[
    bool, typer.Option("--placeholders", help="Leave [blanks] for missing values.")
]
OutOpt = Annotated[
    str | None,
    typer.Option(help="Write the letter to FILE (- for stdout, the default).", metavar="FILE"),
]
EmlOpt = Annotated[
    str | None, typer.Option(help="Write an unsent email draft (.eml) to FILE.", metavar="FILE")
]
NoCooldownOpt = Annotated[
    bool, typer.Option("--no-cooldown", help="Skip the 24-hour cooling-off note.")
]
DespiteConductOpt = Annotated[
    bool,
    typer.Option(
        "--despite-conduct",
        help="Draft a thank-you, feedback, referral or follow-up letter even though "
        "conduct problems are on record.",
    ),
]
DespiteRecordOpt = Annotated[
    bool,
    typer.Option(
        "--despite-record",
        help="Draft a payment letter even though nothing is overdue or was paid late.",
    ),
]
PayByOpt = Annotated[
    str | None,
    typer.Option(
        help="The date the overdue invoices are asked for, YYYY-MM-DD (default: today plus the "
        "payment term, at most 14 days).",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the letter as JSON.")]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print and check the letter; record nothing.")
]

CONFLICTS = (
    Conflict(
        "dry_run",
        ("out", "eml"),
        "writes no file",
        "The letter goes to stdout; draft it again without --dry-run to keep it.",
    ),
)


# Values that have their own option: a --set for one of them would be silently ignored.
OWN_OPTION = {
    "end_date": "--end-date",
    "ended": "--end-date",
    "language": "--lang",
    "lang": "--lang",
    "type": "--type",
    "letter_type": "--type",
    "goodwill": "--goodwill",
    "goodwill_invoice": "--goodwill",
    "apology": "--apology",
    "alternative": "--alternative",
    "alternatives": "--alternative",
}
_SET_EXAMPLE = 'Example: clientexit letter CLIENT -t thank-you --set highlight="the spring launch"'


def parse_sets(items: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings from --set as a dict (later ones win). Refused: no ``=``, an empty
    value (it would print as nothing, "Dear ,"), and a value that has its own option."""
    from clientexit._errors import UsageError
    from clientexit.fields import parse_assignment

    found: dict[str, str] = {}
    for item in items:
        if "=" not in item or not item.partition("=")[0].strip():
            raise UsageError(f"--set {item!r} is not KEY=VALUE.", _SET_EXAMPLE)
        key, value = parse_assignment(item)
        if key in OWN_OPTION:
            raise UsageError(
                f"--set {key}=... would be ignored: {key} has its own option.",
                f"Use {OWN_OPTION[key]} instead (see clientexit letter --help).",
            )
        if not value.strip():
            raise UsageError(
                f"--set {key}= has no value: the letter would print nothing in its place.",
                f"Give one (--set {key}=...), or leave --set {key} out to use the record's.",
            )
        found[key] = value
    return found


class Delivery:
    """Where a drafted letter goes (files already checked) and whether it is recorded."""

    # A plain class, not a dataclass: building one at import costs ~1 ms on the letter's path.
    __slots__ = ("dry_run", "eml", "json", "out")

    def __init__(self, out: Path | None, eml: Path | None, json: bool, dry_run: bool) -> None:
        self.out, self.eml, self.json, self.dry_run = out, eml, json, dry_run

    def targets(self) -> list[str]:
        """The files written, the letter's first; none when it goes to stdout."""
        return [str(f) for f in (self.out, self.eml) if f]


def choices(
    *,
    type_: str | None,
    lang: str | None,
    end_date: str | None,
    set_: list[str] | None,
    goodwill: str | None,
    apology: bool,
    alternative: list[str] | None,
    placeholders: bool,
    no_cooldown: bool,
    despite_conduct: bool,
    despite_record: bool = False,
    pay_by: str | None = None,
) -> Choices:
    """The drafting options as typed values: the end date a date, --set a dict of KEY=VALUE."""
    from clientexit.record.inputs import parse_date

    end = parse_date(end_date, "--end-date") if end_date else None
    pay_by_date = parse_date(pay_by, "--pay-by") if pay_by else None
    choice: Choices = {
        "letter_type": type_,
        "lang": lang,
        "end_date": end,
        "overrides": parse_sets(set_ or []),
        "goodwill": goodwill,
        "apology": apology,
        "alternatives": alternative or [],
        "placeholders": placeholders,
        "cooldown": not no_cooldown,
        "despite_conduct": despite_conduct,
        "despite_record": despite_record,
        "pay_by": pay_by_date,
    }
    return choice


def delivery(
    ctx: typer.Context, *, out: str | None, eml: str | None, json_out: bool, dry_run: bool
) -> Delivery:
    """The output options, checked before anything is drafted: "-" (stdout) for --out is no file,
    --eml needs a real file, a dry run writes none, and the two files differ."""
    from clientexit._errors import UsageError

    out = None if out == "-" else out
    if eml == "-":
        raise UsageError(
            "--eml needs a file name: it writes a draft for a mail client to open.",
            "Example: --eml letter.eml (the letter itself goes to stdout without --out).",
        )
    refuse_conflicts(ctx, *CONFLICTS, values={"out": out})
    out_file = output_file(ctx, out, "--out", "letter.txt") if out else None
    eml_file = output_file(ctx, eml, "--eml", "letter.eml") if eml else None
    if out_file is not None and out_file == eml_file:
        raise UsageError("--out and --eml name the same file.", "Give each its own file.")
    return Delivery(out_file, eml_file, json_out, dry_run)


def draft_and_deliver(ctx: typer.Context, name: str, what: Choices, to: Delivery) -> None:
    """Draft the letter ``what`` describes for the client ``name`` from your profile and their
    record (the core's errors worded with the flags), then ``deliver`` it."""
    from clientexit import timeline
    from clientexit.app import letters
    from clientexit.cli._common import flag_names, paths

    where = paths(ctx)
    now = timeline.now()
    with flag_names(ctx):
        record, letter = letters.draft(where, name, now, **what)
    deliver(where, record, letter, to, now)


def deliver(where: Paths, record: Client, letter: Draft, to: Delivery, now: dt.datetime) -> None:
    """Write the letter (and .eml), note it in the client's history unless a dry run, print it
    or its JSON on stdout, then the notes on stderr."""
    import sys

    from clientexit.app import letters
    from clientexit.cli._common import write_output

    eml_text = _eml_text(record, letter, now) if to.eml else None
    targets = to.targets()
    if to.out:
        write_output(to.out, letter.text)
    if eml_text is not None and to.eml:
        write_output(to.eml, eml_text)
    recorded_end = record.end_date

    def publish(status: str | None) -> None:
        # Before the letter is recorded: one that never reached stdout is not in the history.
        if to.json:
            _print_json(record, letter, targets, status, recorded=not to.dry_run)
        elif not targets:
            typer.echo(letter.text, nl=not letter.text.endswith("\n"))
        sys.stdout.flush()

    if to.dry_run:
        new_status = None
        publish(new_status)
    else:
        where_to = targets[0] if targets else "stdout"
        new_status = letters.record_letter(where, record, letter, where_to, publish)
    _notes(letter, targets)
    _status_notes(record, letter, recorded_end, new_status, recorded=not to.dry_run)


def _eml_text(record: Client, letter: Draft, now: dt.datetime) -> str:
    from clientexit._errors import UsageError
    from clientexit.letters import context
    from clientexit.letters.eml import build_eml

    if not letter.to_email:
        raise UsageError(
            "An .eml draft needs the client's email address.",
            context.how_to_give("client.email", record),
        )
    return build_eml(
        to_name=letter.to_name,
        to_email=letter.to_email,
        from_name=letter.from_name,
        from_email=letter.from_email,
        subject=letter.subject,
        body=letter.body,
        date=now,
    )


def _print_json(
    record: Client,
    letter: Draft,
    targets: list[str],
    new_status: str | None,
    *,
    recorded: bool,
) -> None:
    from clientexit.cli._common import emit_json

    emit_json(
        {
            "client": record.slug,
            "name": record.name,
            "type": letter.letter_type.name,
            "lang": letter.lang,
            "subject": letter.subject,
            "body": letter.body,
            "end_date": letter.end_date,
            "drafted_at": letter.drafted_at,
            "send_after": letter.send_after,
            "written_to": targets or ["stdout"],
            "template": str(letter.template.path),
            "missing": list(letter.missing),
            "warnings": [w.as_dict() for w in letter.warnings],
            "status": new_status or record.status,
            "recorded": recorded,
            **({"invoices": list(letter.invoices)} if letter.invoices else {}),
        }
    )


def _notes(letter: Draft, targets: list[str]) -> None:
    """What the person should know about the draft: language, tone, cautions, blanks, files."""
    from dataclasses import replace

    from clientexit.letters import context, tone
    from clientexit.letters.notes import has, say

    lang = letter.lang
    if letter.lang != letter.requested_lang:
        # Said in the language asked for: the person reads it, the letter came out English.
        requested = letter.requested_lang
        note(
            say("no_template", requested, letter_type=letter.letter_type.name, requested=requested)
        )
    where = f"{say('tone', lang)}: {targets[0] if targets else say('letter', lang)}"
    for warning in letter.warnings:
        kind = f"tone_{warning.kind}"
        named = replace(warning, kind=say(kind, lang)) if has(kind) else warning
        note(tone.format_warning(named, where))
    for caution in letter.cautions:
        note(caution)
    if letter.missing:
        blanks = ", ".join(context.placeholder(k, lang) for k in letter.missing)
        note(say("fill_in", lang, blanks=blanks))
    for target in targets:
        note(say("wrote", lang, target=target))


def _status_notes(
    record: Client,
    letter: Draft,
    recorded_end: dt.date | None,
    new_status: str | None,
    *,
    recorded: bool,
) -> None:
    """What recording the letter changed, or that a dry run changed nothing; when to send it.
    In the letter's language, dates as the letter writes them."""
    from clientexit.letters.notes import say, shown_date, shown_time

    lang, dates = letter.lang, letter.dates
    if new_status and recorded_end is not None and recorded_end != letter.end_date:
        old, new = shown_date(recorded_end, dates), shown_date(letter.end_date, dates)
        note(say("end_moves", lang, old=old, new=new))
    if new_status:
        note(say("now_ending", lang, name=record.name, end=shown_date(letter.end_date, dates)))
    if not recorded:
        note(say("dry_run", lang, name=record.name))
    if letter.send_after:
        note(say("send_after", lang, when=shown_time(letter.send_after, lang, dates)))
