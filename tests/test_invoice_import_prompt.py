"""The question `invoice import` asks on a terminal: which client is a customer no client
claims, asked once per customer with "skip" first, driven through real prompts (prompt_toolkit
pipe input); the answer is remembered in the client's mapping, so the next import asks nothing
about that customer."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "invoice_samples"
DOWN = "\x1b[B"


def _export(tmp_path: Path) -> Path:
    """Stripe's sample with a second customer's invoice added."""
    text = (SAMPLES / "stripe.csv").read_text(encoding="utf-8")
    text += (
        "in_1OwJkl,ZZ-0001,cus_PStr,Stranger Co,ap@stranger.test,50.00,0.00,50.00,usd,open,"
        "2024-03-04 09:00:00,2024-04-03 09:00:00,false\n"
    )
    export = tmp_path / "stripe.csv"
    export.write_text(text, encoding="utf-8")
    return export


def test_unclaimed_customers_are_asked_once_with_skip_first(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import questionary
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from clientexit.cli import _common

    for name in ("Acme Incorporated", "Other Ltd"):
        assert cli("client", "add", name, "--currency", "USD").exit_code == 0
    export = _export(tmp_path)
    asked: list[tuple[str, list[str]]] = []
    real_select = questionary.select

    def select(message, choices, **kwargs):
        asked.append((message, [str(c.title) for c in choices]))
        return real_select(message, choices=choices, **kwargs)

    monkeypatch.setattr(questionary, "select", select)
    monkeypatch.setattr(_common, "interactive", lambda: True)
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        # Acme Inc (two invoices, asked once): the first client below "skip"; Stranger Co: skip.
        keys.send_text(DOWN + "\r" + "\r")
        result = cli("invoice", "import", str(export), "--json")
    assert [message for message, _ in asked] == [
        "Whose invoices are 'Acme Inc'?",
        "Whose invoices are 'Stranger Co'?",
    ]
    assert asked[0][1] == [
        "skip (not a client of mine)",
        "Acme Incorporated (acme-incorporated)",
        "Other Ltd (other-ltd)",
    ]
    assert result.exit_code == 1  # an invoice was left out: a script can see it
    report = json.loads(result.stdout)  # the prompts went elsewhere: stdout is the JSON
    assert report["unmatched"] == {"Stranger Co": 1}
    assert [c["client"] for c in report["clients"]] == ["acme-incorporated"]
    acme = tomllib.loads((home / "clients" / "acme-incorporated.toml").read_text("utf-8"))
    assert acme["invoicing"]["match"] == ["Acme Inc"]
    assert [inv["number"] for inv in acme["invoices"]] == ["ABC-0007", "ABC-0008"]
    other = tomllib.loads((home / "clients" / "other-ltd.toml").read_text("utf-8"))
    assert "invoices" not in other and "invoicing" not in other

    # The answer is remembered; a skipped customer is not: off a terminal only it is named.
    monkeypatch.setattr(_common, "interactive", lambda: False)
    again = cli("invoice", "import", str(export))
    assert again.exit_code == 2
    assert "no client is mapped to 'Stranger Co'" in again.stderr
    assert "Acme Inc" not in again.stderr


def test_ctrl_c_at_the_question_writes_nothing(
    cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from clientexit.cli import _common

    assert cli("client", "add", "Acme Incorporated", "--currency", "USD").exit_code == 0
    file = home / "clients" / "acme-incorporated.toml"
    before = file.read_bytes()
    monkeypatch.setattr(_common, "interactive", lambda: True)
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text(DOWN + "\r" + "\x03")  # Acme Inc answered, then Ctrl-C at Stranger Co
        result = cli("invoice", "import", str(_export(tmp_path)))
    assert result.exit_code == 130
    assert file.read_bytes() == before


@pytest.mark.slow
def test_the_question_in_a_real_terminal(cli, home: Path, tmp_path: Path) -> None:
    """The same question in a pseudo-terminal (pexpect): the real process, the real prompt."""
    import os
    import sys
    import time

    pexpect = pytest.importorskip("pexpect")
    assert cli("client", "add", "Acme Incorporated", "--currency", "USD").exit_code == 0
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "clientexit", "invoice", "import", str(_export(tmp_path))],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 120),
    )
    child.expect_exact("Whose invoices are 'Acme Inc'?")
    time.sleep(0.05)
    child.send(DOWN + "\r")
    child.expect_exact("Whose invoices are 'Stranger Co'?")
    time.sleep(0.05)
    child.send("\r")
    child.expect_exact("Not imported: 1 for 'Stranger Co'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    acme = tomllib.loads((home / "clients" / "acme-incorporated.toml").read_text("utf-8"))
    assert acme["invoicing"]["match"] == ["Acme Inc"]
    assert len(acme["invoices"]) == 2


def test_a_mapping_written_as_invoices_says_where_it_goes(cli, home: Path) -> None:
    """[invoices] cannot hold the mapping: [[invoices]] is the list of invoices. A file that
    writes it so is refused with the table to use, and nothing is imported into it."""
    assert cli("client", "add", "Acme Incorporated", "--currency", "USD").exit_code == 0
    file = home / "clients" / "acme-incorporated.toml"
    file.write_text(file.read_text("utf-8") + '\n[invoices]\nmatch = ["Acme Inc"]\n', "utf-8")
    before = file.read_bytes()
    result = cli("invoice", "import", str(SAMPLES / "stripe.csv"))
    assert result.exit_code == 4
    assert "[invoices] holds match" in result.stderr
    assert "Rename the [invoices] header to [invoicing]" in result.stderr
    assert "acme-incorporated.toml" in result.stderr
    assert file.read_bytes() == before
    file.write_text(before.decode().replace("[invoices]", "[invoicing]"), "utf-8")
    assert cli("invoice", "import", str(SAMPLES / "stripe.csv")).exit_code == 0
    assert len(tomllib.loads(file.read_text("utf-8"))["invoices"]) == 2
