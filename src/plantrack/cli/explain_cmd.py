"""``plantrack explain CODE``: what a finding code means and how to fix it."""

from typing import Annotated

import typer

from plantrack.cli.options import LangOption, check_lang


def explain(
    code: Annotated[
        str,
        typer.Argument(
            metavar="MÃ",
            help="Mã lỗi, ví dụ PT203; 'all': mọi mã lỗi dữ liệu; 'fatal': mọi lỗi dừng lệnh.",
        ),
    ],
    lang: LangOption = "vi",
) -> int:
    """Giải thích một mã lỗi."""
    from plantrack.i18n import t
    from plantrack.render.findings import code_list
    from plantrack.render.findings import explain as render

    lang = check_lang(lang)
    if code.lower() in ("all", "fatal"):
        typer.echo(code_list(code.lower() == "fatal", lang), nl=False)
        return 0
    text = render(code, lang)
    if text is None:
        typer.echo(f"plantrack: {t('cli.no_code', lang, code=code)}", err=True)
        return 2
    typer.echo(text, nl=False)
    return 0
