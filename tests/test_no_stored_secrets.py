"""Credentials are never stored: every command that saves free text refuses one, saving nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

SECRET = "Summer2026!"
TOKEN = "ghp_" + "aB3" * 12


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes; the store's empty lock files left out."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }


def refused(result, secret: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "never stores secrets" in result.stderr and "nothing was saved" in result.stderr
    assert "password manager" in result.stderr and "password reset" in result.stderr
    assert secret not in result.stderr and secret not in result.stdout


ENTRY_POINTS = [
    ("client", "set", "northwind-bakery", f"notes=the password was {SECRET}"),
    ("client", "set", "northwind-bakery", f"contact=Tom Becker pw: {SECRET}"),
    ("client", "set", "northwind-bakery", f"project=Site (API key: {SECRET})"),
    ("client", "set", "northwind-bakery", f"email=password={SECRET}"),
    ("client", "set", "northwind-bakery", "rate=95", f"po_number={TOKEN}"),
    ("client", "set", "northwind-bakery", f"wp_login=admin / password is {SECRET}"),
    ("client", "add", "Nova GmbH", "--contact", f"Eva, passcode {SECRET}"),
    ("client", "add", "Nova GmbH", "--project", f"Shop {TOKEN}"),
    ("client", "add", "Nova GmbH", "--set", f"notes=PIN: {SECRET}"),
    ("client", "add", "Nova GmbH", "--set", f"vpn_hint=the password is {SECRET}"),
    ("client", "add", f"Nova {TOKEN}"),
    ("log", "northwind-bakery", "add", f"Tom sent the admin password: {SECRET} by email"),
    ("log", "northwind-bakery", "add", "Sent the hosting login", "--ref", f"pw={SECRET}"),
    (
        "log",
        "northwind-bakery",
        "add",
        f"Got {TOKEN} in chat",
        "--kind",
        "conduct",
        "--amount",
        "x",
    ),
    ("end", "northwind-bakery", "--by", "me", "--reason", f"they asked me to share pw: {SECRET}"),
    ("init", "--signature", f"Ada (passphrase is {SECRET})", "--yes"),
]


@pytest.mark.parametrize("args", ENTRY_POINTS)
def test_a_secret_is_refused_and_no_file_changes(
    cli, examples_home: Path, args: tuple[str, ...]
) -> None:
    before = tree(examples_home)
    secret = TOKEN if any(TOKEN in a for a in args) else SECRET
    refused(cli(*args), secret)
    assert tree(examples_home) == before  # byte for byte, and no new file


@pytest.mark.parametrize(
    "key", ["password", "wifi_password", "admin_pin", "api_key", "apikey", "auth_token", "secret"]
)
def test_a_custom_field_named_for_a_credential_is_refused_whatever_its_value(
    cli, examples_home: Path, key: str
) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    before = path.read_bytes()
    for args in (
        ("client", "set", "northwind-bakery", f"{key}=see the vault"),
        ("client", "add", "Nova GmbH", "--set", f"{key}=x"),
    ):
        result = cli(*args)
        assert result.exit_code == 2
        assert repr(key) in result.stderr and "credential" in result.stderr
        assert "password manager" in result.stderr
    assert path.read_bytes() == before
    assert not (examples_home / "clients" / "nova-gmbh.toml").exists()


def test_ordinary_text_about_access_is_stored(cli, examples_home: Path) -> None:
    notes = "PIN code sent to them via Signal; passwords are in the client's 1Password vault"
    assert cli("client", "set", "northwind-bakery", f"notes={notes}").exit_code == 0
    assert notes in (examples_home / "clients" / "northwind-bakery.toml").read_text("utf-8")
    logged = cli(
        "log", "northwind-bakery", "add", "Invoice 2026-031 paid 45 days late", "--ref", "2026-031"
    )
    assert logged.exit_code == 0
    ended = cli(
        "end",
        "northwind-bakery",
        "--by",
        "me",
        "--reason",
        "password reset link sent by the client",
    )
    assert ended.exit_code == 0
    added = cli(
        "client", "add", "Nova GmbH", "--set", "secretary=Eva Novak", "--set", "pin_color=red"
    )
    assert added.exit_code == 2 and "'pin_color'" in added.stderr
    assert cli("client", "add", "Nova GmbH", "--set", "secretary=Eva Novak").exit_code == 0


@pytest.mark.parametrize("name", ["PIN 2024 Studio", "Passcode 4411 Labs"])
def test_a_name_with_a_credential_word_is_a_name(cli, home, name: str) -> None:
    assert cli("client", "add", name).exit_code == 0
    assert cli("client", "add", "ghp_abcdefghijklmnopqrstuvwxyz0123").exit_code == 2
