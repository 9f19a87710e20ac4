"""Concurrent ``assess NEWNAME`` runs create the client once and all succeed."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ANSWERS = Path(__file__).parent.parent / "examples" / "answers" / "fjord-coffee.toml"


@pytest.mark.slow
def test_concurrent_assess_of_a_new_name_creates_one_client(home: Path) -> None:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home)}
    command = [sys.executable, "-m", "clientexit", "assess", "Zephyr Labs", "--answers"]
    runs = [
        subprocess.Popen(
            [*command, str(ANSWERS)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    files = sorted((home / "clients").glob("*.toml"))
    assert [f.name for f in files] == ["zephyr-labs.toml"]
    data = tomllib.loads(files[0].read_text(encoding="utf-8"))
    assert len(data["assessments"]) == 4
