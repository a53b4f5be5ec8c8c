"""``plantrack schema``: write the JSON Schemas editors use to autocomplete data files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import RepoOption


def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Thư mục ghi (mặc định: schemas/ của kho).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp không do plantrack viết.")
    ] = False,
    repo: RepoOption = None,
) -> int:
    """Ghi JSON Schema của kế hoạch, đơn vị, báo cáo và chỉ số."""
    from plantrack import api

    target = out if out is not None else api.find_repo(explicit=repo) / "schemas"
    for path in api.write_schemas(target, force=force):
        typer.echo(str(path))
    return 0
