"""``plantrack audit``: what git history says about who changed what, when, and whether it
was allowed, on time, or after an official consolidation."""

from typing import Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TextJsonOption,
    check_format,
    check_lang,
    period_code,
)
from plantrack.cli.progress import progress

FORMATS = ("text", "json")


def audit(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Chỉ xem các commit sau REV (REV..HEAD), ví dụ một mã commit."
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            callback=period_code,
            help="Chỉ xem báo cáo của một kỳ, ví dụ 2025-Q1.",
        ),
    ] = None,
    ids: Annotated[bool, typer.Option("--ids", help="Ghi kèm mã đơn vị, mã kỳ và mã lỗi.")] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Ghi kèm thông tin git: mã lần ghi, tài khoản, tệp."),
    ] = False,
    fmt: TextJsonOption = "text",
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Kiểm tra lịch sử git: ai sửa báo cáo nào, khi nào, có đúng quyền, đúng hạn không."""
    from plantrack import api
    from plantrack.render import audit as out

    lang = check_lang(lang)
    fmt = check_format(fmt, FORMATS, lang)
    root = api.find_repo(explicit=repo)
    with progress("progress.git", lang, quiet=fmt == "json"):
        result = api.run_audit(root, since=since, period=period)
    text = (
        out.audit_json(result)
        if fmt == "json"
        else out.audit_text(result, lang, ids=ids, verbose=verbose)
    )
    typer.echo(text, nl=False)
    return 1 if result.errors else 0
