"""Issue 24: a user template cannot build gigabytes. str.format with a nested width, join,
replace, ~, + and repetition are checked before the value is built; anything else that grows
past the render's memory ceiling (Linux) is stopped by it. Each a one-line error naming the
template (exit 4), nothing recorded; ordinary uses still work."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

LETTER = ("letter", "northwind-bakery", "-t", "general", "--no-cooldown")
BIG = '"x" * 100000'


def _template(home: Path, body: str) -> Path:
    folder = home / "templates" / "letters" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "general.txt.j2"
    path.write_text(f"Subject: Hello\n\n{body}\n", encoding="utf-8")
    return path


def _client_file(home: Path) -> bytes:
    return (home / "clients" / "northwind-bakery.toml").read_bytes()


def _refused(cli, home: Path, body: str) -> str:
    template = _template(home, body)
    before = _client_file(home)
    started = time.monotonic()
    result = cli(*LETTER)
    assert time.monotonic() - started < 20
    assert result.exit_code == 4, (result.exit_code, result.stdout[:200], result.stderr)
    error = result.stderr.strip()
    assert error.startswith(f"clientexit: error: {template}"), error
    assert "\n" not in error and "refused" in error, error
    assert _client_file(home) == before  # no letter recorded
    return error


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{{ "{0:{1}}".format("x", 10**9) }}', "a width of 1,000,000,000"),
        ('{{ "{0:>{1}}".format("x", 123456789) }}', "a width of 123,456,789"),
        ('{{ "{0:{1}}".format("x", "999999999") }}', "a width of 999,999,999"),
        ('{{ "{0:.{1}f}".format(1.5, 10**6) }}', "a width of 1,000,000"),
        ('{{ "{a:{b}}".format_map({"a": "x", "b": 10**9}) }}', "a width of 1,000,000,000"),
        ('{{ "{a:{b}}".format(a="x", b=10**9) }}', "a width of 1,000,000,000"),
        (f'{{{{ ({BIG}).join(["y"] * 100000) }}}}', "join would make a text of 10,000,000,000"),
        (f"{{{{ ([{BIG}] * 100000) | join }}}}", "join would make a text of 10,000,000,000"),
        (f'{{{{ ([{BIG}] * 20) | join("-") }}}}', "join would make a text of 2,000,019"),
        (f'{{{{ ({BIG}) | replace("x", "yy" * 50000) }}}}', "replace would make a text of"),
        (f'{{{{ ({BIG}).replace("x", "y" * 100000) }}}}', "replace would make a text of"),
        (f'{{{{ ({BIG}).replace("", "y" * 100) }}}}', "replace would make a text of"),
        (
            f"{{% set ns = namespace(s={BIG}) %}}{{% for i in range(40) %}}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "~ would make a text of",
        ),
        (
            "{{ " + " ~ ".join([BIG] * 10 + ["1"]) + " }}",
            "~ would make",
        ),
        (
            f"{{% set ns = namespace(s={BIG}) %}}{{% for i in range(40) %}}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "+ would make a text of",
        ),
        (
            "{% set ns = namespace(s=[1] * 99999) %}{% for i in range(40) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "+ would make a text of",
        ),
        ('{{ "ab" * 10**6 }}', "100,000"),
        ('{{ ["ab"] * 10**6 }}', "100,000"),
    ],
)
def test_a_template_building_a_huge_value_is_refused_before_building_it(
    cli, examples_home: Path, body: str, says: str
) -> None:
    assert says in _refused(cli, examples_home, body)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize(
    "body",
    [
        f"{{{{ ([{BIG}] * 100000) | string | length }}}}",
        f"{{{{ ([{BIG}] * 100000) | tojson | length }}}}",
        f'{{{{ "%s" % ([{BIG}] * 100000) }}}}',
    ],
)
@pytest.mark.slow
def test_what_no_check_knows_is_stopped_by_the_memory_ceiling(
    cli, examples_home: Path, body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import resource

    from clientexit.letters import render
    from clientexit.letters.render import MAX_RENDER_BYTES

    # The memory ceiling is what this test is about: on a loaded machine the time limit could
    # stop the render first, so it is lifted here (the time limit has its own tests).
    monkeypatch.setattr(render, "MAX_SECONDS", 60.0)
    limit = resource.getrlimit(resource.RLIMIT_AS)
    error = _refused(cli, examples_home, body)
    assert f"rendering needs more than {MAX_RENDER_BYTES // 2**20:,} MB of memory" in error
    # The ceiling is lifted after the render: the process can allocate again.
    assert resource.getrlimit(resource.RLIMIT_AS) == limit
    assert len(bytearray(300 * 2**20)) == 300 * 2**20


def test_ordinary_joins_replaces_and_formats_still_work(cli, examples_home: Path) -> None:
    _template(
        examples_home,
        '[{{ "a" ~ "b" ~ 1 }}] [{{ ["a", "b"] | join(", ") }}] [{{ ", ".join(["c", "d"]) }}] '
        '[{{ "abc" | replace("b", "X") }}] [{{ "abc".replace("c", "Y") }}] '
        '[{{ "{0:>{1}}".format("x", 3) }}] [{{ "ab" + "cd" }}] [{{ ([1] + [2]) | length }}] '
        '[{{ ("x" * 1000) | replace("x", "yy") | length }}]',
    )
    result = cli(*LETTER)
    assert result.exit_code == 0, result.stderr
    assert "[ab1] [a, b] [c, d] [aXc] [abY] [  x] [abcd] [2] [2000]" in result.stdout
