"""Client records: one TOML file per client under clients/, found by name or slug."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit import config, names, timeline
from clientexit._errors import ClientExitError, DataFileError, NotFoundError, UsageError
from clientexit._paths import Paths
from clientexit._store import edit_toml, locked, read_toml

if TYPE_CHECKING:
    import tomlkit


@dataclass(frozen=True)
class ClientRecord:
    """A client's record as read (tomllib): plain data, safe to hand to templates and scoring."""

    slug: str
    path: Path
    data: dict[str, Any] = field(repr=False)

    @property
    def name(self) -> str:
        return str(self.data.get("name", self.slug))

    @property
    def status(self) -> str:
        return str(self.data.get("status", "active"))

    @property
    def archived(self) -> bool:
        return bool(self.data.get("archived", False))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def _candidates(paths: Paths, slug: str) -> Iterator[Path]:
    yield paths.client_file(slug)
    n = 2
    while True:
        candidate = paths.client_file(f"{slug}-{n}")
        if not candidate.exists():
            return
        yield candidate
        n += 1


def _inside(paths: Paths, path: Path) -> Path:
    # Belt and braces: slugs are validated, and the resolved file must still sit in clients/.
    if path.resolve().parent != paths.clients.resolve():
        raise UsageError(f"{path.name!r} does not name a file inside {paths.clients}.")
    return path


def find_slug(paths: Paths, name_or_slug: str, *, loose: bool = True) -> str | None:
    """The slug of an existing client addressed by its display name or its slug, else None.

    ``loose`` also takes a name whose slug is a file name ("cagri yazilim ltd sti"): right for
    addressing a client, wrong for telling whether a new name is taken ("ACME, Inc." is not
    "Acme Inc", though both make acme-inc).
    """
    text = name_or_slug.strip()
    if names.is_slug(text) and paths.client_file(text).is_file():
        _inside(paths, paths.client_file(text))
        return text
    wanted = names.clean_name(text)
    base = names.slugify_name(wanted)
    for path in _candidates(paths, base):
        if not path.is_file():
            continue
        stored = read_toml(path).get("name", "")
        if names.same_name(str(stored), wanted):
            return path.stem
    # A file named by hand (fjord-coffee.toml for "Fjord Coffee Roasters"), archived or not: the
    # cached listing makes this look-up cheap even for a large book.
    by_name = _name_index(paths).get(names.name_key(wanted))
    if by_name is not None:
        return by_name
    if loose and paths.client_file(base).is_file():
        return base
    return None


_NAME_INDEXES: dict[tuple[Path, int], dict[str, str]] = {}


def _name_index(paths: Paths) -> dict[str, str]:
    """Every client's name (as names.name_key) -> slug, archived ones included. Built once per
    process for a folder whose file list is unchanged: a command that looks a name up several
    times reads a large book once."""
    if not paths.clients.is_dir():
        return {}
    key = (paths.clients, paths.clients.stat().st_mtime_ns)
    if key not in _NAME_INDEXES:
        _NAME_INDEXES[key] = {
            names.name_key(record.name): record.slug
            for record in list_records(paths, include_archived=True, broken=[])
        }
    return _NAME_INDEXES[key]


def resolve(paths: Paths, name_or_slug: str) -> str:
    """Like find_slug, but a client that does not exist is an error saying how to add it."""
    slug = find_slug(paths, name_or_slug)
    if slug is None:
        close = similar(paths, name_or_slug)
        raise NotFoundError(
            f"No client called {name_or_slug!r} in {paths.clients}.",
            f"Did you mean {close}?"
            if close
            else f"Add it with: clientexit client add {_quote(name_or_slug)} "
            "(or see clientexit client list).",
        )
    return slug


def similar(paths: Paths, name: str) -> str | None:
    """The slug of an existing client whose name is close to ``name`` (a likely typo), if any."""
    import difflib

    if not paths.clients.is_dir():
        return None
    slugs = [p.stem for p in paths.clients.glob("*.toml") if names.is_slug(p.stem)]
    try:
        wanted = names.slugify_name(name)
    except ClientExitError:
        return None
    close = difflib.get_close_matches(wanted, slugs, n=1, cutoff=0.8)
    return close[0] if close else None


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def load(paths: Paths, name_or_slug: str) -> ClientRecord:
    """Read a client's record (fast path: tomllib); a hand-edited bad invoice or typed value
    (rate, notice_days ...) is a DataFileError."""
    slug = resolve(paths, name_or_slug)
    path = paths.client_file(slug)
    data = read_toml(path)
    check_record(path, data)
    return ClientRecord(slug, path, data)


def check_record(path: Path, data: Mapping[str, Any]) -> None:
    """Raise DataFileError, naming ``path``, for content that parses but cannot be used: a bad
    invoice, a typed value (rate, notice_days, currency, status ...) that is wrong, or a
    deliverable's due, an incident's kind or an assessment's verdict that is not one clientexit
    knows (see config.check_client)."""
    from clientexit.book import invoices

    invoices.check(data, path)
    config.check_client(data, path)


