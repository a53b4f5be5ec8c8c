"""``plantrack remind``: who owes a report or overdue tasks, and the reminder letter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    check_format,
    check_lang,
    findings_failed,
    parse_day,
    period_code,
    say,
    usage,
)
from plantrack.cli.progress import progress

if TYPE_CHECKING:
    from plantrack.api import Reminded

FORMATS = ("text", "json", "md", "docx")


def remind(
    period: Annotated[
        str, typer.Option("--period", "-p", callback=period_code, help="Kỳ báo cáo, ví dụ 2026-Y.")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Tính đến ngày (YYYY-MM-DD, mặc định hôm nay).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Thư mục ghi kết quả (bắt buộc với --format docx)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Định dạng: text, json, md hoặc docx.")
    ] = "text",
    number: Annotated[
        str | None, typer.Option("--number", help="Số công văn (trống: để văn thư điền).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Ngày công văn (YYYY-MM-DD; trống: để trống).")
    ] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Họ tên người ký.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có trong --out.")] = False,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            help="Hạn trả lời (mặc định: 5 ngày làm việc sau --date, hoặc sau --as-of).",
        ),
    ] = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Đôn đốc: đơn vị chưa gửi, gửi trễ báo cáo, có nhiệm vụ quá hạn; công văn đôn đốc."""
    from plantrack import api

    lang = check_lang(lang)
    fmt = check_format(fmt, FORMATS, lang)
    if fmt == "docx" and out is None:
        raise typer.BadParameter(usage("usage.docx_out", lang), param_hint="--out")
    day = parse_day(as_of, "--as-of", lang) or dt.date.today()
    letter = api.Letter(
        fmt=fmt,
        out=out,
        number=number,
        date=parse_day(date, "--date", lang),
        signer=signer,
        reply_by=parse_day(reply_by, "--reply-by", lang),
        force=force,
    )
    root = api.find_repo(explicit=repo)
    with progress("progress.consolidate", lang, quiet=fmt == "json"):
        done = api.remind(root, period, day, letter)
    return _outcome(done, lang)


def _outcome(done: Reminded, lang: str) -> int:
    """Print the reminder (stdout) or the file written; the exit code."""
    if done.prepared.vm is None:
        return findings_failed(done.prepared.errors, "remind.not_done", lang)
    if done.fix_path is not None:  # the letter chasing fixes after inspection
        typer.echo(str(done.fix_path))
    if done.data is None:  # the official letter, and nobody to send it to
        from plantrack.render.remind import render_remind_text

        assert done.reminder is not None
        typer.echo(render_remind_text(done.reminder), nl=False, err=True)
        say("remind.nobody", lang)
        return 0
    if done.path is None:
        assert isinstance(done.data, str)
        typer.echo(done.data, nl=False)
        return 0
    typer.echo(str(done.path))
    return 0
