"""``plantrack check``: located findings for the whole repository or some files."""

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli import startup
from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TodayOption,
    check_format,
    check_lang,
    parse_day,
)
from plantrack.cli.progress import progress

FORMATS = ("text", "json", "sarif", "github")


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="TỆP", help="Tệp hoặc thư mục cần kiểm tra (mặc định: cả kho)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, json, sarif hoặc github.")] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Cảnh báo cũng làm lệnh thất bại.")
    ] = False,
    today: TodayOption = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Kiểm tra kế hoạch, đơn vị, chỉ số và báo cáo; in lỗi kèm tệp:dòng:cột."""
    # the use case's own module, not all of ``plantrack.api``: a pre-commit hook runs this
    # on every commit, and importing every other command's code would be most of its time
    with startup.loading():
        from plantrack.app.check import check as run_check
        from plantrack.io.repo import find_repo
        from plantrack.render import findings as out

    lang = check_lang(lang)
    fmt = check_format(fmt, FORMATS, lang)
    day = parse_day(today, "--today", lang)
    root = find_repo(explicit=repo)
    with progress("progress.check", lang, quiet=fmt != "text") as tick:
        result = run_check(root, paths or [], today=day, progress=tick)
    if fmt == "json":
        typer.echo(out.as_json(result.findings, result.files), nl=False)
    elif fmt == "sarif":
        typer.echo(out.as_sarif(result.findings, lang, root), nl=False)
    elif fmt == "github":
        typer.echo(out.as_github(result.findings, lang), nl=False)
        typer.echo(out.summary(result.findings, result.files, lang))
    else:
        typer.echo(out.as_text(result.findings, result.files, lang), nl=False)
    failed = result.errors > 0 or (strict and result.warnings > 0)
    return 1 if failed else 0
