"""Issue 24: a command that saves and then fails (config.toml broken after the client's change was
written) says the change was saved, so a retry does not record it twice; or it saves nothing.
Every command that writes the record is run against several kinds of broken profile."""

from __future__ import annotations

from pathlib import Path

import pytest

SLUG = "halvorsen-freight"
SAVED = "The change was saved before this error"

WRITES = [
    ("invoice", SLUG, "add", "2026-099", "100", "--issued", "2026-11-01", "--due", "2026-11-30"),
    ("invoice", SLUG, "paid", "2026-050"),
    ("log", SLUG, "add", "Asked again for the export", "--kind", "scope"),
    ("deliverable", SLUG, "add", "Final export of the archive", "--due", "2026-12-20"),
    ("end", SLUG, "--by", "client", "--reason", "Moved in-house", "--date", "2026-12-20"),
    ("handover", SLUG, "--done", "deliverables-gather"),
    ("client", "set", SLUG, "phone=+47 22 00 00 00"),
    ("client", "add", "Birchwood Studio", "--email", "hi@birchwood.example"),
    ("client", "archive", SLUG),
    ("letter", SLUG, "--type", "general"),
    ("remind", SLUG),
]

BROKEN_PROFILES = [
    'name = "Maya"\nrate = "eighty"\n',  # a known key of the wrong type
    'name = "Maya"\ncurrency = "XYZ"\n',  # a value that breaks its rule
    'name = "Maya"\nrate = [1\n',  # not TOML at all
    'name = "Maya"\nlanguage = 7\n',
]


def files(home: Path) -> dict[str, str]:
    found = sorted((home / "clients").glob("*.toml"))
    return {path.name: path.read_text(encoding="utf-8") for path in found}


@pytest.mark.parametrize("profile", BROKEN_PROFILES, ids=range(len(BROKEN_PROFILES)))
@pytest.mark.parametrize("args", WRITES, ids=lambda a: " ".join(a[:3]))
def test_a_failure_after_a_save_says_it_was_saved(
    cli, examples_home: Path, args: tuple[str, ...], profile: str
) -> None:
    (examples_home / "config.toml").write_text(profile, encoding="utf-8")
    before = files(examples_home)
    result = cli("--home", str(examples_home), *args)
    changed = files(examples_home) != before
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        return
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("clientexit: error: ")
    if changed:
        assert SAVED in error, (args, error)
        assert error.endswith("do not run the command again."), error
        # The retry the message warns against is what the issue found: it would say
        # "already recorded" (or record the change twice).
    else:
        assert SAVED not in error


def test_invoice_add_with_a_broken_profile_names_what_was_saved(cli, examples_home: Path) -> None:
    (examples_home / "config.toml").write_text(BROKEN_PROFILES[0], encoding="utf-8")
    args = WRITES[0]
    first = cli("--home", str(examples_home), *args)
    assert first.exit_code == 4
    assert first.stderr.count("\n") == 1
    assert f"{SAVED} ({examples_home / 'clients' / (SLUG + '.toml')})" in first.stderr
    assert "2026-099" in (examples_home / "clients" / f"{SLUG}.toml").read_text(encoding="utf-8")


def test_a_failure_before_any_save_does_not_claim_one(cli, examples_home: Path) -> None:
    result = cli("--home", str(examples_home), "invoice", SLUG, "paid", "NO-SUCH-NUMBER")
    assert result.exit_code != 0 and SAVED not in result.stderr
