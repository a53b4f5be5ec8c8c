"""``plantrack consolidate``: the consolidated report of a period, in every format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import RepoOption, TodayOption, parse_day

ALL_FORMATS = "md,html,xlsx,docx,json"


def consolidate(
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo, ví dụ 2024-Y.")],
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
    repo: RepoOption = None,
) -> int:
    """Tổng hợp báo cáo của các đơn vị cho một kỳ: Markdown, HTML, Excel, Word, JSON."""
    from plantrack import api
    from plantrack.render import findings as out_findings

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in api.FORMATS]
    if unknown or not chosen:
        raise typer.BadParameter(f"chọn trong {', '.join(api.FORMATS)}", param_hint="--format")
    root = api.find_repo(explicit=repo)
    prepared = api.prepare_consolidation(
        root, period, as_of=parse_day(as_of, "--as-of"), today=parse_day(today, "--today")
    )
    if prepared.vm is None:
        errors = prepared.errors
        typer.echo(out_findings.as_text(errors, len({f.path for f in errors})), nl=False, err=True)
        typer.echo(
            "Chưa tổng hợp: sửa các lỗi trên rồi chạy lại (không có tệp nào được ghi).", err=True
        )
        return 1
    vm = prepared.vm
    target = out if out is not None else root / "build" / period
    api.check_output_folder(target, root)  # before anything is written, the record included
    # recorded before any output is written: uncommitted inputs stop an official run early
    recorded = api.record_consolidation(root, vm, force=force) if record else None
    files = api.render_outputs(
        vm, root, chosen, number=number, date=parse_day(date, "--date"), signer=signer
    )
    written = api.write_outputs(target, files, force=force, repo=root)
    for path in written:
        typer.echo(str(path))
    if recorded is not None:
        typer.echo(str(recorded))
        typer.echo("Đã ghi bản ghi tổng hợp; hãy commit tệp trên.", err=True)
    warnings = [f for f in prepared.findings if f.severity == "warning"]
    if warnings:
        typer.echo(f"Lưu ý: {len(warnings)} cảnh báo dữ liệu (xem 'plantrack check').", err=True)
    if vm.provenance.uncommitted:
        typer.echo(
            f"Lưu ý: {len(vm.provenance.uncommitted)} tệp đầu vào chưa commit; kết quả chưa phải "
            "bản chính thức: " + ", ".join(vm.provenance.uncommitted[:5]),
            err=True,
        )
    return 0
