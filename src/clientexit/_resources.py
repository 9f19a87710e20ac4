"""Files shipped with clientexit: templates/ and examples/.

In a wheel they are inside the package (hatch force-include); in an editable install or a source
checkout they are at the top of the repository, which force-include does not reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from clientexit._errors import ClientExitError

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise ClientExitError(
        f"clientexit's {name}/ folder is missing from this installation ({_PACKAGE}).",
        "Reinstall clientexit (pip install --force-reinstall clientexit).",
    )


@cache
def templates_dir() -> Path:
    """The built-in templates folder."""
    return _find("templates")


@cache
def examples_dir() -> Path:
    """The bundled example clients and answer files."""
    return _find("examples")


def words_in(relative: str, lang: str, document: str) -> Mapping[str, str]:
    """The table of ``lang`` in the language file templates/``relative`` (one table per
    language: en, cs, tr; a locale such as en_GB uses en). A language the file lacks is a
    UsageError saying that ``document`` (e.g. "A statement") cannot be written in it yet."""
    import tomllib

    from clientexit._errors import UsageError

    with (templates_dir() / relative).open("rb") as handle:
        table = tomllib.load(handle)
    base = lang.split("_")[0].split("-")[0].lower()
    if base not in table:
        raise UsageError(
            f"{document} cannot be written in {lang!r} yet.",
            f"Use --lang with one of: {', '.join(sorted(table))}.",
        )
    found: Mapping[str, str] = table[base]
    return found


@cache
def _words_or_none(relative: str, lang: str) -> Mapping[str, str]:
    from clientexit._errors import UsageError

    try:
        return words_in(relative, lang, "A note")
    except UsageError:
        return {}


def phrase(relative: str, key: str, lang: str, **values: object) -> str:
    """The phrase ``key`` of ``lang`` in the language file templates/``relative`` (see
    words_in), English where the language has no wording of it; ``values`` filled in
    (str.format). What commands say on stderr in the language of their output."""
    text = _words_or_none(relative, lang).get(key) or _words_or_none(relative, "en")[key]
    return text.format(**values)


def has_phrase(relative: str, key: str, lang: str = "en") -> bool:
    """Whether ``lang`` has its own wording of ``key`` in templates/``relative``."""
    return key in _words_or_none(relative, lang)
