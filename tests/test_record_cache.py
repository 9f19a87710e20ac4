"""The listing cache is invisible: the same records as parsing, every change seen."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit._record_cache import CACHE_VERSION, cache_file, read_all
from clientexit._store import read_toml


def _parsed(paths: Paths) -> dict[str, dict]:
    return {p.stem: read_toml(p) for p in sorted(paths.clients.glob("*.toml"))}


def _listed(paths: Paths) -> dict[str, dict]:
    return {r.slug: r.data for r in clients.list_records(paths, include_archived=True)}


def test_cached_listing_equals_parsing_the_examples(examples_home: Path) -> None:
    paths = Paths(examples_home)
    first = _listed(paths)
    assert cache_file(examples_home).is_file()
    second = _listed(paths)
    assert first == second == _parsed(paths)
    # Types survive the JSON round trip, not only values.
    northwind = second["northwind-bakery"]
    assert type(northwind["started"]) is dt.date
    assert type(northwind["rate"]) is float


def test_a_hand_edit_is_seen_even_when_the_size_stays_the_same(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    path = paths.client_file("fjord-coffee")
    text = path.read_text(encoding="utf-8")
    edited = text.replace('contact = "Ingrid Solberg"', 'contact = "Ingrid Solbers"')
    assert len(edited) == len(text)
    stat = path.stat()
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert _listed(paths)["fjord-coffee"]["contact"] == "Ingrid Solbers"


def test_an_edit_that_restores_the_old_mtime_is_seen(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    path = paths.client_file("fjord-coffee")
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    # Same size, same inode, same mtime (as `cp -p` or an editor that keeps times would leave it).
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text.replace('contact = "Ingrid Solberg"', 'contact = "Ingrid Solbers"'))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (stat.st_mtime_ns, stat.st_ino)
    assert _listed(paths)["fjord-coffee"]["contact"] == "Ingrid Solbers"


def test_added_and_removed_files_are_seen(examples_home: Path) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    clients.create(paths, "Newcomer Ltd")
    paths.client_file("fjord-coffee").unlink()
    listed = _listed(paths)
    assert "newcomer-ltd" in listed
    assert "fjord-coffee" not in listed
    cached = json.loads(cache_file(examples_home).read_text(encoding="utf-8"))["files"]
    assert "fjord-coffee.toml" not in cached


def test_a_file_broken_after_caching_is_reported_not_served_from_the_cache(
    examples_home: Path,
) -> None:
    paths = Paths(examples_home)
    _listed(paths)
    paths.client_file("fjord-coffee").write_text("name = 'broken\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"fjord-coffee\.toml:1:"):
        clients.list_records(paths)


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"version": 99, "files": {}}', "\x00\xff"])
def test_a_damaged_cache_is_ignored_and_rebuilt(examples_home: Path, garbage: str) -> None:
    paths = Paths(examples_home)
    location = cache_file(examples_home)
    location.parent.mkdir(parents=True, exist_ok=True)
    location.write_text(garbage, encoding="utf-8", errors="surrogateescape")
    assert _listed(paths) == _parsed(paths)
    assert json.loads(location.read_text(encoding="utf-8"))["version"] == CACHE_VERSION


def test_a_read_only_folder_still_lists(examples_home: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("clientexit._record_cache.atomic_write_text", refuse)
    assert _listed(Paths(examples_home)) == _parsed(Paths(examples_home))


_keys = st.text(min_size=1, max_size=8)
_scalars = (
    st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.booleans()
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(dt.UTC))
    | st.times()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_keys, _values, max_size=5))
def test_any_toml_content_round_trips_through_the_cache(tmp_path: Path, table: dict) -> None:
    import tomlkit

    folder = tmp_path / "clients"
    folder.mkdir(exist_ok=True)
    doc = {"schema_version": 1, "data": table}
    (folder / "x.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")
    expected = read_toml(folder / "x.toml")
    cache_file(tmp_path).unlink(missing_ok=True)
    assert read_all(tmp_path, folder, lambda stem: True)[0][1] == expected
    assert read_all(tmp_path, folder, lambda stem: True)[0][1] == expected


def test_a_file_is_checked_once_per_change_not_on_every_listing(
    examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.record import invoices

    paths = Paths(examples_home)
    _listed(paths)
    checked: list[str] = []
    real = invoices.check
    monkeypatch.setattr(
        invoices, "check", lambda data, source: (checked.append(data["name"]), real(data, source))
    )
    _listed(paths)
    assert checked == []
    path = paths.client_file("fjord-coffee")
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _listed(paths)
    assert checked == ["Fjord Coffee Roasters"]


def test_a_bad_invoice_is_never_served_from_the_cache(examples_home: Path) -> None:
    paths = Paths(examples_home)
    path = paths.client_file("fjord-coffee")
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[invoices]]\nnumber = "X-1"\namount = "lots"\n',
        encoding="utf-8",
    )
    for _ in range(2):  # the second listing would come from the cache if the file had been cached
        broken: list[DataFileError] = []
        listed = {r.slug for r in clients.list_records(paths, broken=broken)}
        assert "fjord-coffee" not in listed
        assert [str(e) for e in broken] and "fjord-coffee.toml" in str(broken[0])
