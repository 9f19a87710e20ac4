"""`invoice import` minus the terminal and the files: read an export, match each invoice to a
client, and say what an import did (app/invoicing.py adds or updates them in every client
file as one change: all are written, or none)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clientexit._errors import UsageError
from clientexit.invoicing import detect, merge
from clientexit.invoicing.rows import (
    FORMATS,
    FormatError,
    Imported,
    ImportedPayment,
    Parsed,
    Problem,
)

STDIN = "-"
MAPPING = "invoicing"  # [invoicing] match = ["Name in the tool", "cus_..."]: [invoices] is the list


def checked(parsed: Parsed) -> Parsed:
    """``parsed`` with every invoice whose texts would not be stored left out and listed as a
    problem of its line: an imported number, customer or reference passes the checks typed
    text passes (no control characters, nothing that looks like a secret)."""
    from clientexit.secretcheck import CONTROL, find_secret

    kept = []
    for inv in parsed.invoices:
        texts = [
            ("invoice number", inv.number),
            ("customer", inv.client),
            *(("credit note number", c.number or "") for c in inv.credits),
            *(("payment reference", p.ref or "") for p in inv.payments),
        ]
        problem = None
        for what, text in texts:
            if CONTROL.search(text):
                problem = f"the {what} holds a control character (such as ESC); it is not stored"
            elif (kind := find_secret(text, written_out=False)) is not None:
                problem = f"the {what} looks like {kind}; clientexit never stores secrets"
            if problem:
                break
        if problem:
            parsed.problems.append(Problem(inv.line, problem))
        else:
            kept.append(inv)
    parsed.invoices = kept
    return parsed


def read(path: Path, fmt: str | None = None, order: str | None = None) -> Parsed:
    """Parse the export at ``path`` (format told from the content when ``fmt`` is None). A file
    that is not an export of that kind is a UsageError naming the file and what is wrong."""
    try:
        raw = sys.stdin.buffer.read() if str(path) == STDIN else path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"No file at {path}.", "Give the path of an invoice export.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder.", "Give one export file.") from None
    try:
        return checked(detect.parse(detect.decode(raw), fmt, order))
    except FormatError as exc:
        where = f" as {fmt}" if fmt else ""
        hint = "Check that it is the right file, or give its format: --from " + "|".join(FORMATS)
        raise UsageError(f"{path}: cannot read it{where}: {exc}.", hint) from None


@dataclass(frozen=True)
class Rule:
    """A client, the names it has in invoicing tools, and the currency it is billed in."""

    slug: str
    name: str
    match: tuple[str, ...]
    currency: str
    payment_days: int | None = None  # the client's payment term, if recorded

    def claims(self, names: Sequence[str]) -> bool:
        """Whether one of the tool's names for a customer is this client's."""
        from clientexit import names as naming

        folded = {m.casefold() for m in self.match}
        return any(n.casefold() in folded or naming.same_name(n, self.name) for n in names if n)


@dataclass
class Plan:
    """Which client each invoice (and payment) goes to, before anything is written."""

    parsed: Parsed
    by_client: dict[str, list[Imported]] = field(default_factory=dict)
    payments: dict[str, list[tuple[str, ImportedPayment, int]]] = field(default_factory=dict)
    unmatched: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    terms: dict[str, int] = field(default_factory=dict)  # slug -> payment term in days

    @property
    def problems(self) -> list[Problem]:
        return sorted(self.parsed.problems, key=lambda p: p.line)


class Matcher:
    """Which clients claim a customer (Rule.claims over every rule), through two indexes
    built once: a book of 1,000 clients and an export of 10,000 invoices is 20,000 look-ups,
    not ten million comparisons."""

    def __init__(self, known: Sequence[Rule]) -> None:
        from clientexit import names as naming

        self._key = naming.name_key
        self.by_match: dict[str, list[Rule]] = {}
        self.by_name: dict[str, list[Rule]] = {}
        for rule in known:
            for name in {m.casefold() for m in rule.match}:
                self.by_match.setdefault(name, []).append(rule)
            self.by_name.setdefault(naming.name_key(rule.name), []).append(rule)

    def claiming(self, names: Sequence[str]) -> list[Rule]:
        """The rules that claim one of ``names`` (a customer's name and ids), each once."""
        found: dict[str, Rule] = {}
        for name in names:
            if not name:
                continue
            for rule in self.by_match.get(name.casefold(), ()):
                found.setdefault(rule.slug, rule)
            for rule in self.by_name.get(self._key(name), ()):
                found.setdefault(rule.slug, rule)
        return list(found.values())


def unknown_names(parsed: Parsed, known: Sequence[Rule]) -> list[str]:
    """The customers of an export that no client claims, most invoices first."""
    count: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    matcher = Matcher(known)
    for name, ids in _customers(parsed):
        if not matcher.claiming([name, *ids]):
            spelling.setdefault(name.casefold(), name)
            count[name.casefold()] += 1
    return [spelling[key] for key, _ in count.most_common()]


def _customers(parsed: Parsed) -> list[tuple[str, tuple[str, ...]]]:
    found = [(inv.client, inv.client_ids) for inv in parsed.invoices]
    return found + [(client, ()) for client, _, _, _ in parsed.payments]


def plan(parsed: Parsed, known: Sequence[Rule], only: str | None = None) -> Plan:
    """Match every invoice of ``parsed`` to a client with ``known``'s rules, or all of them to
    the client ``only`` (a slug). An invoice no client claims, or two do, is counted or listed
    in the plan, never dropped silently; one in another currency than its client's is a
    problem (clientexit does not convert)."""
    result = Plan(parsed, names={rule.slug: rule.name for rule in known})
    result.terms = {r.slug: r.payment_days for r in known if r.payment_days is not None}
    by_slug = {rule.slug: rule for rule in known}
    matcher = Matcher(known)

    def claimant(name: str, ids: tuple[str, ...], line: int) -> Rule | None:
        if only is not None:
            return by_slug[only]
        claiming = matcher.claiming([name, *ids])
        if len(claiming) == 1:
            return claiming[0]
        if claiming:
            who = ", ".join(rule.slug for rule in claiming)
            parsed.problems.append(Problem(line, f"customer {name!r} is claimed by {who}"))
        else:
            result.unmatched[name] += 1
        return None

    for inv in parsed.invoices:
        rule = claimant(inv.client, inv.client_ids, inv.line)
        if rule is None:
            continue
        if inv.currency and inv.currency != rule.currency:
            parsed.problems.append(
                Problem(
                    inv.line,
                    f"invoice {inv.number} is in {inv.currency}, but {rule.name} is billed in "
                    f"{rule.currency} (clientexit does not convert: set the client's currency "
                    "or leave the invoice out)",
                )
            )
            continue
        result.by_client.setdefault(rule.slug, []).append(inv)
    for name, number, payment, line in parsed.payments:
        rule = claimant(name, (), line)
        if rule is not None:
            result.payments.setdefault(rule.slug, []).append((number, payment, line))
    return result


@dataclass(frozen=True)
class Dues:
    """A client's imported invoices the export gave no due date: those whose due date this
    import set from the client's payment term, and those left without one."""

    derived: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """What an import did (or, dry, would do), per client."""

    plan: Plan
    changes: dict[str, list[merge.Change]]
    written: bool
    dues: dict[str, Dues] = field(default_factory=dict)
    changed: tuple[str, ...] = ()  # the clients whose invoices it changes (dry: would)

    def count(self, kind: merge.Kind) -> int:
        return sum(1 for found in self.changes.values() for c in found if c.kind == kind)


def undated(entries: Sequence[merge.Entry], imported: Sequence[Imported], source: str) -> list[str]:
    """The numbers of the imported invoices the export gave no due date and whose entry in
    the client's ``[[invoices]]`` (``entries``, as read) has none either."""
    found = []
    for inv in imported:
        if inv.due is None:
            match = merge.find(entries, source, inv)
            if match is None or match[1].get("due") is None:
                found.append(inv.number)
    return found


def some(dues: Mapping[str, Dues]) -> dict[str, Dues]:
    return {slug: d for slug, d in dues.items() if d.derived or d.missing}
