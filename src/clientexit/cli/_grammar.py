"""One grammar for the commands about one client's entries: ``NOUN CLIENT ACTION [ARGS]``.

``invoice``, ``deliverable`` and ``log`` are groups whose first argument is the client and whose
sub-commands are the actions (``log acme list``, ``invoice acme add 2026-058 1320 ...``), each
with its own options and --help. The forms of the release before stay as hidden aliases for
one release: a bare ``NOUN CLIENT`` lists, and ``log CLIENT TEXT`` adds. They run as before,
print nothing more on stdout, and say on stderr, in one line, what the form is now.
"""

from __future__ import annotations

import typer
import typer.core

from clientexit.cli._click import Context

_HELP = ("-h", "--help")


def client_arg(ctx: typer.Context) -> str:
    """The CLIENT given to the group that ``ctx``'s sub-command belongs to."""
    assert ctx.parent is not None, "a sub-command of a client group runs under it"
    return str(ctx.parent.params["name"])


class ClientGroup(typer.core.TyperGroup):
    """A group ``NOUN CLIENT ACTION``. ``ROUTED`` sub-commands take no client (``invoice import
    FILE``); ``WORD_MEANS`` is the sub-command a word after CLIENT that names none stands for
    in the old form (``log CLIENT TEXT`` is ``log CLIENT add TEXT``), None when there is none."""

    ROUTED: tuple[str, ...] = ()
    WORD_MEANS: str | None = None
    WORD_METAVAR = "TEXT"

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        words = self._positionals(args)
        if words and args[words[0]] in self.ROUTED:
            return self._route(ctx, args[words[0]], args[: words[0]] + args[words[0] + 1 :])
        if not ctx.resilient_parsing:  # completing a word: Click's own walk, nothing rewritten
            args = self._canonical(args, words)
        return super().parse_args(ctx, args)

    def _route(self, ctx: Context, name: str, rest: list[str]) -> list[str]:
        """A client-less sub-command runs in the group's place (its options, its --help)."""
        command = self.get_command(ctx, name)
        assert command is not None, f"{name} is one of the group's sub-commands"
        ctx.command, ctx.info_name = command, f"{ctx.info_name} {name}"
        # The context was made for the group, which stops at the first word: the command's own
        # parsing rules (options after its arguments) apply instead.
        ctx.allow_interspersed_args = command.allow_interspersed_args
        ctx.allow_extra_args = command.allow_extra_args
        ctx.ignore_unknown_options = command.ignore_unknown_options
        parsed: list[str] = command.parse_args(ctx, rest)
        return parsed

    def _value_options(self) -> set[str]:
        """Every sub-command's options that take a value (their value is no positional)."""
        return {
            opt
            for command in self.commands.values()
            for param in command.params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for opt in param.opts
        }

    def _positionals(self, args: list[str]) -> list[int]:
        """Where the words that are not options or their values are (all of them after ``--``)."""
        takes_value, skip = self._value_options(), False
        found: list[int] = []
        for index, arg in enumerate(args):
            if skip:
                skip = False
            elif arg == "--":
                found.extend(range(index + 1, len(args)))
                break
            elif arg.startswith("-") and arg != "-":
                skip = arg in takes_value
            else:
                found.append(index)
        return found

    def _canonical(self, args: list[str], words: list[int]) -> list[str]:
        """``CLIENT ACTION`` first, then the rest in its order; an old form made the new one."""
        if not words:
            return args
        first = words[0]
        ends = args.index("--") if "--" in args else len(args)
        action = words[1] if len(words) > 1 else None
        if action is not None and action < ends and args[action] in self.commands:
            rest = [arg for index, arg in enumerate(args) if index not in (first, action)]
            return [args[first], args[action], *rest]
        if any(arg in _HELP for arg in args[:ends]):
            if args[first] in self.commands:  # `invoice add --help`: the action's own help
                return ["CLIENT", *args]
            return args  # `invoice acme --help`: the group's help
        meant = "list" if action is None else self.WORD_MEANS
        if meant is None:
            return args  # Click says "No such command" and lists the actions
        rest = [arg for index, arg in enumerate(args) if index != first]
        self._deprecated(meant, action is not None)
        return [args[first], meant, *rest]

    def _deprecated(self, meant: str, with_word: bool) -> None:
        old = f"clientexit {self.name} CLIENT" + (f" {self.WORD_METAVAR}" if with_word else "")
        new = f"clientexit {self.name} CLIENT {meant}" + (
            f" {self.WORD_METAVAR}" if with_word else ""
        )
        typer.echo(
            f"clientexit: note: '{old}' is now '{new}'; the old form goes in the next release.",
            err=True,
        )
