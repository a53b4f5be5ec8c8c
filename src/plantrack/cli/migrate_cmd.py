"""``plantrack migrate``: bring a data repository written for an older plantrack to the
current form of the data files; ``--dry-run`` shows the diff and writes nothing."""

from typing import Annotated

import typer

from plantrack.cli.options import (
    LangOption,
    RepoOption,
    TodayOption,
    check_lang,
    findings_failed,
    parse_day,
    say,
)
from plantrack.cli.progress import progress


def migrate(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Không ghi gì; in các thay đổi dạng diff.")
    ] = False,
    today: TodayOption = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Chuyển kho dữ liệu cũ sang dạng dữ liệu hiện hành, giữ nguyên chú thích và nội dung."""
    from plantrack import api

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    with progress("progress.migrate", lang):
        done = api.migrate(root, dry_run=dry_run, today=parse_day(today, "--today", lang))
    words = {"found": done.found, "current": done.current, "changed": len(done.changes)}
    if not done.changes:
        say("migrate.current", lang, **words)
        return 0
    if dry_run:
        typer.echo(done.diff(), nl=False)
        say("migrate.dry_run", lang, **words)
        return 0
    for change in done.changes:
        typer.echo(change.rel)
    say("migrate.done", lang, **words)
    check = done.check
    if check is not None and check.errors:  # the converted repository must check clean
        return findings_failed(check.findings, None, lang)
    if check is not None and check.findings:
        from plantrack.render.findings import as_text

        typer.echo(as_text(check.findings, check.files, lang), nl=False, err=True)
    return 0
