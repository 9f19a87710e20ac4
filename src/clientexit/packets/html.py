"""A document as one self-contained HTML file: styles inline, no scripts, no links, no fetches,
and print rules that fit A4 and US Letter alike."""

from __future__ import annotations

from clientexit.packets.document import Document


def render(document: Document) -> str:
    """The HTML page of ``document`` (every text escaped: record text is never markup)."""
    import jinja2

    from clientexit._resources import templates_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "packets")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("document.html.j2")
    return template.render(doc=document.as_dict())
