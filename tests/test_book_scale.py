"""benchmarks/book_scale.py builds books that clientexit reads as a working freelancer's: every
file valid, and the realistic one with handovers under way (the figures in the README come
from them)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit.clients import load_book

REPO = Path(__file__).resolve().parent.parent


def _book_scale():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("book_scale", REPO / "benchmarks/book_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("book_scale", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["plain", "realistic"])
def test_the_benchmark_books_are_valid_client_files(tmp_path: Path, kind: str) -> None:
    book_scale = _book_scale()
    home = tmp_path / kind
    assert book_scale.make_book(home, 40, kind) > 40 * 500
    broken: list[DataFileError] = []
    listed = load_book(Paths(home), include_archived=True, broken=broken)
    assert broken == []
    assert len(listed) == 40
    if kind == "realistic":
        today = dt.date.today()
        under_way = [s.slug for s in listed if s.handover_under_way(today)]
        assert len(under_way) == 4  # one file in ten
        assert any(s.unpaid() for s in listed)
