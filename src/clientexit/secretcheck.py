"""Notes must never hold credentials: recognise what looks like a password, token or key."""

from __future__ import annotations

import math
import re
from collections import Counter

from clientexit._errors import UsageError

# (what it looks like, pattern). Kept to well-known shapes so ordinary notes pass.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key", re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")),
    ("a GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{16,}")),
    ("an API secret key", re.compile(r"\b(sk|rk)[-_](live_|test_|proj-)?[A-Za-z0-9_-]{16,}")),
    ("an AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{30,}")),
    (
        "a web token (JWT)",
        re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+"),
    ),
    ("a password or key in a URL", re.compile(r"://[^/\s:@]+:[^/\s@]+@")),
)

_NAMED = re.compile(
    r"(?i)\b(pass(?:word|wd|phrase)?|pwd|pin|secret|token|api[ _-]?key|access[ _-]?key|"
    r"client[ _-]?secret|private[ _-]?key|credentials?)\s*(=|:)\s*[\"']?([^\s\"',;]+)"
)
# After "password:" these words describe where a secret is, they are not one.
_DESCRIPTIVE = frozenset(
    "stored in via see shared handed sent reset transferred rotated changed revoked removed "  # noqa: SIM905
    "deleted managed none n/a given moved kept set by the client's client owner".split()
)
_RUN = re.compile(r"[A-Za-z0-9+_=\-]{20,}")
_HEX = re.compile(r"[0-9a-f]{24,}|[0-9A-F]{24,}")
_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _random_looking(run: str) -> bool:
    # Words run together (NorthwindBakery2026, ops-team-archive) give long pieces; tokens do not.
    if _HEX.fullmatch(run) and not run.isdigit() and not run.isalpha():
        return True
    pieces = _PIECE.findall(run)
    if not pieces or sum(map(len, pieces)) / len(pieces) >= 3.5:
        return False
    has_digit = any(c.isdigit() for c in run)
    has_alpha = any(c.isalpha() for c in run)
    if has_digit and has_alpha:
        return entropy(run) >= 3.0
    return len(run) >= 24 and entropy(run) >= 3.8


def find_secret(text: str) -> str | None:
    """What kind of secret ``text`` seems to contain (e.g. "a GitHub token"), or None."""
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    for match in _NAMED.finditer(text):
        value = match[3]
        if match[2] == "=" or value.casefold() not in _DESCRIPTIVE:
            return f"a credential written out ({match[1].lower()}{match[2]} ...)"
    for run in _RUN.findall(text):
        if _random_looking(run.strip("-_=")):
            return "a long random-looking string (a token or key)"
    return None


def refuse_secrets(text: str) -> None:
    """Raise UsageError when ``text`` looks like it holds a secret; the secret is not repeated."""
    kind = find_secret(text)
    if kind is None:
        return
    raise UsageError(
        f"That note looks like it contains {kind}; clientexit never stores secrets, "
        "and nothing was saved.",
        "Hand credentials over through a password manager (a shared vault item) or let the "
        "client set their own with a password reset; then note only where access lives now, "
        "e.g. 'admin moved to the client's vault, my login removed'.",
    )
