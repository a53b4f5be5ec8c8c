"""``plantrack codeowners``: a CODEOWNERS file from the units' authors and the maintainers,
so that git hosting enforces who may edit which report on merge requests."""

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, check_lang, usage
from plantrack.cli.progress import progress


def codeowners(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Ghi vào tệp này (ví dụ .github/CODEOWNERS, .gitea/CODEOWNERS); mặc định in ra.",
        ),
    ] = None,
    forge: Annotated[
        str,
        typer.Option(
            "--forge",
            metavar="github|gitlab|gitea",
            help="Nền tảng git đọc tệp: github, gitlab hoặc gitea (Gitea: biểu thức chính quy, "
            "chỉ tài khoản và nhóm).",
        ),
    ] = "github",
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp không do plantrack viết.")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Viết tệp CODEOWNERS: mỗi đơn vị sở hữu báo cáo của mình, cán bộ tổng hợp sở hữu tất cả."""
    from plantrack import api
    from plantrack.render.codeowners import FORGES
    from plantrack.render.findings import as_text

    lang = check_lang(lang)
    chosen = forge.strip().lower()
    if chosen not in FORGES:
        choices = ", ".join(FORGES)
        raise typer.BadParameter(usage("usage.one_of", lang, choices=choices), param_hint="--forge")
    root = api.find_repo(explicit=repo)
    with progress("progress.check", lang):
        text, findings = api.codeowners(root, chosen)
    if findings:  # what the forge could not take, left out of the file
        files = len({f.path for f in findings})
        typer.echo(as_text(findings, files, lang), nl=False, err=True)
    if out is None:
        typer.echo(text, nl=False)
    else:
        api.write_codeowners_file(root, out, force=force, text=text)
        typer.echo(str(out))
    return 0
