"""``plantrack status``: the consolidation of a period in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import RepoOption, parse_day


def status(
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Kỳ báo cáo (mặc định: kỳ mới nhất có báo cáo)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Ngày chốt tình trạng (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In toàn bộ dữ liệu tổng hợp dạng JSON.")
    ] = False,
    repo: RepoOption = None,
) -> int:
    """Xem nhanh tình hình gửi báo cáo và thực hiện nhiệm vụ của một kỳ."""
    from rich.console import Console
    from rich.progress import Progress

    from plantrack import api
    from plantrack.render import findings as out_findings
    from plantrack.render.documents import render_json
    from plantrack.render.terminal import print_status

    root = api.find_repo(explicit=repo)
    chosen = period or api.latest_period(root)
    if chosen is None:
        typer.echo("plantrack: chưa có báo cáo nào trong data/reports/.", err=True)
        return 2
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=as_json) as bar:
        task = bar.add_task("Đang đọc báo cáo…", total=None)
        prepared = api.prepare_consolidation(
            root,
            chosen,
            as_of=parse_day(as_of, "--as-of"),
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if prepared.vm is None:
        typer.echo(
            out_findings.as_text(prepared.errors, len({f.path for f in prepared.errors})),
            nl=False,
            err=True,
        )
        return 1
    if as_json:
        typer.echo(render_json(prepared.vm), nl=False)
    else:
        print_status(prepared.vm, Console())
    return 0
