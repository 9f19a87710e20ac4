"""templates/ and examples/ ship inside the wheel and are found there, and from a checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from clientexit._resources import examples_dir, templates_dir

REPO = Path(__file__).resolve().parent.parent


def test_a_checkout_or_editable_install_finds_the_top_level_folders() -> None:
    import clientexit

    package = Path(clientexit.__file__).resolve().parent
    if (package / "templates").is_dir():
        pytest.skip("running from an installed wheel, covered by the wheel test")
    assert templates_dir() == REPO / "templates"
    assert examples_dir() == REPO / "examples"


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from this checkout and unpack it, as pip would install it."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("clientexit-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def _run_from(site: Path, cwd: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "CLIENTEXIT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_the_wheel_carries_templates_and_examples(unpacked_wheel: Path) -> None:
    package = unpacked_wheel / "clientexit"
    shipped = {p.relative_to(package / "templates") for p in (package / "templates").rglob("*")}
    in_repo = {p.relative_to(REPO / "templates") for p in (REPO / "templates").rglob("*")}
    assert shipped == in_repo
    assert (package / "examples" / "demo.toml").is_file()
    assert sorted(p.name for p in (package / "examples" / "clients").glob("*.toml")) == sorted(
        p.name for p in (REPO / "examples" / "clients").glob("*.toml")
    )


@pytest.mark.slow
def test_the_installed_wheel_runs_from_another_folder(unpacked_wheel: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"
    where = _run_from(
        unpacked_wheel,
        elsewhere,
        "-c",
        "import clientexit._resources as r; print(r.templates_dir()); print(r.examples_dir())",
        home=home,
    )
    assert where.returncode == 0, where.stderr
    templates, examples = where.stdout.splitlines()
    assert Path(templates) == unpacked_wheel / "clientexit" / "templates"
    assert Path(examples) == unpacked_wheel / "clientexit" / "examples"

    add = _run_from(
        unpacked_wheel,
        elsewhere,
        "-m",
        "clientexit",
        "client",
        "add",
        "Çağrı Yazılım Ltd. Şti.",
        home=home,
    )
    assert add.returncode == 0, add.stderr
    listed = _run_from(
        unpacked_wheel, elsewhere, "-m", "clientexit", "client", "list", "--json", home=home
    )
    assert json.loads(listed.stdout)[0]["slug"] == "cagri-yazilim-ltd-sti"

    demo = _run_from(unpacked_wheel, elsewhere, "-m", "clientexit", "demo", home=home)
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stderr


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """A module imported by the package but missing from [project.dependencies] works here (the
    test extra or the machine has it) and breaks on a user's fresh install."""
    import ast
    import importlib.metadata as metadata
    import re
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    # An optional extra (pdf) counts: its code checks that the package is there and says how to
    # add the extra when it is not. The test extra does not: the package must never need it.
    extras = [
        spec
        for name, specs in project["optional-dependencies"].items()
        if name != "test"
        for spec in specs
    ]
    declared = {
        re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-")
        for spec in [*project["dependencies"], *extras]
    }
    owners = metadata.packages_distributions()
    imported: set[str] = set()
    for source in (REPO / "src" / "clientexit").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"clientexit", "__future__"}
    assert third_party, "the scan found no imports at all"
    undeclared = {
        name: owners.get(name)
        for name in third_party
        if not {d.lower().replace("_", "-") for d in owners.get(name, [name])} & declared
    }
    assert not undeclared, f"imported but not in [project.dependencies]: {undeclared}"
