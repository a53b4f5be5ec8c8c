"""``plantrack consolidate``: the consolidated report of a period, in every format."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.options import (
    RUN_WARNINGS,
    LangOption,
    RepoOption,
    TodayOption,
    check_lang,
    findings_failed,
    parse_day,
    period_code,
    run_warnings,
    say,
    usage,
)
from plantrack.cli.progress import progress

if TYPE_CHECKING:
    from plantrack.api import Consolidated
    from plantrack.domain.rollup_view import RollupTree

ALL_FORMATS = "md,html,xlsx,docx,json"


def _rolled_up(root: Path, period: str, cache: Path | None, lang: str) -> RollupTree:
    """The linked children's derived reports and drill-down; those not derived are named on
    stderr and keep what they filed."""
    from plantrack.app.rollup import default_cache
    from plantrack.app.rollup_verify import rolled_up
    from plantrack.render.findings import as_text

    with progress("rollup.deriving", lang) as tick:
        rolled, findings = rolled_up(root, period, cache or default_cache(), progress=tick)
    if findings:
        typer.echo(as_text(findings, len({f.path for f in findings}), lang), nl=False, err=True)
    return rolled


def consolidate(
    period: Annotated[
        str, typer.Option("--period", "-p", callback=period_code, help="Kỳ báo cáo, ví dụ 2026-Y.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Thư mục kết quả (mặc định build/<kỳ>).")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Các định dạng, phân cách bằng dấu phẩy.")
    ] = ALL_FORMATS,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Ngày chốt tình trạng (mặc định: ngày chốt số liệu của kỳ)."),
    ] = None,
    today: TodayOption = None,
    number: Annotated[
        str | None, typer.Option("--number", help="Số báo cáo (trống: để văn thư điền).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Ngày ký báo cáo YYYY-MM-DD (trống: để trống).")
    ] = None,
    signer: Annotated[
        str | None, typer.Option("--signer", help="Họ tên người ký (ghi đè kế hoạch).")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--as",
            help="report: báo cáo riêng của cơ quan tổng hợp; section: phần báo cáo cải cách "
            "hành chính định kỳ của cơ quan ban hành kế hoạch (md, html, docx) để ghép vào.",
        ),
    ] = "report",
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Ghi bản ghi tổng hợp chính thức vào data/consolidations/<kỳ>.yaml (để commit; "
            "plantrack audit đối chiếu).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè thư mục không do plantrack tạo.")
    ] = False,
    rollup: Annotated[
        bool,
        typer.Option(
            "--rollup",
            help="Đơn vị có kho git riêng: dùng báo cáo tính từ dữ liệu của đơn vị tại phiên bản "
            "đã ghim (data/rollup/<kỳ>.lock.yaml) thay cho báo cáo đã nộp.",
        ),
    ] = False,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Thư mục bản sao các kho cấp dưới (--rollup).")
    ] = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Tổng hợp báo cáo của các đơn vị cho một kỳ: Markdown, HTML, Excel, Word, JSON."""
    from plantrack import api

    lang = check_lang(lang)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in api.FORMATS]
    if unknown or not chosen:
        choices = ", ".join(api.FORMATS)
        raise typer.BadParameter(
            usage("usage.some_of", lang, choices=choices), param_hint="--format"
        )
    if kind not in ("report", "section"):
        choices = "report, section"
        raise typer.BadParameter(usage("usage.one_of", lang, choices=choices), param_hint="--as")
    options = api.Options(
        formats=chosen,
        kind=kind,
        out=out,
        as_of=parse_day(as_of, "--as-of", lang),
        today=parse_day(today, "--today", lang),
        number=number,
        date=parse_day(date, "--date", lang),
        signer=signer,
        record=record,
        force=force,
    )
    root = api.find_repo(explicit=repo)
    if rollup:
        options = replace(options, rollup=_rolled_up(root, period, cache, lang))
    with progress("progress.consolidate", lang) as tick:
        done = api.consolidate_period(root, period, options, progress=tick)
    return _outcome(done, lang)


def _outcome(done: Consolidated, lang: str) -> int:
    """Print the files written (stdout) and the notes (stderr); the exit code."""
    if done.prepared.vm is None:
        return findings_failed(done.prepared.errors, "consolidate.not_written", lang)
    for path in done.written:
        typer.echo(str(path))
    if done.recorded is not None:
        typer.echo(str(done.recorded))
        say("consolidate.recorded", lang)
    warnings = [f for f in done.prepared.findings if f.severity == "warning"]
    run_warnings(warnings, lang)
    warnings = [f for f in warnings if f.code not in RUN_WARNINGS]
    if warnings:
        say("consolidate.warnings", lang, count=len(warnings))
    assert done.prepared.vm is not None
    uncommitted = done.prepared.vm.provenance.uncommitted
    if uncommitted:
        say(
            "consolidate.uncommitted",
            lang,
            count=len(uncommitted),
            files=", ".join(uncommitted[:5]),
        )
    return 0
