"""``plantrack init DIR``: a new data repository for another district or another plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, check_lang, say


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục kho mới (chưa có hoặc trống).")
    ],
    title: Annotated[str | None, typer.Option("--title", help="Tên kế hoạch.")] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Địa bàn, ví dụ 'huyện Mẫu'.")
    ] = None,
    lang: LangOption = "vi",
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            help=(
                "Gói pip mà CI, hook và README của kho mới cài (mặc định: đúng bản plantrack "
                "đang chạy, ghim phiên bản; hoặc biến PLANTRACK_INSTALL), ví dụ "
                "'plantrack-vn @ git+https://git.example.vn/plantrack@v0.2.0'."
            ),
        ),
    ] = None,
) -> int:
    """Tạo kho dữ liệu mới: kế hoạch mẫu, đơn vị mẫu, mẫu tài liệu, JSON Schema, hook, CI."""
    from plantrack import api
    from plantrack.i18n import t
    from plantrack.render import findings as out

    lang = check_lang(lang)
    made = api.init_repository(
        directory.absolute(),
        title=title or api.DEFAULT_TITLE,
        district=district or api.DEFAULT_DISTRICT,
        install=install,
    )
    typer.echo(str(made.root))
    say("init.made", lang, count=len(made.files), git=t(f"init.{made.git}", lang))
    if made.check.findings:
        typer.echo(out.as_text(made.check.findings, made.check.files, lang), nl=False, err=True)
    say("init.next", lang)
    return 1 if made.check.errors else 0
