"""The derived caches' file: a header line, then one entry per line, read a slice at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit import _jsonl_cache
from clientexit._paths import Paths
from clientexit._record_cache import cache_file
from clientexit.clients import load_book

HEADER = {"version": "abc"}
ENTRIES = [["a.toml", 1, 2, 3, 4, ["A", None, 1.5, '\u20ac\n"x"']], ["b.toml", 5, 6, 7, 8, []]]


@pytest.mark.parametrize("slice_bytes", [1, 40, 1 << 20])
def test_what_is_written_is_read_back_whatever_the_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slice_bytes: int
) -> None:
    monkeypatch.setattr(_jsonl_cache, "_SLICE_BYTES", slice_bytes)
    path = tmp_path / "cache.jsonl"
    _jsonl_cache.write(path, HEADER, iter(ENTRIES))
    assert path.read_text(encoding="utf-8").count("\n") == 1 + len(ENTRIES)
    assert _jsonl_cache.read(path, HEADER) == {entry[0]: entry for entry in ENTRIES}


@pytest.mark.parametrize(
    "text",
    [
        "",
        '{"version": "other"}\n["a.toml", 1]\n',
        '{"version": "abc", "files": {}}\n',
        '{"version": "abc"}\n["a.toml", 1]\n{\n["b.toml", 2]\n',
        '{"version": "abc"}\n["a.toml", 1]\n\n["b.toml", 2]\n',
        "\x00\xff",
    ],
)
def test_a_cache_of_another_header_or_damaged_anywhere_is_not_read(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "cache.jsonl"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert _jsonl_cache.read(path, HEADER) == {}


def test_entries_without_a_text_key_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "cache.jsonl"
    path.write_text('{"version": "abc"}\n[1, 2]\n"x"\n[]\n["a.toml", 1]\n', encoding="utf-8")
    assert _jsonl_cache.read(path, HEADER) == {"a.toml": ["a.toml", 1]}


def test_an_entry_refused_is_left_out_as_its_slice_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``wanted`` is asked of each entry as its slice is parsed, before ``each``: a stale entry
    is let go at once, never held until the whole file is read."""
    monkeypatch.setattr(_jsonl_cache, "_SLICE_BYTES", 1)  # a slice per line
    path = tmp_path / "cache.jsonl"
    _jsonl_cache.write(path, HEADER, iter(ENTRIES))
    seen: list[str] = []
    asked: list[str] = []

    def wanted(entry: list) -> bool:
        asked.append(entry[0])
        return entry[0] != ENTRIES[0][0]

    found = _jsonl_cache.read(path, HEADER, lambda entry: seen.append(entry[0]), wanted)
    assert asked == [entry[0] for entry in ENTRIES]
    assert seen == list(found) == [entry[0] for entry in ENTRIES[1:]]


def test_a_missing_or_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    assert _jsonl_cache.read(tmp_path / "missing.jsonl", HEADER) == {}
    folder = tmp_path / "a folder"
    folder.mkdir()
    _jsonl_cache.write(folder, HEADER, ENTRIES)  # no exception: the listing goes on
    assert folder.is_dir()


def test_read_keys_parses_only_the_lines_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    entries = [["a", 1], ["ab", 2], ['q"uote', 3], ["b", {"x": [1, 2]}]]
    _jsonl_cache.write(path, {"v": "1"}, entries)
    wanted = ["ab", 'q"uote', "b", "missing"]
    assert _jsonl_cache.read_keys(path, {"v": "1"}, wanted) == {
        "ab": ["ab", 2],
        'q"uote': ['q"uote', 3],
        "b": ["b", {"x": [1, 2]}],
    }
    assert _jsonl_cache.read_keys(path, {"v": "2"}, wanted) == {}
    assert _jsonl_cache.read_keys(path, {"v": "1"}, []) == {}
    assert _jsonl_cache.read_keys(tmp_path / "none.jsonl", {"v": "1"}, ["a"]) == {}
    # A damaged line among those wanted is left out; the others are still read.
    text = path.read_text(encoding="utf-8").replace('["ab",2]', '["ab",2')
    path.write_text(text, encoding="utf-8")
    assert _jsonl_cache.read_keys(path, {"v": "1"}, ["ab", "a"]) == {"a": ["a", 1]}


def test_the_listing_cache_is_one_line_per_client_and_the_old_document_goes(
    examples_home: Path,
) -> None:
    old = examples_home / ".cache" / "clients.json"
    old.parent.mkdir(exist_ok=True)
    old.write_text('{"version": "x", "files": {}}', encoding="utf-8")
    listed = load_book(Paths(examples_home), include_archived=True)
    lines = cache_file(examples_home).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(listed)
    assert sorted(json.loads(line)[0] for line in lines[1:]) == [f"{s.slug}.toml" for s in listed]
    assert not old.exists()
