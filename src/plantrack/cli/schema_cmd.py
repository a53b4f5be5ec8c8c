"""``plantrack schema``: write the JSON Schemas editors use to autocomplete data files."""

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, check_lang


def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Thư mục ghi (mặc định: schemas/ của kho).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp không do plantrack viết.")
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Ghi JSON Schema của kế hoạch, đơn vị, báo cáo, chỉ số và cuộc kiểm tra."""
    from plantrack import api

    check_lang(lang)  # the language of error messages (read by the entry point)

    target = out if out is not None else api.find_repo(explicit=repo) / api.layout.SCHEMAS
    for path in api.write_schemas(target, force=force):
        typer.echo(str(path))
    return 0
