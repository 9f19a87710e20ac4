"""The tone check is linear in the size of the draft: a 1 MB draft takes seconds, not minutes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from clientexit.letters import tone

PARAGRAPH = (
    "You always send the files late and this is YOUR FAULT. As agreed, I am ending our work "
    "on 31 January. Obviously you never read my emails!!! Vy vždy platíte pozdě. "
    "Siz her zaman geç ödüyorsunuz. The handover checklist is attached. "
)


def draft(size: int) -> str:
    """``size`` characters on ONE line: every finding of the draft shares a line, the case that
    compared each finding with every earlier one."""
    return (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        tone.check(text, "en", also=tone.phrase_languages())
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow
def test_the_check_grows_linearly_with_the_draft() -> None:
    tone.check("warm-up", "en", also=tone.phrase_languages())
    small, large = seconds(draft(100_000)), seconds(draft(400_000))
    # Four times the text: about four times the time; quadratic work would be about sixteen.
    assert large / small < 9, (small, large)


@pytest.mark.slow
def test_a_one_megabyte_draft_is_checked_in_seconds(cli, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    text = draft(1_000_000)
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = cli("check", str(path), "--json")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0
    # Nothing is lost for speed: every "YOUR FAULT" of the draft is a finding.
    assert result.stdout.count('"found": "YOUR FAULT"') == text.count("YOUR FAULT")
    assert elapsed < 10, elapsed  # generous: a shared 2-core machine; it was minutes before
