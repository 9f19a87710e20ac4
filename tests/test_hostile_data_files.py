"""Hand-edited data files with hostile values (NaN, infinity, huge offsets, a number where text
belongs): a one-line data-file error naming the file and the key, exit 4, no traceback, and
nothing saved. One case per file kind, and a property test over the rubric's numbers."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit._errors import DataFileError
from clientexit._resources import templates_dir
from clientexit.assess.rubric import parse_rubric

RUBRIC = (templates_dir() / "rubric.toml").read_text(encoding="utf-8")
CHECKLIST = (templates_dir() / "checklists" / "en" / "handover.toml").read_text(encoding="utf-8")
ANSWERS = "examples/answers/northwind-bakery.toml"


def _replace_first(text: str, pattern: str, value: str) -> str:
    """``text`` with the first line ``<pattern> = ...`` given ``value`` instead."""
    changed, count = re.subn(rf"(?m)^({pattern}) = .*$", rf"\1 = {value}", text, count=1)
    assert count == 1, pattern
    return changed


def _checklist_with(key: str, value: str) -> str:
    # The first item's (or key date's) key: items sit under [[section.item]].
    head, sep, rest = CHECKLIST.partition("\n[[section.item]]\n")
    if key == "labels":  # [labels] title, the first line `title = ...` of the file
        return _replace_first(CHECKLIST, "title", value)
    if key in ("offset", "title"):
        return _replace_first(CHECKLIST, key, value) if key == "offset" else _key_date_title(value)
    return head + sep + _replace_first(rest, key, value)


def _key_date_title(value: str) -> str:
    head, sep, rest = CHECKLIST.partition("\n[[key_date]]\n")
    return head + sep + _replace_first(rest, "title", value)


# (file kind, where it goes under the data folder, its text, what the error must name)
CASES = [
    ("config", "config.toml", "rate = nan", "rate"),
    ("config", "config.toml", "rate = inf", "rate"),
    ("config", "config.toml", "rate = 1e-320", "rate"),
    ("config", "config.toml", "notice_days = 1000000000000000000", "notice_days"),
    ("config", "config.toml", "name = 42", "name"),
    ("rubric", "rubric.toml", ("weight", "nan"), "weight"),
    ("rubric", "rubric.toml", ("weight", "inf"), "weight"),
    ("rubric", "rubric.toml", ("weight", "1e308"), "weight"),
    ("rubric", "rubric.toml", ("max", "inf"), "max"),
    ("rubric", "rubric.toml", ("max", "nan"), "max"),
    ("rubric", "rubric.toml", ("min_share", "-inf"), "min_share"),
    ("rubric", "rubric.toml", ("floor", "1e18"), "floor"),
    ("rubric", "rubric.toml", ("floor", "7"), "floor"),
    ("rubric", "rubric.toml", ("category_curve", "nan"), "category_curve"),
    ("rubric", "rubric.toml", ("label", "42"), "label"),
    ("checklist", "templates/checklists/en/handover.toml", ("due", "1000000000000000000"), "due"),
    ("checklist", "templates/checklists/en/handover.toml", ("due", "-99999999"), "due"),
    ("checklist", "templates/checklists/en/handover.toml", ("offset", "10000000"), "offset"),
    ("checklist", "templates/checklists/en/handover.toml", ("text", "42"), "text"),
    ("checklist", "templates/checklists/en/handover.toml", ("title", "42"), "title"),
    ("checklist", "templates/checklists/en/handover.toml", ("labels", "42"), "title"),
]


def _write(home: Path, kind: str, where: str, change: str | tuple[str, str]) -> Path:
    path = home / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "config":
        key = change.split(" = ")[0]  # type: ignore[union-attr]
        text = path.read_text(encoding="utf-8")
        if re.search(rf"(?m)^{key} = ", text):
            text = _replace_first(text, key, change.split(" = ", 1)[1])  # type: ignore[union-attr]
        else:
            text = f"{change}\n{text}"
        path.write_text(text, encoding="utf-8")
    elif kind == "rubric":
        path.write_text(_replace_first(RUBRIC, *change), encoding="utf-8")
    else:
        path.write_text(_checklist_with(*change), encoding="utf-8")
    return path


@pytest.mark.parametrize(("kind", "where", "change", "key"), CASES)
def test_a_hostile_value_is_a_one_line_data_file_error(
    cli, examples_home, kind, where, change, key
):
    path = _write(examples_home, kind, where, change)
    client = examples_home / "clients" / "halvorsen-freight.toml"
    before = client.read_bytes()
    if kind == "checklist":
        result = cli("handover", "halvorsen-freight")
    else:
        result = cli("assess", "halvorsen-freight", "--answers", str(Path(ANSWERS).resolve()))
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert str(path) in message and key in message
    assert len(message.splitlines()) == 1
    assert client.read_bytes() == before


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
)
_FIELDS = ["weight", "max", "min_share", "floor", "category_curve", "overall_curve", "few_flags"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(_FIELDS), value=_NUMBERS)
def test_any_number_in_the_rubric_is_accepted_usable_or_refused_by_name(field, value):
    """Whatever number a hand edit puts in a numeric field, the rubric is either refused with a
    DataFileError naming the field, or loads and scores a full set of answers to a finite score."""
    from clientexit.assess.answers import Answers
    from clientexit.assess.rubric import FREQUENCIES
    from clientexit.assess.scoring import assess

    written = repr(value) if isinstance(value, int) else _toml_float(value)
    import tomllib

    data = tomllib.loads(_replace_first(RUBRIC, field, written))
    try:
        rubric = parse_rubric(data, Path("rubric.toml"))
    except DataFileError as exc:
        assert field in str(exc) and "rubric.toml" in str(exc)
        return
    answers = Answers(
        {f.id: FREQUENCIES[-1] for f in rubric.flags},
        monthly_revenue=1000.0,
        billable_hours=10.0,
        unbilled_hours=1.0,
    )
    outcome = assess(rubric, answers, 85.0)
    assert math.isfinite(outcome.flags.overall) and math.isfinite(outcome.rate_share)


def _toml_float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)
