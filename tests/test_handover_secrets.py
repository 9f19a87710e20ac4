"""Notes on handover items never store secrets: tokens, keys and passwords are refused."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit._errors import UsageError
from clientexit.secretcheck import find_secret, refuse_secrets

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
        hexed = "".join(rng.choice("0123456789abcdef") for _ in range(40))
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
