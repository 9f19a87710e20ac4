"""The README's data-safety promises each name the test that checks them: every test named there
exists (a promise whose test was removed or renamed fails here), and every promise names one."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Data safety")
    end = readme.index("\n## ", start)
    return readme[start:end]


def test_every_test_the_data_safety_section_names_exists() -> None:
    references = REFERENCE.findall(_section())
    assert len(references) >= 20
    for file, name in references:
        path = REPO / file
        assert path.is_file(), file
        if name:
            assert re.search(rf"^def {name}\(", path.read_text(encoding="utf-8"), re.M), (
                f"{file}::{name}"
            )


def test_every_promise_names_its_test() -> None:
    bullets = re.split(r"\n- ", _section())[1:]
    assert len(bullets) >= 15
    for bullet in bullets:
        promise = bullet.split("\n\n")[0]
        if promise.startswith("It cannot"):
            continue  # a limit stated, not a promise
        assert REFERENCE.search(promise), promise[:120]
