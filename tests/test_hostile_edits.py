"""Issue 15: nothing a hand edit or a hostile value can do corrupts a file. A client file that
writes its lists or tables inline is still valid TOML, with everything in it, after every command
that adds to it; a read-only or special file is refused, never replaced."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

SLUG = "fjord-coffee"
INLINE = {
    "incidents": "incidents = []",
    "letters": "letters = []",
    "assessments": "assessments = []",
    "invoices": 'invoices = [ { number = "I-1", amount = 100.0, issued = 2026-10-01, '
    "due = 2026-10-31 } ]",
    "handover": "handover = { items = {} }",
}
# fmt: off
COMMANDS = {
    "log": ("log", SLUG, "add", "Asked for a fourth round of changes"),
    "invoice": ("invoice", SLUG, "add", "I-9", "100", "--issued", "2026-11-01",
                "--due", "2026-12-01"),
    "letter": ("letter", SLUG, "-t", "thank-you", "--no-cooldown", "--set", "highlight=launch",
               "--out", "LETTER"),
    "assess": ("assess", SLUG, "--answers", "ANSWERS"),
    "handover": ("handover", SLUG, "--done", "money-final-invoice"),
}
# fmt: on


def _inline_file(home: Path, key: str) -> Path:
    """The example client with its own [[key]] sections removed and ``key`` written inline."""
    path = home / "clients" / f"{SLUG}.toml"
    kept: list[str] = []
    skipping = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            skipping = line.strip("[] ").split(".")[0] == key
        if not skipping:
            kept.append(line)
    header = [line for line in kept if not line.startswith("[")]
    lines = kept[: len(header)] if all(not x.startswith("[") for x in kept) else kept
    first_table = next((i for i, x in enumerate(lines) if x.startswith("[")), len(lines))
    lines.insert(first_table, INLINE[key])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert key in tomllib.loads(path.read_text(encoding="utf-8"))
    return path


@pytest.mark.parametrize("key", INLINE)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_inline_list_or_table_stays_valid_toml_after_every_edit(
    cli, examples_home: Path, examples: Path, tmp_path: Path, key: str, command: str
) -> None:
    path = _inline_file(examples_home, key)
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    args = [
        str(tmp_path / "letter.txt") if a == "LETTER"
        else str(examples / "answers" / f"{SLUG}.toml") if a == "ANSWERS"
        else a
        for a in COMMANDS[command]
    ]  # fmt: skip
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    after = tomllib.loads(path.read_text(encoding="utf-8"))  # still TOML
    for name, value in before.items():  # nothing lost
        if isinstance(value, list):  # each entry kept, with the stable id it may have gained
            kept = [{k: v for k, v in e.items() if k != "id"} for e in after[name][: len(value)]]
            assert kept == value
        elif name not in ("status", "handover"):
            assert after[name] == value, name
    assert cli("clients").exit_code == 0


def test_an_edit_that_would_not_read_back_is_refused(tmp_path: Path) -> None:
    import tomlkit

    from clientexit._errors import DataFileError
    from clientexit._store import edit_toml

    path = tmp_path / "x.toml"
    text = 'name = "x"\nthings = [ { a = 1 } ]\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="left the file unchanged"), edit_toml(path) as doc:
        doc["things"].append(tomlkit.table().add("b", 2))  # renders as invalid TOML
    assert path.read_text(encoding="utf-8") == text


def test_a_read_only_client_file_is_refused_not_replaced(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    text = path.read_bytes()
    inode = path.stat().st_ino
    path.chmod(0o444)
    result = cli("log", SLUG, "add", "A note")
    assert result.exit_code == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == text and path.stat().st_ino == inode
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_fifo_where_config_should_be_is_an_error_not_a_hang(cli, examples_home: Path) -> None:
    config = examples_home / "config.toml"
    config.unlink()
    os.mkfifo(config)
    result = cli("letter", SLUG, "-t", "thank-you", "--no-cooldown")
    assert result.exit_code == 4
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(config.stat().st_mode)


def test_a_fifo_where_the_cache_is_does_not_hang_a_list(cli, examples_home: Path) -> None:
    from clientexit._record_cache import cache_file

    cache = cache_file(examples_home)
    cache.parent.mkdir(exist_ok=True)
    cache.unlink(missing_ok=True)
    os.mkfifo(cache)
    result = cli("clients")
    assert result.exit_code == 0
    assert "Fjord Coffee Roasters" in result.stdout


def test_a_symlink_loop_in_clients_is_one_warning_not_an_empty_list(
    cli, examples_home: Path
) -> None:
    loop = examples_home / "clients" / "loop.toml"
    loop.symlink_to(loop)
    result = cli("clients")
    assert result.exit_code == 4
    assert "Fjord Coffee Roasters" in result.stdout
    assert result.stderr.count("warning") == 1 and "loop.toml" in result.stderr


def test_an_unreadable_client_file_is_one_warning(cli, examples_home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    (examples_home / "clients" / "tidewater-yoga.toml").chmod(0)
    result = cli("clients")
    assert result.exit_code == 4
    assert "Fjord Coffee Roasters" in result.stdout
    assert "tidewater-yoga.toml: permission denied" in result.stderr


def test_a_file_without_a_final_newline_stays_toml_after_two_appends(
    cli, examples_home: Path
) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    assert cli("log", SLUG, "add", "First").exit_code == 0
    assert cli("log", SLUG, "add", "Second").exit_code == 0
    incidents = tomllib.loads(path.read_text(encoding="utf-8"))["incidents"]
    assert [i["text"] for i in incidents][-2:] == ["First", "Second"]


@pytest.mark.parametrize(
    "args",
    [
        ("end", SLUG, "--by", "me", "--reason", "Moving on", "--date", "9999-12-31"),
        ("end", SLUG, "--by", "me", "--reason", "Moving on", "--date", "0001-01-01"),
        ("churn", "--period", "9999"),
        ("letter", SLUG, "-t", "general", "--end-date", "9999-12-31"),
        ("invoice", SLUG, "add", "I-7", "10", "--issued", "0001-01-01", "--due", "2026-12-01"),
    ],
)
def test_implausible_dates_are_refused_with_a_clear_message(
    cli, examples_home: Path, args: tuple[str, ...]
) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    before = path.read_bytes()
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert "outside the dates clientexit works with" in result.stderr
    assert path.read_bytes() == before


def test_an_implausible_clientexit_today_is_refused(cli, examples_home: Path) -> None:
    result = cli("clients", env={"CLIENTEXIT_TODAY": "9999-12-31"})
    assert result.exit_code == 2
    assert "CLIENTEXIT_TODAY 9999-12-31 is outside" in result.stderr


def test_turkish_i_spellings_are_one_client(cli, home: Path) -> None:
    assert cli("client", "add", "Işık").exit_code == 0
    for spelling in ("IŞIK", "ışık", "işık"):
        result = cli("client", "add", spelling)
        assert result.exit_code == 2 and "already exists" in result.stderr
        assert cli("client", "show", spelling).exit_code == 0
