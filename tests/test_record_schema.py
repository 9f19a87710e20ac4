"""One rule per field: a value written into a file by hand and the same value given to a command
are accepted or refused alike (record/schema.py), for every known client and profile field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from clientexit import clients, config
from clientexit._errors import DataFileError
from clientexit._paths import Paths
from clientexit.record import schema

PAST = dt.date(2025, 3, 1)

# Per field: values as a person might write them in the file (typed TOML values). Each is also
# typed on the command line as text (see _as_text). Limits that apply only to what a command
# stores (a future `started`, status ending/former, credentials) are left out: see the schema's
# docstring; they have their own tests. An empty value is left out too: KEY= on the command line
# clears the field (the status excepted, which a client always has).
CLIENT_CASES: dict[str, list[Any]] = {
    "contact": ["Tom Becker", "  Tom  ", "Tom\nBcc: x@example.com", 5],
    "email": ["tom@example.com", "tom", "tom@example", "a b@example.com", 7],
    "rate": [85.0, 0, 120, -1, 1e13, "85", True],
    "target_rate": [95.0, 1, 0, -5, "95", False],
    "currency": ["EUR", "eur", "CHF", "XYZ", "XXX", "EURO", "E1R", 978],
    "notice_days": [30, 0, 365, 366, -1, 3.5, "30"],
    "payment_days": [30, 0, 365, 366, -1, 3.5, "30"],
    "started": [PAST, "2025-03-01", 20250301],
    "ended": [PAST, dt.date(2027, 1, 31), "2025-13-01", 5],
    "project": ["Website", "two\nlines", 3],
    "language": ["en", "TR", "tr-TR", "../x", "e", "en/..", 5],
    "engagement": ["ongoing", "project", "retainer", 1],
    "status": ["active", "at-risk", "paused", "", 2],
    "country": ["GB", "de", "CZ", "TR", "US", "XK", "UK", "EU", "ZZ", "G", "GBR", 44],
    "region": ["NY", "by", "CA", "9", "N-Y", "NEWY", 5],
    "customer": ["business", "consumer", "private", 1],
    "law": ["DE", "gb", "XX", "German", 1],
    "terms_agreed": [True, False, "yes", 1],
    "letter_project": ["your online ordering site", "a\nb", 1],
    "greeting": ["Dear Tom", "Sayın Çağrı Bey", "a\nb", 2],
    "phone": ["+44 20 7946 0000", "1\n2", 123],
    "notes": ["Prefers email", "First line\nsecond line", 1],
}
PROFILE_CASES: dict[str, list[Any]] = {
    "name": ["Maya Lindqvist", "", "   ", "a\nb", 3],
    "business": ["Lindqvist Design", "a\nb", 1],
    "email": ["maya@example.com", "maya", 2],
    "signature": ["Maya", 1],
    "currency": ["EUR", "try", "XYZ", "XTS", "EURO", 1],
    "rate": [85.0, 0, -1, "85", True],
    "notice_days": [30, 366, -1, "30"],
    "language": ["en", "cs_CZ", "../x", 5],
    "country": ["GB", "cz", "UK", "ZZ", 1],
    "gender": ["f", "m", "x", "", 1],
    "time_zone": ["Europe/Berlin", "UTC", "America/New_York", "Mars/Olympus", "../etc", "", 1],
}


# The type each field is stored as; every other field holds text. A value of another type can
# only be written by hand (the command line gives text): the file must refuse it.
STORED_AS: dict[str, type | tuple[type, ...]] = {
    "rate": (int, float),
    "target_rate": (int, float),
    "notice_days": int,
    "payment_days": int,
    "started": dt.date,
    "ended": dt.date,
    "terms_agreed": bool,
}


def _typed_on_the_command_line(key: str, value: Any) -> bool:
    """Whether typing the value as text gives a value of the same type as written by hand."""
    kind = STORED_AS.get(key, str)
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def _as_text(value: Any) -> str:
    """The value as a person types it after KEY= on the command line."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def test_every_field_of_the_schema_has_cases() -> None:
    assert set(CLIENT_CASES) == set(schema.CLIENT_FIELDS)
    assert set(PROFILE_CASES) == set(schema.PROFILE_FIELDS)


def _hand_edited_client(paths: Paths, key: str, value: Any) -> bool:
    """Whether a client file with ``key = value`` written by hand loads."""
    paths.clients.mkdir(parents=True, exist_ok=True)
    doc = tomlkit.document()
    doc.update({"schema_version": 1, "name": "Acme Ltd", "status": "active", key: value})
    paths.client_file("acme-ltd").write_text(tomlkit.dumps(doc), encoding="utf-8")
    try:
        clients.load(paths, "acme-ltd")
    except DataFileError:
        return False
    return True


