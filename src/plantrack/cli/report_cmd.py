"""``plantrack report …``: commands on one unit's report; ``report new`` writes its skeleton."""

from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, check_lang, period_code, say

report_app = typer.Typer(
    name="report",
    help="Báo cáo của một đơn vị: tạo khung báo cáo kỳ mới.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@report_app.command("new")
def new(
    unit: Annotated[str, typer.Option("--unit", "-u", help="Mã đơn vị, ví dụ thon-1.")],
    period: Annotated[
        str, typer.Option("--period", "-p", callback=period_code, help="Kỳ báo cáo, ví dụ 2025-Q1.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp báo cáo đã có (nội dung cũ sẽ mất).")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Tạo khung báo cáo data/reports/KỲ/ĐƠN_VỊ.yaml: mọi nhiệm vụ được giao, số liệu kỳ trước."""
    from pathlib import Path

    from plantrack import api
    from plantrack.render import findings as out

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    made = api.new_report(root, unit, period, force=force)
    typer.echo(api.relative(Path.cwd(), made.path))
    sk = made.skeleton
    say(
        "report_new.made",
        lang,
        period=sk.period.id,
        unit=sk.unit.name,
        tasks=len(sk.entries),
        carried=sk.carried_entries,
        indicators=len(sk.indicators),
    )
    if made.outcome == "unchanged":
        say("report_new.unchanged", lang)
    if made.check.findings:
        typer.echo(out.as_text(made.check.findings, 1, lang), nl=False, err=True)
    return 1 if made.check.errors else 0
