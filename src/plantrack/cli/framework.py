"""The command-line framework (Typer, and the Click it is built on) speaking the user's language.

Typer asks gettext for its words ("Options", "[required]", "[default: …]"); the Click it
vendors writes the rest itself ("Usage:", "Show this message and exit.", every usage error).
``Words`` is a gettext translations object filled from ``i18n/framework.yaml``: it is given to
Typer's gettext hook, and our command classes route Click's own words through it:
the usage line, the help option, and usage errors (composed text matched against the
catalogue's patterns). English is the framework's own wording, so ``en`` is the identity.
"""

from __future__ import annotations

import gettext
import os
import re
import sys
from collections.abc import Sequence
from functools import cache
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup

from plantrack.i18n import fill, framework

# the modules whose ``_`` is gettext's: Typer's own, and Click's when Typer does not vendor it
_GETTEXT_MODULES = (
    "typer.core",
    "typer.rich_utils",
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
)


class Words(gettext.NullTranslations):
    """The framework's words in one language, from the catalogue (English: unchanged)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = "en" if lang == "en" else "vi"

    def gettext(self, message: str) -> str:
        """``message`` in this language."""
        if self.lang == "en":
            return message
        words: dict[str, str] = framework()["words"]
        return words.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The singular or plural ``message`` in this language."""
        return self.gettext(msgid1 if n == 1 else msgid2)

    def message(self, text: str) -> str:
        """A usage error's text as the framework composed it, in this language."""
        if self.lang == "en":
            return text
        for pattern, template in _patterns():
            found = pattern.fullmatch(text)
            if found is not None:
                return fill(template, self._values(found))
        return text

    def _values(self, found: re.Match[str]) -> dict[str, str]:
        values = {key: value or "" for key, value in found.groupdict().items()}
        if values.get("message"):
            values["message"] = self.message(values["message"])
            values["message_"] = " " + values["message"]
        if values.get("label"):
            values["label_"] = framework()["labels"].get(values["label"], values["label"])
        return values


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(entry["en"], re.S), entry["vi"]) for entry in framework()["messages"]]


_current = Words("vi")


def words() -> Words:
    """The translations in use for this run."""
    return _current


def use_language(args: Sequence[str] | None) -> Words:
    """Speak the ``--lang`` of ``args`` (else ``PLANTRACK_LANG``, else Vietnamese) from now on."""
    global _current
    _current = Words(language_of(sys.argv[1:] if args is None else args))
    for name in _GETTEXT_MODULES:
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            # the gettext hook these modules call for every word they print
            module._ = _current.gettext  # type: ignore[attr-defined]
            if hasattr(module, "ngettext"):
                module.ngettext = _current.ngettext  # type: ignore[attr-defined]
    return _current


def language_of(args: Sequence[str]) -> str:
    """The ``--lang`` of the command line, else ``PLANTRACK_LANG``, else ``vi``."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return str(args[index + 1])
        if str(arg).startswith("--lang="):
            return str(arg).removeprefix("--lang=")
    return os.environ.get("PLANTRACK_LANG", "vi")


def show_usage_error(exc: Any, file: IO[str] | None = None) -> None:
    """Print a Click usage error as Click does, in the words of this run."""
    tr = _current
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and type(exc).__name__ == "NoArgsIsHelpError":
        # a group run without its command: its help, not an error quoting the help
        typer.echo(ctx.get_help(), file=file, err=file is None, color=ctx.color)
        return
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            try_help = tr.gettext("Try '{command} {option}' for help.")
            hint = try_help.format(command=ctx.command_path, option=ctx.help_option_names[0])
            hint += "\n"
        typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=ctx.color)
    text = tr.message(exc.format_message())
    typer.echo(tr.gettext("Error: {message}").format(message=text), file=file, err=file is None)


class _Speaking:
    """What our command classes add to Typer's: Click's own words through ``words()``."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line, its prefix and metavars in the words of this run."""
        tr = _current
        pieces = [tr.gettext(piece) for piece in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=tr.gettext("Usage: "))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help page, the value kinds (``<str>``, ``<path>``) in the words of this run."""
        # the help option is described here, where a page shows it, not at every parse: its
        # words come from a catalogue file that a run without help need not read
        option = self.get_help_option(ctx)  # type: ignore[attr-defined]
        if option is not None:
            option.help = _current.gettext("Show this message and exit.")
        changed: list[tuple[Any, bool]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            shown = param.display_type(ctx) if hasattr(param, "display_type") else ""
            said = _current.gettext(shown)
            if shown and said != shown:
                # options show a metavar, arguments their type beside the name
                named = param.metavar is None and param.param_type_name == "option"
                if named:
                    param.metavar = said
                param.display_type_rich = lambda ctx, said=said: said
                changed.append((param, named))
        ranged = _say_ranges(self.get_params(ctx))  # type: ignore[attr-defined]
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            for param, named in changed:
                del param.display_type_rich
                if named:
                    param.metavar = None
            for param in ranged:
                del param._get_number_range_help_str

    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        """Parse ``args``; a usage error the parser raised without its command (an option
        missing its value) is given it, so it shows the usage lines as every other does."""
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except Exception as exc:
            if is_usage_error(exc) and getattr(exc, "ctx", False) is None:
                exc.ctx, exc.cmd = ctx, ctx.command  # type: ignore[attr-defined]
            raise


def _say_ranges(params: list[Any]) -> list[Any]:
    """Give each number option's range (``x>=1`` in its help) in the words of this run; the
    options changed, to put back after the help page."""
    ranged = []
    for param in params:
        describe = getattr(param, "_get_number_range_help_str", None)
        shown = describe() if callable(describe) else None
        said = _current.message(shown) if shown else shown
        if said != shown:
            param._get_number_range_help_str = lambda said=said: said
            ranged.append(param)
    return ranged


class SpeakingCommand(_Speaking, TyperCommand):
    """A Typer command whose framework words follow ``--lang``."""


class SpeakingGroup(_Speaking, TyperGroup):
    """A Typer group whose framework words follow ``--lang``; the entry point of a run."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands with their whole first sentence, wrapped rather than cut with "…"."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section(_current.gettext("Commands")):
                formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line, choosing the language first; usage errors in that language."""
        use_language(args)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo(_current.gettext("Aborted!"), err=True)
            sys.exit(1)
        except Exception as exc:
            if not standalone_mode or not is_usage_error(exc):
                raise
            show_usage_error(exc)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


def is_usage_error(exc: BaseException) -> bool:
    """Click's usage errors (vendored or not inside Typer) know how to show themselves."""
    return callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int)


def speak(typer_app: typer.Typer) -> None:
    """Give every command of ``typer_app`` and its sub-apps the framework words of the run."""
    typer_app.info.cls = SpeakingGroup
    for command in typer_app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = SpeakingCommand
    for group in typer_app.registered_groups:
        group.cls = SpeakingGroup
        if group.typer_instance is not None:
            speak(group.typer_instance)
