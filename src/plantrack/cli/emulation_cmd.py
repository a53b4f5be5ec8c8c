"""``plantrack emulation``: the year's emulation scores, the scoring documents, and the
units' self-assessment sheets."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TodayOption,
    check_format,
    check_lang,
    parse_day,
)
from plantrack.cli.progress import progress

emulation_app = typer.Typer(
    help="Chấm điểm thi đua: bảng chấm điểm, xếp hạng theo khối, tự chấm điểm.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

YearOption = Annotated[int, typer.Option("--year", help="Năm đánh giá, ví dụ 2024.")]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Chấm theo tình trạng đến ngày (YYYY-MM-DD; mặc định ngày chốt số liệu kỳ năm).",
    ),
]


@emulation_app.command("score")
def score(
    year: YearOption,
    as_of: AsOfOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="In bảng chấm điểm của một đơn vị, kèm căn cứ.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text hoặc json.")] = "text",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Ghi bảng chấm điểm, bảng tổng hợp (Word) và tệp Excel vào thư mục này.",
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option("--write", help="Ghi văn bản vào thư mục mặc định build/emulation/NĂM."),
    ] = False,
    number: Annotated[
        str | None, typer.Option("--number", help="Số văn bản (trống: để văn thư điền).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Ngày văn bản (YYYY-MM-DD; trống: để trống).")
    ] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Họ tên người ký.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOption = "vi",
    today: TodayOption = None,
    repo: RepoOption = None,
) -> int:
    """Điểm thi đua của từng đơn vị và xếp hạng trong từng khối."""
    from rich.console import Console

    from plantrack import api
    from plantrack.errors import PlantrackError
    from plantrack.render import findings as out_findings
    from plantrack.render.emulation import (
        print_emulation,
        print_unit,
        render_emulation_json,
        unit_json,
    )

    fmt = check_format(fmt, ("text", "json"))
    lang = check_lang(lang)
    day = parse_day(today, "--today") or dt.date.today()
    root = api.find_repo(explicit=repo)
    with progress("progress.emulation", lang, quiet=fmt == "json"):
        result = api.emulation_score(root, year, as_of=parse_day(as_of, "--as-of"), today=day)
    if result.result is None:
        errors = result.errors
        typer.echo(
            out_findings.as_text(errors, len({f.path for f in errors}), lang=lang),
            nl=False,
            err=True,
        )
        return 1
    chosen = result.result.unit(unit) if unit else None
    if unit and chosen is None:
        raise PlantrackError(code="PT945", unit=unit, year=year)
    if out is not None or write:
        with progress("progress.documents", lang):
            written = api.write_emulation_documents(
                root,
                result.result,
                out,
                force=force,
                number=number,
                date=parse_day(date, "--date"),
                signer=signer,
            )
        for path in written:
            typer.echo(str(path), err=True)
    if fmt == "json":
        if chosen is not None:
            import json

            typer.echo(json.dumps(unit_json(chosen), ensure_ascii=False, indent=2))
        else:
            typer.echo(render_emulation_json(result.result), nl=False)
        return 0
    width = None if sys.stdout.isatty() else 160
    console = Console(width=width)
    if chosen is not None:
        print_unit(result.result, chosen, console, lang)
    else:
        print_emulation(result.result, console, lang)
    return 0


form_app = typer.Typer(
    help="Bảng tự chấm điểm bằng Excel: xuất cho đơn vị điền, nhập lại thành YAML.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
emulation_app.add_typer(form_app, name="form")


@form_app.command("export")
def form_export(
    unit: Annotated[str, typer.Option("--unit", "-u", help="Mã đơn vị.")],
    year: YearOption,
    out: Annotated[
        Path | None, typer.Option("--out", help="Tệp .xlsx hoặc thư mục ghi bảng tự chấm.")
    ] = None,
    as_of: AsOfOption = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOption = "vi",
    today: TodayOption = None,
    repo: RepoOption = None,
) -> int:
    """Xuất bảng tự chấm điểm của đơn vị: điểm tính từ dữ liệu (khóa), ô tự chấm để điền."""
    from plantrack import api
    from plantrack.render import findings as out_findings

    lang = check_lang(lang)
    day = parse_day(today, "--today") or dt.date.today()
    root = api.find_repo(explicit=repo)
    with progress("progress.emulation", lang):
        made = api.export_self_sheet(
            root, unit, year, out, as_of=parse_day(as_of, "--as-of"), today=day, force=force
        )
    if made.path is None:
        errors = [f for f in made.findings if f.severity == "error"]
        typer.echo(
            out_findings.as_text(errors, len({f.path for f in errors}), lang=lang),
            nl=False,
            err=True,
        )
        return 1
    typer.echo(str(made.path))
    return 0


@form_app.command("import")
def form_import(
    file: Annotated[Path, typer.Argument(help="Bảng tự chấm điểm .xlsx đơn vị gửi lại.")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Đơn vị phải là của bảng này.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm phải là của bảng này.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ kiểm tra và in YAML, không ghi.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè bảng tự chấm đã có.")] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Đọc bảng tự chấm điểm đã điền thành data/emulation/NĂM/ĐƠN_VỊ.yaml, hoặc chỉ ra ô sai."""
    from plantrack import api
    from plantrack.render import findings as out_findings

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    with progress("progress.import", lang, quiet=dry_run):
        got = api.import_self_sheet(root, file, unit=unit, year=year, dry_run=dry_run, force=force)
    if got.findings:
        errors = got.findings
        typer.echo(
            out_findings.as_text(errors, len({f.path for f in errors}), lang=lang),
            nl=False,
            err=True,
        )
    if any(f.severity == "error" for f in got.findings):
        return 1
    if dry_run and got.text is not None:
        typer.echo(got.text, nl=False)
    elif got.path is not None:
        typer.echo(f"{got.rel} ({got.outcome})")
    return 0
