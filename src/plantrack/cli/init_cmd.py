"""``plantrack init DIR``: a new data repository for any issuer: a commune or ward, a province
or city, a provincial department, a district of old. Without ``--issuer`` in a terminal it
asks; never when its input is not a terminal."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, check_lang, say
from plantrack.cli.progress import progress

_PERIODS_HELP = (
    "Các kỳ báo cáo, cách nhau bằng dấu phẩy: M (mọi tháng), M01..M12, Q (mọi quý), Q1..Q4, "
    "H (hai nửa năm), H1, H2, M9 (9 tháng), Y (năm); mặc định Q1,H1,M9,Y."
)


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục kho mới (chưa có hoặc trống).")
    ],
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer",
            help=(
                "Cơ quan ban hành Kế hoạch, ví dụ 'UBND xã Hòa Bình', 'UBND phường An Phú', "
                "'Sở Nội vụ', 'UBND tỉnh Bình An'; quyết định đơn vị tổng hợp, đơn vị mẫu, "
                "tiêu đề và người ký văn bản."
            ),
        ),
    ] = None,
    superior: Annotated[
        str | None,
        typer.Option(
            "--superior",
            help="Cấp trên nhận báo cáo, ví dụ 'UBND tỉnh Bình An' (trống: không có).",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--plan-title",
            "--title",
            help=(
                "Tên Kế hoạch như văn bản ghi; mặc định 'Kế hoạch cải cách hành chính năm' "
                "và năm hiện tại."
            ),
        ),
    ] = None,
    periods: Annotated[str | None, typer.Option("--periods", help=_PERIODS_HELP)] = None,
    district: Annotated[str | None, typer.Option("--district", hidden=True)] = None,
    with_templates: Annotated[
        bool,
        typer.Option(
            "--with-templates",
            help=(
                "Chép các mẫu văn bản mặc định vào templates/ để sửa (mặc định: không chép, "
                "kho dùng mẫu của bản plantrack đang cài và nhận các cải tiến khi nâng cấp)."
            ),
        ),
    ] = False,
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
    """Tạo kho dữ liệu mới cho một cơ quan ban hành bất kỳ: kế hoạch mẫu, đơn vị mẫu, mẫu
    văn bản, JSON Schema, hook, CI. UBND xã, phường, đặc khu: Văn phòng HĐND và UBND tổng hợp
    (đơn vị mẫu: một phòng, một thôn hoặc tổ dân phố); UBND tỉnh, thành phố: Sở Nội vụ tổng
    hợp các sở; Sở: Văn phòng Sở tổng hợp các phòng. Thiếu --issuer mà đang chạy trong cửa sổ
    lệnh thì hỏi từng mục; không phải cửa sổ lệnh thì báo thiếu.

    Ví dụ: plantrack init kho-moi --issuer "UBND xã Hòa Bình" --superior "UBND tỉnh Bình An"
    --plan-title "Kế hoạch chuyển đổi số năm 2026" --periods M,H1,M9,Y"""
    from plantrack import api
    from plantrack.i18n import t
    from plantrack.render import findings as out

    lang = check_lang(lang)
    if issuer is None and district:  # the option of earlier releases: a district's committee
        issuer = f"UBND {district}"
    if issuer is None:
        if not sys.stdin.isatty():
            raise typer.BadParameter(t("usage.init_issuer", lang), param_hint="--issuer")
        issuer, superior, title, periods = _ask(lang, superior, title, periods)
    with progress("progress.init", lang):
        made = api.init_repository(
            directory.absolute(),
            issuer=issuer,
            superior=superior,
            title=title,
            periods=periods or api.DEFAULT_PERIODS,
            install=install,
            with_templates=with_templates,
        )
    typer.echo(str(made.root))
    say("init.made", lang, count=len(made.files), git=t(f"init.{made.git}", lang))
    if made.check.findings:
        typer.echo(out.as_text(made.check.findings, made.check.files, lang), nl=False, err=True)
    say("init.next", lang)
    return 1 if made.check.errors else 0


def _ask(
    lang: str, superior: str | None, title: str | None, periods: str | None
) -> tuple[str, str | None, str | None, str | None]:
    """The interactive mode: each missing answer asked in turn (Enter keeps the default)."""
    from plantrack import api
    from plantrack.i18n import t

    issuer = typer.prompt(t("init.ask.issuer", lang)).strip()
    if superior is None:
        superior = typer.prompt(t("init.ask.superior", lang), default="", show_default=False)
    if title is None:
        default = api.default_title(dt.date.today().year)
        title = typer.prompt(t("init.ask.title", lang), default=default)
    if periods is None:
        periods = typer.prompt(t("init.ask.periods", lang), default=api.DEFAULT_PERIODS)
    return issuer, (superior or "").strip() or None, title, periods
