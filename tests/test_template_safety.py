"""Your own letter templates: they load only from the template folders, and whatever goes wrong
while rendering one is one line naming the file (exit 4), never a traceback or a huge string."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

LETTER = ("letter", "northwind-bakery", "-t", "general", "--no-cooldown")


def _template(home: Path, body: str, name: str = "general") -> Path:
    folder = home / "templates" / "letters" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt.j2"
    path.write_text(f"Subject: Hello\n\n{body}\n", encoding="utf-8")
    return path


def _client_file(home: Path) -> bytes:
    return (home / "clients" / "northwind-bakery.toml").read_bytes()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    return path


def _refused(result, template: Path, line: int = 3) -> str:
    assert result.exit_code == 4, (result.exit_code, result.stdout[:200], result.stderr)
    assert "Traceback" not in result.stderr
    error = result.stderr.strip()
    assert error.startswith(f"clientexit: error: {template}:{line}: "), error
    assert "\n" not in error
    return error


def test_an_absolute_include_cannot_read_a_file_elsewhere(
    cli, examples_home: Path, secret: Path
) -> None:
    before = _client_file(examples_home)
    template = _template(examples_home, f'{{% include "{secret}" %}}')
    result = cli(*LETTER)
    error = _refused(result, template)
    assert "TOP-SECRET" not in result.stdout + result.stderr
    assert "only files there can be included" in error
    assert _client_file(examples_home) == before


@pytest.mark.parametrize("tag", ["include", "import", "extends"])
def test_a_relative_path_out_of_the_folder_cannot_read_a_file(
    cli, examples_home: Path, secret: Path, tag: str
) -> None:
    folder = examples_home / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    relative = Path(os.path.relpath(secret, folder)).as_posix()
    assert relative.startswith("../")
    template = _template(examples_home, f'{{% {tag} "{relative}" %}}')
    result = cli(*LETTER)
    assert result.exit_code == 4
    assert "TOP-SECRET" not in result.stdout + result.stderr
    assert str(template) in result.stderr


def test_a_template_can_include_its_neighbours_and_the_built_in_ones(
    cli, examples_home: Path
) -> None:
    _template(examples_home, "Signed with care.", name="footer")
    _template(examples_home, '{% include "footer.txt.j2" %}\n{% include "thank-you.txt.j2" %}')
    result = cli(*LETTER, "--placeholders")
    assert result.exit_code == 0, result.stderr
    assert "Signed with care." in result.stdout
    assert "Subject: Thank you" in result.stdout  # the built-in thank-you letter, included


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{% for i in range(10**8) %}x{% endfor %}", "larger than 100,000"),
        ("{{ 1 / 0 }}", "division by zero"),
        ("{{ 1.5 ** 100000 }}", "out of range"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
        ("{{ (10**5000) | string }}", "integer string conversion"),
        ('{{ "{0:d}".format("x") }}', "Unknown format code"),
    ],
)
def test_any_error_while_rendering_is_one_line_naming_the_template(
    cli, examples_home: Path, body: str, says: str
) -> None:
    before = _client_file(examples_home)
    template = _template(examples_home, body)
    error = _refused(cli(*LETTER), template)
    assert says in error
    assert "Fix that line" in error
    assert _client_file(examples_home) == before  # no letter recorded


@pytest.mark.parametrize(
    "body",
    [
        '{{ "a" * 10**8 }}',
        '{{ 10**8 * "ab" }}',
        "{{ ([0] * 10**7) | length }}",
        "{{ 10 ** (10 ** 6) }}",
    ],
)
def test_a_huge_value_is_refused_before_it_is_built(cli, examples_home: Path, body: str) -> None:
    template = _template(examples_home, body)
    for _ in range(2):  # the second run loads the compiled template from the bytecode cache
        error = _refused(cli(*LETTER), template)
        assert "100,000" in error


def test_small_repetitions_still_work(cli, examples_home: Path) -> None:
    _template(examples_home, '{{ "-" * 20 }} {{ [1] * 3 }} {{ 2 ** 10 }} {{ 6 * 7 }}')
    result = cli(*LETTER)
    assert result.exit_code == 0, result.stderr
    assert f"{'-' * 20} [1, 1, 1] 1024 42" in result.stdout


def test_a_syntax_error_in_an_included_file_names_that_file(cli, examples_home: Path) -> None:
    included = _template(examples_home, "{% if %}", name="part")
    _template(examples_home, '{% include "part.txt.j2" %}')
    _refused(cli(*LETTER), included)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{{ "x" | center(10**9) }}', "1,000,000,000"),
        ('{{ "%999999999s" | format(1) }}', "999,999,999"),
        ('{{ "%*s" | format(10**9, 1) }}', "1,000,000,000"),
        ('{{ "%999999999s" % 1 }}', "999,999,999"),
        ('{{ "{:999999999}".format(1) }}', "999,999,999"),
        ('{{ "x".ljust(10**9) }}', "1,000,000,000"),
        ('{{ "x".rjust(width=10**9) }}', "1,000,000,000"),
        ('{{ "1".zfill(10**9) }}', "1,000,000,000"),
        ('{{ "x" | indent(10**9, true) }}', "1,000,000,000"),
        ("{{ lipsum(10**6) }}", "1,000,000"),
        ("{{ lipsum(5, false, 10**9, 10**9) }}", "1,000,000,000"),
        ("{% for a in range(10**9) %}{% endfor %}", "1,000,000,000"),
        ("{% for a in range(10**4) %}{% for b in range(10**4) %}{% endfor %}{% endfor %}", "items"),
        ('{% for a in range(10**4) %}{{ "x" * 99999 }}{% endfor %}', "characters"),
        (
            '{% set s = "x" * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}',
            "seconds",
        ),
    ],
)
@pytest.mark.slow
def test_a_template_asking_for_too_much_is_refused_within_seconds(
    cli, examples_home: Path, body: str, says: str
) -> None:
    import time

    template = _template(examples_home, body)
    before = _client_file(examples_home)
    started = time.monotonic()
    result = cli(*LETTER)
    assert time.monotonic() - started < 15
    assert result.exit_code == 4, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    error = result.stderr.strip()
    assert error.startswith(f"clientexit: error: {template}"), error
    assert "\n" not in error and "refused" in error and says in error, error
    assert _client_file(examples_home) == before  # no letter recorded


def test_ordinary_sizes_and_loops_still_work(cli, examples_home: Path) -> None:
    _template(
        examples_home,
        '[{{ "ab" | center(6) }}] {{ "%5s" | format(7) }} {{ "7".zfill(3) }} '
        '{{ "a".ljust(3) }}| {% for i in range(3) %}{{ i }}{% endfor %} {{ "{:>4}".format(1) }}',
    )
    result = cli(*LETTER)
    assert result.exit_code == 0, result.stderr
    assert "[  ab  ]     7 007 a  | 012    1" in result.stdout
