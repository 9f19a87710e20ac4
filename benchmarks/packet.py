"""How long a handover packet and a claim bundle take for a client with many invoices.

Run it with the venv's Python:  python benchmarks/packet.py [--invoices 200] [--rounds 3] [--check]

It writes a data folder with the bundled examples plus one client with N invoices (a payment on
every third, most of the rest overdue), then times, as subprocesses (start-up included):
`packet --format html`, `packet --format pdf` (when the pdf extra is installed) and `bundle`.
Figures are medians. The target (issue 23) is an HTML packet for 200 invoices in under 3 s;
``--check`` exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 3.0
TODAY = "2026-11-25"


def big_client(invoices: int) -> str:
    """A client file with ``invoices`` invoices, a month apart going back from today."""
    lines = [
        "schema_version = 1",
        'name = "Bulk Orders Ltd"',
        'status = "at-risk"',
        "created = 2010-01-04",
        'currency = "GBP"',
        'country = "GB"',
        'law = "GB"',
        'customer = "business"',
        "terms_agreed = true",
        'language = "en"',
        "started = 2010-01-04",
    ]
    today = dt.date.fromisoformat(TODAY)
    for n in range(invoices):
        issued = today - dt.timedelta(days=12 * (invoices - n))
        due = issued + dt.timedelta(days=30)
        lines += ["", "[[invoices]]", f'number = "BO-{n + 1:04d}"', f"amount = {500 + n}.0"]
        lines += [f"issued = {issued}", f"due = {due}"]
        if n % 3 == 0 and due < today:
            lines.append(f"paid = {due + dt.timedelta(days=10)}")
    return "\n".join(lines) + "\n"


def timed(home: Path, args: list[str]) -> float:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "CLIENTEXIT_TODAY": TODAY, "NO_COLOR": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clientexit", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home, out = Path(tmp) / "home", Path(tmp) / "out"
        (home / "clients").mkdir(parents=True)
        out.mkdir()
        shutil.copy(REPO / "examples" / "config.toml", home / "config.toml")
        (home / "clients" / "bulk-orders-ltd.toml").write_text(big_client(options.invoices))
        runs = [("packet, HTML", ["packet", "bulk-orders-ltd", "--out", str(out)])]
        if importlib.util.find_spec("typst") is not None:
            runs.append(("packet, PDF", ["packet", "bulk-orders-ltd", "--format", "pdf",
                                         "--out", str(out)]))  # fmt: skip
        runs.append(("bundle (HTML, CSV)", ["bundle", "bulk-orders-ltd", "--out", str(out)]))
        print(f"{options.invoices} invoices, median of {options.rounds} runs, start-up included")
        missed = False
        for label, args in runs:
            median = statistics.median(timed(home, args) for _ in range(options.rounds))
            print(f"  {label:<20} {median:6.2f} s")
            if label == "packet, HTML" and median >= TARGET_S:
                missed = True
        if missed:
            print(f"  missed: the HTML packet should take under {TARGET_S:.0f} s")
        return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
