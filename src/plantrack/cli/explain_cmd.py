"""``plantrack explain CODE``: what a finding code means and how to fix it."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import LangOption, check_lang


def explain(
    code: Annotated[
        str,
        typer.Argument(
            help="Mã lỗi, ví dụ PT203; 'all': mọi mã lỗi dữ liệu; 'fatal': mọi lỗi dừng lệnh."
        ),
    ],
    lang: LangOption = "vi",
) -> int:
    """Giải thích một mã lỗi."""
    from plantrack.i18n import errors, t
    from plantrack.render.findings import explain as render
    from plantrack.validate.catalogue import CATALOGUE

    lang = check_lang(lang)
    if code.lower() == "all":
        for entry in CATALOGUE.values():
            title = entry.title_en if lang == "en" else entry.title_vi
            typer.echo(f"{entry.code}  {entry.severity:<7}  {title}")
        return 0
    if code.lower() == "fatal":
        for fatal in errors().values():
            typer.echo(f"{fatal.code}  {fatal.title(lang)}")
        return 0
    text = render(code, lang)
    if text is None:
        typer.echo(f"plantrack: {t('cli.no_code', lang, code=code)}", err=True)
        return 2
    typer.echo(text, nl=False)
    return 0
