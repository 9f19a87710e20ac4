"""``[[assessments]]``: a scored assessment appended to a client's history, with the status it
leads to (record/lifecycle.py ``write_assessment``: active <-> at-risk; an ending or former
client is left alone)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict

from clientexit._types import Document

if TYPE_CHECKING:
    from tomlkit.items import InlineTable


# The ``answers`` table: red_flags, economics and outlook, the answers file's sections.
AnswerTables = dict[str, dict[str, str | float]]


class NewAssessment(TypedDict):
    """An ``[[assessments]]`` entry as the assessment writes it (keys: CONTRIBUTING.md)."""

    at: dt.datetime
    red_flag_score: int
    categories: dict[str, int]
    effective_rate: float
    target_rate: float
    rate_band: str
    verdict: str
    letter_type: str
    top_flags: list[str]
    answers: AnswerTables


def add(doc: Document, entry: NewAssessment) -> bool:
    """Append ``entry`` to the client's ``[[assessments]]`` (its tables written inline, one line
    each) and set the status it leads to; returns whether the status changed."""
    from clientexit.record import entries
    from clientexit.record.lifecycle import write_assessment

    item: dict[str, object] = dict(entry)
    item["categories"] = _inline(entry["categories"])
    item["answers"] = {key: _inline(value) for key, value in entry["answers"].items()}
    entries.append(doc, "assessments", item)
    return write_assessment(doc, entry["verdict"], entry["at"].date())


def _inline(values: Mapping[str, object]) -> InlineTable:
    import tomlkit

    table = tomlkit.inline_table()
    table.update(values)
    return table
