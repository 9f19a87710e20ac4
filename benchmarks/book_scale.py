"""The client book at scale: listings over 10,000 (or 50,000) client files, time and memory.

Run it with the venv's Python:  python benchmarks/book_scale.py [--clients 10000] [--rounds 3]

Writes two synthetic books into a temporary folder and reports both: the plain one (three
invoices, two incidents, an assessment in one file in two) and the realistic one (a year of
invoices with part payments and overdue ones, an incident log with disputes and promises,
deliverables, the letters drafted, and a handover under way in one file in ten: 1,000 in 10,000).
For each it first runs every command once with no cache yet (each file read: a new book, or
the first run after an upgrade), with its time and peak memory. Then it times the first listing
after every file changed against a plain tomllib loop over the same files, and the warm
commands, each round running every command once on the book and once on an empty book
(interleaved, so machine noise hits them alike). "beyond start-up" subtracts the same command's
median time on the empty book; "peak" is the command's maximum resident memory. At 50,000 files
every run, cold or warm, should stay under 150 MiB. Last, the first run of a new day with no
file changed (the next days by $CLIENTEXIT_TODAY, the one clock every command reads: what the
caches keep across days). Listings are piped (not a terminal), as a script would run them.
``--check`` exits 1 when a target is missed. This is a measurement, not a test.
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

# (label, arguments after `clientexit`, target beyond start-up in seconds at 10,000 files)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("clients --json", ["clients", "--json"], 0.6),
    ("client list --json", ["client", "list", "--json"], 0.6),
    ("churn --json", ["churn", "--period", str(TODAY.year), "--json"], 0.4),
    ("followup", ["followup"], 1.0),
    ("clients", ["clients"], None),
    ("client list", ["client", "list"], None),
]
# At 50,000 files every listing should finish (start-up included) within this, in this memory.
LARGE = 50_000
LARGE_SECONDS = 3.0
LARGE_MIB = 150.0
FIRST_RUN_RATIO = 2.0  # the first listing after every file changed, against a tomllib loop


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
    lines += _assessed_and_ended(rng, started + dt.timedelta(days=200), ended)
    if ended and (TODAY - ended).days < 90:
        lines += ["", "[handover.items.deliverables-gather]", f"done = {ended}"]
    return "\n".join(lines) + "\n"


ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def _assessed_and_ended(rng: random.Random, assessed: dt.date, ended: dt.date | None) -> list[str]:
    """An assessment half the time, and the lifecycle of a client that ended: both books."""
    lines: list[str] = []
    if rng.random() < 0.5:
        score = rng.randrange(0, 80)
        verdict = rng.choice(["keep", "repair", "prepare_exit", "exit_now"])
        lines += [
            "",
            "[[assessments]]",
            f"at = {assessed}T10:00:00Z",
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
    return lines


def _id(prefix: str, rng: random.Random) -> str:
    return f"{prefix}-" + "".join(rng.choice(ALPHABET) for _ in range(6))


def realistic_text(n: int, rng: random.Random) -> str:
    """One client file as a working freelancer's book holds it: a year or two of invoices (some
    paid in parts, some overdue), an incident log (a dispute or promise among them),
    deliverables, the letters drafted, and in one file in ten a handover under way (an end date
    a few weeks ahead, or just past, with the checklist partly ticked off)."""
    handover = n % 10 == 0
    started = TODAY - dt.timedelta(days=rng.randrange(200, 900))
    ended = None
    if handover:
        ended = TODAY + dt.timedelta(days=rng.randrange(-60, 45))
    elif rng.random() < 0.15:
        ended = TODAY - dt.timedelta(days=rng.randrange(120, 700))
    status = "active" if ended is None else ("former" if ended <= TODAY else "ending")
    lines = [
        "# Written by benchmarks/book_scale.py: a realistic client file.",
        "schema_version = 1",
        f'name = "Client {n:05d} Ltd"',
        f'status = "{status}"',
        f"created = {started}",
        f'contact = "Person {n}"',
        f'email = "person{n}@client{n}.example"',
        f"rate = {rng.choice([65.0, 75.0, 85.0, 95.0])}",
        'currency = "EUR"',
        "notice_days = 30",
        f"started = {started}",
        'project = "Website and monthly maintenance"',
        'letter_project = "your website"',
        'engagement = "ongoing"',
        'language = "en"',
        'notes = "Payment terms: 30 days net. Invoices go to accounts, copied to the contact."',
    ]
    if ended:
        lines.append(f"ended = {ended}")
    for i in range(3):
        due = TODAY + dt.timedelta(days=rng.randrange(-120, 60))
        lines += ["", "[[deliverables]]", f'id = "{_id("del", rng)}"']
        lines += [f'what = "Deliverable {i}: pages, assets and notes"', f"due = {due}"]
        if due < TODAY and rng.random() < 0.6:
            lines.append(f"delivered = {due}")
    numbers = []
    first = max(started, TODAY - dt.timedelta(days=400))
    for i in range(8):
        issued = first + dt.timedelta(days=45 * i + rng.randrange(0, 10))
        if issued > TODAY:
            break
        due = issued + dt.timedelta(days=30)
        amount = rng.randrange(500, 4000)
        number = f"{issued.year}-{n:05d}-{i}"
        numbers.append(number)
        lines += ["", "[[invoices]]", f'id = "{_id("inv", rng)}"', f'number = "{number}"']
        lines += [f"amount = {amount}.0", f"issued = {issued}", f"due = {due}"]
        # Old invoices are nearly all settled, some in two parts; recent ones are often open.
        paid = due + dt.timedelta(days=rng.randrange(-10, 50))
        roll, old = rng.random(), (TODAY - due).days > 60
        if paid > TODAY or roll >= (0.98 if old else 0.8):
            continue
        if roll < (0.9 if old else 0.65):
            lines.append(f"paid = {paid}")
        else:
            first_part = paid - dt.timedelta(days=20)
            parts = [f"{{on = {first_part}, amount = {amount // 2}.0}}"]
            if old:
                parts.append(f"{{on = {paid}, amount = {amount - amount // 2}.0}}")
            lines.append(f"payments = [{', '.join(parts)}]")
    kinds = ["payment", "scope", "communication", "other"]
    for i in range(4):
        day = started + dt.timedelta(days=40 * (i + 1))
        lines += ["", "[[incidents]]", f'id = "{_id("inc", rng)}"', f"date = {day}"]
        lines += [f'kind = "{rng.choice(kinds)}"']
        lines += [f'text = "Something worth writing down, number {i}, with a line of detail."']
    if numbers and rng.random() < 0.2:
        kind = rng.choice(["dispute", "promise"])
        day = TODAY - dt.timedelta(days=rng.randrange(1, 20))
        lines += ["", "[[incidents]]", f'id = "{_id("inc", rng)}"', f"date = {day}"]
        lines += [f'kind = "{kind}"', f'text = "About invoice {numbers[-1]}."']
        lines += [f'invoice = "{numbers[-1]}"', f"until = {day + dt.timedelta(days=14)}"]
    for kind in ("friendly-reminder", "firm-reminder")[: rng.randrange(0, 3)]:
        at = TODAY - dt.timedelta(days=rng.randrange(5, 200))
        lines += ["", "[[letters]]", f'id = "{_id("let", rng)}"', f'type = "{kind}"']
        lines += ['lang = "en"', f"at = {at}T09:00:00Z", 'written_to = "stdout"']
    lines += _assessed_and_ended(rng, started + dt.timedelta(days=100), ended)
    if handover:
        done = min(TODAY, ended) - dt.timedelta(days=3)
        for item in HANDOVER_ITEMS[: rng.randrange(1, len(HANDOVER_ITEMS))]:
            lines += ["", f"[handover.items.{item}]", f"done = {done}"]
    return "\n".join(lines) + "\n"


# The first items of the English handover checklist, in its order (templates/handover).
HANDOVER_ITEMS = (
    "deliverables-gather",
    "deliverables-organise",
    "deliverables-deliver",
    "transition-status",
    "transition-ongoing",
    "transition-decisions",
)
BOOKS = {"plain": client_text, "realistic": realistic_text}


def make_book(home: Path, count: int, kind: str) -> int:
    rng = random.Random(6)
    folder = home / "clients"
    folder.mkdir(parents=True)
    total = 0
    write = BOOKS[kind]
    for n in range(count):
        text = write(n, rng)
        total += len(text)
        (folder / f"client-{n:05d}-ltd.toml").write_text(text, encoding="utf-8")
    shutil.copyfile(REPO / "examples" / "config.toml", home / "config.toml")
    return total


def run(argv: list[str], home: Path, today: dt.date | None = None) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one run of ``argv`` with ``home`` as data;
    ``today``: the day the command sees ($CLIENTEXIT_TODAY, the clock every command reads)."""
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "NO_COLOR": "1"}
    if today is not None:
        env["CLIENTEXIT_TODAY"] = today.isoformat()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {child.returncode}: {stderr.strip()[:200]}")
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return seconds, usage.ru_maxrss * scale / 2**20


