"""A document as plain data: a title and blocks, the one shape the HTML and PDF renderers read.

The block kinds are the statement's (``collect.statement.as_blocks``) plus ``checks``:

- ``("title", text)`` and ``("heading", text)``;
- ``("pairs", [(label, value)])`` and ``("amounts", [(label, value)])``;
- ``("table", (headers, rows, right_aligned_columns))``;
- ``("lines", [text])``;
- ``("checks", [(done, text, when, note)])``: a checklist item, ticked or not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from clientexit._errors import UsageError

Block = tuple[str, object]


@dataclass(frozen=True)
class Document:
    """What a packet or a bundle page says, in ``lang``, before it is rendered."""

    title: str
    lang: str
    blocks: tuple[Block, ...]
    paper: str = "a4"  # "a4" or "us-letter": the PDF's page size

    def texts(self) -> Iterator[str]:
        """Every text the document shows, for the secret check and for tests."""
        yield self.title
        for _, value in self.blocks:
            yield from _strings(value)

    def as_dict(self) -> dict[str, object]:
        """The document as JSON-ready data (the PDF template reads it)."""
        return {
            "title": self.title,
            "lang": self.lang,
            "paper": self.paper,
            "blocks": [{"kind": kind, "value": _plain(kind, value)} for kind, value in self.blocks],
        }


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)


def _plain(kind: str, value: object) -> object:
    if kind == "table" and isinstance(value, tuple):
        headers, rows, right = value
        return {"headers": list(headers), "rows": [list(r) for r in rows], "right": sorted(right)}
    if not isinstance(value, list | tuple):
        return value
    if kind == "checks":
        return [{"done": d, "text": t, "when": w or "", "note": n or ""} for d, t, w, n in value]
    if kind in ("pairs", "amounts"):
        return [[label, text] for label, text in value]
    return value


def words(lang: str) -> Mapping[str, str]:
    """The packet's and bundle's words in ``lang`` (en, cs, tr; a locale such as en_GB uses en)."""
    from clientexit._resources import words_in

    return words_in("packets/words.toml", lang, "A packet")


def refuse_secrets(document: Document) -> Document:
    """``document`` unchanged, or a UsageError naming the kind of secret one of its texts seems
    to hold (never repeating it): what goes to a client passes the check stored text passes."""
    from clientexit.secretcheck import CONTROL, find_secret

    place = document.title
    for kind_of_block, value in (("title", document.title), *document.blocks):
        if kind_of_block in ("title", "heading") and isinstance(value, str):
            place = value
        for text in _strings(value):
            kind = "a control character" if CONTROL.search(text) else find_secret(text)
            if kind is None:
                continue
            raise UsageError(
                f"The part {place!r} of {document.title!r} would carry {kind}; "
                "nothing was written.",
                "Edit that note or entry in the client's record, then build it again.",
            )
    return document
