"""Text on its way out of clientexit, into a file a person opens: nothing in it acts.

``CONTROL``: the characters no text worth keeping holds, refused wherever text is stored (the
record's schema, secretcheck); here rather than in secretcheck, so that reading a file does not
compile the credential patterns. ``for_file``: what an --out, --eml or --ics file may hold (the
terminal's filter, cli/_common's harmless(), without even colour codes). ``spreadsheet_cell``: a
CSV cell that a spreadsheet shows as written and never runs as a formula (OWASP's advice for CSV
injection).
"""

from __future__ import annotations

import re

# Control characters (ESC starts the sequences that clear a screen, retitle a window or hide a
# link) and bidirectional overrides: never part of a text worth keeping, refused wherever text is
# stored. Tabs and line breaks are judged by each rule.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every ESC sequence's start is removed with the ESC itself; the rest of a sequence is printable
# text and stays harmless. Tab, line feed and CRLF line ends (.ics, .eml) are kept.
_FILE_CONTROL = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_CELL_BREAK = re.compile("\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CELL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]")
# What a spreadsheet (Excel, LibreOffice, Google Sheets) may read as the start of a formula,
# full-width forms included (some spreadsheets fold them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def for_file(text: str) -> str:
    """``text`` without control characters (bar tab, line feed and CRLF) or bidi overrides: no
    raw OSC, CSI, BEL or NUL reaches whoever opens or prints the file."""
    return _FILE_CONTROL.sub("", text)


def spreadsheet_cell(value: object) -> str:
    """``value`` as a CSV cell: line breaks and tabs as spaces, other control characters left
    out; then a cell a spreadsheet would run as a formula (starting with = + - @, after any
    spaces) gets a leading apostrophe. A plain number such as -12.50 stays a number."""
    text = _CELL_CONTROL.sub("", _CELL_BREAK.sub(" ", str(value)))
    if text.lstrip(" ").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return f"'{text}"
    return text
