"""`clientexit invoice import` of 10,000 invoices across 1,000 clients (the defaults).

Run it with the venv's Python:  python benchmarks/invoice_import.py [--invoices 10000]
[--clients 1000] [--rounds 1]

Writes an Invoice Ninja invoice report (its default columns) with the invoices spread over the
clients (some paid, some part paid, some cancelled) and a data folder with one client file per
customer, then times the real command: a first import into a fresh copy of the folder (every
invoice added, all files written as one change) and a second import of the same file (nothing
changes: no file is written). This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "Client Name,Client Currency,Invoice Invoice Number,Invoice Amount,Invoice Balance,"
    "Invoice Paid to Date,Invoice PO Number,Invoice Date,Invoice Due Date,Invoice Terms,"
    "Invoice Footer,Invoice Status"
)


def report(invoices: int, clients: int, rng: random.Random) -> str:
    """An invoice report of ``invoices`` rows over ``clients`` customers."""
    lines = [HEADER]
    start = dt.date(2025, 1, 1)
    for n in range(invoices):
        issued = start + dt.timedelta(days=rng.randrange(600))
        due = issued + dt.timedelta(days=30)
        amount = rng.randrange(100, 5000)
        roll = rng.random()
        status, paid = ("Paid", amount) if roll < 0.6 else ("Sent", 0)
        if 0.6 <= roll < 0.7:
            status, paid = "Partial/Deposit", amount // 2
        if roll >= 0.97:
            status, paid = "Cancelled", 0
        balance = 0 if status == "Cancelled" else amount - paid
        lines.append(
            f"Client {n % clients:04d},EUR,INV-{n:05d},{amount},{balance},{paid},,"
            f"{issued},{due},,,{status}"
        )
    return "\n".join(lines) + "\n"


def make_home(home: Path, clients: int) -> None:
    (home / "clients").mkdir(parents=True)
    (home / "config.toml").write_text(
        'schema_version = 1\nname = "Bench"\ncurrency = "EUR"\n', encoding="utf-8"
    )
    for n in range(clients):
        (home / "clients" / f"client-{n:04d}.toml").write_text(
            f'schema_version = 1\nname = "Client {n:04d}"\nstatus = "active"\n'
            'currency = "EUR"\ncreated = 2025-01-01\n',
            encoding="utf-8",
        )


def run(base: list[str], home: Path, export: Path) -> float:
    env = {"CLIENTEXIT_HOME": str(home), "CLIENTEXIT_TODAY": "2026-11-25"}
    began = time.perf_counter()
    done = subprocess.run(
        [*base, "invoice", "import", str(export)],
        env={**_environ(), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"the import failed: {done.stderr.strip()[-500:]}")
    return took


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("clientexit")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export = root / "invoice-report.csv"
        export.write_text(report(args.invoices, args.clients, random.Random(20)), encoding="utf-8")
        template = root / "template"
        make_home(template, args.clients)
        first, again = [], []
        for n in range(args.rounds):
            home = root / f"home{n}"
            shutil.copytree(template, home)
            first.append(run(base, home, export))
            before = {p: p.stat().st_mtime_ns for p in (home / "clients").glob("*.toml")}
            again.append(run(base, home, export))
            after = {p: p.stat().st_mtime_ns for p in (home / "clients").glob("*.toml")}
            if before != after:
                raise SystemExit("the second import wrote a file: it should change nothing")
        size = sum(p.stat().st_size for p in (root / "home0" / "clients").glob("*.toml"))
    print(
        f"{args.invoices:,} invoices (Invoice Ninja report) across {args.clients:,} clients, "
        f"median of {args.rounds}:"
    )
    print(f"  first import (all added)       {statistics.median(first):7.2f} s")
    print(f"  second import (nothing changes) {statistics.median(again):6.2f} s")
    print(f"  client files after it: {size / 1024:.0f} KiB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
