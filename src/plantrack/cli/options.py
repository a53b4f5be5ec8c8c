"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RepoOption = Annotated[
    Path | None,
    typer.Option("--repo", envvar="PLANTRACK_REPO", help="Thư mục kho dữ liệu (mặc định: tìm từ thư mục hiện tại)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Ngôn ngữ: vi hoặc en.")]


def check_lang(lang: str) -> str:
    """Refuse languages other than vi and en (exit 2)."""
    if lang not in ("vi", "en"):
        raise typer.BadParameter("chỉ vi hoặc en", param_hint="--lang")
    return lang
