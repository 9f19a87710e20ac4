"""The assessment rubric: questions, weights and thresholds, read from TOML (never from code).

The built-in rubric is templates/rubric.toml; a rubric.toml in the user's data folder replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, overload

from clientexit._errors import DataFileError
from clientexit._paths import Paths

T = TypeVar("T")
U = TypeVar("U")

FREQUENCIES = ("never", "sometimes", "often", "always")
LETTER_TYPES = ("payment", "scope-creeper", "micro-manager", "abusive", "general")
CHANCES = ("low", "medium", "high")
ECONOMICS = ("monthly_revenue", "billable_hours", "unbilled_hours")
_THRESHOLDS = (
    "category_curve",
    "overall_curve",
    "few_flags",
    "prepare_exit",
    "exit_now",
    "serious_category",
    "poor_outlook",
    "letter_dominance",
    "long_relationship_years",
    "high_value_hours",
)


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    weight: float


@dataclass(frozen=True)
class Flag:
    id: str
    category: str
    question: str
    explanation: str
    weight: float
    letter: str
    dealbreaker: bool = False


@dataclass(frozen=True)
class Question:
    """An economics or outlook question; outlook ones say which end (low/high) is better."""

    id: str
    question: str
    low: str = ""
    high: str = ""
    better: str = "high"
    max: float = 0.0


@dataclass(frozen=True)
class RateBand:
    id: str
    min_share: float
    label: str
    floor: int
    push: bool


@dataclass(frozen=True)
class Rubric:
    frequencies: dict[str, float]
    categories: tuple[Category, ...]
    flags: tuple[Flag, ...]
    economics: tuple[Question, ...]
    outlook: tuple[Question, ...]
    rate_bands: tuple[RateBand, ...]
    thresholds: dict[str, float]
    dealbreaker_frequency: str
    source: Path
    lang: str = "en"
    # What the assessment says (report, reasons, advice, prompts) in ``lang``: templates/assess/.
    phrases: Mapping[str, str] = field(default_factory=dict)

    def say(self, key: str, **values: object) -> str:
        """The phrase ``key`` in the rubric's language, its {placeholders} filled."""
        text = self.phrases.get(key, key)
        return _PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)

    def frequency_word(self, frequency: str) -> str:
        """never/sometimes/often/always as the language says it (stored values stay English)."""
        return self.say("never_happens" if frequency == "never" else frequency)

    def flag(self, flag_id: str) -> Flag:
        return next(f for f in self.flags if f.id == flag_id)

    def flags_in(self, category: str) -> list[Flag]:
        return [f for f in self.flags if f.category == category]

    def category_label(self, category: str) -> str:
        return next((c.label for c in self.categories if c.id == category), category)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def load_rubric(paths: Paths | None = None, lang: str = "en") -> Rubric:
    """The user's rubric (``<home>/rubric.toml``) if there is one, else the built-in one, its
    questions and the assessment's phrases in ``lang`` (see ``languages``)."""
    from clientexit._resources import templates_dir
    from clientexit._store import read_toml

    source = paths.rubric if paths is not None and paths.rubric.is_file() else None
    source = source or templates_dir() / "rubric.toml"
    return localise(parse_rubric(read_toml(source), source), lang)


def languages() -> tuple[str, ...]:
    """The languages the assessment speaks: templates/assess/<lang>.toml."""
    from clientexit._resources import templates_dir

    return tuple(sorted(p.stem for p in (templates_dir() / "assess").glob("*.toml")))


def _language_file(lang: str) -> Mapping[str, Any]:  # Any: tomllib
    """A language file of the package as tomllib reads it (typed Any; tests/test_assess_i18n.py
    checks that every language has the same keys)."""
    from clientexit._resources import templates_dir
    from clientexit._store import read_toml
    from clientexit.i18n import language_code

    return read_toml(templates_dir() / "assess" / f"{language_code(lang, 'the language')}.toml")


def _text(table: object, key: str, default: str) -> str:
    """One text a language file gives for a question, else the rubric's own."""
    return str(table[key]) if isinstance(table, Mapping) and key in table else default


def localise(rubric: Rubric, lang: str) -> Rubric:
    """``rubric`` speaking ``lang``: its phrases, and its questions, labels and hints where the
    language file has them by id (a question of your own rubric that it lacks stays as written).
    ``lang`` must be one of ``languages()``."""
    english = _language_file("en")
    data = english if lang == "en" else _language_file(lang)
    phrases = {**english["phrases"], **data.get("phrases", {})}
    text = data.get("rubric", {})
    labels, flags, economics = (
        text.get("categories", {}),
        text.get("flags", {}),
        text.get("economics", {}),
    )
    outlook, bands = text.get("outlook", {}), text.get("rate_bands", {})
    return replace(
        rubric,
        lang=lang,
        phrases=phrases,
        categories=tuple(replace(c, label=labels.get(c.id, c.label)) for c in rubric.categories),
        flags=tuple(
            replace(
                f,
                question=_text(flags.get(f.id), "question", f.question),
                explanation=_text(flags.get(f.id), "explanation", f.explanation),
            )
            for f in rubric.flags
        ),
        economics=tuple(
            replace(q, question=economics.get(q.id, q.question)) for q in rubric.economics
        ),
        outlook=tuple(
            replace(
                q,
                question=_text(outlook.get(q.id), "question", q.question),
                low=_text(outlook.get(q.id), "low", q.low),
                high=_text(outlook.get(q.id), "high", q.high),
            )
            for q in rubric.outlook
        ),
        rate_bands=tuple(replace(b, label=bands.get(b.id, b.label)) for b in rubric.rate_bands),
    )


_MOST = 1_000_000_000


