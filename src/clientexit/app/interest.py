"""`clientexit interest` minus the terminal: the client, the profile, the statutory rates and
the exchange rates on file loaded and joined into the claim (collect/interest.py). A client
whose ``customer`` is unset may be asked about first (the command's prompt) and the answer
recorded; the command prints what this hands back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from clientexit._paths import Paths
    from clientexit.collect.interest import Claim
    from clientexit.record.model import Client, Profile


@dataclass(frozen=True)
class Reckoning:
    """The claim on a day for a client (as recorded, after any answer about its customer), the
    profile it was reckoned with, and the rates file its figures come from."""

    record: Client
    profile: Profile
    claim: Claim
    rates_file: str


def reckon(
    where: Paths,
    name: str,
    day: dt.date,
    today: dt.date,
    *,
    ask_customer: Callable[[Client], str | None] | None = None,
    recorded: Callable[[Client, str], None] | None = None,
) -> Reckoning:
    """The statutory interest and fixed sums ``name``'s late invoices carry up to ``day``.

    When only an unset ``customer`` blocks the claim, ``ask_customer`` (if given) is asked;
    an answer is recorded on ``today`` and handed to ``recorded`` before the claim is reckoned
    (a consumer then gets the claim's error, as an unset one would without asking)."""
    from clientexit import clients, config, exchange
    from clientexit.collect import interest, law, rates
    from clientexit.record.schema import CUSTOMERS

    record = clients.load(where, name)
    profile = config.load_profile(where)
    book = rates.load(where)
    if ask_customer is not None:
        governing = law.resolve(book, record, profile)
        if governing.problem is not None and governing.customer not in CUSTOMERS:
            answer = ask_customer(record)
            if answer:
                from clientexit.app import client as change

                record = change.set_fields(where, record.slug, {"customer": answer}, {}, today)
                if recorded is not None:
                    recorded(record, answer)
    claim = interest.for_client(book, record, profile, day, fx=exchange.lookup(where))
    return Reckoning(record, profile, claim, str(book.source))
