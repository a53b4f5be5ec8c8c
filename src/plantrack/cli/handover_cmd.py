"""``plantrack handover``: what a closing unit leaves and to whom (danh sách bàn giao)."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import (
    DateOption,
    LangOption,
    NumberOption,
    RepoOption,
    SignerOption,
    TodayOption,
    check_format,
    check_lang,
    findings_failed,
    parse_day,
    usage,
    wide_console,
)
from plantrack.cli.progress import progress

FORMATS = ("text", "json", "docx")


def handover(
    unit: Annotated[str, typer.Option("--unit", "-u", help="Mã đơn vị kết thúc hoạt động.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Tình hình đến ngày (YYYY-MM-DD; mặc định ngày cuối hoạt động)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Định dạng: text, json hoặc docx.")] = "text",
    out: Annotated[
        Path | None, typer.Option("--out", help="Thư mục ghi văn bản (với --format docx).")
    ] = None,
    number: NumberOption = None,
    date: DateOption = None,
    signer: SignerOption = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có trong --out.")] = False,
    lang: LangOption = "vi",
    today: TodayOption = None,
    repo: RepoOption = None,
) -> int:
    """Danh sách bàn giao của đơn vị kết thúc hoạt động: nhiệm vụ, tồn tại, báo cáo, nơi nhận."""
    from plantrack import api

    lang = check_lang(lang)
    fmt = check_format(fmt, FORMATS, lang)
    if fmt == "docx" and out is None:
        raise typer.BadParameter(usage("usage.docx_out_list", lang), param_hint="--out")
    day = parse_day(today, "--today", lang) or dt.date.today()
    root = api.find_repo(explicit=repo)
    with progress("progress.handover", lang, quiet=fmt == "json"):
        result = api.handover_list(root, unit, parse_day(as_of, "--as-of", lang), today=day)
    if result.handover is None:
        return findings_failed(result.findings, "handover.not_done", lang)
    if fmt == "docx":
        assert out is not None
        request = api.HandoverDocument(out, number, parse_day(date, "--date", lang), signer, force)
        typer.echo(str(api.write_handover_docx(root, result, request)))
    elif fmt == "json":
        from plantrack.render.handover import render_handover_json

        typer.echo(render_handover_json(result.handover), nl=False)
    else:
        from plantrack.render.handover import print_handover

        print_handover(result.handover, wide_console(), lang)
    return 0
