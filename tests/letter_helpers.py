"""Drafting a letter for a client file's data without a command: the tests that read a letter's
sentences call the core as the command does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from clientexit import config
from clientexit._paths import Paths
from clientexit.letters import draft
from clientexit.record.model import Client

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)  # a Wednesday, the examples' day


def draft_for(
    home: Path, data: dict[str, Any], letter_type: str, lang: str, **options: Any
) -> draft.Draft:
    """The letter ``letter_type`` in ``lang`` to the client ``acme-ltd`` whose file holds
    ``data``, drafted on ``NOW`` with the profile in ``home`` (conduct checks waived unless
    ``options`` say otherwise)."""
    paths = Paths(home)
    record = Client("acme-ltd", paths.client_file("acme-ltd"), data)
    options.setdefault("despite_conduct", True)
    return draft_record(paths, record, letter_type, lang, **options)


def draft_record(
    paths: Paths, record: Client, letter_type: str, lang: str, **options: Any
) -> draft.Draft:
    """The letter ``letter_type`` in ``lang`` to ``record``, drafted on ``NOW`` with the
    profile in ``paths``."""
    return draft.draft_letter(
        paths,
        config.require_profile(paths),
        record,
        now=NOW,
        letter_type=letter_type,
        lang=lang,
        **options,
    )
