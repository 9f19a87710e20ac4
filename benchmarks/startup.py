"""Start-up cost of everyday clientexit commands, as a multiple of bare ``python -c pass``.

Run it with the venv's Python:  python benchmarks/startup.py [--rounds 30] [--check]

Each round runs ``python -c pass`` and then every command once, so that machine noise hits all of
them alike; the figure is the median of the command's times over the median of the bare runs.
``--check`` exits 1 when a command misses its target. This is a measurement, not a test.
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

# (label, arguments after `clientexit`, target ratio or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("--version", ["--version"], 4.0),
    ("--help", ["--help"], 12.0),
    ("client list --json", ["client", "list", "--json"], 10.0),
    ("client show --json", ["client", "show", "northwind-bakery", "--json"], 10.0),
    (
        "letter --dry-run",
        ["letter", "northwind-bakery", "--type", "payment", "--no-cooldown", "--dry-run"],
        14.0,
    ),
    # A reminder drafts as fast as a letter: the ladder, the rates and the holidays (cached).
    ("remind --dry-run", ["remind", "northwind-bakery", "--dry-run"], 14.0),
    # Without --dry-run the letter is recorded in the client's file (tomlkit, lock, atomic write).
    (
        "letter (recorded)",
        ["letter", "northwind-bakery", "--type", "payment", "--no-cooldown"],
        16.0,
    ),
    ("handover --json", ["handover", "halvorsen-freight", "--json"], None),
    ("clients --json", ["clients", "--json"], None),
    ("churn --json", ["churn", "--json"], None),
    ("followup --json", ["followup", "--json"], None),
    ("hours CLIENT --json", ["hours", "kestrel-analytics", "--json"], None),
]


LETTER_CLIENT_EXAMPLE = REPO / "examples" / "clients" / "northwind-bakery.toml"


def _clientexit() -> list[str]:
    script = Path(sys.executable).with_name("clientexit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="clientexit-bench-"))
    try:
        sys.path.insert(0, str(REPO / "src"))
        from clientexit.demo import seed

        seed(home, REPO / "examples")
        env = {**os.environ, "CLIENTEXIT_HOME": str(home), "NO_COLOR": "1"}
        env.pop("CI", None)
        # An installed package has its bytecode compiled (pip does it at install time); without
        # this, a sandbox that sets PYTHONDONTWRITEBYTECODE would time the compiler instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = _clientexit()
        runnable = []
        skipped = 0
        for label, argv, target in COMMANDS:
            probe = subprocess.run([*base, *argv], env=env, capture_output=True, text=True)
            if probe.returncode != 0:
                print(f"skip {label}: exit {probe.returncode}: {probe.stderr.strip()[:120]}")
                skipped += 1  # a command that fails cannot meet its target
                continue
            runnable.append((label, [*base, *argv], target))

        bare: list[float] = []
        times: dict[str, list[float]] = {label: [] for label, _, _ in runnable}
        for _ in range(args.rounds):
            # `letter` records itself in the client's file; without a fresh copy each round the
            # file would grow by a [[letters]] entry per run and later rounds would time that.
            shutil.copyfile(LETTER_CLIENT_EXAMPLE, home / "clients" / LETTER_CLIENT_EXAMPLE.name)
            bare.append(_time([sys.executable, "-c", "pass"], env))
            for label, argv, _ in runnable:
                times[label].append(_time(argv, env))
    finally:
        shutil.rmtree(home, ignore_errors=True)

    floor = statistics.median(bare)
    print(f"python -c pass: {floor * 1000:.1f} ms (median of {args.rounds})")
    print(f"{'command':<22} {'median ms':>10} {'ratio':>7} {'target':>7}")
    missed = skipped
    for label, _, target in runnable:
        median = statistics.median(times[label])
        ratio = median / floor
        ok = target is None or ratio <= target
        missed += not ok
        shown = f"{target:.0f}x" if target else "-"
        flag = "" if ok else "  MISSED"
        print(f"{label:<22} {median * 1000:>10.1f} {ratio:>6.1f}x {shown:>7}{flag}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