class _Reader:
    """Typed access to the rubric's TOML with errors that name the file and the key."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def fail(self, where: str, what: str) -> DataFileError:
        return DataFileError(
            f"{self.source}: {where} {what}.",
            "Fix the rubric, or delete it to use the built-in one.",
        )

    @overload
    def get(self, table: Mapping[str, object], key: str, kind: type[T], where: str) -> T: ...
    @overload
    def get(
        self, table: Mapping[str, object], key: str, kind: tuple[type[T], type[U]], where: str
    ) -> T | U: ...
    def get(
        self, table: Mapping[str, object], key: str, kind: type | tuple[type, ...], where: str
    ) -> object:
        """``table[key]``, checked to be a ``kind`` (a bool is not a number here)."""
        if not isinstance(table, Mapping):
            raise self.fail(where, f"must be a table, not {type(table).__name__}")
        value = table.get(key)
        if value is None:
            raise self.fail(f"{where}.{key}", "is missing")
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise self.fail(f"{where}.{key}", f"has the wrong type ({type(value).__name__})")
        return value

    def number(self, table: Mapping[str, object], key: str, where: str) -> float:
        value = float(self.get(table, key, (int, float), where))
        # NaN fails both comparisons. Weights, shares, thresholds and maxima are multiplied and
        # summed: capped at a billion, no product overflows to infinity (nor a floor to an int).
        if not 0 <= value <= _MOST:
            raise self.fail(f"{where}.{key}", f"must be a number from 0 to {_MOST:,}, not {value}")
        return value


def parse_rubric(data: Mapping[str, object], source: Path) -> Rubric:
    """Check and convert a rubric read from TOML; any problem is a DataFileError naming the key."""
    r = _Reader(source)
    freq_table = r.get(data, "frequencies", dict, "rubric")
    frequencies = {name: r.number(freq_table, name, "frequencies") for name in FREQUENCIES}
    if frequencies["never"] != 0 or sorted(frequencies.values()) != list(frequencies.values()):
        raise r.fail("frequencies", "must start at 0 for never and grow towards always")
    categories = tuple(
        Category(
            cid,
            r.get(table, "label", str, f"categories.{cid}"),
            r.number(table, "weight", f"categories.{cid}"),
        )
        for cid, table in r.get(data, "categories", dict, "rubric").items()
    )
    known_categories = {c.id for c in categories}
    flags: list[Flag] = []
    for n, table in enumerate(r.get(data, "flags", list, "rubric"), start=1):
        where = f"flags[{n}]"
        flag = Flag(
            id=r.get(table, "id", str, where),
            category=r.get(table, "category", str, where),
            question=r.get(table, "question", str, where),
            explanation=r.get(table, "explanation", str, where),
            weight=r.number(table, "weight", where),
            letter=r.get(table, "letter", str, where),
            dealbreaker=bool(table.get("dealbreaker", False)),
        )
        if flag.category not in known_categories:
            raise r.fail(f"{where}.category", f"names an unknown category {flag.category!r}")
        if flag.letter not in LETTER_TYPES:
            raise r.fail(f"{where}.letter", f"must be one of {', '.join(LETTER_TYPES)}")
        if flag.weight <= 0 or any(f.id == flag.id for f in flags):
            raise r.fail(where, f"({flag.id}) needs a weight above 0 and an id of its own")
        flags.append(flag)
    economics = tuple(
        Question(
            r.get(t, "id", str, f"economics[{n}]"),
            r.get(t, "question", str, f"economics[{n}]"),
            max=r.number(t, "max", f"economics[{n}]"),
        )
        for n, t in enumerate(r.get(data, "economics", list, "rubric"), start=1)
    )
    if sorted(q.id for q in economics) != sorted(ECONOMICS):
        raise r.fail("economics", f"must ask exactly {', '.join(ECONOMICS)}")
    outlook = tuple(
        Question(
            r.get(t, "id", str, f"outlook[{n}]"),
            r.get(t, "question", str, f"outlook[{n}]"),
            low=str(t.get("low", "")),
            high=str(t.get("high", "")),
            better="low" if t.get("better") == "low" else "high",
        )
        for n, t in enumerate(r.get(data, "outlook", list, "rubric"), start=1)
    )
    bands = tuple(
        RateBand(
            r.get(t, "id", str, f"rate_bands[{n}]"),
            r.number(t, "min_share", f"rate_bands[{n}]"),
            r.get(t, "label", str, f"rate_bands[{n}]"),
            int(r.number(t, "floor", f"rate_bands[{n}]")),
            bool(t.get("push", False)),
        )
        for n, t in enumerate(r.get(data, "rate_bands", list, "rubric"), start=1)
    )
    for n, band in enumerate(bands, start=1):
        if band.floor not in (0, 1, 2):
            raise r.fail(f"rate_bands[{n}].floor", "must be 0 (keep), 1 (repair) or 2")
    if not bands or bands[-1].min_share != 0:
        raise r.fail("rate_bands", "must end with a band whose min_share is 0")
    limits = r.get(data, "thresholds", dict, "rubric")
    thresholds = {key: r.number(limits, key, "thresholds") for key in _THRESHOLDS}
    deal = r.get(limits, "dealbreaker_frequency", str, "thresholds")
    if deal not in FREQUENCIES[1:]:
        raise r.fail("thresholds.dealbreaker_frequency", "must be sometimes, often or always")
    return Rubric(
        frequencies=frequencies,
        categories=categories,
        flags=tuple(flags),
        economics=economics,
        outlook=outlook,
        rate_bands=tuple(sorted(bands, key=lambda b: -b.min_share)),
        thresholds=thresholds,
        dealbreaker_frequency=deal,
        source=source,
        phrases=_language_file("en")["phrases"],
    )
