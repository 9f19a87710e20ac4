"""clientexit assess: red flags, economics and outlook scored into an explainable verdict."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import Conflict, emit_json, note, paths, refuse_conflicts

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.app.economics import LateCost
    from clientexit.assess.answers import Answers
    from clientexit.assess.rubric import Rubric
    from clientexit.assess.run import Result
    from clientexit.clients import ClientFiles
    from clientexit.record.model import Profile


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)


NameArg = Annotated[
    str,
    typer.Argument(
        help="The client's name or slug (a new name creates the client).",
        metavar="CLIENT",
        autocompletion=completion.clients,
    ),
]
AnswersOpt = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="Answer from a TOML file instead of questions.",
        metavar="FILE",
        dir_okay=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        help="Questions, report and advice in en, tr or cs (default: your profile's language).",
        metavar="LANG",
        autocompletion=completion.languages,
    ),
]
PrintAnswersOpt = Annotated[
    bool,
    typer.Option(
        "--print-answers",
        help="Print an answers file to fill in (the last assessment's answers, if any); "
        "assesses nothing.",
    ),
]


def assess(
    ctx: typer.Context,
    name: NameArg,
    answers_file: AnswersOpt = None,
    json_out: JsonOpt = False,
    print_answers: PrintAnswersOpt = False,
    lang: LangOpt = None,
) -> None:
    """Assess a client: red flags, what they really pay per hour, and what to do about it.

    Asks about five areas (payment, communication, scope, values, conduct), the money and the
    outlook, then saves the assessment in the client's history and shows the verdict (keep,
    repair, prepare_exit, exit_now), the letter that fits and how and when to deliver it.

    \b
    Examples:
      clientexit assess "Northwind Bakery"
      clientexit assess northwind-bakery --answers examples/answers/northwind-bakery.toml
      clientexit assess acme-ltd --print-answers > answers.toml   # then edit it, and:
      clientexit assess acme-ltd --answers answers.toml --json | jq .verdict
      clientexit assess northwind-bakery --lang cs
    """
    from clientexit import config
    from clientexit.assess.answers import answers_template, read_answers_file
    from clientexit.assess.rubric import load_rubric
    from clientexit.clients import ClientFiles

    refuse_conflicts(
        ctx,
        Conflict(
            "print_answers",
            ("answers_file", "json_out"),
            "only prints a file to fill in, it assesses nothing",
            f"Run it alone, then: clientexit assess {name} --answers FILE",
        ),
    )
    files = ClientFiles(paths(ctx))  # one per command: the name is resolved once
    profile = config.load_profile(files.paths)
    rubric = load_rubric(files.paths, _language(lang, profile))
    if print_answers:
        typer.echo(answers_template(rubric, *_last_time(files, name, rubric, profile)), nl=False)
        return
    from clientexit.cli._common import interactive

    answers = read_answers_file(answers_file, rubric) if answers_file is not None else None
    if interactive():
        name = _confirm_new_name(files, name)
    elif files.find(name) is None:
        from clientexit import clients

        close = clients.close_matches(files.paths, name)
        if close:  # off a terminal a near-duplicate is never created: name the client instead
            raise clients.not_found(files.paths, name, close)
    if answers is None:
        answers = _ask(files, name, rubric, profile)
    result = _run(files, name, rubric, answers, profile)
    _report(files.paths, result, rubric, answers, json_out)


def _report(where: Paths, result: Result, rubric: Rubric, answers: Answers, json_out: bool) -> None:
    """The assessment on stdout, with the trend of the hours `clientexit hours` keeps."""
    from clientexit.app import economics
    from clientexit.assess import run

    tracked = economics.tracked_trend(where, result.slug)
    late = _late_cost(where, result.slug, answers)
    if json_out:
        emit_json(
            {
                **run.as_json(result, rubric),
                "tracked_hours": tracked and tracked.as_json(),
                "late_payment": late and late.as_json(),
            }
        )
        return
    from clientexit.cli._common import console
    from clientexit.cli.assess_view import render

    console().print(render(result, rubric, answers))
    if tracked is not None:
        from clientexit.cli.assess_money import tracked_sentence

        typer.echo(tracked_sentence(tracked, result.currency, rubric))
    if late is not None and late.per_hour is not None and late.invoices:
        from clientexit.cli.assess_money import late_sentence

        typer.echo(late_sentence(late, result.currency, rubric))
    if result.converted is not None:
        note(_converted(result, rubric))
    note(rubric.say("saved", name=result.name, slug=result.slug))


def _late_cost(where: Paths, slug: str, answers: Answers) -> LateCost | None:
    """What late payment cost over the last 12 months, per hour of work (None: no invoices)."""
    from clientexit import timeline
    from clientexit.app import economics

    return economics.late_cost(where, slug, answers, timeline.today())


def _converted(result: Result, rubric: Rubric) -> str:
    """How the target was converted: the rate, its date and its source, in the report's
    language."""
    from clientexit.assess.advice import day
    from clientexit.i18n import format_money, format_number

    mine, quote = result.converted or (0.0, None)
    assert quote is not None
    lang = rubric.lang
    return rubric.say(
        "converted",
        mine=format_money(mine, quote.base, lang),
        target=format_money(result.outcome.target_rate, quote.quote, lang),
        base=quote.base,
        rate=format_number(float(quote.rate), lang, decimals=4),
        quote=quote.quote,
        day=day(quote.day, result.dates),
        source=quote.source,
        slug=result.slug,
    )


def _language(explicit: str | None, profile: Profile) -> str:
    """--lang, else the profile's language; a --lang the assessment does not speak is an error,
    a profile's language it does not speak falls back to English, with a note."""
    from clientexit._errors import UsageError
    from clientexit.assess.rubric import languages
    from clientexit.i18n import choose_language

    wanted, there = choose_language(explicit, None, profile), languages()
    if wanted in there:
        return wanted
    if explicit is not None:
        raise UsageError(
            f"The assessment is not available in {wanted!r}; it is in: {', '.join(there)}.",
            "Use --lang with one of them, or leave --lang out for your profile's language.",
        )
    note(f"The assessment is not available in {wanted!r} (your profile's language): English.")
    return "en"


