"""The checklist data (templates/checklists/<lang>/handover.toml): found, read and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clientexit._errors import DataFileError

FALLBACK_LANGUAGE = "en"
CONDITIONS = frozenset(
    {
        "outstanding",
        "hostile",
        "ended_well",
        "abusive",
        "decided",
        "client_left",
        "referral_fits",
        "final_invoice",
    }
)


@dataclass(frozen=True)
class ItemSpec:
    """One item as written in the data: its date and conditions are not resolved yet."""

    id: str
    section: str
    text: str
    due: int | None
    key_date: str | None
    when: tuple[str, ...]
    unless: tuple[str, ...]
    hint: str | None
    private: bool = False  # the freelancer's own business: left out of the client's copy
    to_client: str | None = None  # the item as the client's copy says it, in the first person


@dataclass(frozen=True)
class KeyDateSpec:
    id: str
    offset: int
    title: str
    text: str


@dataclass(frozen=True)
class Template:
    """A checklist in one language."""

    lang: str
    path: Path
    labels: Mapping[str, str]
    sections: tuple[tuple[str, str], ...]  # (id, title)
    items: tuple[ItemSpec, ...]
    key_dates: tuple[KeyDateSpec, ...]


def find(lang: str, user_templates: Path | None = None) -> Path | None:
    """The checklist file for ``lang``: the user's own copy first, then the built-in one."""
    from clientexit._resources import templates_dir
    from clientexit.i18n import language_code

    code = language_code(lang, "the checklist language")
    relative = Path("checklists") / code / "handover.toml"
    for root in (user_templates, templates_dir()):
        if root is not None and (root / relative).is_file():
            return root / relative
    return None


def load(lang: str, user_templates: Path | None = None) -> Template:
    """The checklist in ``lang``, else in English (check ``Template.lang`` for which one)."""
    path = find(lang, user_templates) or find(FALLBACK_LANGUAGE, user_templates)
    english = find(FALLBACK_LANGUAGE)
    if path is None or english is None:
        raise DataFileError("The built-in handover checklist is missing.", "Reinstall clientexit.")
    if path == english:
        return _cached(path, _Defaults())
    # A user's copy may predate a label or a private flag: the built-in data fills the gaps, so
    # an old copy never puts a label's key or the freelancer's private items in the client's copy.
    builtin = find(path.parent.name) or english
    defaults = _Defaults(
        labels=_cached(builtin, _Defaults()).labels,
        private={i.id: i.private for i in _cached(english, _Defaults()).items},
    )
    return _cached(path, defaults)


@dataclass(frozen=True)
class _Defaults:
    """What a checklist file may leave out: labels, and the private flag of each item id."""

    labels: Mapping[str, str] = field(default_factory=dict)
    private: Mapping[str, bool] = field(default_factory=dict)

    def key(self) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, bool], ...]]:
        return tuple(sorted(self.labels.items())), tuple(sorted(self.private.items()))


_LOADED: dict[tuple[object, ...], Template] = {}


def _cached(path: Path, defaults: _Defaults) -> Template:
    # The book builds a checklist per client: parse each file once while it is unchanged. The
    # defaults are part of the key: the same file loaded with other defaults is another result.
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size, defaults.key())
    if key not in _LOADED:
        _LOADED[key] = _load(path, defaults)
    return _LOADED[key]


def _load(path: Path, defaults: _Defaults) -> Template:
    from clientexit._store import read_toml

    try:
        return _parse(path, read_toml(path), path.parent.name, defaults)
    except (KeyError, TypeError, AttributeError) as exc:
        raise _bad(path, f"an entry is incomplete or of the wrong shape ({exc})") from None


def _bad(path: Path, what: str) -> DataFileError:
    return DataFileError(f"{path}: {what}.", "Fix the checklist file; ids must stay as shipped.")


def _tables(path: Path, value: object, what: str) -> list[Mapping[str, object]]:
    """The ``[[what]]`` tables of a checklist file (none when it has none)."""
    rows = [] if value is None else value
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise _bad(path, f"{what} must be a list of [[{what}]] tables")
    return rows


