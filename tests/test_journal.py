"""A change to several client files is all or nothing, even when its process is killed (-9)
mid-commit; the next command completes it and deletes the temporary files nobody writes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from clientexit import _journal, clients
from clientexit._errors import DataFileError
from clientexit._lock import hold, lock_file
from clientexit._paths import Paths
from clientexit._store import edit_many, read_toml

# A process that imports hours for every client, and kills itself (SIGKILL: no clean-up runs)
# just before the rename number KILL_AT of a client file, if KILL_AT is set.
WRITER = textwrap.dedent(
    """
    import os, signal, sys
    real = os.replace
    kill_at = int(os.environ.get("KILL_AT", "-1"))
    done = 0
    def replace(src, dst, *args, **kwargs):
        global done
        if str(dst).endswith(".toml"):
            if done == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            done += 1
        return real(src, dst, *args, **kwargs)
    os.replace = replace
    from clientexit.__main__ import main
    main(sys.argv[1:])
    """
)


def make_book(home: Path, count: int) -> list[Path]:
    """``count`` clients, client N mapped to the Watson project ``pN``."""
    folder = home / "clients"
    folder.mkdir(parents=True)
    files = []
    for n in range(count):
        path = folder / f"client-{n:03d}.toml"
        path.write_text(
            f'schema_version = 1\nname = "Client {n:03d}"\nstatus = "active"\n'
            f'created = 2026-01-01\nrate = 50\n\n[hours]\nmatch = ["p{n}"]\n',
            encoding="utf-8",
        )
        files.append(path)
    return files


def frames(tmp_path: Path, count: int) -> Path:
    start = 1788300000  # 2026-09-01
    data = [
        [start + 7200 * n, start + 7200 * n + 3600, f"p{n}", f"{n:032x}", [], start]
        for n in range(count)
    ]
    path = tmp_path / "frames"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_writer(home: Path, export: Path, kill_at: int | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "TZ": "UTC"}
    if kill_at is not None:
        env["KILL_AT"] = str(kill_at)
    return subprocess.run(
        [sys.executable, "-c", WRITER, "hours", "import", str(export)],
        env=env,
        capture_output=True,
        timeout=120,
    )


def imported(files: list[Path]) -> list[bool]:
    return ["[hours.months" in path.read_text(encoding="utf-8") for path in files]


def leftovers(home: Path) -> list[str]:
    folder = home / "clients"
    names = [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part"))]
    return names + [p.name for p in (folder / ".journal").glob("*")]


@pytest.mark.parametrize("kill_at", [1, 5, 11])
@pytest.mark.slow
def test_a_writer_killed_between_renames_is_completed_by_the_next_command(
    home: Path, tmp_path: Path, kill_at: int
) -> None:
    files = make_book(home, 12)
    export = frames(tmp_path, 12)

    killed = run_writer(home, export, kill_at)

    assert killed.returncode == -signal.SIGKILL
    # What the kill left on disk: the first renames done, the rest staged, and a journal.
    assert imported(files) == [n < kill_at for n in range(12)]
    assert len(list((home / "clients" / ".journal").glob("*.json"))) == 1

    listing = subprocess.run(
        [sys.executable, "-m", "clientexit", "clients", "--json"],
        env={**os.environ, "CLIENTEXIT_HOME": str(home)},
        capture_output=True,
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr.decode()
    assert imported(files) == [True] * 12
    assert leftovers(home) == []
    # Completed means completed: importing again adds nothing.
    again = run_writer(home, export, None)
    assert again.returncode == 0, again.stderr.decode()
    assert [read_toml(p)["hours"]["months"]["2026-09"]["entries"] for p in files] == [1] * 12


@pytest.mark.slow
def test_a_writer_killed_before_its_journal_changes_no_client(home: Path, tmp_path: Path) -> None:
    files = make_book(home, 12)
    before = [path.read_bytes() for path in files]
    export = frames(tmp_path, 12)
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "TZ": "UTC"}
    # Killed while writing the journal: every new text is staged, none is in place.
    script = WRITER.replace(
        "from clientexit.__main__ import main",
        "import clientexit._journal as j\n"
        "def die(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
        "j._write_journal = die\nfrom clientexit.__main__ import main",
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, "hours", "import", str(export)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL
    assert len([p for p in (home / "clients").iterdir() if p.name.endswith(".tmp")]) == 12

    assert clients.list_records(Paths(home))  # the next command that touches the book
    assert [path.read_bytes() for path in files] == before
    assert leftovers(home) == []


@pytest.mark.slow
def test_kills_at_random_moments_never_leave_a_mixed_book(home: Path, tmp_path: Path) -> None:
    count = 150
    files = make_book(home, count)
    export = frames(tmp_path, count)
    env = {**os.environ, "CLIENTEXIT_HOME": str(home), "TZ": "UTC"}
    started = time.monotonic()
    assert run_writer(home, export, None).returncode == 0
    full = time.monotonic() - started
    pristine = {path: path.read_bytes() for path in files}
    rng = random.Random(20261204)
    outcomes = []
    mixed = []  # what the kill left, before the next command completed it
    for attempt in range(8):
        for path in files:  # back to the book before the import
            path.write_text(
                pristine[path].decode().split("\n[hours.months")[0].rstrip() + "\n",
                encoding="utf-8",
            )
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, "hours", "import", str(export)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if attempt % 2:
            time.sleep(rng.uniform(0.3, 1.0) * full)  # any moment of the run
        else:
            _wait_for_commit(home / "clients" / ".journal", proc)  # during the renames
            time.sleep(rng.uniform(0, 0.004))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        mixed.append(len(set(imported(files))) > 1)
        clients.list_records(Paths(home))
        state = imported(files)
        assert len(set(state)) == 1, f"{sum(state)} of {count} files imported"
        assert leftovers(home) == []
        outcomes.append(state[0])
    # Both ends were reached: kills before the commit point and kills after it.
    assert 0 < sum(outcomes) < len(outcomes), outcomes


def _wait_for_commit(journal_dir: Path, proc: subprocess.Popen) -> None:
    while proc.poll() is None:
        try:
            if any(name.endswith(".json") for name in os.listdir(journal_dir)):
                return
        except FileNotFoundError:
            pass


def test_an_edit_of_one_file_completes_a_change_that_names_it_first(home: Path) -> None:
    files = make_book(home, 3)
    folder = home / "clients"
    journal = _leave_a_journal(folder, files)

    with clients.edit(Paths(home), "client-001") as doc:  # named by the journal
        doc["notes"] = "after"

    assert not journal.exists()
    assert all('notes = "new"' in p.read_text() for p in (files[0], files[2]))
    assert 'notes = "after"' in files[1].read_text()


def _leave_a_journal(folder: Path, files: list[Path]) -> Path:
    """What a writer killed right after its commit point leaves: staged texts and a journal."""
    from clientexit._atomic import staged

    entries = {}
    for path in files:
        text = path.read_text() + 'notes = "new"\n'
        entries[path.name] = Path(staged(path, text)).name
    return _journal._write_journal(folder, entries)


def test_a_damaged_journal_is_a_clear_error_and_touches_nothing(home: Path, cli) -> None:
    files = make_book(home, 2)
    journal = _leave_a_journal(home / "clients", files)
    journal.write_text('{"version": 1, "files": {"../../config.toml": ".x.aaaaaaaa.tmp"}}')

    result = cli("clients")

    assert result.exit_code == 4
    assert "the journal of an interrupted change is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert all("notes" not in p.read_text() for p in files)


def test_a_change_is_written_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    files = [tmp_path / f"{name}.toml" for name in "abc"]
    for path in files:
        path.write_text("schema_version = 1\n")
    with edit_many(files) as docs:
        for path, doc in docs.items():
            doc["name"] = path.stem
    assert [read_toml(p)["name"] for p in files] == ["a", "b", "c"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        ".journal",
        "a.toml",
        "b.toml",
        "c.toml",
    ]
    assert list((tmp_path / ".journal").iterdir()) == []


def test_stale_temporary_files_go_but_one_being_written_stays(home: Path) -> None:
    make_book(home, 2)
    folder = home / "clients"
    stale = folder / ".client-000.toml.abc12345.tmp"
    busy = folder / ".client-001.toml.xyz_6789.tmp"
    mine = folder / "notes.tmp"  # not a name clientexit gives its temporary files
    for path in (stale, busy, mine):
        path.write_text("half")
    held = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with hold(lock_file(folder / "client-001.toml"), 5):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(5)
    try:
        clients.load(Paths(home), "client-000")
    finally:
        release.set()
        thread.join()
    assert not stale.exists()
    assert busy.exists()
    assert mine.exists()


def test_a_failed_check_writes_no_file_and_no_journal(tmp_path: Path) -> None:
    files = [tmp_path / f"{name}.toml" for name in "ab"]
    for path in files:
        path.write_text("schema_version = 1\n")

    def refuse(path: Path, doc: object) -> None:
        if path.stem == "b":
            raise DataFileError("no")

    with pytest.raises(DataFileError), edit_many(files, refuse) as docs:
        for doc in docs.values():
            doc["x"] = 1
    assert [p.read_text() for p in files] == ["schema_version = 1\n"] * 2
    assert not (tmp_path / ".journal").exists()
    assert [p for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
