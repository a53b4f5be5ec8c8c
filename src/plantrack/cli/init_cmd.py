"""``plantrack init DIR``: a new data repository for another district or another plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

_GIT_STATE = {
    "committed": "Đã khởi tạo kho git và commit lần đầu.",
    "initialised": (
        "Đã khởi tạo kho git; chưa commit (chưa cấu hình git user.name/user.email): sửa "
        "data/plan.yaml rồi 'git add -A && git commit'."
    ),
    "no-git": "Không chạy được git: các tệp đã được tạo nhưng chưa có kho git ('git init').",
}


def init(
    directory: Annotated[Path, typer.Argument(help="Thư mục kho mới (chưa có hoặc trống).")],
    title: Annotated[str | None, typer.Option("--title", help="Tên kế hoạch.")] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Địa bàn, ví dụ 'huyện Nam Trà My'.")
    ] = None,
) -> int:
    """Tạo kho dữ liệu mới: kế hoạch mẫu, đơn vị mẫu, mẫu tài liệu, JSON Schema, hook, CI."""
    from plantrack.app import newfiles
    from plantrack.render import findings as out

    made = newfiles.init_repository(
        directory.absolute(),
        title=title or newfiles.DEFAULT_TITLE,
        district=district or newfiles.DEFAULT_DISTRICT,
    )
    typer.echo(str(made.root))
    typer.echo(f"Đã tạo {len(made.files)} tệp. {_GIT_STATE[made.git]}", err=True)
    if made.check.findings:
        typer.echo(out.as_text(made.check.findings, made.check.files), nl=False, err=True)
    typer.echo(
        "Tiếp theo: sửa data/plan.yaml và data/units/, chạy 'plantrack check', "
        "cài hook bằng 'pre-commit install' (xem README.md).",
        err=True,
    )
    return 1 if made.check.errors else 0
