"""A write to a very large client file is linear in its size and holds the lock only briefly,
so a concurrent writer never waits as long as the lock's timeout.

Times are CPU times of this process (the command runs in it): the ratios measure the work, and
other processes on a loaded machine do not move them."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clientexit import _store
from clientexit._resources import examples_dir


def big_client(home: Path, invoices: int) -> None:
    head = (examples_dir() / "clients" / "ashgrove-print.toml").read_text(encoding="utf-8")
    head = head.partition("[[invoices]]")[0]
    body = "".join(
        f'\n[[invoices]]\nnumber = "BIG-{i:06d}"\namount = {100 + i % 900}.0\n'
        f"issued = 2025-01-02\ndue = 2025-02-01\npaid = 2025-02-10\n"
        for i in range(invoices)
    )
    (home / "clients").mkdir(parents=True, exist_ok=True)
    (home / "clients" / "ashgrove-print.toml").write_text(head + body, encoding="utf-8")


def add_invoice(cli, home: Path, invoices: int, holds: list[float]) -> float:
    big_client(home, invoices)
    start = time.process_time()
    result = cli(
        "invoice",
        "ashgrove-print",
        "add",
        "NEW-1",
        "100",
        "--issued",
        "2026-11-20",
        "--due",
        "2026-12-20",
    )
    elapsed = time.process_time() - start
    assert result.exit_code == 0, result.output
    text = (home / "clients" / "ashgrove-print.toml").read_text(encoding="utf-8")
    assert text.count("[[invoices]]") == invoices + 1
    return elapsed


@pytest.mark.slow
def test_adding_to_a_large_file_is_linear_and_holds_the_lock_briefly(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holds: list[float] = []
    real = _store.locked

    @contextlib.contextmanager
    def timed(path: Path) -> Iterator[None]:
        with real(path):
            start = time.process_time()
            try:
                yield
            finally:
                holds.append(time.process_time() - start)

    monkeypatch.setattr(_store, "locked", timed)
    add_invoice(cli, home, 100, holds)  # warm-up: imports, caches
    small = add_invoice(cli, home, 500, holds)
    large = add_invoice(cli, home, 2000, holds)
    # Four times the invoices: about four times the time; quadratic work would be sixteen.
    assert large / small < 9, (small, large)
    assert large < _store.LOCK_TIMEOUT_SECONDS / 2, large
    # Parsing (most of the work) happens before the lock is taken: the lock is held for a part.
    assert holds[-1] < 0.6 * large, (holds[-1], large)
