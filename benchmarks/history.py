"""What history costs a command: the same changing commands in a data folder without history
and in one with `history init`, timed as subprocesses, interleaved so machine noise hits both.

Run it with the venv's Python:  python benchmarks/history.py [--rounds 20] [--check]

Figures are medians; "extra" is the median of each round's difference (with history minus
without, run back to back: on a shared machine this is far steadier than a difference of
medians), and "best" the difference of the fastest runs. The target
(issue 22) is at most 60 ms extra for a command with history on; ``--check`` exits 1 when a
command misses it. A read-only command is timed too: with history on it runs no git at all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 60.0

# (label, arguments after `clientexit --home HOME`, a client file to restore before each run)
COMMANDS: list[tuple[str, list[str], str | None]] = [
    (
        "letter (recorded)",
        ["letter", "northwind-bakery", "--type", "payment", "--no-cooldown"],
        "northwind-bakery",
    ),
    (
        "invoice paid",
        ["invoice", "northwind-bakery", "paid", "2026-052", "--on", "2026-11-20"],
        "northwind-bakery",
    ),
    (
        "log (incident)",
        ["log", "fjord-coffee", "add", "Late again", "--kind", "payment"],
        "fjord-coffee",
    ),
    ("client show --json", ["client", "show", "northwind-bakery", "--json"], None),
]


def _clientexit() -> list[str]:
    script = Path(sys.executable).with_name("clientexit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[:300]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "src"))
    from clientexit.demo import seed

    work = Path(tempfile.mkdtemp(prefix="clientexit-history-bench-"))
    try:
        plain, kept = work / "plain", work / "kept"
        seed(plain, REPO / "examples")
        seed(kept, REPO / "examples")
        env = {**os.environ, "NO_COLOR": "1", "HOME": str(work), "CLIENTEXIT_TODAY": "2026-11-25"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = _clientexit()
        subprocess.run([*base, "--home", str(kept), "history", "init"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for label, argv, client in COMMANDS:
                for name, home in (("off", plain), ("on", kept)):
                    if client:  # the same starting file every run (the letter adds an entry)
                        source = REPO / "examples" / "clients" / f"{client}.toml"
                        shutil.copyfile(source, home / "clients" / f"{client}.toml")
                    if name == "on":  # ... committed, so the run is a command, not a hand edit
                        subprocess.run(
                            ["git", "-C", str(home), "commit", "-qam", "reset", "--no-verify"],
                            env=env, capture_output=True, check=False,
                        )  # fmt: skip
                    run = _time([*base, "--home", str(home), *argv], env)
                    times.setdefault((label, name), []).append(run)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"median of {args.rounds} runs; target: at most {TARGET_MS:.0f} ms extra with history")
    print(f"{'command':<22} {'off ms':>8} {'on ms':>8} {'extra ms':>9} {'best ms':>8}")
    missed = 0
    for label, _, _ in COMMANDS:
        offs, ons = times[(label, "off")], times[(label, "on")]
        off, on = statistics.median(offs) * 1000, statistics.median(ons) * 1000
        extra = statistics.median(b - a for a, b in zip(offs, ons, strict=True)) * 1000
        best = (min(ons) - min(offs)) * 1000
        flag = "" if extra <= TARGET_MS else "  MISSED"
        missed += extra > TARGET_MS
        print(f"{label:<22} {off:>8.1f} {on:>8.1f} {extra:>9.1f} {best:>8.1f}{flag}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
