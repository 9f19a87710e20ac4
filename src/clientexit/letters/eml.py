"""An RFC 5322 draft of a letter (.eml) that mail clients open as an unsent message."""

from __future__ import annotations

import datetime as dt
import unicodedata

from clientexit._errors import UsageError

_FIX = "Correct it in the client record or your profile (clientexit client set / init)."


def _single_line(what: str, value: str) -> str:
    """``value`` fit for one header: no line break or control character, and no "=?", which
    mail programs decode as an RFC 2047 encoded word (one can hide a line break, so a name like
    ``=?utf-8?q?Tom=0D=0ABcc:_x@example.com?=`` would otherwise add a Bcc header)."""
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value.strip()):
        raise UsageError(
            f"The {what} contains a line break or control character, which an email header "
            f"cannot hold: {value!r}.",
            _FIX,
        )
    if "=?" in value:
        raise UsageError(
            f"The {what} contains '=?', which mail programs read as an encoded header: {value!r}.",
            _FIX,
        )
    return value.strip()


def _address(what: str, name: str, email: str) -> object:
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        return Address(display_name=_single_line(f"{what} name", name),
                       addr_spec=_single_line(f"{what} email address", email))  # fmt: skip
    except (ValueError, IndexError, HeaderParseError):
        raise UsageError(f"{email!r} is not a usable email address for the {what}.") from None


_HEADERS = ["To", "From", "Subject", "Date", "Message-ID", "X-Unsent"]


def build_eml(
    *,
    to_name: str,
    to_email: str,
    subject: str,
    body: str,
    date: dt.datetime,
    from_name: str | None = None,
    from_email: str | None = None,
) -> str:
    """The draft as text with CRLF line endings (RFC 5322): To, From (when known), Subject,
    Date, Message-ID, X-Unsent: 1 and a UTF-8 body. No value can add a header: the draft is
    parsed back and refused unless it holds exactly these headers and one recipient."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    message = EmailMessage(policy=policy.SMTP)
    message["To"] = _address("recipient", to_name, to_email)
    if from_email:
        message["From"] = _address("sender", from_name or "", from_email)
    message["Subject"] = _single_line("subject", subject)
    message["Date"] = format_datetime(date if date.tzinfo else date.astimezone())
    # A domain of our own: make_msgid would otherwise ask DNS for this machine's name.
    domain = (from_email or to_email).rpartition("@")[2] or "clientexit.invalid"
    message["Message-ID"] = make_msgid("clientexit", domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    text = message.as_string()
    _check_headers(text, bool(from_email))
    return text


def _check_headers(text: str, with_from: bool) -> None:
    from email import policy
    from email.parser import Parser

    parsed = Parser(policy=policy.default).parsestr(text, headersonly=True)
    wanted = [h for h in _HEADERS if with_from or h != "From"]
    mime = ["Content-Type", "Content-Transfer-Encoding", "MIME-Version"]
    if parsed.keys() != [*wanted, *mime] or len(parsed["To"].addresses) != 1:
        raise UsageError(
            "A name or the subject would change the draft's headers; no .eml was written.", _FIX
        )
