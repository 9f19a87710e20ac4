"""Issue 15: printing never undoes or duplicates a saved change. A command whose write succeeded
exits 0 even if stdout is closed or cannot encode the text; a letter printed to stdout is
recorded only once it was printed; --json never prints NaN or Infinity."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

SLUG = "fjord-coffee"


def _run(home: Path, shell_tail: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    command = " ".join([sys.executable, "-m", "clientexit", *(f"'{a}'" for a in args)])
    return subprocess.run(
        f"{command} {shell_tail}",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "CLIENTEXIT_HOME": str(home), **env},
        timeout=60,
    )


def _incidents(home: Path) -> list[str]:
    data = tomllib.loads((home / "clients" / f"{SLUG}.toml").read_text(encoding="utf-8"))
    return [i["text"] for i in data.get("incidents", [])]


@pytest.mark.parametrize("tail", [">&-", ">&- 2>&-"])
def test_a_saved_change_exits_0_with_stdout_closed(examples_home: Path, tail: str) -> None:
    result = _run(examples_home, tail, "log", SLUG, "add", "Asked for the fifth revision")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _incidents(examples_home).count("Asked for the fifth revision") == 1


def test_a_terminal_that_cannot_encode_the_text_still_exits_0(examples_home: Path) -> None:
    result = _run(
        examples_home, "", "log", SLUG, "add", "Çağrı asked for € 5", PYTHONIOENCODING="ascii"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _incidents(examples_home).count("Çağrı asked for € 5") == 1
    shown = _run(examples_home, "", "log", SLUG, "list", "--json", PYTHONIOENCODING="ascii")
    assert shown.returncode == 0
    assert "Çağrı asked for € 5" in [row["text"] for row in json.loads(shown.stdout)]


def test_a_letter_that_could_not_be_printed_is_not_recorded(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    path = examples_home / "clients" / f"{SLUG}.toml"
    before = path.read_bytes()

    def broken_echo(*args: object, **kwargs: object) -> None:
        if not kwargs.get("err"):
            raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(typer, "echo", broken_echo)
        result = cli("letter", SLUG, "-t", "follow-up")
    assert result.exit_code == 1
    assert path.read_bytes() == before  # nothing recorded: a retry will not record it twice
    assert cli("letter", SLUG, "-t", "follow-up").exit_code == 0
    letters = tomllib.loads(path.read_text(encoding="utf-8"))["letters"]
    assert [entry["type"] for entry in letters] == ["follow-up"]


def test_json_never_prints_nan_or_infinity(capsys: pytest.CaptureFixture[str]) -> None:
    from clientexit.cli._common import emit_json

    emit_json({"rate": float("nan"), "rows": [float("inf"), -float("inf"), 1.5]})
    emit_json(iter([{"a": float("nan")}]))
    out = capsys.readouterr().out
    assert "NaN" not in out and "Infinity" not in out
    first, second = out.splitlines()
    assert json.loads(first) == {"rate": None, "rows": [None, None, 1.5]}
    assert json.loads(second) == [{"a": None}]


HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example\x07click\x1b]8;;\x07"


def test_no_control_character_from_a_hand_edited_file_reaches_the_terminal(
    examples_home: Path,
) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    escaped = HOSTILE.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    text += f'\n[[incidents]]\ndate = 2026-11-01\nkind = "scope"\ntext = "{escaped}"\n'
    text += f'ref = "{escaped}"\n'
    path.write_text(text, encoding="utf-8")
    for args in (("log", SLUG, "list"), ("clients",), ("log", SLUG, "list", "--json")):
        result = _run(examples_home, "", *args)
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
    shown = _run(examples_home, "", "log", SLUG, "list").stdout
    assert "click" in shown  # the text is shown, only without its control characters


@pytest.mark.parametrize(
    "args",
    [
        ("log", SLUG, "add", f"Asked again {HOSTILE}"),
        ("log", SLUG, "add", "Asked again", "--ref", HOSTILE),
        ("client", "set", SLUG, f"notes=Hi {HOSTILE}"),
        ("client", "set", SLUG, f"project=Shop{HOSTILE}"),
        ("client", "set", SLUG, f"contact=Ingrid{HOSTILE}"),
        ("client", "set", SLUG, f"favourite_colour=blue{HOSTILE}"),
        ("handover", SLUG, "--note", "access-ownership", f"Moved {HOSTILE}"),
        (
            "invoice",
            SLUG,
            "add",
            f"I-{HOSTILE}",
            "10",
            "--issued",
            "2026-11-01",
            "--due",
            "2026-12-01",
        ),
        ("end", SLUG, "--by", "me", "--reason", f"Done {HOSTILE}"),
    ],
)
def test_control_characters_are_refused_on_input(cli, examples_home: Path, args: tuple) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    before = path.read_bytes()
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert "control character" in result.stderr
    assert path.read_bytes() == before


def test_a_control_character_written_by_hand_is_a_data_file_error(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8").replace(
        'contact = "Ingrid Solberg"', 'contact = "Ingrid\\u001b[2J"'
    )
    path.write_text(text, encoding="utf-8")
    result = cli("client", "show", SLUG)
    assert result.exit_code == 4
    assert "contact" in result.stderr and "control characters" in result.stderr


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, tab\tand newline\n", "plain text, tab\tand newline\n"),
        ("clear\x1b[2Jscreen", "clear[2Jscreen"),
        ("cléar\x1b[2Jscreen", "cléar[2Jscreen"),
        ("\x1b[1mbold\x1b[0m kept", "\x1b[1mbold\x1b[0m kept"),
        ("bell\x07 del\x7f nul\x00", "bell del nul"),
        ("título \u202eevil\u202c ok", "título evil ok"),
        ("café \x9b31m", "café 31m"),
        ('{"name": "Zelená \x1b]0;title\x07"}', '{"name": "Zelená ]0;title"}'),
    ],
)
def test_harmless_strips_controls_in_ascii_and_other_text_alike(text: str, shown: str) -> None:
    from clientexit.cli._common import harmless

    # ASCII text takes a faster path than the rest: both must strip the same.
    assert harmless(text) == shown
