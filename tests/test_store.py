"""Writes are atomic and locked, hand edits survive, broken files are reported and left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit._store import atomic_write_text, edit_toml, read_toml


@pytest.mark.slow
def test_twenty_processes_setting_different_keys_all_take_effect(home: Path) -> None:
    clients.create(Paths(home), "Acme Ltd")
    env = {**os.environ, "CLIENTEXIT_HOME": str(home)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "clientexit", "client", "set", "acme-ltd", f"key_{i}=value {i}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    custom = clients.load(Paths(home), "acme-ltd").data["custom"]
    assert custom == {f"key_{i}": f"value {i}" for i in range(20)}


def test_hand_written_comments_and_layout_survive_an_update(home: Path, cli) -> None:
    paths = Paths(home)
    record = clients.create(paths, "Acme Ltd", {"contact": "Jo"})
    text = record.path.read_text(encoding="utf-8")
    edited = (
        "# Acme: met at the 2024 trade fair; be gentle.\n"
        + text.replace('contact = "Jo"', 'contact = "Jo"   # prefers phone calls')
        + "\n[my_stuff]\n# anything of mine\nmood = 'fine'\n"
    )
    record.path.write_text(edited, encoding="utf-8")

    result = cli("client", "set", "acme-ltd", "rate=95", "contact=Jo Smith")
    assert result.exit_code == 0, result.stderr

    after = record.path.read_text(encoding="utf-8")
    assert after.startswith("# Acme: met at the 2024 trade fair; be gentle.\n")
    assert "# prefers phone calls" in after
    assert "# anything of mine\nmood = 'fine'" in after
    assert 'contact = "Jo Smith"' in after
    assert "rate = 95.0" in after


BROKEN = 'schema_version = 1\nname = "Acme Ltd"\nrate = = 95\n# keep me\n'


def test_a_corrupt_client_file_is_reported_with_line_and_never_overwritten(home: Path, cli) -> None:
    record = clients.create(Paths(home), "Acme Ltd")
    record.path.write_bytes(BROKEN.encode())
    before = record.path.read_bytes()

    for args in (("client", "set", "acme-ltd", "rate=90"), ("client", "show", "acme-ltd")):
        result = cli(*args)
        assert result.exit_code == 4
        line = result.stderr.strip()
        assert "\n" not in line
        assert f"{record.path}:3:" in line
        assert "unchanged" in line
        assert "Traceback" not in result.output
        assert record.path.read_bytes() == before


def test_a_corrupt_config_is_reported(home: Path, cli) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text("name = 'Maya\n", encoding="utf-8")
    before = (home / "config.toml").read_bytes()
    result = cli("init", "--rate", "90", "--yes")
    assert result.exit_code == 4
    assert "config.toml:1:" in result.stderr
    assert (home / "config.toml").read_bytes() == before


def test_a_file_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("schema_version = 99\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="schema_version 99"):
        read_toml(path)
    with pytest.raises(DataFileError), edit_toml(path) as doc:
        doc["x"] = 1
    assert path.read_text(encoding="utf-8") == "schema_version = 99\n"


def test_an_exception_inside_an_edit_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("schema_version = 1\na = 1\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), edit_toml(path) as doc:
        doc["a"] = 2
        raise KeyboardInterrupt
    assert read_toml(path)["a"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_atomic_write_leaves_no_temp_file_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    atomic_write_text(path, "new ✓")
    assert path.read_text(encoding="utf-8") == "new ✓"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".f.toml.lock")) == [
        "f.toml"
    ]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.toml"
    path.write_text("old", encoding="utf-8")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.glob("*.tmp")) == []


def test_an_unclosed_value_points_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('schema_version = 1\nname = "ok"\nnotes = """never closed\nmore\n', "utf-8")
    with pytest.raises(DataFileError) as info:
        read_toml(path)
    assert f"{path}:4:5:" in info.value.message
    assert "end of the file" in info.value.message


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.text(alphabet="ab=[]{}.\"'\n 1-:T#,", max_size=40),
        st.sampled_from(
            [
                'name = "Acme"\n[[invoices]]\nnumber = "1"\namount = 10.5\ndue = 2026-01-31\n',
                "a = 1979-05-27T07:32:00Z\nb = [1, 2.5, true]\nc = {x = 'y'}\n",
                "a = 1\na = 2\n",
                'x = "\\e"\n',  # an escape of TOML 1.1: refused, as tomllib and tomlkit do
                "t = { a = 1,\n b = 2 }\n",  # a line break in an inline table: TOML 1.1 only
            ]
        ),
    )
)
def test_a_file_reads_as_tomllib_reads_it(tmp_path: Path, text: str) -> None:
    """Reads go through tomli (compiled, faster): the same values as tomllib, and a file
    tomllib refuses is refused, at the same line and column."""
    import tomllib

    path = tmp_path / "client.toml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(DataFileError) as raised:
            read_toml(path)
        where = str(exc).rpartition("(at ")[2]
        if where.startswith("line"):
            line, column = where.removeprefix("line ").rstrip(")").split(", column ")
            assert str(raised.value).startswith(f"{path}:{line}:{column}: not valid TOML")
        return
    if "schema_version" in expected:
        return
    assert read_toml(path) == expected