def create(paths: Paths, name: str, values: dict[str, Any] | None = None) -> ClientRecord:
    """Add a new client; a name already taken is an error, a slug already taken gets a suffix."""
    from clientexit.secretcheck import refuse_secrets

    display = refuse_secrets(names.clean_name(name), "The client name", written_out=False)
    base = names.slugify_name(display)
    paths.clients.mkdir(parents=True, exist_ok=True)
    # The folder-wide lock makes "pick a free slug, then create it" one step across processes.
    with locked(paths.clients / "_new"):
        existing = find_slug(paths, display, loose=False)
        if existing is not None:
            raise UsageError(
                f"A client called {display!r} already exists ({existing}).",
                f"Change it with: clientexit client set {existing} KEY=VALUE",
            )
        slug = base
        n = 2
        while paths.client_file(slug).exists():
            slug = f"{base}-{n}"
            n += 1
        path = _inside(paths, paths.client_file(slug))
        with edit_toml(path, create=True) as doc:
            doc.add("name", display)
            doc.add("status", "active")
            doc.add("created", timeline.today())
            for key, value in (values or {}).items():
                if value is not None:
                    doc[key] = value
    return ClientRecord(slug, path, read_toml(path))


@contextlib.contextmanager
def edit(paths: Paths, name_or_slug: str) -> Iterator[tomlkit.TOMLDocument]:
    """Edit an existing client's record under its lock; written atomically when the block ends,
    and only if the result is a usable record (check_record): nothing is written otherwise."""
    slug = resolve(paths, name_or_slug)
    path = _inside(paths, paths.client_file(slug))
    with edit_toml(path, check=lambda doc: check_record(path, doc.unwrap())) as doc:
        _tables_not_inline(doc)
        yield doc


# Lists of entries ([[name]]) and tables ([name]) in a client file that clientexit adds to.
LISTS = ("deliverables", "invoices", "incidents", "assessments", "letters")
TABLES = ("handover", "lifecycle", "custom")


def _tables_not_inline(doc: tomlkit.TOMLDocument) -> None:
    """Rewrite a hand-written inline list or table that clientexit adds to (``incidents = []``,
    ``handover = { items = {} }``) as [[incidents]] / [handover] sections, with the same content:
    tomlkit cannot add a table inside an inline one and would write a file that is not TOML."""
    import tomlkit
    from tomlkit.items import Array, InlineTable

    def table(value: Any) -> Any:
        new = tomlkit.table()
        for key, item in value.items():
            new.add(key, table(item) if isinstance(item, dict) else item)
        return new

    for key in LISTS:
        value = doc.get(key)
        if isinstance(value, Array) and all(isinstance(v, dict) for v in value):
            entries = tomlkit.aot()
            for entry in value:
                entries.append(table(entry))
            del doc[key]
            doc.add(key, entries)
    for key in TABLES:
        value = doc.get(key)
        if isinstance(value, InlineTable) or (
            isinstance(value, dict) and any(isinstance(v, InlineTable) for v in value.values())
        ):
            del doc[key]
            doc.add(key, table(value))


@contextlib.contextmanager
def edit_or_create(paths: Paths, name: str) -> Iterator[tomlkit.TOMLDocument]:
    """Edit a client's record, creating it first when there is none yet."""
    if find_slug(paths, name) is None:
        create(paths, name)
    with edit(paths, name) as doc:
        yield doc


def list_records(
    paths: Paths, *, include_archived: bool = False, broken: list[DataFileError] | None = None
) -> list[ClientRecord]:
    """Every client record, sorted by slug (plain ASCII, so the order reads the same everywhere).

    A file that does not parse (or holds a bad invoice) raises DataFileError; given a ``broken``
    list, it is added there and left out instead, so that one bad file does not hide the others.
    Parsed files are cached (see _record_cache), so a book of thousands of clients lists quickly.
    """
    from clientexit._record_cache import read_all

    if not paths.clients.is_dir():
        return []
    records = [
        ClientRecord(path.stem, path, data)
        for path, data in read_all(paths.home, paths.clients, names.is_slug, broken, check_record)
    ]
    if not include_archived:
        records = [r for r in records if not r.archived]
    return sorted(records, key=lambda r: r.slug)


def append_entry(doc: tomlkit.TOMLDocument, table: str, entry: dict[str, Any]) -> None:
    """Append ``entry`` to the array of tables ``[[table]]`` in a client document."""
    import tomlkit

    if table not in doc:
        doc.add(table, tomlkit.aot())
    array = doc[table]
    if not isinstance(array, list):
        raise ClientExitError(
            f"'{table}' in the client file is not a list of tables; fix it by hand."
        )
    item = tomlkit.table()
    for key, value in entry.items():
        if value is not None:
            item.add(key, value)
    array.append(item)
