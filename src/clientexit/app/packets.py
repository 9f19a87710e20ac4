"""Building a packet or a bundle for one client of the book: the use cases `clientexit packet`
and `clientexit bundle` call (they load the client and its profile; packets/ builds and renders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clientexit.packets.document import Document

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.packets.bundle import Bundle

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Packet:
    """A built handover packet: the document, its rendered bytes and its format."""

    slug: str
    document: Document
    format: str
    content: bytes

    @property
    def file_name(self) -> str:
        return f"{self.slug}-handover.{self.format}"


def handover_packet(
    where: Paths, name: str, *, lang: str | None, day: dt.date, fmt: str = "html"
) -> Packet:
    """The handover packet of client ``name`` as of ``day`` in ``lang`` (default: the
    client's language, else yours), rendered as ``fmt`` (html or pdf)."""
    from clientexit import clients, config, i18n
    from clientexit.handover.checklist import build as checklist_for
    from clientexit.packets import handover_packet as packet
    from clientexit.packets import html, pdf
    from clientexit.packets.account import statement_for

    if fmt not in FORMATS:
        from clientexit._errors import UsageError

        raise UsageError(f"--format {fmt!r} is not known.", "Use --format html or pdf.")
    if fmt == "pdf" and not pdf.available():
        from clientexit._errors import UsageError

        raise UsageError(
            "PDF output needs the Typst typesetter, which is not installed.", pdf.INSTALL_HINT
        )
    client = clients.load(where, name)
    profile = config.load_profile(where)
    language = i18n.choose_language(lang, client, profile)
    checklist = checklist_for(client, profile, day, language, user_templates=where.templates)
    statement = statement_for(where, client, profile, day)
    dates = i18n.date_locale(language, profile.country, profile.currency)
    document = packet.build(client, profile, checklist, statement, lang=checklist.lang, dates=dates)
    data = pdf.render(document) if fmt == "pdf" else html.render(document).encode()
    return Packet(client.slug, document, fmt, data)


def claim_bundle(
    where: Paths, name: str, *, lang: str | None, day: dt.date, with_pdf: bool = False
) -> tuple[str, Bundle]:
    """The claim bundle of client ``name`` as of ``day``, in ``lang`` (default: your language,
    the bundle being for your lawyer or agency). Returns the client's slug and the archive."""
    from clientexit import clients, config, i18n
    from clientexit._store import read_toml
    from clientexit.packets import bundle, pdf
    from clientexit.packets.account import statement_for

    if with_pdf and not pdf.available():
        from clientexit._errors import UsageError

        raise UsageError(
            "--pdf needs the Typst typesetter, which is not installed.", pdf.INSTALL_HINT
        )
    client = clients.load(where, name)
    profile = config.load_profile(where)
    language = i18n.choose_language(lang, None, profile)
    statement = statement_for(where, client, profile, day)
    dates = i18n.date_locale(language, profile.country, profile.currency)
    raw = read_toml(where.client_file(client.slug))
    files = bundle.members(
        client,
        profile,
        statement,
        raw,
        lang=language,
        dates=dates,
        today=day,
        pdf=pdf.render if with_pdf else None,
        commit=_commit(where, client.slug),
        read_eml=bundle.read_file,
    )
    return client.slug, bundle.archive(files)


def _commit(where: Paths, slug: str) -> str | None:
    """The history commit the client's file was last committed in, with history on; None when
    history is off, or the file has changes not yet committed (it would not be the evidence)."""
    from clientexit import history

    if not history.is_on(where.home):
        return None
    from clientexit.history import git

    file = f"clients/{slug}.toml"
    try:
        found = git.out(
            where.home, ["log", "-1", "--format=%H", "--", file], what="read the history"
        )
        dirty = git.out(where.home, ["status", "--porcelain", "--", file], what="read the history")
    except Exception:  # no git program, or a repository git cannot read: no commit to name
        return None
    return found.strip() or None if not dirty.strip() else None
