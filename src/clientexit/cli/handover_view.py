"""The terminal side of a handover checklist: the checkbox prompt and the rich view."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questionary import Choice, Separator
    from rich.text import Text

    from clientexit.handover.checklist import Checklist, Item


def ask_done(checklist: Checklist) -> list[str]:
    """The ids ticked in a checkbox list of every item, grouped by section (a terminal only)."""
    from clientexit.cli._common import ask, require_terminal

    require_terminal("--interactive", "Use --done ID... and --undo ID... instead.")
    import questionary

    choices: list[Choice | Separator] = []
    for section_id, title in checklist.sections:
        items = checklist.in_section(section_id)
        if items:
            choices.append(questionary.Separator(f"-- {title}"))
            choices += [questionary.Choice(i.text, value=i.id, checked=i.is_done) for i in items]
    return list(ask(questionary.checkbox("Which items are done?", choices=choices)))


def print_checklist(checklist: Checklist) -> None:
    """Title, end date, a progress bar, then each section's items with their state."""
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    from clientexit.cli._common import console

    total = len(checklist.items)
    out = console()
    out.print(Text(checklist.label("title", client=checklist.client), style="bold"))
    from clientexit.handover.markdown import end_line

    out.print(Text(end_line(checklist)))
    bar = Table.grid(padding=(0, 1))
    bar.add_row(
        ProgressBar(total=total or 1, completed=checklist.done_count, width=30),
        Text(checklist.label("progress", done=str(checklist.done_count), total=str(total))),
    )
    out.print(bar)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for section_id, title in checklist.sections:
        items = checklist.in_section(section_id)
        if items:
            table.add_row("", "")
            table.add_row("", Text(title, style="bold underline"))
            for item in items:
                table.add_row(*_row(checklist, item))
    out.print(table)


def _row(checklist: Checklist, item: Item) -> tuple[Text, Text]:
    """A check mark, and the item's text over a dim line with its id and date (and note)."""
    from rich.text import Text

    from clientexit.i18n import format_date

    lang = checklist.dates or checklist.lang
    if item.done:
        mark, style = Text("[x]", style="green"), "dim"
        when = checklist.label("done", date=format_date(item.done, lang))
    elif item.due is not None and item.overdue(checklist.today):
        mark, style = Text("[!]", style="bold red"), "red"
        when = checklist.label("overdue", date=format_date(item.due, lang))
    else:
        mark, style = Text("[ ]"), ""
        when = checklist.label("due", date=format_date(item.due, lang)) if item.due else ""
    body = Text(item.text, style=style)
    for line in item.detail:
        body.append(f"\n  - {line}", style=style)
    body.append(f"\n{item.id}", style="dim")
    if when:
        body.append(f"  {when}", style=style or "dim")
    if item.note:
        body.append(f"\n{checklist.label('note')}: {item.note}", style="italic")
    elif item.hint and not item.done:
        body.append(f"\n{checklist.label('record')}: {item.hint}", style="dim")
    return mark, body