# Days before or after the end an item or key date may fall: ten years either way is far more
# than any handover needs, and keeps every date well inside what datetime.date can hold.
MOST_DAYS = 3650


def _ints(path: Path, spec: Mapping[str, object], key: str) -> int | None:
    value = spec.get(key)
    if value is not None and (
        not isinstance(value, int) or isinstance(value, bool) or abs(value) > MOST_DAYS
    ):
        raise _bad(
            path,
            f"{key} of {spec.get('id')!r} must be a whole number of days "
            f"from -{MOST_DAYS} to {MOST_DAYS}",
        )
    return value


def _text(path: Path, spec: Mapping[str, object], key: str, optional: bool = False) -> str | None:
    """``spec[key]`` as written, which must be text (a number or a table is refused)."""
    if not isinstance(spec, Mapping):
        raise _bad(path, f"an entry is {type(spec).__name__}, not a table")
    value = spec.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _bad(path, f"{key} of {spec.get('id')!r} must be text in quotes, not {value!r}")
    return value


def _flag(path: Path, spec: Mapping[str, object], what: str) -> bool | None:
    """``private`` as written (None when absent); anything but true or false is refused."""
    value = spec.get("private")
    if value is not None and not isinstance(value, bool):
        raise _bad(path, f"private of {what} {spec.get('id')!r} must be true or false")
    return value


def _conditions(path: Path, spec: Mapping[str, object], key: str) -> tuple[str, ...]:
    given = spec.get(key) or []
    names = [given] if isinstance(given, str) else given if isinstance(given, list) else [given]
    unknown = [n for n in names if n not in CONDITIONS]
    if unknown:
        raise _bad(path, f"unknown condition {unknown[0]!r} in {spec.get('id')!r}")
    return tuple(str(n) for n in names)


def _parse(path: Path, data: Mapping[str, object], lang: str, defaults: _Defaults) -> Template:
    """The checklist in ``data``; an item is private if it says so, else if its section does,
    else if ``defaults`` says so for its id."""
    key_dates = tuple(
        KeyDateSpec(
            str(_text(path, k, "id")),
            _ints(path, k, "offset") or 0,
            str(_text(path, k, "title")),
            str(_text(path, k, "text")),
        )
        for k in _tables(path, data.get("key_date"), "key_date")
    )
    known_keys = {k.id for k in key_dates}
    sections: list[tuple[str, str]] = []
    items: list[ItemSpec] = []
    seen: set[str] = set()
    for section in _tables(path, data.get("section"), "section"):
        sections.append((str(_text(path, section, "id")), str(_text(path, section, "title"))))
        section_private = _flag(path, section, "section")
        for spec in _tables(path, section.get("item"), "item"):
            item_id = _text(path, spec, "id", optional=True)
            if not item_id or item_id in seen:
                raise _bad(path, f"item id {item_id!r} is missing or used twice")
            seen.add(item_id)
            key = spec.get("key_date")
            if key is not None and key not in known_keys:
                raise _bad(path, f"{item_id!r} refers to an unknown key_date {key!r}")
            private = _flag(path, spec, "item")
            if private is None:
                private = section_private
            if private is None:
                private = defaults.private.get(str(item_id), False)
            items.append(
                ItemSpec(
                    id=str(item_id),
                    section=sections[-1][0],
                    text=str(_text(path, spec, "text")),
                    due=_ints(path, spec, "due"),
                    key_date=key,
                    when=_conditions(path, spec, "when"),
                    unless=_conditions(path, spec, "unless"),
                    hint=_text(path, spec, "hint", optional=True),
                    private=private,
                    to_client=_text(path, spec, "to_client", optional=True),
                )
            )
    written = data.get("labels") or {}
    if not isinstance(written, Mapping):
        raise _bad(path, "[labels] must be a table")
    for key, value in written.items():
        if not isinstance(value, str):
            raise _bad(path, f"[labels] {key} must be text in quotes, not {value!r}")
    labels = {**defaults.labels, **written}
    return Template(lang, path, labels, tuple(sections), tuple(items), key_dates)
