"""Which languages clientexit has letters in: the built-in ones and the user's own."""

from __future__ import annotations

from clientexit._errors import UsageError
from clientexit._paths import Paths


def letter_language(paths: Paths, value: str) -> str:
    """``value`` as the code of a language clientexit has letters in: built in (en, tr, cs) or
    the user's own templates/letters/<code>/; else a UsageError saying which exist."""
    from babel import Locale, UnknownLocaleError

    from clientexit.fields import PROFILE_FIELDS, parse_field
    from clientexit.letters.render import list_templates

    code = str(parse_field(PROFILE_FIELDS, "language", value))
    known = sorted({ref.lang for ref in list_templates(paths)})
    if code in known:
        return code
    listed = ", ".join(known)
    try:
        name = Locale.parse(code).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"language={value!r}: {code!r} is not a language; clientexit has letters in {listed}.",
            f"Use one of {listed}, e.g. clientexit init --language en --yes",
        ) from None
    raise UsageError(
        f"language={value!r}: clientexit has no letters in {name} ({code}), only in {listed}.",
        f"Use one of those, or write your own {name} letters first: "
        f"clientexit templates copy general --lang {code} (then translate the copy).",
    )
