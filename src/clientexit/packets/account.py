"""The statement of account of one client, with the law that governs the claim and the one
interest computation: what ``statement``, the packet and the bundle all show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.collect.statement import Statement
    from clientexit.record.model import Client, Profile


def statement_for(where: Paths, client: Client, profile: Profile, day: dt.date) -> Statement:
    """``client``'s statement as of ``day``: interest and fixed sums where the governing law
    gives a claim, else the reason there is none (for the person, never the client)."""
    from clientexit import exchange
    from clientexit.collect import interest, law, rates
    from clientexit.collect import statement as core

    currency = client.billing_currency(profile)
    book = rates.load(where)
    governing = law.resolve(book, client, profile)
    claim, why = None, None
    if governing.claimable:
        claim = interest.reckon_for(
            governing,
            client.invoices,
            day,
            currency=currency,
            fx=exchange.lookup(where),
            holds=interest.holds_on(client.incidents, day),
        )
    else:
        why = f"{governing.problem} {governing.fix or ''}".strip()
    return core.build(
        client, currency, day, claim, why, profile, governing.reason, governing.detail
    )
