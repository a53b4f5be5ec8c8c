"""``plantrack form …``: the unit's Excel form — ``export`` writes it, ``import`` turns a
returned one into the unit's YAML report or names the cells to fix."""

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TodayOption,
    check_lang,
    findings_failed,
    parse_day,
    period_code,
    say,
    usage,
)
from plantrack.cli.progress import progress

form_app = typer.Typer(
    name="form",
    help="Biểu mẫu Excel của đơn vị: xuất biểu mẫu, nhập biểu mẫu đã điền thành báo cáo YAML.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _show(path: Path) -> str:
    from plantrack.api import relative

    return relative(Path.cwd(), path)


@form_app.command("export")
def export(
    period: Annotated[
        str, typer.Option("--period", "-p", callback=period_code, help="Kỳ báo cáo, ví dụ 2025-Q1.")
    ],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Mã đơn vị, ví dụ thon-1.")
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all", help="Mỗi đơn vị phải báo cáo trong kỳ một biểu mẫu.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Tệp .xlsx hoặc thư mục (với --all: thư mục); mặc định build/forms/<kỳ>/.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp biểu mẫu đã có mà khác nội dung.")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Xuất biểu mẫu Excel cho đơn vị điền: nhiệm vụ, chỉ tiêu, thông tin chung."""
    from plantrack import api

    lang = check_lang(lang)
    if all_units == (unit is not None):
        raise typer.BadParameter(usage("usage.unit_or_all", lang))
    root = api.find_repo(explicit=repo)
    with progress("progress.export", lang):
        done = api.export_forms(root, period, unit=unit, out=out, force=force)
    for path, _ in done.forms:
        typer.echo(_show(path))
    say("form.exported", lang, made=len(done.forms), unchanged=done.unchanged)
    if done.blocked:
        return findings_failed(done.blocked, "form.blocked", lang)
    return 0


@form_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="TỆP", help="Tệp biểu mẫu .xlsx đơn vị gửi lại.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Không ghi gì; in báo cáo YAML sẽ ghi.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè báo cáo YAML đã có mà khác nội dung.")
    ] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Biểu mẫu phải là của đơn vị này.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            callback=period_code,
            help="Biểu mẫu phải là của kỳ này.",
        ),
    ] = None,
    today: TodayOption = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Nhập biểu mẫu đã điền: kiểm tra như 'check', ghi data/reports/KỲ/ĐƠN_VỊ.yaml."""
    import datetime as dt

    from plantrack import api
    from plantrack.render.findings import as_cell_text

    lang = check_lang(lang)
    day = parse_day(today, "--today", lang) or dt.date.today()
    root = api.find_repo(explicit=repo)
    with progress("progress.import", lang, quiet=dry_run):
        done = api.import_file(
            root, file, today=day, unit=unit, period=period, dry_run=dry_run, force=force
        )
    result = done.result
    if result.findings:
        typer.echo(as_cell_text(result.findings, lang), nl=False, err=True)
    if result.sha256:  # which file this was, for whoever traces the report back to it
        say("form.sha256", lang, sha256=result.sha256)
    if result.errors or result.text is None or result.rel is None:
        say("form.not_imported", lang)
        return 1
    if dry_run:
        typer.echo(result.text, nl=False)
        return 0
    typer.echo(_show(root / result.rel))
    if done.outcome == "unchanged":
        say("form.unchanged", lang)
    return 0
