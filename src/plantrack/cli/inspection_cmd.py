"""``plantrack inspection``: new inspection files, the status of findings at a cut-off, and
the documents that follow an inspection."""

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
    parse_day,
    wide_console,
)
from plantrack.cli.progress import progress

inspection_app = typer.Typer(
    help="Kiểm tra, tồn tại sau kiểm tra, khắc phục và phúc tra.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

DOCUMENTS = ("ket-luan", "phuc-tra", "don-doc", "danh-sach")
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Tình trạng tính đến ngày (YYYY-MM-DD, mặc định hôm nay)."),
]


@inspection_app.command("status")
def status(
    as_of: AsOfOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text hoặc json.")] = "text",
    lang: LangOption = "vi",
    today: TodayOption = None,
    repo: RepoOption = None,
) -> int:
    """Mọi tồn tại sau kiểm tra và tình trạng khắc phục tại một ngày."""
    from plantrack import api
    from plantrack.render import findings as out_findings
    from plantrack.render.inspection import print_inspection_status, render_inspection_json

    fmt = check_format(fmt, ("text", "json"))
    lang = check_lang(lang)
    day = parse_day(today, "--today") or dt.date.today()
    root = api.find_repo(explicit=repo)
    with progress("progress.inspection", lang, quiet=fmt == "json"):
        result = api.inspection_status(root, parse_day(as_of, "--as-of") or day, today=day)
    if result.view is None:
        errors = [f for f in result.findings if f.severity == "error"]
        typer.echo(
            out_findings.as_text(errors, len({f.path for f in errors}), lang=lang),
            nl=False,
            err=True,
        )
        return 1
    if fmt == "json":
        typer.echo(render_inspection_json(result.view), nl=False)
    else:
        print_inspection_status(result.view, wide_console(), lang)
    return 0


@inspection_app.command("new")
def new(
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Ngày quyết định thành lập Đoàn (YYYY-MM-DD; mặc định hôm nay)."
        ),
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="theo-ke-hoach, dot-xuat hoặc phuc-tra.")
    ] = "dot-xuat",
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Tạo tệp cuộc kiểm tra mới: mã kế tiếp, đơn vị chủ trì, danh sách mã đơn vị."""
    from plantrack import api

    check_lang(lang)
    kind = check_format(kind, ("theo-ke-hoach", "dot-xuat", "phuc-tra"))
    root = api.find_repo(explicit=repo)
    made = api.new_inspection(root, parse_day(date, "--date") or dt.date.today(), kind, force=force)
    typer.echo(str(made.path))
    return 0


@inspection_app.command("document")
def document(
    what: Annotated[
        str,
        typer.Argument(
            metavar="LOẠI",
            help="ket-luan (thông báo kết luận), phuc-tra (báo cáo phúc tra), don-doc (công văn "
            "đôn đốc khắc phục) hoặc danh-sach (đơn vị chậm khắc phục).",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi văn bản .docx.")],
    inspection: Annotated[
        str | None,
        typer.Option("--inspection", "-i", help="Mã cuộc kiểm tra (với ket-luan, phuc-tra)."),
    ] = None,
    as_of: AsOfOption = None,
    number: NumberOption = None,
    date: DateOption = None,
    signer: SignerOption = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOption = "vi",
    today: TodayOption = None,
    repo: RepoOption = None,
) -> int:
    """Văn bản theo Nghị định 30/2020: kết luận, phúc tra, đôn đốc khắc phục, danh sách."""
    from plantrack import api
    from plantrack.render import findings as out_findings

    lang = check_lang(lang)
    what = check_format(what, DOCUMENTS)
    day = parse_day(today, "--today") or dt.date.today()
    request = api.DocumentRequest(
        what=what,
        inspection=inspection,
        as_of=parse_day(as_of, "--as-of") or day,
        number=number,
        date=parse_day(date, "--date"),
        signer=signer,
        out=out,
        force=force,
    )
    with progress("progress.documents", lang):
        made = api.inspection_document(api.find_repo(explicit=repo), request, today=day)
    if made.path is None:
        errors = [f for f in made.findings if f.severity == "error"]
        if errors:
            typer.echo(
                out_findings.as_text(errors, len({f.path for f in errors})), nl=False, err=True
            )
            return 1
        typer.echo(made.note, err=True)
        return 0
    typer.echo(str(made.path))
    return 0
