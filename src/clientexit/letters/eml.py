"""An RFC 5322 draft of a letter (.eml) that mail clients open as an unsent message."""

from __future__ import annotations

import datetime as dt

from clientexit._errors import UsageError


def _single_line(what: str, value: str) -> str:
    if any(ch in value for ch in "\r\n\x00") or any(ch in value for ch in "\u2028\u2029\x85"):
        raise UsageError(
            f"The {what} contains a line break, which an email header cannot hold: {value!r}.",
            "Correct it in the client record or your profile (clientexit client set / init).",
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
    """The draft as text: To, From (when known), Subject, Date, X-Unsent: 1, a UTF-8 body."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime

    message = EmailMessage(policy=policy.default)
    message["To"] = _address("recipient", to_name, to_email)
    if from_email:
        message["From"] = _address("sender", from_name or "", from_email)
    message["Subject"] = _single_line("subject", subject)
    message["Date"] = format_datetime(date if date.tzinfo else date.astimezone())
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message.as_string()
