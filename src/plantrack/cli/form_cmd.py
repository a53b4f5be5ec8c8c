"""``plantrack form …``: the unit's Excel form — ``export`` writes it, ``import`` turns a
returned one into the unit's YAML report or names the cells to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, TodayOption, check_lang, parse_day
from plantrack.validate.finding import Finding

form_app = typer.Typer(
    name="form",
    help="Biểu mẫu Excel của đơn vị: xuất biểu mẫu, nhập biểu mẫu đã điền thành báo cáo YAML.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _show(path: Path) -> str:
    from plantrack.io.repo import relative

    return relative(Path.cwd(), path)


def findings_text(findings: list[Finding], lang: str = "vi") -> str:
    """``tệp.xlsx Nhiệm vụ!E7: lỗi PT311 …`` lines, hints indented, then a summary."""
    from plantrack.render.findings import summary

    labels = {"error": "lỗi", "warning": "cảnh báo"} if lang == "vi" else {}
    lines = []
    for f in findings:
        place = f"{f.path} {f.key}" if f.key else f.path
        lines.append(f"{place}: {labels.get(f.severity, f.severity)} {f.code} {f.message(lang)}")
        if f.hint(lang):
            lines.append(f"    {'hint' if lang == 'en' else 'gợi ý'}: {f.hint(lang)}")
    lines.append(summary(findings, 1, lang))
    return "\n".join(lines) + "\n"


@form_app.command("export")
def export(
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo, ví dụ 2025-Q1.")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Mã đơn vị, ví dụ xa-tra-mai.")
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
    repo: RepoOption = None,
) -> int:
    """Xuất biểu mẫu Excel cho đơn vị điền: nhiệm vụ, chỉ tiêu, thông tin chung."""
    from plantrack import api
    from plantrack.forms.content import check_period, open_repository
    from plantrack.forms.export import form_name, make_form, write_form

    if all_units == (unit is not None):
        raise typer.BadParameter("dùng --unit ĐƠN_VỊ hoặc --all (một trong hai)")
    root = api.find_repo(explicit=repo)
    repository = open_repository(root)
    check_period(repository, period)
    default_dir = root / "build" / "forms" / period
    if all_units:
        units = repository.ctx.expected_units(repository.ctx.period(period))
        folder = out or default_dir
        targets = [(u, folder / form_name(u, period)) for u in units]
    else:
        assert unit is not None
        target = out or default_dir / form_name(unit, period)
        if target.is_dir() or target.suffix.lower() != ".xlsx":  # --out names a folder
            target = target / form_name(unit, period)
        targets = [(unit, target)]
    blocked: list[Finding] = []
    made = unchanged = 0
    for unit_id, target in targets:
        data, findings = make_form(repository, unit_id, period)
        if data is None:
            blocked += findings
            continue
        made += 1
        unchanged += write_form(target, data, force=force) == "unchanged"
        typer.echo(_show(target))
    typer.echo(f"Đã xuất {made} biểu mẫu ({unchanged} không đổi).", err=True)
    if blocked:
        typer.echo(out_text(blocked), nl=False, err=True)
        typer.echo(
            "Không xuất được biểu mẫu của đơn vị có báo cáo hiện tại bị lỗi: sửa tệp YAML "
            "trước (plantrack check), để câu trả lời đã có không bị mất.",
            err=True,
        )
        return 1
    return 0


def out_text(findings: list[Finding]) -> str:
    """Findings of YAML files, in ``check``'s format."""
    from plantrack.render.findings import as_text

    return as_text(findings, len({f.path for f in findings}))


@form_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Tệp biểu mẫu .xlsx đơn vị gửi lại.")],
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
        str | None, typer.Option("--period", "-p", help="Biểu mẫu phải là của kỳ này.")
    ] = None,
    today: TodayOption = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Nhập biểu mẫu đã điền: kiểm tra như 'check', ghi data/reports/KỲ/ĐƠN_VỊ.yaml."""
    import datetime as dt

    from plantrack import api
    from plantrack.errors import PlantrackError
    from plantrack.forms.content import open_repository
    from plantrack.forms.importer import import_form, write_report

    lang = check_lang(lang)
    day = parse_day(today, "--today") or dt.date.today()
    if not file.is_file():
        raise PlantrackError(f"Không có tệp {file}.")
    root = api.find_repo(explicit=repo)
    repository = open_repository(root)
    result = import_form(repository, file, today=day, shown=str(file), unit=unit, period=period)
    if result.findings:
        typer.echo(findings_text(result.findings, lang), nl=False, err=True)
    en = lang == "en"
    if result.errors or result.text is None or result.rel is None:
        typer.echo(
            "Not imported: fix the cells above and import again (no file was written)."
            if en
            else "Chưa nhập: sửa các ô nêu trên rồi nhập lại (không có tệp nào được ghi).",
            err=True,
        )
        return 1
    if dry_run:
        typer.echo(result.text, nl=False)
        return 0
    outcome = write_report(repository, result, force=force)
    typer.echo(_show(root / result.rel))
    if outcome == "unchanged":
        typer.echo(
            "The report is unchanged; the file is left as it is."
            if en
            else "Báo cáo không thay đổi; tệp được giữ nguyên.",
            err=True,
        )
    return 0