def _last_time(
    where: ClientFiles, name: str, rubric: Rubric, profile: Profile
) -> tuple[Answers | None, float | None]:
    """The answers to start from and the target rate to suggest (app/assess.py joins the last
    assessment, the tracked hours and the invoices), saying where the changed answers come
    from."""
    from clientexit import timeline
    from clientexit.app.assess import last_time

    found = last_time(where, name, rubric, profile, timeline.today())
    if found.measured is not None:
        from clientexit.cli.hours_view import measured_sentence

        note(measured_sentence(found.measured))
    if found.proposed:
        note(found.proposed)
    return found.answers, found.target


def _ask(where: ClientFiles, name: str, rubric: Rubric, profile: Profile) -> Answers:
    """The questionnaire, last time's answers as defaults; never without a terminal."""
    from clientexit.cli._common import ask, require_terminal

    require_terminal(
        "clientexit assess",
        f"Use --answers FILE; `clientexit assess {name} --print-answers > answers.toml` "
        "writes one to fill in.",
    )
    from clientexit.cli.assess_prompt import ask_answers

    return ask_answers(rubric, *_last_time(where, name, rubric, profile), ask)


def _run(
    where: ClientFiles, name: str, rubric: Rubric, answers: Answers, profile: Profile
) -> Result:
    """Score and save; a new name is created (a near-duplicate only when chosen on a terminal)."""
    from clientexit.app import assess

    result = assess.run(where, name, rubric, answers, profile)
    if result.created:
        note(rubric.say("created", name=result.name, slug=result.slug))
    return result


def _confirm_new_name(where: ClientFiles, name: str) -> str:
    """On a terminal, a new name close to an existing client's (a likely typo) is asked about
    before anything is created: the name to assess, or Cancelled."""
    from clientexit import clients

    if where.find(name) is not None:
        return name
    close = clients.similar(where.paths, name)
    if close is None:
        return name
    import questionary

    from clientexit._errors import Cancelled
    from clientexit.cli._common import ask

    existing = where.get(close).name
    choice = ask(
        questionary.select(
            f"There is no client {name!r}, but there is {existing!r} ({close}).",
            choices=[
                questionary.Choice(f"Assess {existing}", value=close),
                questionary.Choice(f"Create a new client {name!r}", value=name),
                questionary.Choice("Cancel", value=""),  # (None would mean the title)
            ],
            use_shortcuts=True,
            output=_stderr_output(),
        )
    )
    if not choice:
        raise Cancelled()
    return str(choice)


def _stderr_output() -> object:
    import sys

    from prompt_toolkit.output import create_output

    return create_output(stdout=sys.stderr)
