"""``plantrack codeowners``: a CODEOWNERS file from the units' authors and the maintainers,
so that git hosting enforces who may edit which report on merge requests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, check_lang


def codeowners(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Ghi vào tệp này (ví dụ .github/CODEOWNERS); mặc định in ra."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp không do plantrack viết.")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Viết tệp CODEOWNERS: mỗi đơn vị sở hữu báo cáo của mình, cán bộ tổng hợp sở hữu tất cả."""
    from plantrack import api

    check_lang(lang)  # the language of error messages (read by the entry point)

    root = api.find_repo(explicit=repo)
    if out is None:
        typer.echo(api.codeowners_text(root), nl=False)
    else:
        api.write_codeowners_file(root, out, force=force)
        typer.echo(str(out))
    return 0
