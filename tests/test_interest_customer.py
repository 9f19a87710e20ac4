"""interest for a client whose `customer` is not set (issue 18): a statutory claim is between
businesses only. On a terminal it asks and records the answer; off one it claims nothing, says
how to set it, and exits non-zero."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

SLUG = "ashgrove-print"
DOWN = "\x1b[B"


def _unset_customer(home: Path) -> Path:
    path = home / "clients" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    assert 'customer = "business"\n' in text
    path.write_text(text.replace('customer = "business"\n', ""), encoding="utf-8")
    return path


def test_off_a_terminal_nothing_is_claimed_and_the_fix_is_named(cli, examples_home: Path) -> None:
    path = _unset_customer(examples_home)
    before = path.read_bytes()
    result = cli("interest", SLUG)
    assert result.exit_code == 2 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert (
        "ashgrove-print is not recorded as a business, and statutory late-payment interest "
        "applies only between businesses: nothing is claimed until it is known."
    ) in said
    assert "clientexit client set ashgrove-print customer=business" in said
    assert "Traceback" not in result.stderr and path.read_bytes() == before


def _on_terminal(cli, monkeypatch: pytest.MonkeyPatch, keys_to_send: str, *args: str):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from clientexit.cli import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text(keys_to_send)
        return cli("interest", SLUG, *args)


def test_on_a_terminal_it_asks_and_records_a_business(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _unset_customer(examples_home)
    result = _on_terminal(cli, monkeypatch, "\r", "--json")  # the first choice: a business
    assert result.exit_code == 0, result.stderr
    assert "Recorded: Ashgrove Print Ltd is a business (customer=business)." in result.stderr
    assert tomllib.loads(path.read_text(encoding="utf-8"))["customer"] == "business"
    assert '"interest": ' in result.stdout  # the figures follow, as JSON on stdout
    again = cli("interest", SLUG)  # recorded: not asked again, off a terminal too
    assert again.exit_code == 0, again.stderr


def test_a_consumer_is_recorded_and_claims_nothing(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _unset_customer(examples_home)
    result = _on_terminal(cli, monkeypatch, DOWN + "\r")
    assert result.exit_code == 2
    assert tomllib.loads(path.read_text(encoding="utf-8"))["customer"] == "consumer"
    assert "is a consumer: statutory late-payment interest between businesses does not apply" in (
        " ".join(result.stderr.split())
    )


def test_not_sure_records_nothing_and_claims_nothing(
    cli, examples_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _unset_customer(examples_home)
    before = path.read_bytes()
    result = _on_terminal(cli, monkeypatch, DOWN + DOWN + "\r")
    assert result.exit_code == 2 and path.read_bytes() == before
    assert "nothing is claimed until it is known" in " ".join(result.stderr.split())
