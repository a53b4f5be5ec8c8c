"""``plantrack remind``: who owes a report or overdue tasks, and the reminder letter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import RepoOption, check_format, parse_day

FORMATS = ("text", "json", "md", "docx")
EXTENSIONS = {"text": "txt", "json": "json", "md": "md", "docx": "docx"}


def remind(
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo, ví dụ 2024-Y.")],
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
    repo: RepoOption = None,
) -> int:
    """Đôn đốc: đơn vị chưa gửi, gửi trễ báo cáo, có nhiệm vụ quá hạn; công văn đôn đốc."""
    from plantrack import api
    from plantrack.domain.remind import REPLY_WORKING_DAYS, reminder, working_days_after
    from plantrack.errors import PlantrackError
    from plantrack.io.atomic import write_atomic
    from plantrack.render import findings as out_findings
    from plantrack.render import remind as render

    fmt = check_format(fmt, FORMATS)
    if fmt == "docx" and out is None:
        raise typer.BadParameter("công văn .docx cần --out THƯ_MỤC", param_hint="--out")
    day = parse_day(as_of, "--as-of") or dt.date.today()
    letter_date = parse_day(date, "--date")
    answer_by = parse_day(reply_by, "--reply-by")
    if answer_by is None and letter_date is not None:
        answer_by = working_days_after(letter_date, REPLY_WORKING_DAYS)
    root = api.find_repo(explicit=repo)
    prepared = api.prepare_consolidation(root, period, as_of=day)
    if prepared.vm is None:
        errors = prepared.errors
        typer.echo(out_findings.as_text(errors, len({f.path for f in errors})), nl=False, err=True)
        typer.echo("Chưa đôn đốc được: sửa các lỗi trên rồi chạy lại.", err=True)
        return 1
    rem = reminder(prepared.vm, reply_by=answer_by)
    if fmt == "docx":
        assert out is not None
        if not rem.addressees:
            typer.echo(render.render_remind_text(rem), nl=False, err=True)
            typer.echo("Không có đơn vị nào cần đôn đốc: không ghi công văn.", err=True)
            return 0
        data: bytes | str = render.render_remind_docx(
            rem, number=number, date=letter_date, signer=signer, repo=root
        )
    elif fmt == "json":
        data = render.render_remind_json(rem)
    elif fmt == "md":
        data = render.render_remind_markdown(rem)
    else:
        data = render.render_remind_text(rem)
    if out is None:
        assert isinstance(data, str)
        typer.echo(data, nl=False)
        return 0
    prefix = "cong-van-don-doc" if fmt == "docx" else "don-doc"
    target = out / f"{prefix}-{period}.{EXTENSIONS[fmt]}"
    if target.exists() and not force:
        # hardening: a letter already there may have been filled in by hand; keep it
        raise PlantrackError(f"Tệp {target} đã có; dùng --force để ghi đè.")
    write_atomic(target, data)
    typer.echo(str(target))
    return 0
