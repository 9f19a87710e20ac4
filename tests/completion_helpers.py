"""Shell completion as bash asks for it: the real protocol, run in a separate process."""

from __future__ import annotations

from pathlib import Path


def complete(home: Path, words: str) -> list[str]:
    """What bash is offered for the last word of ``words`` (the real completion protocol)."""
    import os
    import subprocess
    import sys

    line = f"clientexit {words}"
    env = {
        **os.environ,
        "CLIENTEXIT_HOME": str(home),
        "_CLIENTEXIT_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split()) - (0 if line.endswith(" ") else 1)),
    }
    script = "from clientexit.__main__ import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()
