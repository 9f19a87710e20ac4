"""The inter-process lock (clientexit._lock): it excludes, times out clearly, and a lock file left
by a killed process blocks nobody."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clientexit import _store
from clientexit._errors import ClientExitError
from clientexit._lock import LockTimeout, hold, lock_file
from clientexit._store import edit_toml, locked, read_toml

# A process that takes the lock of argv[1], says so, then waits to be told to go (or killed).
HOLDER = """
import sys
from pathlib import Path
from clientexit._store import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    return proc


def test_the_lock_file_sits_beside_the_file_it_guards(tmp_path: Path) -> None:
    with locked(tmp_path / "f.toml"):
        assert (tmp_path / ".f.toml.lock").is_file()
    assert lock_file(tmp_path / "f.toml") == tmp_path / ".f.toml.lock"


def test_a_lock_held_by_another_process_times_out_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "acme.toml"
    target.write_text("schema_version = 1\na = 1\n", encoding="utf-8")
    monkeypatch.setattr(_store, "LOCK_TIMEOUT_SECONDS", 0.3)
    proc = _holder(target)
    try:
        start = time.monotonic()
        with pytest.raises(ClientExitError) as caught, edit_toml(target) as doc:
            doc["a"] = 2
        assert 0.3 <= time.monotonic() - start < 5
    finally:
        proc.communicate("go\n", timeout=30)
    message = str(caught.value)
    assert f"{target} is being changed by another clientexit process" in message
    assert "still busy after 0.3 seconds" in message
    assert "Wait for it to finish and try again." in caught.value.hint
    assert read_toml(target)["a"] == 1  # nothing written by the one that gave up


def test_a_waiting_process_gets_the_lock_when_the_holder_lets_go(tmp_path: Path) -> None:
    target = tmp_path / "acme.toml"
    proc = _holder(target)

    def let_go() -> None:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()

    threading.Timer(0.3, let_go).start()
    start = time.monotonic()
    with locked(target):
        waited = time.monotonic() - start
    proc.wait(timeout=30)
    assert waited >= 0.2  # it did wait for the holder ...
    assert waited < 10  # ... and did not run into the timeout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_lock_file_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    target = tmp_path / "acme.toml"
    proc = _holder(target)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert lock_file(target).exists()  # left behind, as after a crash
    start = time.monotonic()
    with hold(lock_file(target), timeout=0.5):
        pass
    assert time.monotonic() - start < 0.5


def test_two_threads_exclude_each_other(tmp_path: Path) -> None:
    lock = tmp_path / ".x.lock"
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with hold(lock, timeout=30):
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == []


def test_hold_raises_lock_timeout_only_while_someone_else_holds_it(tmp_path: Path) -> None:
    lock = tmp_path / ".x.lock"
    with hold(lock, timeout=1), pytest.raises(LockTimeout), hold(lock, timeout=0.05):
        pass
    with hold(lock, timeout=0.05):  # released: free again at once
        pass
