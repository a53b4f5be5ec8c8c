"""``plantrack history``: one task's or one unit's story across periods, from git."""

from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, TextJsonOption, check_format, check_lang
from plantrack.cli.progress import progress

FORMATS = ("text", "json")


def history(
    target: Annotated[
        str, typer.Argument(metavar="MÃ", help="Mã nhiệm vụ (ví dụ pl1-01) hoặc mã đơn vị.")
    ],
    fmt: TextJsonOption = "text",
    ids: Annotated[bool, typer.Option("--ids", help="Ghi kèm mã đơn vị, nhiệm vụ, kỳ.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Ghi kèm lần ghi git, email, tệp.")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Lịch sử một nhiệm vụ (tình trạng từng kỳ, từng đơn vị) hoặc một đơn vị (các báo cáo)."""
    # the use case's own module, not all of ``plantrack.api``: importing every other
    # command's code would cost more than a warm history itself
    from plantrack.app.history import run_history
    from plantrack.io.repo import find_repo
    from plantrack.render import audit as out
    from plantrack.render.history import View, history_register

    lang = check_lang(lang)
    fmt = check_format(fmt, FORMATS, lang)
    root = find_repo(explicit=repo)
    with progress("progress.git", lang, quiet=fmt == "json"):
        found = run_history(root, target)
    if fmt == "json":
        typer.echo(out.history_json(found), nl=False)
    else:
        typer.echo(history_register(found, View(lang, ids, verbose)), nl=False)
    return 0
