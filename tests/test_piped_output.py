"""Listings sent to a pipe are plain lines: a header, then exactly one line per record, never a
table laid out by rich (whose layout, not the data, took seconds over a large book)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientexit.cli import plain


def _body(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    return lines[1:]  # after the header


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["clients"], "Client"),
        (["client", "list"], "Client"),
        (["followup", "--weeks", "8"], "Date"),
    ],
)
def test_a_piped_listing_is_one_line_per_record(
    cli, examples_home: Path, args: list[str], header: str
) -> None:
    records = json.loads(cli(*args, "--json").stdout)
    assert len(records) > 3
    result = cli(*args)
    assert result.exit_code == 0
    body = _body(result.stdout)
    assert result.stdout.splitlines()[0].startswith(header)
    assert len(body) == len(records)
    for record, line in zip(records, body, strict=True):
        assert record["name"] in line
        assert line == line.rstrip()
    assert "\x1b" not in result.stdout


def test_followup_in_a_pipe_keeps_the_date_the_overdue_mark_and_the_id_on_one_line(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTEXIT_TODAY", "2026-09-20")  # some items late, some ahead
    records = json.loads(cli("followup", "--weeks", "8", "--json").stdout)
    lines = _body(cli("followup", "--weeks", "8").stdout)
    late = [(r, line) for r, line in zip(records, lines, strict=True) if r["overdue"]]
    assert late
    for record, line in late:
        assert "(overdue)" in line and record["id"] in line and record["text"] in line
    on_time = [line for r, line in zip(records, lines, strict=True) if not r["overdue"]]
    assert on_time and not any("(overdue)" in line for line in on_time)


@pytest.mark.slow
def test_piped_listings_do_not_import_rich(examples_home: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from clientexit.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    for args in (["clients"], ["client", "list"], ["followup"]):
        env = {**os.environ}
        env.pop("FORCE_COLOR", None)
        done = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
        assert done.stderr.strip().splitlines()[-1] == "False", (args, done.stderr)


def test_columns_line_up_whatever_the_script() -> None:
    out = plain.lines(
        ("Client", "Owed"),
        [["Çağrı Yazılım", "1"], ["東京デザイン", "22"], ["Zelená Louka", "333"]],
        right={1},
    )
    assert out == [
        "Client         Owed",
        "Çağrı Yazılım     1",
        "東京デザイン     22",  # six wide characters take twelve columns
        "Zelená Louka    333",
    ]


def test_a_cell_never_breaks_its_line_and_no_line_ends_in_spaces() -> None:
    out = plain.lines(("A", "B", "C"), [["x", "two\nlines", ""], ["longer", "y", ""]])
    assert out == ["A       B          C", "x       two lines", "longer  y"]


def test_combining_marks_take_no_column() -> None:
    decomposed = "Zelene\u0301"  # é written as e + combining acute
    assert plain.width(decomposed) == 6
    assert plain.lines(("N", "X"), [[decomposed, "1"], ["abcdefg", "2"]])[1] == decomposed + "   1"


def test_a_long_listing_is_written_whole_in_slices_and_lined_up() -> None:
    import io

    # More lines than one write holds: every one comes out once, in order, aligned by the
    # widest cell anywhere in the listing (the last rows'), a repeated cell padded alike.
    rows = [[f"{n:05d}", "Acme" if n % 2 else "東京", "same text"] for n in range(9000)]
    rows.append(["99999", "A much longer client name", "last"])
    stream = io.StringIO()
    plain.print_lines(("N", "Client", "What"), rows, stream=stream, right={0})
    printed = stream.getvalue().split("\n")
    assert printed[-1] == "" and len(printed) == 1 + 9001 + 1
    assert printed[0] == "    N  Client                     What"
    assert printed[1] == "00000  東京                       same text"
    assert printed[2] == "00001  Acme                       same text"
    assert printed[9001] == "99999  A much longer client name  last"
    assert printed[1:-1] == plain.lines(("N", "Client", "What"), rows, right={0})[1:]


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
        ({"TTY_COMPATIBLE": "1"}, False, True),
    ],
)
def test_a_terminal_is_what_rich_calls_one(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool
) -> None:
    import io

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    for key in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("sys.stdout", Stream())
    assert plain.to_terminal() is expected


@pytest.mark.parametrize("count", [0, 1, 2, 1999, 2000, 2001, 4500])
def test_piped_json_written_in_slices_is_the_same_document(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import io

    from clientexit.cli._common import emit_json

    items = [
        {"client": f"c-{n}", "name": f"Çlient {n}", "due": dt.date(2026, 1, 1)}
        for n in range(count)
    ]
    expected = json.dumps(items, ensure_ascii=False, default=str) + "\n"
    for data in (items, iter(items), (item for item in items)):
        out = io.StringIO()
        monkeypatch.setattr("sys.stdout", out)
        emit_json(data)
        assert out.getvalue() == expected
