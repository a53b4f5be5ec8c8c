"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from plantrack.validate.finding import Finding

# The environment variables are read once, by the root command (``cli/app.py``), which hands
# them down as defaults: so an option typed after the command wins over one typed before it,
# which wins over the environment, which wins over the default.
REPO_ENV, LANG_ENV = "PLANTRACK_REPO", "PLANTRACK_LANG"
_REPO_HELP = "Thư mục kho dữ liệu (mặc định: tìm từ thư mục hiện tại)."
_LANG_HELP = "Ngôn ngữ: vi hoặc en."
RepoOption = Annotated[Path | None, typer.Option("--repo", help=_REPO_HELP)]
LangOption = Annotated[str, typer.Option("--lang", help=_LANG_HELP)]
RootRepoOption = Annotated[Path | None, typer.Option("--repo", envvar=REPO_ENV, help=_REPO_HELP)]
RootLangOption = Annotated[str, typer.Option("--lang", envvar=LANG_ENV, help=_LANG_HELP)]
TodayOption = Annotated[
    str | None, typer.Option("--today", help="Ngày kiểm tra (YYYY-MM-DD), mặc định hôm nay.")
]
TextJsonOption = Annotated[str, typer.Option("--format", help="text hoặc json.")]
# the office's own number, date and signer of a Word document (blank: filled in by hand)
NumberOption = Annotated[
    str | None, typer.Option("--number", help="Số văn bản (trống: để văn thư điền).")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Ngày văn bản (YYYY-MM-DD; trống: để trống).")
]
SignerOption = Annotated[str | None, typer.Option("--signer", help="Họ tên người ký.")]


def period_code(value: str | None) -> str | None:
    """A period code as the plan writes it: ``2024-y`` is ``2024-Y`` (codes are upper case)."""
    return value.strip().upper() if value else value


def check_lang(lang: str) -> str:
    """Refuse languages other than vi and en (exit 2)."""
    if lang not in ("vi", "en"):
        raise typer.BadParameter(usage("usage.lang"), param_hint="--lang")
    return lang


def parse_day(text: str | None, option: str, lang: str = "vi") -> dt.date | None:
    """A ``YYYY-MM-DD`` option value as a date (``None`` when not given); bad input exits 2."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(usage("usage.date", lang), param_hint=option) from exc


def check_format(fmt: str, formats: tuple[str, ...], lang: str = "vi") -> str:
    """Refuse an output format the command does not have (exit 2)."""
    if fmt not in formats:
        choices = ", ".join(formats)
        raise typer.BadParameter(
            usage("usage.one_of", lang, choices=choices), param_hint="--format"
        )
    return fmt


def usage(key: str, lang: str = "vi", **values: object) -> str:
    """The words of a usage error, from the catalogue."""
    from plantrack.i18n import t

    return t(key, lang, **values)


def say(key: str, lang: str = "vi", **values: object) -> None:
    """Print the catalogue message ``key`` to stderr (progress and notes, not results)."""
    from plantrack.i18n import t

    typer.echo(t(key, lang, **values), err=True)


def findings_failed(findings: Sequence[Finding], key: str | None, lang: str = "vi") -> int:
    """Print ``findings`` as ``check`` does, then the message ``key``, to stderr; exit 1."""
    from plantrack.render.findings import as_text

    typer.echo(as_text(list(findings), len({f.path for f in findings}), lang), nl=False, err=True)
    if key is not None:
        say(key, lang)
    return 1


# warnings about the whole run rather than one file: printed in full, not only counted
RUN_WARNINGS = ("PT243",)


def run_warnings(findings: Sequence[Finding], lang: str = "vi") -> None:
    """Print, to stderr, the warnings that concern the whole run (a period with no reports)."""
    from plantrack.render.findings import severity_word

    for f in findings:
        if f.code in RUN_WARNINGS:
            typer.echo(f"{severity_word(f.severity, lang)} {f.code}: {f.message(lang)}", err=True)
            if f.hint(lang):
                say("word.hint_line", lang, hint=f.hint(lang))


def wide_console() -> Console:
    """A rich console for tables on stdout: piped output keeps a readable width (160
    columns) instead of rich's 80."""
    import sys

    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)
