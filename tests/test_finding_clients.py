"""Finding clients: a name close to exactly one client is that client after a confirmation on
a terminal, and named in the error off one; a name that folds to a client's is not added twice
unless --force; shell completion knows clients, letter types and languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from clientexit import clients
from clientexit._paths import Paths
from completion_helpers import complete


@pytest.fixture
def book(cli, home: Path) -> Path:
    assert cli("init", "--name", "Maya", "--email", "maya@example.com", "--yes").exit_code == 0
    for name in ("Müller & Söhne GmbH", "Kestrel Analytics", "Acme Ltd", "Acme Labs"):
        assert cli("client", "add", name).exit_code == 0, name
    return home


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("muller-sohne", "muller-sohne-gmbh"),  # the legal form left out
        ("Müller und Söhne GmbH", "muller-sohne-gmbh"),  # a typo-sized difference
        ("muller-sohne-gmbhh", "muller-sohne-gmbh"),
        ("Kestrel", "kestrel-analytics"),  # its first word
        ("kestrel-analytcs", "kestrel-analytics"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("client", "show"),
        ("letter", "--type", "general", "--dry-run"),
        *(  # the same resolution; the whole suite tries it in each of them
            pytest.param(command, marks=pytest.mark.slow)
            for command in [("hours",), ("log",), ("invoice",), ("handover",)]
        ),
    ],
)
def test_off_a_terminal_every_command_names_the_close_client(
    cli, book: Path, typed: str, meant: str, command: tuple[str, ...]
) -> None:
    args = [*command[:1], typed, *command[1:]] if command[0] == "letter" else [*command, typed]
    result = cli(*args)
    assert result.exit_code == 3, result.stderr
    assert f"Did you mean {meant}?" in result.stderr
    assert "client add" not in result.stderr  # never an offer to add the near-duplicate


def test_a_name_close_to_two_clients_names_both_and_asks_nothing(
    cli, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.cli import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(_common, "confirm_close", lambda *a: pytest.fail("asked"))
    result = cli("client", "show", "acme")
    assert result.exit_code == 3
    assert "Did you mean acme-labs or acme-ltd?" in result.stderr


def test_on_a_terminal_a_confirmed_close_name_is_used(
    cli, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.cli import _common

    asked: list[tuple[str, str, str]] = []

    def confirm(name: str, slug: str, display: str) -> bool:
        asked.append((name, slug, display))
        return True

    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(_common, "confirm_close", confirm)
    result = cli("log", "Kestrel", "add", "Asked for a fourth dashboard", "--kind", "scope")
    assert result.exit_code == 0, result.stderr
    assert asked == [("Kestrel", "kestrel-analytics", "Kestrel Analytics")]
    record = clients.load(Paths(book), "kestrel-analytics")
    assert record.data["incidents"][0]["text"] == "Asked for a fourth dashboard"
    assert not (book / "clients" / "kestrel.toml").exists()


def test_on_a_terminal_a_refused_close_name_is_the_error(
    cli, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.cli import _common

    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(_common, "confirm_close", lambda *a: False)
    result = cli("client", "show", "Kestrel")
    assert result.exit_code == 3
    assert "Did you mean kestrel-analytics?" in result.stderr


def test_a_name_close_to_none_says_how_to_add_it(cli, book: Path) -> None:
    result = cli("client", "show", "Zeta Corp")
    assert result.exit_code == 3
    assert "Did you mean" not in result.stderr
    assert "Add it with: clientexit client add 'Zeta Corp'" in result.stderr


@pytest.mark.parametrize("twin", ["ACME Ltd.", "Acme, Ltd", "ÁCME Ltd", "acme-ltd!"])
def test_client_add_of_a_folded_twin_is_refused_off_a_terminal(cli, book: Path, twin: str) -> None:
    result = cli("client", "add", twin)
    assert result.exit_code == 2, result.stderr
    assert "is the name of Acme Ltd (acme-ltd) written differently" in result.stderr
    assert "--force" in result.stderr
    assert sorted(p.stem for p in (book / "clients").glob("acme*.toml")) == [
        "acme-labs",
        "acme-ltd",
    ]
    forced = cli("client", "add", twin, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (book / "clients" / "acme-ltd-2.toml").exists()


def test_client_add_of_a_folded_twin_asks_on_a_terminal(
    cli, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientexit.cli import _common

    questions: list[str] = []

    def answer(question: object) -> bool:
        questions.append(str(getattr(question, "message", question)))
        return False

    monkeypatch.setattr(_common, "interactive", lambda: True)
    monkeypatch.setattr(_common, "ask_twin", lambda name, twin: answer(f"{name}/{twin}"))
    result = cli("client", "add", "ACME Ltd.")
    assert result.exit_code == 130
    assert questions == ["ACME Ltd./Acme Ltd (acme-ltd)"]
    assert not (book / "clients" / "acme-ltd-2.toml").exists()


@pytest.mark.parametrize("same", ["Acme Ltd", "acme ltd", "  ACME   LTD "])
def test_the_same_name_is_still_an_error_even_with_force(cli, book: Path, same: str) -> None:
    result = cli("client", "add", same, "--force")
    assert result.exit_code == 2
    assert "already exists" in result.stderr


# --- Shell completion -------------------------------------------------------------------------


def test_completion_offers_client_slugs_letter_types_and_languages(book: Path) -> None:
    assert complete(book, "letter kes") == ["kestrel-analytics"]
    assert complete(book, "hours acme") == ["acme-labs", "acme-ltd"]
    assert complete(book, "letter acme-ltd --type pay") == ["payment"]
    assert complete(book, "letter acme-ltd --lang ") == ["cs", "en", "tr"]


def test_completion_matches_display_names_case_and_accents_aside(book: Path) -> None:
    from types import SimpleNamespace

    import typer

    from clientexit.cli import completion

    root = SimpleNamespace(params={"home": str(book)})
    ctx: typer.Context = SimpleNamespace(find_root=lambda: root)  # type: ignore[assignment]
    assert completion.clients(ctx, "Mül") == [("Müller & Söhne GmbH", "muller-sohne-gmbh")]
    assert completion.clients(ctx, "mul") == [("muller-sohne-gmbh", "Müller & Söhne GmbH")]
    assert completion.clients(ctx, "KESTREL A") == [("Kestrel Analytics", "kestrel-analytics")]
    assert completion.clients(ctx, "zzz") == []


def test_completion_in_a_broken_book_offers_nothing_and_no_traceback(book: Path) -> None:
    (book / "clients" / "acme-ltd.toml").write_text("name = = 1\n", encoding="utf-8")
    offered = complete(book, "letter acm")
    assert "Traceback" not in " ".join(offered)
    assert offered == ["acme-labs"]  # the broken file left out, the others still offered
