"""The reminder a client is due, kept for the day: what ``remind`` drafts costs the ladder, the
rates file, the exchange rates, the holiday calendars and the interest (collect/, ~2x bare
python at start-up), and it is the same all day until something it reads changes.

``<home>/.cache/reminders.json`` keeps the stage, the letter's ``collect`` values and the
cautions per client for the day, under a key made of the day, what was asked (stage,
--skip-stages, --set, --claim-paid-late, --lang), the content of the client's file and of the
data folder's own TOML files (profile, ladder, rates, exchange rates), the built-in collect/
files, the installed holidays and Babel, and the code the plan comes from (_day_cache's
fingerprint). It is JSON, never pickle, derived only, and may be deleted at any time. A value
JSON cannot hold exactly is never kept: the plan is then worked out on every run, as before.
Code that makes the plan read something else (a file in a subfolder, an environment variable)
adds it to ``_context``, or a kept plan would not see it change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit._types import JSONValue
    from clientexit.record.model import Client

# (the stage's letter type, the letter's ``collect`` values, the cautions)
Planned = tuple[str, dict[str, object], tuple[str, ...]]

# The code whose rules decide a plan, beside every module of collect/ and record/.
_RULES = (
    "app/reminders.py",
    "app/reminder_plans.py",
    "clients.py",
    "config.py",
    "exchange.py",
    "workdays.py",
    "i18n.py",
    "_resources.py",
    "_day_cache.py",
)


def cache_file(home: Path) -> Path:
    """Where the reminders of the data folder ``home`` are kept for the day."""
    return home / ".cache" / "reminders.json"


def planned(
    paths: Paths, record: Client, today: dt.date, asked: object, compute: Callable[[], Planned]
) -> Planned:
    """The plan for ``record`` on ``today`` as ``asked`` (a JSON-able description of the
    request): the one kept in the cache while nothing it depends on changed, else
    ``compute()`` (then kept)."""
    if record.path is None:  # a record not read from a file: nothing to key it by
        return compute()
    location = cache_file(paths.home)
    key = _context(paths, record.path, today, asked)
    stored = _read(location)
    entry = stored.get(record.slug)
    if isinstance(entry, dict) and entry.get("key") == key:
        try:
            return _plan_of(entry["plan"])
        except (TypeError, ValueError, IndexError, KeyError):
            pass  # damaged: worked out again
    plan = compute()
    day = today.isoformat()
    fresh = {s: e for s, e in stored.items() if isinstance(e, dict) and e.get("day") == day}
    try:
        fresh[record.slug] = {
            "day": day,
            "key": key,
            "plan": [plan[0], _encoded(plan[1]), list(plan[2])],
        }
    except TypeError:  # a value JSON cannot hold exactly: not kept
        fresh.pop(record.slug, None)
    if fresh != stored:
        _write(location, fresh)
    return plan


def _plan_of(kept: object) -> Planned:
    if not isinstance(kept, list):
        raise TypeError("not a kept plan")
    stage, values, cautions = kept
    found = _decoded(values)
    if not (isinstance(stage, str) and isinstance(found, dict) and isinstance(cautions, list)):
        raise TypeError("not a kept plan")
    return stage, found, tuple(str(c) for c in cautions)


def _read(location: Path) -> dict[str, object]:
    from clientexit._errors import DataFileError
    from clientexit._store import read_regular_bytes

    try:
        stored = json.loads(read_regular_bytes(location))
    except (OSError, ValueError, TypeError, DataFileError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _write(location: Path, plans: Mapping[str, object]) -> None:
    import contextlib

    from clientexit._errors import ClientExitError
    from clientexit._store import atomic_write_text

    # A read-only data folder still drafts, only without the speed-up.
    with contextlib.suppress(OSError, ClientExitError):
        atomic_write_text(location, json.dumps(plans, separators=(",", ":")))


def _context(paths: Paths, record: Path, today: dt.date, asked: object) -> str:
    import clientexit
    from clientexit._day_cache import fingerprint, installed
    from clientexit._resources import templates_dir

    package = Path(clientexit.__file__).parent
    code = [
        *sorted((package / "collect").glob("*.py")),
        *sorted((package / "record").glob("*.py")),
        *(package / name for name in _RULES),
    ]
    data = sorted(paths.home.glob("*.toml"))  # config, ladder, rates, exchange-rates ...
    shipped = sorted((templates_dir() / "collect").glob("*.toml"))
    return fingerprint(
        clientexit.__version__,
        today.isoformat(),
        json.dumps(asked, sort_keys=True, default=str),
        installed("holidays"),
        installed("babel"),
        "\0".join(str(p) for p in (record, *data, *shipped)),
        files=[record, *data, *shipped, *code],
    )


def _encoded(value: object) -> JSONValue:
    """``value`` as JSON values, with what JSON has no type for tagged; TypeError for anything
    else (it would not come back the same)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value  # written as repr(), read back to the same float (nan and inf too)
    if isinstance(value, dt.datetime):
        raise TypeError("a time of day is not kept")
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [_encoded(v) for v in value]}
    if isinstance(value, Mapping) and type(value) is dict:
        if not all(isinstance(k, str) for k in value):
            raise TypeError("a key that is not text")
        return {"$dict": [[k, _encoded(v)] for k, v in value.items()]}
    raise TypeError(f"{type(value).__name__} is not kept")


def _decoded(value: object) -> object:
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    if not isinstance(value, dict):
        return value
    ((tag, inner),) = value.items()
    if tag == "$dict":
        return {str(k): _decoded(v) for k, v in inner}
    if tag == "$date":
        return dt.date.fromisoformat(inner)
    if tag == "$decimal":
        return Decimal(inner)
    if tag == "$tuple":
        return tuple(_decoded(v) for v in inner)
    raise KeyError(tag)
