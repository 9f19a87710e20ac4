"""Notes and every other stored text never hold secrets: tokens, keys, passwords are refused."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit._errors import UsageError
from clientexit.secretcheck import find_secret, refuse_credential_name, refuse_secrets

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits


def body(alphabet: str, size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=size, max_size=size)


TOKENS = st.one_of(
    st.builds("ghp_{}".format, body(ALNUM, 36)),
    st.builds("github_pat_{}".format, body(ALNUM + "_", 40)),
    st.builds("sk-{}".format, body(ALNUM, 48)),
    st.builds("sk_live_{}".format, body(ALNUM, 24)),
    st.builds("AKIA{}".format, body(UPPER_DIGITS, 16)),
    st.builds("xoxb-{}".format, body(string.digits + "-", 24)),
    st.builds("glpat-{}".format, body(ALNUM, 20)),
    st.builds("eyJ{}.eyJ{}.{}".format, body(ALNUM, 12), body(ALNUM, 20), body(ALNUM + "_-", 30)),
    st.builds("password={}".format, body(ALNUM + "!#%&", 8)),
    st.builds("API key: {}".format, body(ALNUM, 12)),
)
WORDS = st.sampled_from(["admin", "login", "for", "the", "DNS", "account", "is", "now"])


@settings(max_examples=150, deadline=None)
@given(TOKENS, st.lists(WORDS, max_size=4), st.lists(WORDS, max_size=4))
def test_tokens_are_found_wherever_they_sit(token: str, before: list[str], after: list[str]):
    note = " ".join([*before, token, *after])
    assert find_secret(note) is not None
    with pytest.raises(UsageError) as caught:
        refuse_secrets(note)
    assert token not in str(caught.value)  # the refusal never repeats the secret
    assert "password manager" in str(caught.value)


def test_private_keys_and_urls_with_passwords() -> None:
    assert find_secret("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=") is not None
    assert find_secret("-----BEGIN RSA PRIVATE KEY-----") is not None
    assert find_secret("db at postgres://app:S3cr3t!@db.example/prod") is not None


def test_long_random_strings_are_refused() -> None:
    rng = random.Random(5)
    for _ in range(200):
        size = rng.randint(32, 64)
        token = "".join(rng.choice(ALNUM + "_-") for _ in range(size))
        assert find_secret(f"staging {token}") is not None, token
        # 40 and 64 hex digits are a commit id or a sha256 (accepted); other lengths are keys.
        hexed = "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice((32, 48))))
        assert find_secret(hexed) is not None, hexed


@pytest.mark.parametrize(
    "note",
    [
        "DNS moved to the client's Cloudflare account, owner ops@northwind-bakery.example",
        "Admin rights for the GitHub org transferred to Tom Becker on 2026-11-20",
        "password: stored in the client's 1Password vault",
        "credentials: handed over via Bitwarden Send, the client reset them on 2026-11-21",
        "Files in NorthwindBakeryWebsiteRedesign on the shared drive",
        "Handover notes in 2026-11-20-final-handover-notes.pdf",
        "See https://drive.example.com/drive/folders/project-files",
        "ops-team-shared-folder-archive-2026-q4 kept for the client",
        "Invoices 2026-045 and 2026-052 still open",
    ],
)
def test_ordinary_notes_pass(note: str) -> None:
    assert find_secret(note) is None


@pytest.mark.parametrize(
    ("note", "seen", "secret"),
    [
        ("password is hunter22", "password is", "hunter22"),
        ("pw: x7!kQ", "pw:", "x7!kQ"),
        ("passcode 4411", "passcode", "4411"),
        ("PIN: 1234", "pin:", "1234"),
        ("the password was Summer2026!", "password was", "Summer2026"),
        ("PIN code 1234 for the alarm", "pin", "1234"),
        ("password for wp-admin is hunter22", "password is", "hunter22"),
        ("the password was changed to Welcome1!", "password was changed to", "Welcome1"),
        ("admin passphrase is 'Tr0ub4dor&3'", "passphrase is", "Tr0ub4dor"),
        ("new pw = abc", "pw=", "abc"),
        ("pwd hunter22", "pwd", "hunter22"),
        ("wp_admin_password=hunter22", "password=", "hunter22"),
        ("şifre: Gizli123!", "şifre:", "Gizli123"),
        ("ŞİFRE: Gizli123!", "şifre:", "Gizli123"),
        ("wifi şifresi Gizli123", "şifresi", "Gizli123"),
        ("parola: Gizli123", "parola:", "Gizli123"),
        ("heslo: Tajne123!", "heslo:", "Tajne123"),
        ("heslo k wifi je Tajne123", "heslo je", "Tajne123"),
        ("heslo bylo změněno na Tajne123!", "heslo bylo změněno na", "Tajne123"),
        ("user admin pass S3cr3t!x9", "pass", "S3cr3t"),
        ("login: admin, pass Gizli123", "pass", "Gizli123"),
        ("recovery codes: 1a2b-3c4d 5e6f-7g8h", "recovery codes:", "1a2b-3c4d"),
        ("backup code 1a2b-3c4d", "backup code", "1a2b-3c4d"),
    ],
)
def test_a_password_written_out_in_words_is_refused(note: str, seen: str, secret: str) -> None:
    assert find_secret(note) == f"a credential written out ({seen} ...)"
    with pytest.raises(UsageError) as caught:
        refuse_secrets(note, "The incident text")
    message = str(caught.value)
    assert message.startswith("The incident text looks like it contains a credential")
    assert secret not in message  # the secret itself is never repeated


@pytest.mark.parametrize(
    "note",
    [
        "PIN code sent to them via Signal",
        "password reset link sent by the client",
        "passwords are in the client's 1Password vault",
        "Invoice 2026-031 paid 45 days late",
        "The PIN is 4 digits",
        "password for the admin account was reset",
        "The client changed the password on 2026-11-20",
        "password is in Bitwarden",
        "API key was rotated by the client",
        "Source files pass to the client once every invoice is paid",
        "Secret Santa budget agreed",
        "The admin password is expired.",
        "heslo bylo změněno klientem",
        "heslo je v trezoru klienta",
        "şifre sıfırlama bağlantısı gönderildi",
        "şifre: müşterinin kasasında",
        "passed the review",
        "pass the files to their new developer",
        "pass v2.0 to the client",
        "user admin pass the review on to Tom",
        "backup codes: printed for the client",
        "recovery codes: stored in 1Password",
        "Write to mailto:ops@northwind-bakery.example",
        "contact:tom@example.com",
        "Call at 14:00@zoom.us",
    ],
)
def test_ordinary_sentences_about_passwords_pass(note: str) -> None:
    assert find_secret(note) is None
    assert refuse_secrets(note, "The note") == note


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "wifi_password",
        "admin_pwd",
        "pin",
        "alarm_pin",
        "api_key",
        "apikey",
        "auth_token",
        "client_secret",
        "private_key",
        "ssh_key",
        "credentials",
        "passcode",
        "wifi_heslo",
        "wifi_sifre",
        "modem_parola",
        "ftp_pass",
    ],
)
def test_a_field_named_for_a_credential_is_refused(key: str) -> None:
    with pytest.raises(UsageError) as caught:
        refuse_credential_name(key)
    assert "credential" in caught.value.message and "password manager" in str(caught.value)


@pytest.mark.parametrize(
    "key",
    [
        "po_number",
        "secretary",
        "spinner_color",
        "keyboard",
        "tokyo_office",
        "pinterest_url",
        "passage",
        "passport_country",
        "bypass",
    ],
)
def test_ordinary_field_names_pass(key: str) -> None:
    assert refuse_credential_name(key) == key


def test_a_login_and_password_before_a_host_is_refused() -> None:
    assert find_secret("admin:S3cr3t!x9@db.example.com") == (
        "a password before a host (user:password@host)"
    )
    assert find_secret("ssh deploy:hunter22@203.0.113.7.example") is not None
    with pytest.raises(UsageError) as caught:
        refuse_secrets("db admin:S3cr3t!x9@db.example.com")
    assert "S3cr3t" not in str(caught.value)


@pytest.mark.parametrize(
    "note",
    [
        "şifre: Gizli123!",
        "parola: Gizli123",
        "heslo: Tajne123!",
        "user admin pass S3cr3t!x9",
        "admin:S3cr3t!x9@db.example.com",
        "recovery codes: 1a2b-3c4d 5e6f-7g8h",
    ],
)
def test_a_handover_note_with_a_secret_in_any_language_is_refused(
    cli, examples_home: Path, note: str
) -> None:
    path = examples_home / "clients" / "cagri-yazilim-ltd-sti.toml"
    before = path.read_bytes()
    result = cli("handover", "cagri-yazilim-ltd-sti", "--note", "access-inventory", note)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "never stores secrets" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "note", ["heslo bylo změněno klientem", "şifre sıfırlama bağlantısı gönderildi"]
)
def test_a_handover_note_about_a_password_in_any_language_is_saved(
    cli, examples_home: Path, note: str
) -> None:
    result = cli("handover", "cagri-yazilim-ltd-sti", "--note", "access-inventory", note)
    assert result.exit_code == 0, result.stderr
    path = examples_home / "clients" / "cagri-yazilim-ltd-sti.toml"
    assert note in path.read_text("utf-8")


def test_a_refused_note_leaves_the_file_untouched(cli, examples_home: Path) -> None:
    path = examples_home / "clients" / "halvorsen-freight.toml"
    before = path.read_bytes()
    result = cli(
        "handover",
        "halvorsen-freight",
        "--done",
        "access-revoke",
        "--note",
        "access-credentials",
        "token ghp_" + "aB3" * 12,
    )
    assert result.exit_code == 2
    assert "secret" in result.stderr and "password manager" in result.stderr
    assert "ghp_" not in result.stderr
    assert path.read_bytes() == before
