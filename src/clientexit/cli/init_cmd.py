"""clientexit init: create or update your profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import clientexit.cli.completion as completion
from clientexit.cli._common import ask, emit_json, interactive, note, paths

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clientexit._paths import Paths


def register(app: typer.Typer) -> None:
    app.command("init")(init)


NameOpt = Annotated[
    str | None, typer.Option(help="Your name, as you sign letters.", metavar="NAME")
]
BusinessOpt = Annotated[str | None, typer.Option(help="Your business name.", metavar="NAME")]
EmailOpt = Annotated[str | None, typer.Option(help="Your email address.", metavar="EMAIL")]
SignatureOpt = Annotated[
    str | None,
    typer.Option(
        help="How every letter is signed off (default: your name and business).", metavar="LINE"
    ),
]
CurrencyOpt = Annotated[
    str | None, typer.Option(help="Default currency code, e.g. EUR.", metavar="CURRENCY")
]
RateOpt = Annotated[str | None, typer.Option(help="Target hourly rate.", metavar="AMOUNT")]
NoticeDaysOpt = Annotated[
    str | None, typer.Option(help="Default notice period in days.", metavar="DAYS")
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        help="Default letter language: en, tr, cs, or one you added templates for.",
        metavar="LANG",
        autocompletion=completion.languages,
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option(help="The country you work from: GB, DE, CZ, TR, US...", metavar="CODE"),
]
GenderOpt = Annotated[
    str | None,
    typer.Option(help="f or m: your first-person forms in Czech letters.", metavar="f|m"),
]
TimeZoneOpt = Annotated[
    str | None,
    typer.Option(
        help="The zone whose days decide the month of hours a tracker keeps in UTC "
        "(Watson, Timewarrior), e.g. Europe/Berlin. Default: UTC.",
        metavar="ZONE",
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing; use the flags.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")]


def init(
    ctx: typer.Context,
    name: NameOpt = None,
    business: BusinessOpt = None,
    email: EmailOpt = None,
    signature: SignatureOpt = None,
    currency: CurrencyOpt = None,
    rate: RateOpt = None,
    notice_days: NoticeDaysOpt = None,
    language: LanguageOpt = None,
    country: CountryOpt = None,
    gender: GenderOpt = None,
    time_zone: TimeZoneOpt = None,
    yes: YesOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Create or update your profile (name, rate, notice period...). Re-running never wipes it.

    \b
    Examples:
      clientexit init
      clientexit init --name "Ada Lovelace" --email ada@example.com --rate 90 --yes
    """
    from clientexit._errors import UsageError
    from clientexit.config import load_profile, update_profile

    home = paths(ctx)
    given = {"name": name, "business": business, "email": email, "signature": signature,
             "currency": currency, "rate": rate, "notice_days": notice_days,
             "language": language, "country": country, "gender": gender,
             "time_zone": time_zone}  # fmt: skip
    values: dict[str, object] = {
        key: _parse(home, key, raw) for key, raw in given.items() if raw is not None
    }
    if not yes and interactive():
        values = _ask_profile(home, load_profile(home).fields(), values)
    elif not yes and not values:
        raise UsageError(
            "clientexit init needs a terminal to ask questions, and there is none.",
            "Pass the values as flags with --yes, e.g. "
            '--name "Your Name" --email you@example.com --yes',
        )
    profile = update_profile(home, values)
    if json_out:
        emit_json(profile.fields())
    else:
        note(f"Profile saved in {home.config}.")


def _parse(home: Paths, key: str, raw: str) -> object:
    """A profile value checked; a language must be one clientexit has letters in."""
    from clientexit.fields import PROFILE_FIELDS, parse_field
    from clientexit.letters.languages import letter_language

    value = parse_field(PROFILE_FIELDS, key, raw)
    return letter_language(home, str(value)) if key == "language" else value


def _writes_czech(home: Paths, values: Mapping[str, object]) -> bool:
    """Only Czech needs the sender's gender (rozhodl / rozhodla): asked when the profile's
    language (``values``: as answered so far) is Czech or a client's letters are."""
    if values.get("language") == "cs":
        return True
    from clientexit.clients import list_records

    return any(record.language == "cs" for record in list_records(home, broken=[]))


# Settings few people need, given as flags only (--time-zone): the questionnaire stays short.
NOT_ASKED = ("time_zone",)


def _ask_profile(
    home: Paths, current: Mapping[str, object], given: dict[str, object]
) -> dict[str, object]:
    import questionary

    from clientexit._errors import UsageError
    from clientexit.fields import PROFILE_FIELDS

    answers = dict(given)
    for key, field in PROFILE_FIELDS.items():
        if key in given:
            continue
        if key == "gender" and not _writes_czech(home, {**current, **answers}):
            continue
        if key in NOT_ASKED:
            continue
        default = current.get(key)

        def valid(text: str, key: str = key) -> bool | str:
            if not text.strip():
                return True
            try:
                _parse(home, key, text)
            except UsageError as exc:
                return exc.message
            return True

        text = ask(
            questionary.text(
                f"{field.help.capitalize()}:",
                default="" if default is None else str(default),
                validate=valid,
            )
        )
        if text.strip():
            answers[key] = _parse(home, key, text)
    return answers
