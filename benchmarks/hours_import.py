"""`clientexit hours import` of a year of Watson frames (10,000 by default).

Run it with the venv's Python:  python benchmarks/hours_import.py [--frames 10000] [--rounds 3]

Writes a synthetic year of frames over a handful of projects (some tagged admin, some matching
no client) and a data folder with five mapped clients, then times the real command: a first
import into fresh copies of the folder, a second import of the same file (every entry already
counted), and an import of an empty frames file (start-up and reading the book). "beyond
start-up" subtracts the empty import's median. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECTS = ["acme-web", "acme-app", "beta", "gamma", "delta", "epsilon", "internal"]
CLIENTS = {
    "acme": ["acme-*"],
    "beta": ["beta"],
    "gamma": ["gamma"],
    "delta": ["delta"],
    "epsilon": ["epsilon"],
}
YEAR_START = 1767225600  # 2026-01-01 00:00 UTC


def frames(count: int, rng: random.Random) -> list[list[object]]:
    """``count`` frames spread over a year, 15 minutes to 3 hours each."""
    step = 365 * 86400 // count
    result: list[list[object]] = []
    for n in range(count):
        start = YEAR_START + n * step + rng.randrange(step // 2)
        stop = start + rng.randrange(900, 3 * 3600)
        tags = ["admin"] if rng.random() < 0.15 else ["code"]
        result.append([start, stop, rng.choice(PROJECTS), f"{n:032x}", tags, stop])
    return result


def make_home(home: Path) -> None:
    (home / "clients").mkdir(parents=True)
    (home / "config.toml").write_text('schema_version = 1\nname = "Bench"\n', encoding="utf-8")
    for slug, match in CLIENTS.items():
        patterns = ", ".join(json.dumps(p) for p in match)
        (home / "clients" / f"{slug}.toml").write_text(
            f'schema_version = 1\nname = "{slug.title()}"\nstatus = "active"\nrate = 85.0\n\n'
            f'[hours]\nmatch = [{patterns}]\nunbilled_tags = ["admin"]\n',
            encoding="utf-8",
        )


def run(base: list[str], home: Path, frames_file: Path) -> float:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home)}
    began = time.perf_counter()
    subprocess.run(
        [*base, "hours", "import", str(frames_file)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("clientexit")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        year = root / "frames"
        year.write_text(json.dumps(frames(args.frames, random.Random(14))), encoding="utf-8")
        empty = root / "empty-frames"
        empty.write_text("[]", encoding="utf-8")
        template = root / "template"
        make_home(template)
        first, again, start_up = [], [], []
        for n in range(args.rounds):
            home = root / f"home{n}"
            shutil.copytree(template, home)
            start_up.append(run(base, home, empty))
            first.append(run(base, home, year))
            again.append(run(base, home, year))
        size = sum(p.stat().st_size for p in (root / "home0" / "clients").glob("*.toml"))
    floor = statistics.median(start_up)
    print(f"{args.frames:,} Watson frames over a year, 5 mapped clients, median of {args.rounds}:")
    print(f"  start-up (empty import)   {floor * 1000:7.0f} ms")
    for label, times in (("first import", first), ("second import (no change)", again)):
        median = statistics.median(times)
        beyond = (median - floor) * 1000
        print(f"  {label:<25} {median * 1000:7.0f} ms   beyond start-up {beyond:5.0f} ms")
    print(f"  client files after it: {size / 1024:.0f} KiB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
