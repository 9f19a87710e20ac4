"""The README tells the truth about the app: every command it shows exists, every time it quotes is
dated (a figure without a date cannot be re-checked, and goes stale unnoticed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from clientexit.cli import app
from clientexit.cli._grammar import ClientGroup

README = Path(__file__).resolve().parent.parent / "README.md"

_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"`([^`\n]+)`")
# `clientexit` as a program name: at the start, after a space, a bracket, a prompt or bin/ (not
# inside a path such as ~/.local/share/clientexit).
_PROGRAM = re.compile(r"(?:^|(?<=[\s(`$])|(?<=bin/))clientexit[ \t]+([^\n#&|;`)]*)")
_WORD = re.compile(r"[a-z][a-z-]*")
_OPTIONS_WITH_VALUE = ("--home",)

# A limit the code sets ("more than 3 seconds", "at most 60 ms") is no measurement: it is left out.
_TIME = re.compile(
    r"(?<!more than )(?<!at most )(?<![\d.,])"
    r"\d[\d,]*(?:\.\d+)?(?:[-–]\d+(?:\.\d+)?)?[ \t\u00a0]?(?:ms|s|seconds?|minutes?)\b"
    r"|(?<![\d.,])\d+(?:\.\d+)?[ \t\u00a0]?×"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\bon (?:[A-Z][a-z]+ )?\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b"
)


def shown_commands(text: str) -> list[list[str]]:
    """Every ``clientexit COMMAND [SUB [ACTION]]`` in the code blocks, inline code and command
    table of ``text``, as lists of words: the command, then each word that may name a
    sub-command (the third: a client group's action, ``invoice CLIENT add``)."""
    found: list[list[str]] = []
    code = [_command_lines(block) for block in _FENCE.findall(text)]
    code += _INLINE.findall(_FENCE.sub("", text))
    for piece in code:
        for match in _PROGRAM.finditer(piece):
            words = _words(match.group(1))
            if words:
                found.append(words[:3])
    found += _table_commands(text)
    return found


def _command_lines(block: str) -> str:
    """The command lines of a fenced block, comments left out: every line of a shell block; in
    any other block (a program's output, a folder listing) the lines after a `$ ` prompt or a
    "Next:", and inline code."""
    lines = block.splitlines()[1:-1]
    shell = block.splitlines()[0].strip("`").strip() in ("", "bash", "sh", "shell", "console")
    kept = [
        line
        for line in lines
        if shell or line.startswith("$ ") or line.lstrip().startswith("Next: ")
    ]
    if not shell:
        kept += _INLINE.findall(block)
    return "\n".join(re.sub(r"(?:^|\s)#.*", "", line) for line in kept)


def _words(command_line: str) -> list[str]:
    """The words after the program name, global options and their values left out."""
    words: list[str] = []
    skip = False
    for token in command_line.split():
        if skip:
            skip = False
        elif token in _OPTIONS_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            words.append(token)
    if not words or not _WORD.fullmatch(words[0]):
        return []
    return words


def _table_commands(text: str) -> list[list[str]]:
    """The first column of the "## Commands" table: `client add / list / show` gives client add,
    client list and client show; `rates [update]` gives rates update."""
    section = re.search(r"^## Commands\n(.*?)(?=^## )", text, re.M | re.S)
    if section is None:
        return []
    found: list[list[str]] = []
    for line in section.group(1).splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        first_cell = line.split("|")[1]
        for span in _INLINE.findall(first_cell):
            head, _, rest = span.partition(" ")
            if not _WORD.fullmatch(head):
                continue
            subs = [part.strip(" []").split(" ")[0] for part in rest.split("/")] if rest else []
            found.append([head])
            found += [[head, sub] for sub in subs if _WORD.fullmatch(sub)]
    return found


def missing_commands(text: str, root: TyperGroup) -> list[str]:
    """The commands shown in ``text`` that ``root`` does not have (hidden aliases count). A word
    after a group's name must be one of its sub-commands, unless the group takes a first word
    that is no sub-command as its default's argument (`hours CLIENT` is `hours show CLIENT`);
    after a client group's CLIENT (`invoice CLIENT ACTION`), the action must be one of its
    sub-commands."""
    missing: list[str] = []
    for words in shown_commands(text):
        command = root.commands.get(words[0])
        if command is None:
            missing.append(words[0])
            continue
        if len(words) < 2 or not isinstance(command, TyperGroup):
            continue
        sub = words[1]
        if isinstance(command, ClientGroup):
            missing += _missing_actions(command, words)
            continue
        if not _WORD.fullmatch(sub) or sub in command.commands:
            continue
        if type(command).parse_args is typer.core.TyperGroup.parse_args:
            missing.append(f"{words[0]} {sub}")
    return sorted(set(missing))


def _missing_actions(group: ClientGroup, words: list[str]) -> list[str]:
    """``invoice CLIENT ACTION`` with an ACTION that is no sub-command of the group (hidden ones
    count); ``invoice import FILE`` takes no client. Without an action, the old form lists
    (``invoice CLIENT``); a quoted text after ``log CLIENT`` is no word and is left alone."""
    if words[1] in group.ROUTED or len(words) < 3:
        return []
    action = words[2]
    if not _WORD.fullmatch(action) or action in group.commands:
        return []
    return [" ".join(words[:3])]


def undated_times(text: str) -> list[str]:
    """Each figure of time (N s, N ms, N minutes, N×) whose paragraph, table or code block carries
    no date (YYYY-MM-DD, or "on Friday 4 December 2026")."""
    undated: list[str] = []
    for block in _blocks(text):
        if _DATE.search(block):
            continue
        undated += [match.group(0) for match in _TIME.finditer(block)]
    return undated


def _blocks(text: str) -> list[str]:
    """Paragraphs (split at blank lines) and fenced code blocks, each whole; a table is one
    paragraph."""
    blocks = _FENCE.findall(text)
    prose = _FENCE.sub("\n\n", text)
    return blocks + [part for part in re.split(r"\n[ \t]*\n", prose) if part.strip()]


ROOT = typer.main.get_command(app)
assert isinstance(ROOT, TyperGroup)


def test_every_command_in_the_readme_exists() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(shown_commands(text)) > 40
    assert missing_commands(text, ROOT) == []


def test_a_made_up_command_in_the_readme_is_caught() -> None:
    text = README.read_text(encoding="utf-8")
    made_up = text.replace("$ clientexit clients\n", "$ clientexit frobnicate\n", 1)
    assert made_up != text
    assert missing_commands(made_up, ROOT) == ["frobnicate"]
    in_table = text.replace("| `init` |", "| `initialise` |", 1)
    assert in_table != text
    assert missing_commands(in_table, ROOT) == ["initialise"]


def test_the_checker_reads_code_blocks_inline_code_and_the_table() -> None:
    text = (
        "Run `clientexit assess acme` or `clientexit --home /tmp/x letter acme`.\n\n"
        "```bash\n$ .venv/bin/clientexit client add Acme   # note\n"
        "git -C ~/.local/share/clientexit remote add origin x && clientexit sync\n```\n\n"
        "```text\nTwo clientexit processes take turns.\nNext: clientexit undo\n```\n\n"
        "## Commands\n\n| command | what |\n|---|---|\n"
        "| `templates list / show` | the templates |\n| `rates [update]` | rates |\n\n## Next\n"
    )
    assert shown_commands(text) == [
        ["client", "add", "Acme"],
        ["sync"],
        ["undo"],
        ["assess", "acme"],
        ["letter", "acme"],
        ["templates"],
        ["templates", "list"],
        ["templates", "show"],
        ["rates"],
        ["rates", "update"],
    ]
    assert missing_commands(text, ROOT) == []


def test_the_checker_names_unknown_commands_and_sub_commands() -> None:
    assert missing_commands("`clientexit frobnicate acme`", ROOT) == ["frobnicate"]
    assert missing_commands("`clientexit client frobnicate`", ROOT) == ["client frobnicate"]
    # `hours acme` is `hours show acme`: a client, not a sub-command.
    assert missing_commands("`clientexit hours acme`", ROOT) == []


def test_the_checker_names_a_client_groups_unknown_action() -> None:
    assert missing_commands("`clientexit invoice acme frobnicate`", ROOT) == [
        "invoice acme frobnicate"
    ]
    assert missing_commands("`clientexit deliverable acme finish 1`", ROOT) == [
        "deliverable acme finish"
    ]
    assert missing_commands("`clientexit --home /x log acme lst --json`", ROOT) == ["log acme lst"]
    assert missing_commands("`clientexit invoice acme add 2026-058 100`", ROOT) == []
    # Every action of the three groups, the ones hidden from --help included, and the old forms.
    shown = [
        "invoice acme list",
        "invoice acme paid 7",
        "invoice acme pay 7 100",
        "invoice acme remove 7",
        "deliverable acme done 1",
        "log acme add x",
        "log acme remove 1",
        "invoice acme",
        'log acme "Called twice"',
        "invoice import export.csv",
        "invoice --json acme list",
    ]
    assert missing_commands(" ".join(f"`clientexit {line}`" for line in shown), ROOT) == []
    # An alias hidden from --help is a command all the same.
    small = typer.Typer()
    small.command("shown")(lambda: None)
    small.command("alias", hidden=True)(lambda: None)
    small_root = typer.main.get_command(small)
    assert isinstance(small_root, TyperGroup)
    assert missing_commands("`clientexit alias` or `clientexit shown`", small_root) == []
    assert missing_commands("`clientexit other`", small_root) == ["other"]
    assert missing_commands("`clientexit status`", ROOT) == []
    # Prose is not a command line.
    assert missing_commands("clientexit helps freelancers", ROOT) == []


def test_every_time_in_the_readme_is_dated() -> None:
    assert undated_times(README.read_text(encoding="utf-8")) == []


def test_the_date_checker_on_small_texts() -> None:
    assert undated_times("The suite takes 90 s.") == ["90 s"]
    assert undated_times("Start-up is 1.4× bare python;\nimport 25-39 ms.") == ["1.4×", "25-39 ms"]
    assert undated_times("Under two minutes, 3 minutes at most.") == ["3 minutes"]
    assert undated_times("Measured on 2026-12-04: 90 s.") == []
    assert undated_times("Measured on Friday 4 December 2026: 90 s.") == []
    assert undated_times("Measured on 4 December 2026: 90 s.") == []
    # The date must be in the same paragraph.
    assert undated_times("Measured on 2026-12-04.\n\nThe suite takes 90 s.") == ["90 s"]
    table = "| run | time |\n|---|---|\n| 2026-12-04 | 12 s |\n"
    assert undated_times(table) == []
    # A limit the code enforces is no measurement.
    assert undated_times("Never more than 30 seconds; a commit at most 60 ms.") == []
    assert undated_times("It took 3 seconds.") == ["3 seconds"]
    # Not a time: days, hours, a multiplication in a formula.
    assert undated_times("Notice of 14 days; 4 h 40 min; lost ÷ gained × 100.") == []


def _suite_counts(text: str) -> list[int]:
    """The test counts the README quotes ("ran 2,825 tests"), in order."""
    found = re.findall(r"\b(\d{1,2},\d{3}|\d{3,4})\s+tests\b", text)
    return [int(n.replace(",", "")) for n in found]


def test_the_count_reader_on_small_texts() -> None:
    assert _suite_counts("pytest ran 3,125 tests in 127 s; then 2,938 tests.") == [3125, 2938]
    assert _suite_counts("the tests pass; 14 days") == []


@pytest.mark.slow
def test_the_readme_counts_of_tests_are_current() -> None:
    # Counts drift as tests are added: within a tenth of what pytest collects today.
    import subprocess
    import sys

    quoted = _suite_counts(README.read_text(encoding="utf-8"))
    assert len(quoted) >= 2, "the README quotes the whole suite's and the inner loop's counts"
    found = []
    collect = [sys.executable, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider"]
    for extra in ([], ["-m", "not slow"]):
        done = subprocess.run(
            [*collect, *extra],
            cwd=README.parent,
            capture_output=True,
            text=True,
        )
        counted = re.search(r"(\d+)(?:/\d+)? tests? (?:collected|selected)", done.stdout)
        assert counted, done.stdout[-500:]
        found.append(int(counted[1]))
    for said, real in zip(quoted[:2], found, strict=True):
        assert abs(said - real) <= real / 10, (said, real)
