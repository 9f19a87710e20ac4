"""The shape CONTRIBUTING.md promises: a pure core that never imports typer or rich, and the
layering, enforced over every import in src/ (at module level and inside functions): no import
cycle, and no import from a lower layer up to a higher one.

    utilities < record < features (assess, letters, handover, collect: independent of each other)
              < reports (reports, packets) < app (the use cases) < cli

A module is placed by the longest entry of LAYERS matching its dotted name. A new package or
top-level module must be added to LAYERS: the test fails naming it until it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import clientexit

PACKAGE = Path(clientexit.__file__).parent


def _imported(source: Path) -> set[str]:
    """Every top-level package imported anywhere in ``source``, inside functions too."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_typer_or_rich() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts]
    assert len(core) > 20, "the scan found too few modules"
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(found)
        for p in core
        if (found := _imported(p) & {"typer", "rich"})
    }
    assert offenders == {}


# --- The layers -----------------------------------------------------------------------------

SRC = PACKAGE.parent

UTILITIES, RECORD, FEATURES, REPORTS, APP, CLI = range(6)
LAYER_NAMES = ("utilities", "record", "features", "reports", "app", "cli")
# Where each package and top-level module belongs (as data: the one place to look it up).
LAYERS: dict[str, int] = {
    # Utilities: know nothing of clients. The clock (timeline) knows only the date.
    "clientexit": UTILITIES,
    "clientexit._errors": UTILITIES,
    "clientexit._paths": UTILITIES,
    "clientexit._store": UTILITIES,
    "clientexit._lock": UTILITIES,
    "clientexit._journal": UTILITIES,
    "clientexit._atomic": UTILITIES,
    "clientexit._resources": UTILITIES,
    "clientexit._gc": UTILITIES,
    "clientexit.timeline": UTILITIES,
    "clientexit.i18n": UTILITIES,
    "clientexit.amounts": UTILITIES,
    "clientexit.names": UTILITIES,
    "clientexit.secretcheck": UTILITIES,
    "clientexit.safe_text": UTILITIES,
    "clientexit.salutation": UTILITIES,
    "clientexit.workdays": UTILITIES,
    "clientexit.exchange": UTILITIES,
    "clientexit.demo": UTILITIES,
    # The record: the schema, the typed model, the one lifecycle writer, and the files behind
    # them (clients: the repository of client files; config: the profile; fields: command-line
    # input for the schema's fields; the listing cache).
    "clientexit.record": RECORD,
    "clientexit.clients": RECORD,
    "clientexit.config": RECORD,
    "clientexit.fields": RECORD,
    "clientexit._record_cache": RECORD,
    # Features: take a Client and a Profile, return results or changes.
    "clientexit.assess": FEATURES,
    "clientexit.letters": FEATURES,
    "clientexit.handover": FEATURES,
    # Getting paid at the exit (reminders, statutory interest): pure functions over typed
    # inputs; the CLI composes them with letters.
    "clientexit.collect": FEATURES,
    # Hours from time trackers, mapped to clients and kept in their files.
    "clientexit.hours": FEATURES,
    # Invoices from invoicing tools' exports, merged into the clients' files.
    "clientexit.invoicing": FEATURES,
    # History, undo and sync over git: reads and merges client files (the record's shape and
    # checks), never a feature's rules; the CLI calls it around every command.
    "clientexit.history": FEATURES,
    # Reports over many clients: the portfolio and churn.
    "clientexit.reports": REPORTS,
    # Documents to hand over (handover packet, claim bundle): join the checklist and the statement.
    "clientexit.packets": REPORTS,
    # The use cases the commands call: they join the record, the features and the reports (a
    # letter drafted and recorded, hours into an assessment, entries added), and never print.
    "clientexit.app": APP,
    # The terminal.
    "clientexit.cli": CLI,
    "clientexit.__main__": CLI,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str:
    """The module an imported name lives in: ``clientexit.record.lifecycle.new_ending`` ->
    ``clientexit.record.lifecycle``."""
    while name not in MODULES and "." in name:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str, path: Path) -> set[str]:
    """Every clientexit module ``module`` imports, anywhere in the file (functions included;
    imports under ``if TYPE_CHECKING:`` too: a type is a dependency)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {_resolve(n) for n in names if n.split(".")[0] == "clientexit"}
    found.discard(module)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _place(module: str) -> tuple[str, int] | None:
    """The LAYERS entry a module falls under (the longest matching prefix), if any."""
    matches = [key for key in LAYERS if module == key or module.startswith(key + ".")]
    if not matches:
        return None
    key = max(matches, key=len)
    if key == "clientexit" and module != key:
        return None  # not placed yet: test_every_module_has_a_layer names it
    return key, LAYERS[key]


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in MODULES if _place(m) is None)
    assert unplaced == [], (
        f"{', '.join(unplaced)}: not in the layer map. Add each new package or top-level module "
        "to LAYERS in tests/test_architecture.py (utilities, record, features, reports, "
        "app or cli), and say there why it belongs where you put it."
    )


def _cycles() -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return groups


def _upward() -> list[str]:
    """Imports from a module to one in a higher layer, or from one feature into another."""
    found = []
    for module, targets in sorted(GRAPH.items()):
        here = _place(module)
        for target in sorted(targets):
            there = _place(target)
            if here is None or there is None:
                continue
            if there[1] > here[1]:
                found.append(
                    f"{module} ({LAYER_NAMES[here[1]]}) imports {target} ({LAYER_NAMES[there[1]]})"
                )
            elif here[1] == there[1] == FEATURES and here[0] != there[0]:
                found.append(f"{module} imports {target}: features are independent")
    return found


def test_the_scan_sees_the_whole_package() -> None:
    assert len(MODULES) > 60 and sum(len(t) for t in GRAPH.values()) > 150
    # Imports inside functions count: clients imports record.lifecycle only inside a function.
    assert "clientexit.record.lifecycle" in GRAPH["clientexit.clients"]


def test_there_is_no_import_cycle() -> None:
    assert _cycles() == []


def test_no_import_runs_up_the_layers() -> None:
    assert _upward() == []


def test_the_checks_catch_what_they_are_for() -> None:
    global GRAPH
    saved = GRAPH
    try:
        GRAPH = {**saved, "clientexit.timeline": {"clientexit.reports.churn"}}
        assert any("timeline (utilities) imports" in line for line in _upward())
        GRAPH = {
            **saved,
            "clientexit.handover.due": {"clientexit.letters.catalog"},
            "clientexit.letters.catalog": {"clientexit.handover.due"},
        }
        assert ["clientexit.handover.due", "clientexit.letters.catalog"] in _cycles()
        assert any("features are independent" in line for line in _upward())
    finally:
        GRAPH = saved


# Names of the shims that let a feature take either a dict or the typed record: gone, so that
# there is one shape per thing (a Client, a Summary, a Profile).
REMOVED_SHIMS = [
    ("clientexit.record.model", "client_of"),
    ("clientexit.record.summary", "as_summary"),
    ("clientexit.reports.portfolio", "row_for"),
]


def test_the_shims_between_dicts_and_records_are_gone() -> None:
    import importlib

    still_there = [
        f"{module}.{name}"
        for module, name in REMOVED_SHIMS
        if hasattr(importlib.import_module(module), name)
    ]
    assert still_there == []
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    assert not [name for _, name in REMOVED_SHIMS if f"import {name}" in source]
