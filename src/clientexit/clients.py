"""Client records: one TOML file per client under clients/, found by name or slug."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clientexit import config, names, timeline
from clientexit._errors import ClientExitError, DataFileError, NotFoundError, UsageError
from clientexit._paths import Paths
from clientexit._store import edit_toml, locked, read_toml
from clientexit.record.model import Client

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.items import Table

    from clientexit._types import JSONValue
    from clientexit.record import ids
    from clientexit.record.summary import Summary


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


def find_slug(
    paths: Paths,
    name_or_slug: str,
    *,
    loose: bool = True,
    index: Callable[[], dict[str, str]] | None = None,
) -> str | None:
    """The slug of an existing client addressed by its display name or its slug, else None.

    ``loose`` also takes a name whose slug is a file name ("cagri yazilim ltd sti"): right for
    addressing a client, wrong for telling whether a new name is taken ("ACME, Inc." is not
    "Acme Inc", though both make acme-inc). ``index`` gives every client's name -> slug when
    the name is none of the files it would make (a ClientFiles passes its own, built once).
    """
    settle(paths)
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
    by_name = (index or (lambda: name_index(paths)))().get(names.name_key(wanted))
    if by_name is not None:
        return by_name
    if loose and paths.client_file(base).is_file():
        return base
    return None


def settle(paths: Paths) -> None:
    """Complete an import a killed process left half done, and delete temporary files nobody
    writes any more (see _journal): every look at the book starts from a whole one."""
    from clientexit._store import settle as settle_folder

    settle_folder(paths.clients)


def name_index(paths: Paths) -> dict[str, str]:
    """Every client's name (as names.name_key) -> slug, archived ones included, from the cached
    listing. A command that looks names up several times uses one ClientFiles, which builds it
    once."""
    if not paths.clients.is_dir():
        return {}
    return {
        names.name_key(summary.name): summary.slug
        for summary in load_book(paths, include_archived=True, broken=[], rows=False)
    }


class ClientFiles:
    """The client files of one data folder as one command sees them: each name is resolved once
    (a name that is no file name reads the whole book's names) and handed on as a Client.

    Make one per command; a client added through it (``edit_or_create``) is seen at once.
    """

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._found: dict[tuple[str, bool], str | None] = {}
        self._index: tuple[frozenset[str], dict[str, str]] | None = None

    def _names(self) -> dict[str, str]:
        # Built once, and again only if a client file was added, removed or renamed since (the
        # file names, not the folder's mtime: taking the creation lock changes that).
        folder = self.paths.clients
        stamp = frozenset(p.name for p in folder.glob("*.toml")) if folder.is_dir() else frozenset()
        if self._index is None or self._index[0] != stamp:
            self._index = (stamp, name_index(self.paths))
        return self._index[1]

    def find(self, name_or_slug: str, *, loose: bool = True) -> str | None:
        """The slug of an existing client (see find_slug), else None; asked once per name."""
        key = (name_or_slug.strip(), loose)
        if key not in self._found:
            self._found[key] = find_slug(self.paths, name_or_slug, loose=loose, index=self._names)
        return self._found[key]

    def resolve(self, name_or_slug: str) -> str:
        """Like find, but a client that does not exist is an error saying how to add it."""
        return self.find(name_or_slug) or resolve(self.paths, name_or_slug)

    def get(self, name_or_slug: str) -> Client:
        """The client's record (checked, as by load)."""
        return load(self.paths, self.resolve(name_or_slug))

    def find_client(self, name_or_slug: str) -> Client | None:
        """The client's record, or None for a name not recorded yet."""
        slug = self.find(name_or_slug)
        return None if slug is None else load(self.paths, slug)

    @contextlib.contextmanager
    def edit(self, name_or_slug: str) -> Iterator[tomlkit.TOMLDocument]:
        """clients.edit for the client this name resolves to."""
        with edit(self.paths, self.resolve(name_or_slug)) as doc:
            yield doc

    @contextlib.contextmanager
    def edit_or_create(self, name: str) -> Iterator[tomlkit.TOMLDocument]:
        """Edit a client's record, creating it first when there is none yet."""
        if self.find(name) is None:
            created = create(self.paths, name, index=self._names, exist_ok=True)
            self._found = {(name.strip(), True): created.slug}
        with self.edit(name) as doc:
            yield doc


def client_files(where: Paths | ClientFiles) -> ClientFiles:
    """``where`` as a ClientFiles (a new one for a Paths)."""
    return where if isinstance(where, ClientFiles) else ClientFiles(where)


# Asked, on a terminal, whether a name that matches no client means the one client it is close
# to: (name as typed, that client's slug, its display name) -> use it? The CLI registers it when
# it can ask; without it (no terminal) a close name is an error naming the client.
CONFIRM_CLOSE: list[Callable[[str, str, str], bool]] = []


def resolve(paths: Paths, name_or_slug: str) -> str:
    """Like find_slug, but a client that does not exist is an error saying how to add it; a
    name close to exactly one client is that client after a confirmation (CONFIRM_CLOSE), or
    an error naming it ("Did you mean ...?"), never an offer to add the near-duplicate."""
    slug = find_slug(paths, name_or_slug)
    if slug is not None:
        return slug
    close = close_matches(paths, name_or_slug)
    if len(close) == 1 and any(
        confirm(name_or_slug, close[0], _display(paths, close[0])) for confirm in CONFIRM_CLOSE
    ):
        return close[0]
    raise not_found(paths, name_or_slug, close)


def not_found(paths: Paths, name: str, close: list[str]) -> NotFoundError:
    """The error for a name no client has: the close ones named, else how to add it."""
    if close:
        return NotFoundError(
            f"No client called {name!r} in {paths.clients}.",
            f"Did you mean {' or '.join(close)}?",
        )
    return NotFoundError(
        f"No client called {name!r} in {paths.clients}.",
        f"Add it with: clientexit client add {_quote(name)} (or see clientexit client list).",
    )


def _display(paths: Paths, slug: str) -> str:
    try:
        return str(read_toml(paths.client_file(slug)).get("name") or slug)
    except (OSError, ClientExitError):
        return slug


def similar(paths: Paths, name: str) -> str | None:
    """The slug of the one existing client whose name is close to ``name`` (a likely typo)."""
    close = close_matches(paths, name)
    return close[0] if len(close) == 1 else None


# Words of a legal form, set aside when names are compared ("Müller & Söhne" is "Müller &
# Söhne GmbH"), as slugs write them.
_LEGAL_FORMS = frozenset(
    [
        "ltd",
        "limited",
        "inc",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
        "sro",
        "sti",
        "co",
        "corp",
        "company",
    ]
)


def close_matches(paths: Paths, name: str) -> list[str]:
    """The slugs of existing clients (archived ones too) whose slug is close to ``name``'s: the
    same once a legal form is set aside, beginning with it in whole words, or a likely typo
    (difflib ratio 0.8 or more). Sorted; empty when none is."""
    import difflib

    if not paths.clients.is_dir():
        return []
    try:
        wanted = names.slugify_name(name)
    except ClientExitError:
        return []
    slugs = {p.stem for p in paths.clients.glob("*.toml") if names.is_slug(p.stem)}
    return sorted(
        slug
        for slug in slugs
        if slug != wanted
        and (
            _core(slug) == _core(wanted)
            or _starts(slug, wanted)
            or difflib.SequenceMatcher(None, wanted, slug).ratio() >= 0.8
        )
    )


def _core(slug: str) -> tuple[str, ...]:
    words = tuple(w for w in slug.split("-") if w not in _LEGAL_FORMS)
    return words or tuple(slug.split("-"))


def _starts(slug: str, wanted: str) -> bool:
    """``wanted`` is the first whole words of ``slug`` (kestrel -> kestrel-analytics), at least
    four letters of them, so that "a" is not close to everything."""
    mine, theirs = wanted.split("-"), slug.split("-")
    return len(wanted) >= 4 and theirs[: len(mine)] == mine


def folded_twins(paths: Paths, name: str) -> list[str]:
    """Existing clients whose name is ``name`` written differently (case, punctuation, accents:
    "ACME Ltd." beside "Acme Ltd"): the same file name, but not the same name. Reads only the
    files that name would make (acme-ltd, acme-ltd-2 ...): nothing is written, not even a cache."""
    try:
        base = names.slugify_name(name)
    except ClientExitError:
        return []
    twins = []
    for path in _candidates(paths, base):
        if path.is_file():
            stored = str(read_toml(path).get("name", ""))
            if stored and not names.same_name(stored, name):
                twins.append(path.stem)
    return twins


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def load(paths: Paths, name_or_slug: str) -> Client:
    """Read a client's record (fast path: tomllib); a hand-edited bad invoice or typed value
    (rate, notice_days ...) is a DataFileError."""
    slug = resolve(paths, name_or_slug)
    path = paths.client_file(slug)
    data = read_toml(path)
    check_record(path, data)
    return Client.from_data(slug, data, path)


def check_record(path: Path, data: Mapping[str, object], client: Client | None = None) -> None:
    """Raise DataFileError, naming ``path``, for content that parses but cannot be used: a bad
    invoice, a typed value (rate, notice_days, currency, status ...) that is wrong, or a
    deliverable's due, an incident's kind or an assessment's verdict that is not one clientexit
    knows (see config.check_client). ``client``: the record of ``data`` about to be read (its
    invoices are read once, for the check and for the reading)."""
    from clientexit.record import ids, invoices

    if client is None:
        invoices.check(data, path)
    else:
        client.invoices  # noqa: B018  (read and checked here, kept for the summary)
    config.check_client(data, path)
    for table in ids.PREFIXES:
        entries = data.get(table)
        if isinstance(entries, list) and (problem := ids.problem(table, entries)):
            raise DataFileError(
                f"{path}: {problem}.", "Fix it by hand; clientexit has left the file unchanged."
            )


def create(
    paths: Paths,
    name: str,
    values: Mapping[str, object] | None = None,
    *,
    index: Callable[[], dict[str, str]] | None = None,
    exist_ok: bool = False,
) -> Client:
    """Add a new client; a name already taken is an error, a slug already taken gets a suffix.
    ``index``: the names of the book, as for find_slug. ``exist_ok``: a client this name finds
    (as find_slug, loosely) is returned instead, decided under the lock so that concurrent
    runs with one new name create it once."""
    from clientexit.secretcheck import refuse_secrets

    display = refuse_secrets(names.clean_name(name), "The client name", written_out=False)
    base = names.slugify_name(display)
    names.refuse_command_word(display, base)
    paths.clients.mkdir(parents=True, exist_ok=True)
    # The folder-wide lock makes "pick a free slug, then create it" one step across processes.
    with locked(paths.clients / "_new"):
        existing = find_slug(paths, display, loose=exist_ok, index=index)
        if existing is not None and exist_ok:
            return load(paths, existing)
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
                if value is not None and key not in ("status", "ended"):
                    doc[key] = value
            _write_lifecycle(doc, values or {})
    return Client.from_data(slug, read_toml(path), path)


def _write_lifecycle(doc: tomlkit.TOMLDocument, values: Mapping[str, object]) -> None:
    """A new client's status and end date, through the lifecycle writer like every change."""
    from clientexit.record import lifecycle

    ended, status = values.get("ended"), values.get("status")
    if isinstance(ended, dt.date):  # checked by fields.py: a date or absent
        lifecycle.set_end_date(doc, ended, timeline.today())
    if status is not None:
        lifecycle.set_status(doc, str(status))


@contextlib.contextmanager
def edit(paths: Paths, name_or_slug: str) -> Iterator[tomlkit.TOMLDocument]:
    """Edit an existing client's record under its lock; written atomically when the block ends,
    and only if the result is a usable record (check_record): nothing is written otherwise."""
    slug = resolve(paths, name_or_slug)
    path = _inside(paths, paths.client_file(slug))
    pending: ids.Missing = {}
    with edit_toml(
        path,
        check=lambda doc: check_record(path, doc.unwrap()),
        finish=lambda doc: _finish(doc, pending),
    ) as doc:
        pending.update(_prepare(doc))
        yield doc


# Lists of entries ([[name]]) and tables ([name]) in a client file that clientexit adds to.
LISTS = ("deliverables", "invoices", "incidents", "assessments", "letters", "rate_changes")
TABLES = ("handover", "lifecycle", "custom", "hours")


def _prepare(doc: tomlkit.TOMLDocument) -> ids.Missing:
    """Ready a document for an edit: lists and tables clientexit adds to as sections; return
    the entries without a stored id, with the id they were shown with (record/ids.py)."""
    from clientexit.record import ids

    _tables_not_inline(doc)
    return ids.missing(doc)


def _finish(doc: tomlkit.TOMLDocument, pending: ids.Missing) -> bool:
    """Complete a document an edit changed: store the ids of the entries that had none."""
    from clientexit.record import ids

    return ids.store_missing(doc, pending) if pending else False


def _tables_not_inline(doc: tomlkit.TOMLDocument) -> None:
    """Rewrite a hand-written inline list or table that clientexit adds to (``incidents = []``,
    ``handover = { items = {} }``) as [[incidents]] / [handover] sections, with the same content:
    tomlkit cannot add a table inside an inline one and would write a file that is not TOML."""
    import tomlkit
    from tomlkit.items import Array, InlineTable

    def table(value: Any) -> Table:  # Any: tomlkit (an inline table, or a plain dict in one)
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

    def inline_inside(value: object) -> bool:
        return isinstance(value, InlineTable) or (
            isinstance(value, dict) and any(inline_inside(v) for v in value.values())
        )

    for key in TABLES:
        value = doc.get(key)
        if inline_inside(value):
            del doc[key]
            doc.add(key, table(value))


@contextlib.contextmanager
def edit_many(paths: Paths, slugs: list[str]) -> Iterator[dict[str, tomlkit.TOMLDocument]]:
    """Edit several clients' records as one change (slug -> document): when the block ends all
    are written, or, after an exception or a record that check_record refuses, none."""
    from clientexit._store import edit_many as edit_files

    files = {slug: _inside(paths, paths.client_file(resolve(paths, slug))) for slug in slugs}
    for path in files.values():
        if not path.is_file():
            raise FileNotFoundError(path)

    def check(path: Path, doc: tomlkit.TOMLDocument) -> None:
        check_record(path, doc.unwrap())

    pending: dict[Path, ids.Missing] = {}

    def finish(path: Path, doc: tomlkit.TOMLDocument) -> bool:
        return _finish(doc, pending.get(path, {}))

    with edit_files(list(files.values()), check, finish) as docs:
        for path, doc in docs.items():
            pending[path] = _prepare(doc)
        yield {slug: docs[path] for slug, path in files.items()}


@contextlib.contextmanager
def edit_or_create(paths: Paths, name: str) -> Iterator[tomlkit.TOMLDocument]:
    """Edit a client's record, creating it first when there is none yet."""
    if find_slug(paths, name) is None:
        create(paths, name, exist_ok=True)
    with edit(paths, name) as doc:
        yield doc


def list_records(
    paths: Paths, *, include_archived: bool = False, broken: list[DataFileError] | None = None
) -> list[Client]:
    """Every client record, sorted by slug (plain ASCII, so the order reads the same everywhere).

    A file that does not parse (or holds a bad invoice) raises DataFileError; given a ``broken``
    list, it is added there and left out instead, so that one bad file does not hide the others.
    Every file is parsed: a listing over the whole book reads ``load_book`` instead (a cached
    summary per client, the whole record only where it is needed).
    """
    if not paths.clients.is_dir():
        return []
    settle(paths)
    records = []
    for path in paths.clients.glob("*.toml"):
        if not names.is_slug(path.stem) or not path.is_file():
            continue
        try:
            data = read_toml(path)
            check_record(path, data)
        except DataFileError as exc:
            if broken is None:
                raise
            broken.append(exc)
            continue
        records.append(Client(path.stem, path, data))
    if not include_archived:
        records = [r for r in records if not r.archived]
    return sorted(records, key=lambda r: r.slug)


def scan_book(paths: Paths, broken: list[DataFileError] | None = None) -> list[BookFile]:
    """Every client file as a listing finds it, with its identity on disk (see _record_cache),
    without reading any: what a listing whose rows are cached needs to know they still hold.
    Hand it to ``load_book(scanned=...)`` when the summaries are needed after all."""
    from clientexit._record_cache import scan

    if not paths.clients.is_dir():
        return []
    settle(paths)
    return scan(paths.clients, names.is_slug, broken)


# A client file as scan_book found it: its slug and its identity on disk.
BookFile = tuple[str, list[int]]


def load_book(
    paths: Paths,
    *,
    include_archived: bool = False,
    broken: list[DataFileError] | None = None,
    scanned: list[BookFile] | None = None,
    reading: Callable[[Client], None] | None = None,
    rows: bool = True,
    made: Callable[[Summary], bool] | None = None,
) -> list[Summary]:
    """Every client's summary (record/summary.py), sorted by slug, through the listing cache
    (_record_cache): a file is parsed, checked and summarized only when it changed.

    A file that does not parse, or holds values clientexit cannot use, raises DataFileError;
    given a ``broken`` list, it is added there and left out instead (as in list_records).
    ``scanned``: the folder as ``scan_book`` found it (its links to nothing already in
    ``broken``), so that it is not looked at twice. ``reading(client)``, given, is called with
    each record read from its file in this run (checked), while it is in hand: what a caller
    needs of a whole record it takes then. No record is kept (a book of 50,000 read anew would
    hold thousands): a summary's ``record()`` reads its file again. ``rows=False``: the
    summaries leave out their lists of rows (summary.ROWS: invoices, letters, the ladder's
    incidents), for a listing that shows no money: a large book's listing holds a third less
    (a summary asked for them after all reads its file). ``made(summary)``, given, is called
    with each summary made in this run (its rows decoded): True means the caller took what it
    needs of it, and it is left out of the book returned (a listing of a book read anew then
    holds its rows, not its summaries too).
    """
    from clientexit._gc import paused
    from clientexit._record_cache import Parsed, Values, cache_file, read_all
    from clientexit.record.summary import Summary, sharing, stored, summarize, version, without_rows

    if not paths.clients.is_dir():
        return []
    if scanned is None:
        settle(paths)

    def summary_of(path: Path, data: Parsed) -> list[JSONValue]:
        client = Client(path.stem, path, data)
        check_record(path, data, client)
        if reading is not None:
            reading(client)
        return summarize(client)

    folder = paths.clients  # a property that builds a new Path: once, not per client
    shape = version()

    def taken(slug: str, facts: Values, stamp: list[int]) -> bool:
        return made is not None and made(Summary(slug, folder, facts, None, stamp))

    def read() -> list[Summary]:
        with paused(keep=True):
            return [
                Summary(slug, folder, facts if rows else without_rows(facts), None, stamp)
                for slug, facts, stamp in read_all(
                    paths.home,
                    folder,
                    names.is_slug,
                    broken,
                    summary_of,
                    shape,
                    stored,
                    scanned,
                    sharing(),
                    None if made is None else taken,
                )
            ]

    mark = None if broken is None else len(broken)
    try:
        found = read()
    except (ValueError, TypeError):
        # A cache entry damaged by hand (or by a bug): the cache is only ever derived, so
        # drop it and read every file again.
        cache_file(paths.home).unlink(missing_ok=True)
        if broken is not None:
            del broken[mark:]
        found = read()
    if not include_archived:
        found = [s for s in found if not s.archived]
    found.sort(key=lambda s: s.slug)
    return found
