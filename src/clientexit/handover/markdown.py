"""The checklist as Markdown: the client's copy, without the freelancer's private items."""

from __future__ import annotations

import re

from clientexit.handover.checklist import RESULTS_ITEM, Checklist, Item

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis or HTML from user data)."""
    return _SPECIAL.sub(r"\\\1", text)


def _line(checklist: Checklist, item: Item) -> list[str]:
    from clientexit.i18n import format_date

    box = "x" if item.is_done else " "
    style = checklist.dates or checklist.lang
    line = f"- [{box}] {escape(item.text)}"
    if item.done:
        line += f" ({checklist.label('done', date=format_date(item.done, style))})"
    elif item.due:
        line += f" ({checklist.label('due', date=format_date(item.due, style))})"
    lines = [line] + [f"  - {escape(text)}" for text in item.detail]
    if item.note:
        lines.append(f"  {checklist.label('note')}: {escape(item.note)}")
    return lines


def end_line(checklist: Checklist) -> str:
    """ "Last working day: ..." once an end is decided; until then, that this is a plan."""
    from clientexit.i18n import format_date

    if not checklist.decided:
        return checklist.label("no_end", client=checklist.client)
    return checklist.label(
        "end_date", end_date=format_date(checklist.end_date, checklist.dates or checklist.lang)
    )


def render(checklist: Checklist) -> str:
    """The client's copy, written to the client in the first person: a heading, a line saying
    whose copy it is, the end date (or that none is decided) and progress, what was achieved
    (once recorded), then one list per section. Private items (and sections left empty) are
    not in it."""
    achieved = checklist.achieved
    checklist = checklist.client_copy()
    out = [
        f"# {escape(checklist.label('title', client=checklist.client))}",
        "",
        escape(checklist.label("client_copy", client=checklist.client)),
        "",
        escape(end_line(checklist)),
        "",
        checklist.label(
            "progress", done=str(checklist.done_count), total=str(len(checklist.items))
        ),
    ]
    for section_id, title in checklist.sections:
        items = checklist.in_section(section_id)
        if not items:
            continue
        out += ["", f"## {escape(title)}", ""]
        for item in items:
            # Once recorded, the summary of what was achieved is shown as written.
            out += (
                [escape(achieved)]
                if achieved and item.id == RESULTS_ITEM
                else _line(checklist, item)
            )
    return "\n".join(out) + "\n"
