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
from collections.abc import Callable
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
    "clientexit._types": UTILITIES,
    "clientexit._lock": UTILITIES,
    "clientexit._journal": UTILITIES,
    "clientexit._atomic": UTILITIES,
    "clientexit._resources": UTILITIES,
    "clientexit._gc": UTILITIES,
    # A per-file, per-day memo of derived values (JSON): knows files, not what is in them.
    "clientexit._day_cache": UTILITIES,
    # A derived cache file read and written one line per entry (_day_cache, _record_cache).
    "clientexit._jsonl_cache": UTILITIES,
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
    # Hours from time trackers, mapped to clients (app/hours.py keeps them in their files).
    "clientexit.hours": FEATURES,
    # Invoices from invoicing tools' exports, matched to clients; what each changes is decided
    # from the entries as read and returned as a typed change (app/invoicing.py applies it).
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
    ("clientexit.record.model", "profile_of"),
    ("clientexit.config", "currency_for"),
    # The repository's look-up was called "Book": it is clients.ClientFiles now.
    ("clientexit.clients", "Book"),
    ("clientexit.clients", "book_of"),
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


def test_config_returns_a_profile(tmp_path: Path) -> None:
    from clientexit import config
    from clientexit._paths import Paths
    from clientexit.record.model import Profile

    paths = Paths(tmp_path)
    assert config.load_profile(paths) == Profile.from_data(config.DEFAULTS)
    paths.config.write_text('name = "Ana"\ncurrency = "czk"\n', encoding="utf-8")
    profile = config.require_profile(paths)
    assert isinstance(profile, Profile)
    assert (profile.name, profile.currency, profile.rate) == ("Ana", "CZK", 75.0)


# --- One home for writes ----------------------------------------------------------------------
# Every change to a client file is made by the record's change functions (record/lifecycle.py,
# record/*_changes.py, record/entries.py, record/ids.py, and clients.py's create and ready-for-
# edit steps), applied to the document clients.edit opens. The scan below finds, in every other
# module, a write into a client document: an assignment, augmented assignment or del of a key or
# attribute, or a mutating method (add, append, pop, update ...) on
#   - a name bound by ``with <...>.edit(...) / edit_many / edit_or_create / edit_toml as NAME``,
#   - a parameter named doc, docs or document, or annotated as a TOMLDocument,
#   - a parameter of a function of the same module that is called with one of those,
#   - and any view into them: NAME[key], NAME.get(key), a loop or comprehension over them,
#     next(... for ... in them), and names bound to such a view.
# A copy (dict(view), list(view), a function's result) is not a view: changing it writes nothing.

WRITERS = ("clientexit.record", "clientexit.clients")
# Modules that change a TOML file that is not a client's record: the profile (config.toml), the
# rates file, and the git merge of history (it sets the value each side chose, whatever the file,
# blind to what a field means).
OTHER_FILES = ("clientexit.config", "clientexit.collect.update", "clientexit.history")
_OPENERS = frozenset({"edit", "edit_many", "edit_or_create", "edit_toml"})
_MUTATORS = frozenset(
    {"add", "append", "extend", "insert", "pop", "popitem", "remove", "clear", "update"}
    | {"setdefault", "sort", "reverse"}
)
_DOC_PARAMS = frozenset({"doc", "docs", "document"})
# Calls that return a new value, never a part of their argument.
_COPIES = frozenset(
    {"dict", "list", "tuple", "set", "frozenset", "sorted", "str", "int", "float", "bool"}
    | {"len", "any", "all", "sum", "max", "min", "isinstance", "repr"}
)