def tomllib_loop(folder: Path) -> float:
    """Seconds for a plain loop that parses every client file with tomllib, in a fresh process."""
    code = (
        "import os, sys, time, tomllib\n"
        "start = time.perf_counter()\n"
        "for e in os.scandir(sys.argv[1]):\n"
        "    with open(e.path, 'rb') as f: tomllib.load(f)\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True)
    return float(out.stdout)


def touch_all(folder: Path) -> None:
    """Change every file's identity (as an editor saving each would)."""
    later = time.time() + 1
    for entry in os.scandir(folder):  # a different mtime each round: time.time() moves on
        os.utime(entry.path, (later, later))


def measure(kind: str, count: int, rounds: int, base: list[str], root: Path) -> int:
    """Build the ``kind`` book of ``count`` files under ``root``, time it, print, and return how
    many targets were missed."""
    large = count >= LARGE
    missed = 0
    home, empty = root / kind, root / "empty"
    if not empty.exists():
        (empty / "clients").mkdir(parents=True)
        shutil.copyfile(REPO / "examples" / "config.toml", empty / "config.toml")
    size = make_book(home, count, kind)
    under_way = f", {count // 10} with a handover under way" if kind == "realistic" else ""
    print(f"{kind} book: {count} client files, {size / 1e6:.1f} MB{under_way}, median of {rounds}")

    # Each command's first run on the book (no cache yet: every file read), once each.
    print(f"  {'no cache yet, piped':<22} {'total ms':>9} {'peak MiB':>9}  target")
    for label, argv, _target in COMMANDS:
        shutil.rmtree(home / ".cache", ignore_errors=True)
        seconds, mib = run([*base, *argv], home)
        ok = not large or mib <= LARGE_MIB
        missed += not ok
        shown = f"< {LARGE_MIB:g} MiB" if large else "-"
        print(
            f"  {label:<22} {seconds * 1000:9.0f} {mib:9.0f}  {shown}" + ("" if ok else "  MISSED")
        )
    run([*base, "clients", "--json"], home)  # every cache made, as a day's first listing finds it

    # Every file changed under existing caches, alternating with the plain loop (same files,
    # same page cache) so that machine noise hits both.
    empty_clients = statistics.median(run([*base, "clients", "--json"], empty)[0] for _ in range(3))
    loops, changes, changed_mib = [], [], 0.0
    for _ in range(rounds):
        loops.append(tomllib_loop(home / "clients"))
        touch_all(home / "clients")
        seconds, mib = run([*base, "clients", "--json"], home)
        changes.append(seconds)
        changed_mib = max(changed_mib, mib)
    loop, changed = statistics.median(loops), statistics.median(changes)
    ratio = (changed - empty_clients) / loop
    ok = ratio <= FIRST_RUN_RATIO
    missed += not ok
    print(f"  plain tomllib loop over the files      {loop * 1000:7.0f} ms")
    print(
        f"  clients --json, every file changed     {changed * 1000:7.0f} ms"
        f"  {changed_mib:5.0f} MiB  beyond start-up {ratio:.2f}x the loop"
        f" (target {FIRST_RUN_RATIO:g}x)" + ("" if ok else "  MISSED")
    )

    # Warm means every command has run once since the files changed: without this pass the
    # first round would time followup's own first run after every file changed.
    for _label, argv, _target in COMMANDS:
        run([*base, *argv], home)
    times: dict[str, dict[str, list[float]]] = {}
    peaks: dict[str, float] = {}
    for _ in range(rounds):
        for label, argv, _target in COMMANDS:
            for where, folder in (("book", home), ("empty", empty)):
                seconds, mib = run([*base, *argv], folder)
                times.setdefault(label, {}).setdefault(where, []).append(seconds)
                if where == "book":
                    peaks[label] = max(peaks.get(label, 0.0), mib)
    print(f"  {'warm, piped':<22} {'total ms':>9} {'beyond start-up':>16} {'peak MiB':>9}  target")
    for label, _argv, target in COMMANDS:
        book = statistics.median(times[label]["book"])
        beyond = book - statistics.median(times[label]["empty"])
        if large:
            ok = book <= LARGE_SECONDS and peaks[label] <= LARGE_MIB
            shown = f"< {LARGE_SECONDS:g} s, < {LARGE_MIB:g} MiB"
        else:
            ok = target is None or beyond <= target
            shown = f"< {target:g} s beyond start-up" if target else "-"
        missed += not ok
        print(
            f"  {label:<22} {book * 1000:9.0f} {beyond * 1000:13.0f} ms {peaks[label]:9.0f}"
            f"  {shown}" + ("" if ok else "  MISSED")
        )
    missed += _new_day(home, empty, rounds, base)
    shutil.rmtree(home, ignore_errors=True)
    return missed


# The first run of a new day, with no file changed: what the caches keep across days.
NEW_DAY_COMMANDS = (("clients --json", ["clients", "--json"]), ("followup", ["followup"]))


def _new_day(home: Path, empty: Path, rounds: int, base: list[str]) -> int:
    """Time the first ``clients --json`` of each of ``rounds`` new days (then ``followup``,
    the day's second command), each day the one after the last ($CLIENTEXIT_TODAY), against
    the warm targets; print, and return how many were missed."""
    times: dict[str, list[float]] = {label: [] for label, _ in NEW_DAY_COMMANDS}
    starts: dict[str, list[float]] = {label: [] for label, _ in NEW_DAY_COMMANDS}
    for n in range(1, rounds + 1):
        day = TODAY + dt.timedelta(days=n)
        for label, argv in NEW_DAY_COMMANDS:
            times[label].append(run([*base, *argv], home, day)[0])
            starts[label].append(run([*base, *argv], empty, day)[0])
    missed = 0
    targets = {label: target for label, _argv, target in COMMANDS}
    print(f"  {'first run of a new day':<22} {'total ms':>9} {'beyond start-up':>16}")
    for label, _ in NEW_DAY_COMMANDS:
        total = statistics.median(times[label])
        beyond = total - statistics.median(starts[label])
        target = targets.get(label)
        ok = target is None or beyond <= target
        missed += not ok
        shown = f"  (warm target < {target:g} s)" if target else ""
        print(
            f"  {label:<22} {total * 1000:9.0f} {beyond * 1000:13.0f} ms{shown}"
            + ("" if ok else "  MISSED")
        )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--book", choices=("both", *BOOKS), default="both", help="which book to build and time"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("clientexit")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "clientexit"]
    missed = 0
    root = Path(tempfile.mkdtemp(prefix="clientexit-book-"))
    try:
        for kind in BOOKS if args.book == "both" else (args.book,):
            missed += measure(kind, args.clients, args.rounds, base, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