@pytest.mark.parametrize(
    ("key", "value"), [(k, v) for k, values in CLIENT_CASES.items() for v in values]
)
def test_a_client_value_is_judged_alike_in_the_file_and_by_client_set(
    cli, home: Path, key: str, value: Any
) -> None:
    paths = Paths(home)
    by_hand = _hand_edited_client(paths, key, value)
    if not _typed_on_the_command_line(key, value):
        assert not by_hand, f"{key} = {value!r} (a {type(value).__name__}) was accepted by hand"
        return
    cli("client", "add", "Other Ltd")
    typed = cli("client", "set", "other-ltd", f"{key}={_as_text(value)}")
    assert typed.exit_code in (0, 2), typed.stderr
    assert by_hand == (typed.exit_code == 0), (
        f"{key}={value!r}: by hand {'accepted' if by_hand else 'refused'}, "
        f"client set {'accepted' if typed.exit_code == 0 else 'refused'}: {typed.stderr}"
    )


@pytest.mark.parametrize(
    ("key", "value"), [(k, v) for k, values in PROFILE_CASES.items() for v in values]
)
def test_a_profile_value_is_judged_alike_in_config_toml_and_by_init(
    cli, home: Path, key: str, value: Any
) -> None:
    paths = Paths(home)
    home.mkdir(parents=True, exist_ok=True)
    doc = tomlkit.document()
    doc.update({"name": "Maya", key: value})
    paths.config.write_text(tomlkit.dumps(doc), encoding="utf-8")
    try:
        config.load_profile(paths)
        by_hand = True
    except DataFileError:
        by_hand = False
    paths.config.unlink()
    if not _typed_on_the_command_line(key, value):
        assert not by_hand, f"{key} = {value!r} (a {type(value).__name__}) was accepted by hand"
        return
    typed = cli("init", f"--{key.replace('_', '-')}", _as_text(value), "--yes")
    assert typed.exit_code in (0, 2), typed.stderr
    assert by_hand == (typed.exit_code == 0), (key, value, typed.stderr)


def test_a_hand_written_currency_that_is_no_currency_is_refused_like_client_set(
    cli, examples_home: Path
) -> None:
    path = examples_home / "clients" / "northwind-bakery.toml"
    path.write_text(
        path.read_text("utf-8").replace('currency = "EUR"', 'currency = "XYZ"'), "utf-8"
    )
    shown = cli("client", "show", "northwind-bakery")
    assert shown.exit_code == 4
    assert 'currency = "XYZ" is not valid: currency must be an ISO 4217 currency code' in (
        shown.stderr
    )
    assert "clientexit client set northwind-bakery currency=EUR" in shown.stderr


def test_new_fields_are_stored_normalised_and_read_by_the_model(cli, home: Path) -> None:
    added = cli(
        "client", "add", "Hudson LLC", "--set", "country=us", "--set", "region=ny",
        "--set", "customer=Consumer",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    text = (home / "clients" / "hudson-llc.toml").read_text("utf-8")
    assert 'country = "US"' in text and 'region = "NY"' in text
    assert 'customer = "consumer"' in text
    record = clients.load(Paths(home), "hudson-llc")
    assert (record.country, record.region, record.customer) == ("US", "NY", "consumer")
    assert clients.create(Paths(home), "Plain Ltd").customer is None  # unknown, not assumed
    assert cli("init", "--name", "Maya", "--country", "cz", "--yes").exit_code == 0
    assert 'country = "CZ"' in (home / "config.toml").read_text("utf-8")


def test_the_fast_paths_agree_with_babel() -> None:
    # The common codes are answered without loading Babel: they must be in its lists.
    assert schema.currencies() >= schema._COMMON_CURRENCIES
    assert schema.countries() >= schema._COMMON_COUNTRIES
    assert {"GB", "DE", "CZ", "TR", "US"} <= schema.countries()
    assert not {"UK", "EU", "ZZ", "YU"} & schema.countries()


@pytest.mark.parametrize("kind", ["scope", "payment", "conduct", "other", "billing", "Scope!"])
def test_an_incident_kind_is_judged_alike_in_the_file_and_by_log(cli, home: Path, kind: str):
    paths = Paths(home)
    paths.clients.mkdir(parents=True)
    entry = tomlkit.aot()
    entry.append(tomlkit.item({"date": PAST, "kind": kind, "text": "Asked for more"}))
    doc = tomlkit.document()
    doc.update({"name": "Acme Ltd", "status": "active", "incidents": entry})
    paths.client_file("acme-ltd").write_text(tomlkit.dumps(doc), encoding="utf-8")
    try:
        clients.load(paths, "acme-ltd")
        by_hand = True
    except DataFileError:
        by_hand = False
    cli("client", "add", "Other Ltd")
    typed = cli("log", "other-ltd", "add", "Asked for more", "--kind", kind)
    assert typed.exit_code in (0, 2), typed.stderr
    assert by_hand == (typed.exit_code == 0), (kind, typed.stderr)