def _builds_new(func: ast.expr) -> bool:
    """A call that returns a new value: a copying builtin, or a class (a capitalised name)."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _COPIES or name[:1].isupper()


_Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _root(node: ast.expr) -> str | None:
    """The name a chain of subscripts, attributes and .get() calls starts from."""
    while True:
        if isinstance(node, ast.Subscript | ast.Attribute):
            node = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault")
        ):
            node = node.func.value
        else:
            break
    return node.id if isinstance(node, ast.Name) else None


def _views(node: ast.expr | None, tainted: set[str]) -> bool:
    """Whether ``node`` is (or may be) a view into a tainted document."""
    if node is None:
        return False
    if isinstance(node, ast.IfExp):
        return _views(node.body, tainted) or _views(node.orelse, tainted)
    if isinstance(node, ast.BoolOp):
        return any(_views(v, tainted) for v in node.values)
    if isinstance(node, ast.NamedExpr):
        return _views(node.value, tainted)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "next"
        and node.args
        and isinstance(node.args[0], ast.GeneratorExp)
    ):
        return any(_views(g.iter, tainted) for g in node.args[0].generators)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("items", "values")
    ):
        return _views(node.func.value, tainted)
    if isinstance(node, ast.Call) and not _builds_new(node.func):
        # What a function returns of a document it was given may be part of it (find(doc, n)).
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if _root(node) not in tainted and any(_views(a, tainted) for a in arguments):
            return True
    return _root(node) in tainted


def _bound(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _params(function: _Function) -> list[ast.arg]:
    args = function.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def _taint(function: _Function, given: set[str]) -> set[str]:
    """The names in ``function`` that hold a client document or a view into one."""
    tainted = set(given)
    for arg in _params(function):
        annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
        if arg.arg in _DOC_PARAMS or "TOMLDocument" in annotation:
            tainted.add(arg.arg)
    nodes = list(ast.walk(function))
    while True:
        before = len(tainted)
        for node in nodes:
            if isinstance(node, ast.With | ast.AsyncWith):
                for item in node.items:
                    call, name = item.context_expr, item.optional_vars
                    if isinstance(call, ast.Call) and name is not None:
                        func = call.func
                        called = func.attr if isinstance(func, ast.Attribute) else ""
                        called = func.id if isinstance(func, ast.Name) else called
                        if called in _OPENERS:
                            tainted |= _bound(name)
            elif isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if _views(node.value, tainted):
                    for target in targets:
                        if isinstance(target, ast.Name | ast.Tuple | ast.List):
                            tainted |= _bound(target)
            elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension) and _views(
                node.iter, tainted
            ):
                tainted |= _bound(node.target)
        if len(tainted) == before:
            return tainted


def _writes_in(function: _Function, tainted: set[str]) -> list[ast.AST]:
    found: list[ast.AST] = []
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        if any(
            isinstance(t, ast.Subscript | ast.Attribute) and _root(t.value) in tainted
            for t in targets
        ):
            found.append(node)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _MUTATORS
            and _views(node.func.value, tainted)
        ):
            found.append(node)
    return found


def document_writes(source: str) -> list[str]:
    """Every write into a client document in ``source`` (a module's text), as 'line: code'."""
    tree = ast.parse(source)
    functions = [n for n in ast.walk(tree) if isinstance(n, _Function)]
    by_name = {f.name: f for f in functions if not isinstance(f, ast.Lambda)}
    given: dict[int, set[str]] = {id(f): set() for f in functions}
    tainted: dict[int, set[str]] = {}
    while True:
        # A document handed to a function of the same module taints that parameter.
        tainted = {id(f): _taint(f, given[id(f)]) for f in functions}
        grew = False
        for function in functions:
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                    continue
                callee = by_name.get(call.func.id)
                if callee is None:
                    continue
                params = [a.arg for a in _params(callee)]
                passed = [
                    params[i]
                    for i, arg in enumerate(call.args[: len(params)])
                    if _views(arg, tainted[id(function)])
                ]
                passed += [
                    k.arg
                    for k in call.keywords
                    if k.arg in params and _views(k.value, tainted[id(function)])
                ]
                if set(passed) - given[id(callee)]:
                    given[id(callee)] |= set(passed)
                    grew = True
        if not grew:
            break
    lines = {
        f"{getattr(node, 'lineno', 0)}: {ast.unparse(node).splitlines()[0][:80]}"
        for function in functions
        for node in _writes_in(function, tainted[id(function)])
    }
    return sorted(lines, key=lambda line: int(line.split(":")[0]))


def _outside(module: str, homes: tuple[str, ...]) -> bool:
    return not any(module == home or module.startswith(home + ".") for home in homes)


def test_every_write_into_a_client_document_is_a_record_change_function() -> None:
    offenders = {
        module: found
        for module, path in MODULES.items()
        if _outside(module, WRITERS + OTHER_FILES)
        and (found := document_writes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, (
        "Write into a client document only through the record's change functions "
        "(record/*_changes.py, record/lifecycle.py, record/entries.py): add one there, "
        "called from app/."
    )


# --- The CLI parses, calls and prints -------------------------------------------------------
# It never imports tomlkit, never opens a client file for editing (app/ does: clients.edit,
# edit_many, edit_or_create, ClientFiles.edit) and never reads a record's raw ``.data``: the
# typed Client (record/model.py) or a use case in app/ gives it what it shows.


def _imports_tomlkit(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "tomlkit" for alias in node.names)
    return isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tomlkit"


def raw_reads(source: str) -> list[tuple[int, str]]:
    """Where ``source`` reads a ``data`` attribute: ``x.data``, or ``getattr(x, "data", ...)``
    / ``hasattr(x, "data")`` (the same read, hidden from a look for ``.data``), as (line,
    what is read)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "data":
            found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "data"
        ):
            found.append((node.lineno, f"{ast.unparse(node.args[0])}.data"))
    return found


def cli_edits(source: str) -> list[str]:
    """Where ``source`` (a cli/ module's text) imports tomlkit, opens a client file for editing
    or reads a record's raw ``.data`` (through getattr too), as 'line: what'."""
    found = [f"{line}: reads {what}" for line, what in raw_reads(source)]
    for node in ast.walk(ast.parse(source)):
        if _imports_tomlkit(node):
            found.append(f"{getattr(node, 'lineno', 0)}: imports tomlkit")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id
            if called in _OPENERS:
                found.append(f"{node.lineno}: opens a document with {ast.unparse(func)}()")
    return found


def _cli_modules() -> dict[str, Path]:
    found = {m: p for m, p in MODULES.items() if m.split(".")[:2] == ["clientexit", "cli"]}
    assert len(found) > 20, "the scan found too few cli/ modules"
    return found


def _cli_offenders(check: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """What ``check`` finds in each cli/ module's source, for the modules where it finds any."""
    return {
        module: found
        for module, path in _cli_modules().items()
        if (found := check(path.read_text(encoding="utf-8")))
    }


def test_the_cli_never_imports_tomlkit_edits_a_document_or_reads_data() -> None:
    offenders = _cli_offenders(cli_edits)
    assert offenders == {}, (
        "The CLI parses, calls app/ and prints: a change goes through a use case in app/, a "
        "value it shows through the typed Client or Profile (add a property there if needed)."
    )


def test_the_write_checks_catch_what_they_are_for() -> None:
    # Each of these was once in cli/ (or a feature); each must be found again if it comes back.
    written = {
        "in an edit block": (
            "def f(paths, slug, when):\n"
            "    with clients.edit(paths, slug) as doc:\n"
            "        doc['deliverables'][0]['delivered'] = when\n"
        ),
        "a ClientFiles' edit, a table from it": (
            "def f(book, name):\n"
            "    with book.edit(name) as doc:\n"
            "        table = doc.get('custom')\n"
            "        del table['po']\n"
        ),
        "a helper given the document": (
            "def _assign(table, values):\n"
            "    for key, value in values.items():\n"
            "        table[key] = value\n"
            "def f(paths, name, values):\n"
            "    with clients.edit(paths, name) as doc:\n"
            "        _assign(doc['custom'], values)\n"
        ),
        "a parameter named doc": "def f(doc):\n    doc.add('archived', True)\n",
        "an entry found in it": (
            "def f(doc, n):\n    entry = find(doc, n)\n    entry.pop('paid', None)\n"
        ),
        "every document of edit_many": (
            "def f(paths, slugs):\n"
            "    with clients.edit_many(paths, slugs) as docs:\n"
            "        for slug, doc in docs.items():\n"
            "            doc['hours']['months'].clear()\n"
        ),
    }
    for what, source in written.items():
        assert document_writes(source), what
    # A copy, or a value read out of the document, is not the document.
    copies = (
        "def f(doc):\n    new = dict(doc.get('x') or {})\n    new['a'] = 1\n"
        "    label = str(doc.get('name'))\n    inv = Invoice(doc['n'])\n    inv.received = 0\n"
    )
    assert document_writes(copies) == []
    assert cli_edits("import tomlkit\n") and cli_edits("from tomlkit import table\n")
    assert cli_edits("def f(p, n):\n    with clients.edit(p, n) as doc:\n        pass\n")
    assert cli_edits("def f(r):\n    return r.data['rate']\n")
    assert cli_edits("def f(p):\n    return config.load_profile(p).data\n")
    assert cli_edits("def f(p, n):\n    return clients.load(p, n).name\n") == []
    # cli/_common.day() once took either a Profile or its table: getattr(profile, "data", profile).
    assert cli_edits("def day(v, profile):\n    return style(getattr(profile, 'data', profile))\n")
    assert cli_edits("def f(r):\n    return r.data if hasattr(r, 'data') else r\n")
    assert cli_edits("def f(r):\n    return getattr(r, 'name', '')\n") == []


# --- Features meet the typed Client and Profile, never their file's table ---------------------
# Outside the record layer nothing reads a Client's or a Profile's raw ``.data`` (nor passes it
# on: to i18n, workdays, a template): the typed fields say what a feature reads. A ``.data``
# that is no Client's or Profile's, or one still being moved, is named here with why.
RAW_READS_ALLOWED = {
    ("clientexit.assess.history", "entry.data"): "an Assessment's own answers table",
    ("clientexit.letters.context", "latest.data"): "an Assessment's own answers table",
    ("clientexit.letters.context", "record.data"): "typedclient: the record with --set applied",
    ("clientexit.handover.checklist", "client.data"): "typedclient: the name, to Client.name",
    ("clientexit.app.hours", "r.data"): "typedclient: to Client.hours_mapping",
}


def test_nothing_outside_the_record_reads_a_client_or_profile_table() -> None:
    offenders = {
        module: found
        for module, path in MODULES.items()
        if _outside(module, ("clientexit.record",))
        and (
            found := [
                f"{line}: reads {what}"
                for line, what in raw_reads(path.read_text(encoding="utf-8"))
                if (module, what) not in RAW_READS_ALLOWED
            ]
        )
    }
    assert offenders == {}, (
        "Read the typed Client or Profile (record/model.py; add a property there) instead of "
        "its .data; pass i18n and workdays the values they need."
    )


def test_the_raw_read_check_catches_what_it_is_for() -> None:
    # Each was in a feature or app/ until the typed Profile and the plain i18n/workdays came.
    passed_on = {
        "handover/checklist": "i18n.choose_language(lang, client.data, profile.data)\n",
        "letters/draft": "workdays.calendar(profile.data, record.data, cache=c)\n",
        "handover/due": "json.dumps(profile.data, sort_keys=True, default=str)\n",
        "collect/reminder": "data = profile.data if profile is not None else None\n",
        "a typed record": "Client(record.slug, record.path, record.data)\n",
    }
    for what, source in passed_on.items():
        assert raw_reads(source), what
    assert raw_reads("x = getattr(profile, 'data', profile)\n") == [(1, "profile.data")]
    typed = "i18n.choose_language(lang, client, profile)\nprofile.fields()\nday.date\n"
    assert raw_reads(typed) == []


# --- A use case that joins features lives in app/ ---------------------------------------------
# A command that needs two features (the handover checklist and the reminder ladder for
# followup) calls a use case in app/ that joins them; the CLI module itself reads at most one.


def cli_joins(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each cli/ module that imports two feature packages or more in ``graph``, with those
    packages."""
    found = {}
    for module in _cli_modules():
        joined = sorted(
            {
                place[0]
                for target in graph.get(module, ())
                if (place := _place(target)) is not None and place[1] == FEATURES
            }
        )
        if len(joined) > 1:
            found[module] = joined
    return found


def test_no_cli_module_joins_two_features() -> None:
    assert cli_joins(GRAPH) == {}, (
        "A command that joins features calls a use case in app/ (app/followup.py joins the "
        "handover checklist and the reminder ladder); the CLI parses, calls and prints."
    )


def test_the_join_check_catches_the_ladder_in_the_cli() -> None:
    # followup's ladder over the book lived in cli/followup_cmd.py, importing both features.
    module = "clientexit.cli.followup_cmd"
    ladder_back = {"clientexit.collect.ladder", "clientexit.handover.due"}
    drifted = {**GRAPH, module: GRAPH[module] | ladder_back}
    assert cli_joins(drifted) == {module: ["clientexit.collect", "clientexit.handover"]}
    # The use case is where they meet.
    assert {"clientexit.collect.ladder", "clientexit.handover.due"} <= GRAPH[
        "clientexit.app.followup"
    ]


# --- Features compute; app/ opens the files ---------------------------------------------------
# A feature (and a report) takes a Client and a Profile and returns values or typed changes; it
# never looks a client up by name, opens a client file, takes a lock or writes into the data
# folder. The record layer reads and writes the files (clients.py, record/, config.py), app/
# joins them under the lock, and the caches (_record_cache, _day_cache) keep their own files.
# The scan below finds, in every feature module (and in every report module, but for the
# reads: a report reads the whole book through clients.load_book and its caches):
#   - an import of clients.py, or a look-up of client files (client_files, list_records,
#     load_book, a client's path);
#   - an import of the store's writers and locks (_store but read_toml, _atomic, _lock,
#     _journal);
#   - a call that opens a document or a lock, or writes, moves or removes a file
#     (edit/edit_many/edit_or_create/edit_toml, atomic_write_*, locked, hold, write_text,
#     write_bytes, unlink, rename, replace on os, mkdir, touch, rmtree ...);
#   - open() or Path.open() with a mode that writes ("w", "a", "x" or "+").
# A module that must still do one of these is listed in FILE_OWNERS with the reason.

FILE_OWNERS = {
    # History, undo and sync over git: it commits, merges and restores whole files of the data
    # folder (under the history lock), blind to what they hold; the CLI calls it around every
    # command. A git layer, not a feature's rule.
    "clientexit.history": "git over the data folder",
}
_STORE_READS = frozenset({"read_toml", "read_regular_bytes", "DataFileError"})
_WRITER_MODULES = frozenset({"clientexit._atomic", "clientexit._lock", "clientexit._journal"})
_FILE_CALLS = frozenset(
    _OPENERS
    | {"atomic_write_text", "atomic_write_bytes", "staged", "locked", "hold", "settle"}
    | {"write_text", "write_bytes", "unlink", "rename", "rmdir", "mkdir", "touch", "rmtree"}
)
_LOOK_UPS = frozenset({"client_files", "list_records", "load_book", "scan_book", "load"})
_FILE_NAMES = frozenset({"client_file", "clients_dir"})


def _writes_mode(call: ast.Call) -> bool:
    """Whether an open() (mode second) or a Path.open() (mode first) may write."""
    at = 0 if isinstance(call.func, ast.Attribute) else 1
    modes = [k.value for k in call.keywords if k.arg == "mode"] + call.args[at : at + 1]
    return any(
        not isinstance(m, ast.Constant)
        or (isinstance(m.value, str) and bool(set(m.value) & set("wax+")))
        for m in modes
    )


def file_access(source: str, *, reads: bool = True) -> list[str]:
    """Where ``source`` (a feature's or a report's text) opens a document or a lock, or writes
    a file, and (``reads``) looks up client files, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [
                f"{line}: imports {alias.name}"
                for alias in node.names
                if alias.name in _WRITER_MODULES or (reads and alias.name == "clientexit.clients")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = {alias.name for alias in node.names}
            if node.module in _WRITER_MODULES or (reads and node.module == "clientexit.clients"):
                found.append(f"{line}: imports from {node.module}")
            elif node.module == "clientexit._store" and names - _STORE_READS:
                found.append(f"{line}: imports {', '.join(sorted(names - _STORE_READS))}")
            elif reads and node.module == "clientexit" and "clients" in names:
                found.append(f"{line}: imports clientexit.clients")
        elif reads and isinstance(node, ast.Attribute) and node.attr in _FILE_NAMES:
            found.append(f"{line}: names a client file ({ast.unparse(node)})")
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
            if called in _FILE_CALLS or (called in ("replace", "remove") and owner == "os"):
                found.append(f"{line}: calls {ast.unparse(func)}()")
            elif reads and called in _LOOK_UPS and (owner == "clients" or called != "load"):
                found.append(f"{line}: looks up client files ({ast.unparse(func)}())")
            elif called == "open" and _writes_mode(node):
                found.append(f"{line}: opens a file to write ({ast.unparse(node)[:60]})")
    return found


def _feature_modules() -> dict[str, tuple[Path, int]]:
    found = {
        module: (path, place[1])
        for module, path in MODULES.items()
        if (place := _place(module)) is not None
        and place[1] in (FEATURES, REPORTS)
        and _outside(module, tuple(FILE_OWNERS))
    }
    assert len(found) > 40, "the scan found too few feature and report modules"
    return found


def test_features_never_open_or_write_data_files() -> None:
    offenders = {
        module: found
        for module, (path, layer) in _feature_modules().items()
        if (found := file_access(path.read_text(encoding="utf-8"), reads=layer == FEATURES))
    }
    assert offenders == {}, (
        "A feature takes a Client and a Profile and returns values or changes: the use case "
        "that loads the client, applies the record's change functions under the lock and saves "
        "belongs in app/."
    )


def test_the_file_access_check_catches_what_it_is_for() -> None:
    # Each of these was once in a feature (assess/history.py, hours/importer.py,
    # invoicing/importer.py, handover/markdown.py, collect/update.py, packets/make.py).
    opened = {
        "an assessment saved": (
            "def save(where, name, entry):\n"
            "    from clientexit import clients\n"
            "    with clients.client_files(where).edit_or_create(name) as doc:\n"
            "        entries.append(doc, 'assessments', entry)\n"
        ),
        "every client's file in one change": (
            "def apply(paths, slugs):\n"
            "    with clients.edit_many(paths, slugs) as docs:\n"
            "        pass\n"
        ),
        "a client file read by its path": (
            "from clientexit._store import read_toml\n"
            "def settled(paths, slug):\n"
            "    return read_toml(paths.client_file(slug))\n"
        ),
        "an atomic write": (
            "def write(path, text):\n"
            "    from clientexit._store import atomic_write_text\n"
            "    atomic_write_text(path, text)\n"
        ),
        "the rates file edited": (
            "def f(target):\n    with edit_toml(target, create=True) as doc:\n        pass\n"
        ),
        "a lock": "from clientexit._lock import hold\n",
        "a file opened to append": "def f(p):\n    with p.open('a') as out:\n        pass\n",
        "a file written": "def f(p, text):\n    open(p, mode='w').write(text)\n",
        "a file removed": "import os\ndef f(p):\n    os.remove(p)\n",
    }
    for what, source in opened.items():
        assert file_access(source), what
    read_only = (
        "from clientexit._store import read_toml\n"
        "def f(paths, client):\n"
        "    rubric = read_toml(paths.rubric)\n"
        "    with open('/proc/self/statm', encoding='ascii') as statm:\n"
        "        return statm.read(), client.open_deliverables(), rubric\n"
    )
    assert file_access(read_only) == []
    # A report reads the book; it still never writes.
    book = (
        "def f(paths):\n    from clientexit import clients\n    return clients.load_book(paths)\n"
    )
    assert file_access(book) and file_access(book, reads=False) == []
    assert file_access("def f(p):\n    atomic_write_text(p, '')\n", reads=False)


# --- Features decide on values; the record writes the document ----------------------------------
# A feature reads plain values (the typed Client, or entries as tomllib reads them) and returns
# what to change as a typed value of the record layer (record/invoice_changes.py's AddImported
# ..., record/hours_changes.py's Added); app/ opens the document and hands the change to the
# record's function that writes it. So a feature never imports tomlkit, never takes a document
# (a parameter named doc, docs or document, or typed as a TOMLDocument or a MutableMapping), and
# never calls a record function that takes one (its first parameter a doc, document or entry).
# The rates file (collect/update.py) is not a client's record; history merges whole files.
DOCUMENT_TAKERS_ALLOWED = {
    "clientexit.collect.update": "the rates file, not a client's record",
    "clientexit.history": "git over the data folder",
}
_TAKEN = frozenset({"doc", "docs", "document"})


def _record_writers() -> dict[str, frozenset[str]]:
    """The record's functions that take a document or an entry of one (first parameter), by
    module."""
    found = {}
    for module, path in MODULES.items():
        if _outside(module, WRITERS):
            continue
        found[module] = frozenset(
            node.name
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.FunctionDef)
            and node.args.args
            and node.args.args[0].arg in _TAKEN | {"entry"}
        )
    return found


RECORD_WRITERS = _record_writers()
_WRITERS_BY_NAME = {m.rpartition(".")[2]: names for m, names in RECORD_WRITERS.items()}


def document_takers(source: str) -> list[str]:
    """Where ``source`` (a feature's text) imports tomlkit, takes a client document, or calls
    (or imports) a record function that writes into one, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if _imports_tomlkit(node):
            found.append(f"{line}: imports tomlkit")
        elif isinstance(node, ast.ImportFrom) and node.module in RECORD_WRITERS:
            writers = sorted({a.name for a in node.names} & RECORD_WRITERS[node.module])
            found += [f"{line}: imports {name}, which writes a document" for name in writers]
        elif isinstance(node, _Function):
            for arg in _params(node):
                annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
                typed = "TOMLDocument" in annotation or "MutableMapping" in annotation
                if arg.arg in _TAKEN or typed:
                    found.append(f"{line}: takes a document ({arg.arg}: {annotation or '?'})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            owner = owner.removeprefix("clientexit.record.").removeprefix("clientexit.")
            if node.func.attr in _WRITERS_BY_NAME.get(owner, ()):
                found.append(f"{line}: calls {ast.unparse(node.func)}(), which writes a document")
    return found


def test_features_take_values_and_return_changes() -> None:
    offenders = {
        module: found
        for module, (path, layer) in _feature_modules().items()
        if layer == FEATURES
        and _outside(module, tuple(DOCUMENT_TAKERS_ALLOWED))
        and (found := document_takers(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, (
        "A feature decides from values and returns a typed change of the record layer; app/ "
        "opens the document and applies it with the record's function."
    )
    invoicing = [m for m in MODULES if not _outside(m, ("clientexit.invoicing",))]
    assert len(invoicing) > 10 and not set(invoicing) & set(DOCUMENT_TAKERS_ALLOWED)


def test_the_document_check_catches_what_it_is_for() -> None:
    # invoicing/merge.py once found the entry in the open document and changed it there.
    writers = RECORD_WRITERS["clientexit.record.invoice_changes"]
    assert {"apply_import", "add_imported", "rewrite", "trace", "save_names"} <= writers
    assert "follow" not in writers  # it changes the feature's own plain copy
    decided_on_the_document = {
        "tomlkit": "import tomlkit\n",
        "a doc": "def merge_one(doc, inv):\n    return None\n",
        "a typed document": (
            "def add_payment(book: MutableMapping[str, Any], number: str) -> None:\n    pass\n"
        ),
        "a record writer": (
            "def merge_one(entries, inv):\n"
            "    from clientexit.record import invoice_changes\n"
            "    invoice_changes.rewrite(entries[0], {'paid': inv.paid})\n"
        ),
        "an entry appended": "def f(book):\n    clientexit.record.entries.append(book, 'x', {})\n",
    }
    decided_on_the_document["a writer imported"] = (
        "from clientexit.record.invoice_changes import UpdateImported, rewrite\n"
    )
    for what, source in decided_on_the_document.items():
        assert document_takers(source), what
    on_values = (
        "from clientexit.record.invoice_changes import UpdateImported, follow\n"
        "def merge_one(entries: Sequence[Mapping[str, object]], inv):\n"
        "    rows = []\n"
        "    rows.append(inv)\n"
        "    return UpdateImported(0, {'paid': inv.paid}), follow(list(entries), None)\n"
    )
    assert document_takers(on_values) == []


# --- The book's data files are loaded in app/ -------------------------------------------------
# `clients` and `churn` loaded the reminder ladder and the exchange rates in cli/book_cmd.py;
# app/portfolio.py loads them now, as app/reminders.py and app/followup.py do for theirs.
# `interest` loaded the statutory rates and the exchange rates in cli/interest_cmd.py, and
# `rates` its rates file: app/interest.py and app/rates.py do now.
_LOADERS = {
    ("clientexit.collect", "ladder"): frozenset({"load"}),
    ("clientexit.collect", "rates"): frozenset({"load"}),
    ("clientexit", "exchange"): frozenset({"load", "lookup"}),
}


def cli_loads(source: str) -> list[str]:
    """Each call in ``source`` of the ladder's, the statutory rates' or the exchange rates'
    ``load`` (and the exchange rates' ``lookup``), however the module or the function was
    imported (``line: call``)."""
    tree = ast.parse(source)
    modules: dict[str, frozenset[str]] = {}
    functions: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue
        for alias in node.names:
            bound = alias.asname or alias.name
            if (node.module, alias.name) in _LOADERS:
                modules[bound] = _LOADERS[node.module, alias.name]
            elif alias.name in _LOADERS.get(node.module.rpartition(".")[::2], frozenset()):
                functions.add(bound)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        by_module = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.attr in modules.get(func.value.id, ())
        )
        if by_module or (isinstance(func, ast.Name) and func.id in functions):
            found.append(f"{node.lineno}: {ast.unparse(func)}()")
    return found


def test_the_cli_loads_no_ladder_and_no_exchange_rates() -> None:
    offenders = _cli_offenders(cli_loads)
    assert offenders == {}, (
        "A command calls a use case in app/ that loads them (app/portfolio.py, app/interest.py)."
    )


def test_the_load_check_catches_the_ladder_and_the_rates_however_imported() -> None:
    source = (
        "def f(home):\n"
        "    from clientexit.collect import ladder as reminders\n"
        "    from clientexit import exchange\n"
        "    from clientexit.exchange import load as rates\n"
        "    steps = reminders.load(home)\n"
        "    return exchange.load(home), rates(home), exchange.lookup(home)\n"
    )
    assert cli_loads(source) == [
        "5: reminders.load()",
        "6: exchange.load()",
        "6: rates()",
        "6: exchange.lookup()",
    ]


def test_the_load_check_catches_the_old_interest_command() -> None:
    # cli/interest_cmd.py as it was: the client, the statutory rates and the exchange rates
    # loaded and joined into the claim in the command.
    old = (
        "def interest(where, name, day):\n"
        "    from clientexit import clients, exchange, timeline\n"
        "    from clientexit.collect import breakdown, rates\n"
        "    from clientexit.collect import interest as core\n"
        "    record = clients.load(where, name)\n"
        "    book = rates.load(where)\n"
        "    claim = core.for_client(book, record, None, day, fx=exchange.lookup(where))\n"
        "    from clientexit.collect.rates import load as statutory\n"
        "    return claim, statutory(where)\n"
    )
    assert sorted(cli_loads(old)) == ["6: rates.load()", "7: exchange.lookup()", "9: statutory()"]
