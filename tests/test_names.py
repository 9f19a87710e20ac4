"""Slugs are readable ASCII, distinct clients never share a file, no name escapes clients/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientexit import clients, names
from clientexit._errors import UsageError
from clientexit._paths import Paths


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Çağrı Yazılım Ltd. Şti.", "cagri-yazilim-ltd-sti"),
        ("Zelená Louka s.r.o.", "zelena-louka-s-r-o"),
        ("Ørsted A/S", "orsted-a-s"),
        ("Northwind Bakery", "northwind-bakery"),
        ("CON", "con-client"),
        ("lpt1", "lpt1-client"),
    ],
)
def test_slugs_are_readable_ascii(name: str, slug: str) -> None:
    assert names.slugify_name(name) == slug


@pytest.mark.parametrize("bad", ["", "   ", "x" * 5000, "a\nb", "!!!", "...", "..", "\u200b"])
def test_bad_names_are_refused_clearly(bad: str) -> None:
    with pytest.raises(UsageError) as info:
        names.slugify_name(bad)
    assert info.value.message


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "../../../../tmp/evil", "a/../../b"])
def test_path_like_names_stay_inside_clients(home: Path, name: str) -> None:
    paths = Paths(home)
    record = clients.create(paths, name)
    assert record.path.resolve().parent == paths.clients.resolve()
    assert sorted(p.name for p in home.rglob("*.toml")) == [record.path.name]
    assert clients.load(paths, name).name == name


def test_distinct_names_with_the_same_slug_get_distinct_files(home: Path) -> None:
    paths = Paths(home)
    first = clients.create(paths, "Acme Inc")
    second = clients.create(paths, "ACME, Inc.")
    assert first.slug == "acme-inc"
    assert second.slug == "acme-inc-2"
    assert clients.load(paths, "ACME, Inc.").slug == "acme-inc-2"
    assert clients.load(paths, "acme inc").slug == "acme-inc"


def test_the_same_name_twice_is_an_error(home: Path) -> None:
    paths = Paths(home)
    clients.create(paths, "Acme Inc")
    with pytest.raises(UsageError, match="already exists"):
        clients.create(paths, "acme  INC")


def test_a_slug_that_is_not_a_client_file_is_not_found(home: Path) -> None:
    paths = Paths(home)
    clients.create(paths, "Acme Inc")
    assert clients.find_slug(paths, "../clients/acme-inc") is None
    assert clients.find_slug(paths, "acme-inc") == "acme-inc"


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=300))
def test_no_name_ever_resolves_outside_clients(home: Path, text: str) -> None:
    paths = Paths(home)
    try:
        slug = names.slugify_name(text)
    except UsageError:
        return
    assert names.is_slug(slug)
    target = paths.client_file(slug).resolve()
    assert target.parent == paths.clients.resolve()
    assert slug.isascii()


def test_a_name_is_found_whatever_its_file_is_called(cli, examples_home) -> None:
    # fjord-coffee.toml holds "Fjord Coffee Roasters"; tidewater-yoga.toml is a former client.
    for name, slug in (
        ("Fjord Coffee Roasters", "fjord-coffee"),
        ("tidewater yoga studio", "tidewater-yoga"),
    ):
        added = cli("client", "add", name)
        assert added.exit_code == 2, name
        assert f"already exists ({slug})" in added.stderr
        shown = cli("client", "show", name, "--json")
        assert shown.exit_code == 0
        assert json.loads(shown.stdout)["client"] == slug
    assert not (examples_home / "clients" / "fjord-coffee-roasters.toml").exists()


def test_a_name_written_without_its_accents_finds_the_client(cli, examples_home) -> None:
    shown = cli("client", "show", "cagri yazilim ltd sti", "--json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["name"] == "Çağrı Yazılım Ltd. Şti."
