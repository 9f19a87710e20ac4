"""The client book at scale: `clients --json` and `churn` over 10,000 client files.

Run it with the venv's Python:  python benchmarks/book_scale.py [--clients 10000] [--rounds 3]

Writes a synthetic book (invoices, incidents, assessments, former clients with a handover under
way) into a temporary folder, then times the work in-process (reading, rows, churn) and the real
commands. "beyond start-up" subtracts the same command's median time on an empty book.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()


def client_text(n: int, rng: random.Random) -> str:
    """One client file, about the size of the bundled examples."""
    started = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    lines = [
        "schema_version = 1",
        f'name = "Client {n:05d} Ltd"',
        f"created = {started}",
        f'contact = "Person {n}"',
        f'email = "person{n}@client{n}.example"',
        "rate = 85.0",
        'currency = "EUR"',
        "notice_days = 30",
        f"started = {started}",
        'project = "Website and monthly maintenance"',
        'engagement = "ongoing"',
        'language = "en"',
    ]
    ended = None
    if rng.random() < 0.3:
        ended = started + dt.timedelta(days=rng.randrange(60, 900))
        if ended > TODAY + dt.timedelta(days=30):
            ended = None
    status = "active" if ended is None else ("former" if ended <= TODAY else "ending")
    lines.insert(2, f'status = "{status}"')
    if ended:
        lines.append(f"ended = {ended}")
    for i in range(3):
        issued = started + dt.timedelta(days=30 * (i + 1))
        due = issued + dt.timedelta(days=30)
        paid = due + dt.timedelta(days=rng.randrange(-10, 40))
        lines += [
            "",
            "[[invoices]]",
            f'number = "{n}-{i}"',
            f"amount = {rng.randrange(500, 4000)}.0",
        ]
        lines += [f"issued = {issued}", f"due = {due}"]
        lines += [f"paid = {paid}"] if paid <= TODAY and rng.random() < 0.9 else []
    for i in range(2):
        kind = rng.choice(["payment", "scope", "communication", "other"])
        day = started + dt.timedelta(days=40 * (i + 1))
        lines += ["", "[[incidents]]", f"date = {day}", f'kind = "{kind}"']
        lines += [f'text = "Something worth writing down, number {i}."']
    if rng.random() < 0.5:
        score = rng.randrange(0, 80)
        verdict = rng.choice(["keep", "repair", "prepare_exit", "exit_now"])
        lines += [
            "",
            "[[assessments]]",
            f"at = {started + dt.timedelta(days=200)}T10:00:00Z",
            f"red_flag_score = {score}",
            f"categories = {{payment = {score}, communication = 0, scope = 12, values = 0, "
            "conduct = 0}",
            "effective_rate = 70.5",
            "target_rate = 85.0",
            f'verdict = "{verdict}"',
            'letter_type = "payment"',
            'top_flags = ["late_payments"]',
            "",
            "[assessments.answers]",
            'red_flags = {late_payments = "often"}',
            "economics = {monthly_revenue = 2400.0, billable_hours = 30.0, unbilled_hours = 4.0}",
            'outlook = {stress = 3, fit = 3, chance_of_change = "medium"}',
        ]
    if ended:
        who = rng.choice(["me", "client"])
        why = rng.choice(["price", "value", "payment", "scope", "support"])
        lines += ["", "[lifecycle]", f'ended_by = "{who}"', 'reason = "Recorded at the end"']
        lines += [f'reason_category = "{why}"', f"end_date = {ended}"]
        if (TODAY - ended).days < 90:
            lines += ["", "[handover.items.deliverables-gather]", f"done = {ended}"]
    return "\n".join(lines) + "\n"


def make_book(home: Path, count: int) -> int:
    rng = random.Random(6)
    folder = home / "clients"
    folder.mkdir(parents=True)
    total = 0
    for n in range(count):
        text = client_text(n, rng)
        total += len(text)
        (folder / f"client-{n:05d}-ltd.toml").write_text(text, encoding="utf-8")
    shutil.copyfile(REPO / "examples" / "config.toml", home / "config.toml")
    return total


def in_process(home: Path, rounds: int) -> dict[str, float]:
    sys.path.insert(0, str(REPO / "src"))
    from clientexit import clients, config
    from clientexit._paths import Paths
    from clientexit.book import churn, portfolio

    paths = Paths(home)
    steps: dict[str, list[float]] = {"read (list_records)": [], "rows": [], "churn": []}
    for _ in range(rounds):
        start = time.perf_counter()
        records = clients.list_records(paths, include_archived=True)
        steps["read (list_records)"].append(time.perf_counter() - start)
        profile = config.load_profile(paths)
        start = time.perf_counter()
        portfolio.book_rows(((r.slug, r.data) for r in records), profile, TODAY)
        steps["rows"].append(time.perf_counter() - start)
        start = time.perf_counter()
        churn.compute((r.data for r in records), churn.parse_period(str(TODAY.year)), "EUR")
        steps["churn"].append(time.perf_counter() - start)
    return {label: statistics.median(times) for label, times in steps.items()}


def command_times(home: Path, empty: Path, rounds: int) -> list[tuple[str, float, float]]:
    script = Path(sys.executable).with_name("clientexit")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]
    results = []
    for argv in (["clients", "--json"], ["churn", "--period", str(TODAY.year), "--json"]):
        timings = {}
        for label, folder in (("book", home), ("empty", empty)):
            env = {**os.environ, "CLIENTEXIT_HOME": str(folder), "NO_COLOR": "1"}
            runs = []
            for _ in range(rounds):
                start = time.perf_counter()
                subprocess.run([*base, *argv], env=env, stdout=subprocess.DEVNULL, check=True)
                runs.append(time.perf_counter() - start)
            timings[label] = statistics.median(runs)
        results.append((" ".join(argv), timings["book"], timings["empty"]))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="clientexit-book-"))
    try:
        home, empty = root / "book", root / "empty"
        (empty / "clients").mkdir(parents=True)
        size = make_book(home, args.clients)
        print(f"{args.clients} client files, {size / 1e6:.1f} MB, median of {args.rounds} rounds")
        for label, seconds in in_process(home, args.rounds).items():
            print(f"  in-process {label:<22} {seconds * 1000:8.0f} ms")
        for label, book, bare in command_times(home, empty, args.rounds):
            print(
                f"  clientexit {label:<22} {book * 1000:8.0f} ms "
                f"(empty book {bare * 1000:.0f} ms; beyond start-up {(book - bare) * 1000:.0f} ms)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
