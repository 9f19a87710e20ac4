"""Golden files pin the exact terminal report of ``clientexit assess`` (NO_COLOR, 100 columns).

Cases: the five example answers, a Czech (CZK) and a Turkish (TRY) client, a client the
assessment creates (markup-like name), and a second assessment that is worse or the same; and
the report in Turkish and in Czech (--lang: words, dates and money in that language).
After an intended change to the report, regenerate with
    UPDATE_GOLDEN=1 python -m pytest tests/test_assess_report_golden.py
and review the diff of tests/golden/assess/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clientexit._resources import examples_dir

GOLDEN = Path(__file__).parent / "golden" / "assess"
ANSWERS = examples_dir() / "answers"
MINIMAL = """
[red_flags]
late_payments = "often"
[economics]
monthly_revenue = 2000
billable_hours = 20
unbilled_hours = 5
"""
WORSE = MINIMAL.replace('"often"', '"always"\nscope_expansion = "always"').replace(
    "unbilled_hours = 5", "unbilled_hours = 15"
)

# case -> (client, answer files in order; the last run's report is pinned)
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    **{
        slug: (slug, (f"{slug}.toml",))
        for slug in (
            "northwind-bakery",
            "brightpath-marketing",
            "kestrel-analytics",
            "halvorsen-freight",
            "fjord-coffee",
        )
    },
    "czk-client": ("zelena-louka-s-r-o", ("northwind-bakery.toml",)),
    "try-client": ("cagri-yazilim-ltd-sti", ("minimal",)),
    "created-client": ("Studio [final] Ltd", ("minimal",)),
    "second-worse": ("fjord-coffee", ("minimal", "worse")),
    "second-same": ("fjord-coffee", ("minimal", "minimal")),
}
# A client billed in another currency than the profile's needs a target of its own (in its
# currency); these keep the figures of the EUR cases so that only the currency differs.
TARGETS = {"czk-client": "85", "try-client": "85"}


def _answer_file(name: str, tmp_path: Path) -> Path:
    if name in ("minimal", "worse"):
        path = tmp_path / f"{name}.toml"
        path.write_text(MINIMAL if name == "minimal" else WORSE, encoding="utf-8")
        return path
    return ANSWERS / name


@pytest.mark.parametrize("case", sorted(CASES))
def test_assess_report_matches_golden_file(cli, examples_home, tmp_path, case: str) -> None:
    client, runs = CASES[case]
    if case in TARGETS:
        assert cli("client", "set", client, f"target_rate={TARGETS[case]}").exit_code == 0
    for name in runs:
        result = cli("assess", client, "--answers", str(_answer_file(name, tmp_path)))
        assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{case}.txt"
    stale = not golden.is_file() or golden.read_text(encoding="utf-8") != result.stdout
    if os.environ.get("UPDATE_GOLDEN") and stale:
        golden.write_text(result.stdout, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}; review the diff, then run without UPDATE_GOLDEN")
    assert golden.is_file(), f"no golden file; run with UPDATE_GOLDEN=1 to create {golden}"
    assert result.stdout == golden.read_text(encoding="utf-8")


# case -> (client, answer file, --lang); the same client and answers as northwind-bakery.txt.
LANG_CASES = {
    "northwind-bakery-tr": ("northwind-bakery", "northwind-bakery.toml", "tr"),
    "northwind-bakery-cs": ("northwind-bakery", "northwind-bakery.toml", "cs"),
    "kestrel-analytics-cs": ("kestrel-analytics", "kestrel-analytics.toml", "cs"),
}


@pytest.mark.parametrize("case", sorted(LANG_CASES))
def test_assess_report_in_another_language_matches_golden_file(
    cli, examples_home, tmp_path, case: str
) -> None:
    client, answers, lang = LANG_CASES[case]
    result = cli("assess", client, "--answers", str(ANSWERS / answers), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{case}.txt"
    stale = not golden.is_file() or golden.read_text(encoding="utf-8") != result.stdout
    if os.environ.get("UPDATE_GOLDEN") and stale:
        golden.write_text(result.stdout, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}; review the diff, then run without UPDATE_GOLDEN")
    assert golden.is_file(), f"no golden file; run with UPDATE_GOLDEN=1 to create {golden}"
    assert result.stdout == golden.read_text(encoding="utf-8")
