"""``plantrack status``: the consolidation of a period in the terminal."""

from typing import Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TextJsonOption,
    check_format,
    check_lang,
    findings_failed,
    parse_day,
    period_code,
    run_warnings,
)
from plantrack.cli.progress import progress


def status(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            callback=period_code,
            help="Kỳ báo cáo (mặc định: kỳ mới nhất có báo cáo).",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Ngày chốt tình trạng (YYYY-MM-DD).")
    ] = None,
    fmt: TextJsonOption = "text",
    as_json: Annotated[
        bool, typer.Option("--json", help="Như --format json (giữ cho các kịch bản cũ).")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Xem nhanh tình hình gửi báo cáo và thực hiện nhiệm vụ của một kỳ."""
    from rich.console import Console

    from plantrack import api
    from plantrack.render.documents import render_json
    from plantrack.render.terminal import print_status

    lang = check_lang(lang)
    as_json = as_json or check_format(fmt, ("text", "json"), lang) == "json"
    root = api.find_repo(explicit=repo)
    with progress("status.reading", lang, quiet=as_json) as tick:
        found = api.status(root, period, as_of=parse_day(as_of, "--as-of", lang), progress=tick)
    vm = found.prepared.vm
    run_warnings(found.prepared.findings, lang)
    if vm is None:
        return findings_failed(found.prepared.errors, None, lang)
    if as_json:
        typer.echo(render_json(vm), nl=False)
    else:
        print_status(vm, Console(), lang)
    return 0
