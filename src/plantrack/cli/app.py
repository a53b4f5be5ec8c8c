"""The ``plantrack`` Typer application and its entry point.

Commands live in small modules and import the library lazily, so ``plantrack --help``
starts fast. Exit codes: 0 clean, 1 data findings of severity error, 2 usage or fatal.
"""

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

# pydantic looks for plugins in every installed package's metadata when the first model is
# built: a tenth of a second of each command's start, for plugins plantrack never uses.
# A user who wants them can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from plantrack import __version__
from plantrack.cli import coercion, failures, noplugins, startup
from plantrack.cli.framework import is_usage_error, language_of, show_usage_error, speak
from plantrack.cli.options import RootLangOption, RootRepoOption
from plantrack.errors import PlantrackError
from plantrack.i18n import t

# Every command in the order of the help page: its name, the module under ``plantrack.cli``
# that holds it and the function (or sub-application) there. A run imports and builds only
# the command it runs: a pre-commit hook's ``plantrack check FILE`` does not pay for the
# code of every other command.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("check", "check_cmd", "check"),
    ("consolidate", "consolidate_cmd", "consolidate"),
    ("status", "status_cmd", "status"),
    ("remind", "remind_cmd", "remind"),
    ("report", "report_cmd", "report_app"),
    ("rollup", "rollup_cmd", "rollup_app"),
    ("init", "init_cmd", "init"),
    ("form", "form_cmd", "form_app"),
    ("inspection", "inspection_cmd", "inspection_app"),
    ("emulation", "emulation_cmd", "emulation_app"),
    ("audit", "audit_cmd", "audit"),
    ("history", "history_cmd", "history"),
    ("handover", "handover_cmd", "handover"),
    ("codeowners", "codeowners_cmd", "codeowners"),
    ("explain", "explain_cmd", "explain"),
    ("schema", "schema_cmd", "schema"),
    ("migrate", "migrate_cmd", "migrate"),
)
_VALUED = ("--repo", "--lang")  # the root options that take a value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plantrack {__version__}")
        raise typer.Exit(0)


def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="In phiên bản."
    ),
    debug: bool = typer.Option(False, "--debug", help="In traceback khi có lỗi nội bộ."),
    lang: RootLangOption = "vi",
    repo: RootRepoOption = None,
) -> None:
    """plantrack: theo dõi thực hiện kế hoạch của cơ quan nhà nước."""
    given = {"lang": lang, "repo": repo}
    given = {name: value for name, value in given.items() if _typed(ctx, name)}
    if given:
        # ``plantrack --repo X form export``: the options typed before the command (or set
        # in the environment) become the defaults of every command below, which still
        # accept them after their name
        ctx.default_map = _defaults(ctx.command, given)


def _typed(ctx: typer.Context, name: str) -> bool:
    """Whether the option ``name`` was given on the command line or by its environment
    variable (not left to its default)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")


def _defaults(command: Any, given: dict[str, Any]) -> dict[str, Any]:
    """The default map giving ``given`` to every command under ``command`` that has them."""
    out: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            out[name] = _defaults(sub, given)
        else:
            names = {param.name for param in sub.params}
            out[name] = {key: value for key, value in given.items() if key in names}
    return out


def build(names: Sequence[str] | None = None) -> typer.Typer:
    """The Typer application with the commands ``names`` (every command when ``None``)."""
    coercion.install()
    noplugins.install()
    built = typer.Typer(
        name="plantrack",
        help="Theo dõi thực hiện kế hoạch của cơ quan nhà nước, lưu bằng YAML trong kho git.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    built.callback()(_root)
    for name, module, attribute in COMMANDS:
        if names is not None and name not in names:
            continue
        target = getattr(importlib.import_module(f"plantrack.cli.{module}"), attribute)
        if isinstance(target, typer.Typer):
            if name == "report":
                _wire_for_parent(target)
            built.add_typer(target, name=name)
        else:
            built.command(name)(target)
    speak(built)  # last: the framework's words (usage, help, usage errors) follow --lang
    return built


def _wire_for_parent(report_app: typer.Typer) -> None:
    """``plantrack report for-parent`` lives with the roll-up commands (once per process)."""
    if not any(c.name == "for-parent" for c in report_app.registered_commands):
        from plantrack.cli import rollup_cmd

        report_app.command("for-parent")(rollup_cmd.for_parent)


def command_named(args: Sequence[str]) -> str | None:
    """The command a command line runs (``None``: none, or not one of ours)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg if any(arg == name for name, _, _ in COMMANDS) else None
    return None


def for_args(args: Sequence[str]) -> typer.Typer:
    """The application a run needs: only the command it names; every command for the help
    page, an unknown command (its suggestions) or no command; none for ``--version``."""
    name = command_named(args)
    if name is not None:
        return build([name])
    if "--version" in args and not any(a in ("--help", "-h") for a in args):
        return build([])
    return build()


def __getattr__(name: str) -> typer.Typer:
    # ``app``, the whole application, is built on first use (tests, ``typer`` tools)
    if name == "app":
        built = build()
        globals()["app"] = built
        return built
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with its code; fatal errors become one paragraph, exit 2."""
    if argv is None:  # the process's own command line: this run is all the process does
        startup.own_process()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    lang = language_of(args)
    try:
        with startup.loading():
            application = for_args(args)
        result = application(args=args, standalone_mode=False, prog_name="plantrack")
        code = result if isinstance(result, int) else 0
        if code == failures.INTERRUPTED:  # Typer's answer to Ctrl-C: say what it means
            typer.echo(f"plantrack: {failures.interrupted().text(lang)}", err=True)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        typer.echo(t("cli.cancelled", lang), err=True)
        code = 2
    except PlantrackError as exc:
        if debug:
            raise
        typer.echo(f"plantrack: {exc.text(lang)}", err=True)
        code = 2
    except KeyboardInterrupt:
        typer.echo(f"plantrack: {failures.interrupted().text(lang)}", err=True)
        code = failures.INTERRUPTED
    except Exception as exc:
        known = (
            failures.from_os_error(exc)
            if isinstance(exc, OSError)
            else failures.from_template_error(exc)
        )
        if known is not None and not debug:  # the machine's fault: disk full, read-only…
            typer.echo(f"plantrack: {known.text(lang)}", err=True)
            sys.exit(2)
        if is_usage_error(exc):
            show_usage_error(exc)
            sys.exit(2)
        # a bug, not the user's fault: say so briefly
        if debug:
            raise
        message = t("cli.internal_error", lang, kind=type(exc).__name__, error=exc)
        typer.echo(f"plantrack: {message}", err=True)
        code = 2
    sys.exit(code)
