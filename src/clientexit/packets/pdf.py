"""A document as PDF, typeset by Typst (the ``pdf`` extra: ``pip install 'clientexit[pdf]'``).

The document goes to the template as JSON data (``sys.inputs``), never as markup, so record
text cannot change the layout. Only the fonts built into Typst are used (Libertinus Serif covers
Czech and Turkish) and embedded; the PDF carries no creation date, so the same document gives
the same bytes.
"""

from __future__ import annotations

import json

from clientexit._errors import UsageError
from clientexit.packets.document import Document

INSTALL_HINT = "Install the PDF extra: pip install 'clientexit[pdf]' (or write --format html)."


def available() -> bool:
    """Whether the PDF extra (the ``typst`` package) is installed."""
    import importlib.util

    return importlib.util.find_spec("typst") is not None


def render(document: Document) -> bytes:
    """The PDF of ``document``; a UsageError saying how to add the extra when it is missing."""
    if not available():
        raise UsageError(
            "PDF output needs the Typst typesetter, which is not installed.", INSTALL_HINT
        )
    import typst

    from clientexit._resources import templates_dir

    template = templates_dir() / "packets" / "document.typ"
    data = json.dumps(document.as_dict(), ensure_ascii=False)
    try:
        pdf: bytes = typst.compile(
            str(template), sys_inputs={"document": data}, ignore_system_fonts=True
        )
    except Exception as error:  # typst raises its own TypstError; the message says what failed
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UsageError(
            f"The PDF could not be typeset: {first}",
            "Write --format html meanwhile, and report this with the command you ran.",
        ) from error
    return pdf
