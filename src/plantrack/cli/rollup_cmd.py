"""``plantrack rollup …`` (in the parent: fetch and pin the children, verify their filed
reports) and ``plantrack report for-parent`` (in a child: the report it owes the parent)."""

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import LangOption, RepoOption, check_lang, period_code, say
from plantrack.cli.progress import progress

rollup_app = typer.Typer(
    name="rollup",
    help="Tổng hợp từ kho git của các đơn vị cấp dưới: lấy dữ liệu, ghim phiên bản, đối chiếu.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

PeriodOption = Annotated[
    str, typer.Option("--period", "-p", callback=period_code, help="Kỳ báo cáo, ví dụ 2025-Q1.")
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        help="Thư mục lưu bản sao các kho cấp dưới (mặc định: thư mục cache của người dùng).",
    ),
]


def _print(findings: list, lang: str) -> None:  # type: ignore[type-arg]
    """The findings as ``check`` prints them, on stdout."""
    from plantrack.render.findings import as_text

    if findings:
        typer.echo(as_text(findings, len({f.path for f in findings}), lang), nl=False)


@rollup_app.command("sync")
def sync(
    period: PeriodOption,
    cache: CacheOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Số kho lấy cùng lúc.")] = 8,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Thời gian tối đa cho mỗi kho, giây.")
    ] = 120.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Số lần thử lại.")] = 2,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp khóa đã bị sửa tay.")] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Sau khi lấy: xóa khỏi thư mục bản sao các kho không kho cấp trên nào (dùng thư "
            "mục này) còn liên kết, và dữ liệu đã giải nén của các phiên bản không còn ghim.",
        ),
    ] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Lấy dữ liệu mọi kho cấp dưới và ghim phiên bản vào data/rollup/KỲ.lock.yaml."""
    from plantrack import api
    from plantrack.app.rollup import Fetching, default_cache
    from plantrack.app.rollup import sync as run_sync

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    how = Fetching(cache or default_cache(), jobs, timeout, retries)
    with progress("rollup.syncing", lang) as tick:
        synced = run_sync(root, period, how, force=force, progress=tick)
    _print(synced.findings, lang)
    if prune:
        from plantrack.app.rollup_prune import prune as run_prune

        pruned = run_prune(how.cache)
        megabytes = f"{pruned.freed / 1_048_576:.1f}"
        say("rollup.pruned", lang, mirrors=len(pruned.mirrors), trees=pruned.trees, mb=megabytes)
    if not synced.pins:
        say("rollup.no_children", lang)
        return 0
    key = "rollup.lock_written" if synced.outcome == "written" else "rollup.lock_unchanged"
    path = api.relative(root, synced.path)
    say(key, lang, path=path, pinned=synced.pinned, children=len(synced.pins))
    return 1 if any(f.severity == "error" for f in synced.findings) else 0


@rollup_app.command("verify")
def verify(
    period: PeriodOption,
    cache: CacheOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Số tiến trình tính cùng lúc (mặc định: số lõi CPU)."
        ),
    ] = None,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Đối chiếu báo cáo đã nộp của từng đơn vị cấp dưới với dữ liệu của chính đơn vị đó."""
    from plantrack import api
    from plantrack.app.rollup import default_cache
    from plantrack.app.rollup_verify import verify as run_verify

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    with progress("rollup.deriving", lang) as tick:
        found = run_verify(root, period, cache or default_cache(), jobs=jobs, progress=tick)
    _print(found.findings, lang)
    if found.errors:
        return 1
    say("rollup.verified", lang, children=found.children)
    return 0


def for_parent(
    period: PeriodOption,
    parent: Annotated[
        Path, typer.Option("--parent", help="Thư mục kho dữ liệu của cấp trên (bản sao trên máy).")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Tệp ghi báo cáo (mặc định: vị trí trong kho cấp trên).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã bị sửa tay.")] = False,
    lang: LangOption = "vi",
    repo: RepoOption = None,
) -> int:
    """Tính báo cáo gửi cấp trên từ dữ liệu của đơn vị và ghi thành tệp báo cáo của cấp trên."""
    from plantrack import api, layout
    from plantrack.app.rollup_report import for_parent as run_for_parent

    lang = check_lang(lang)
    root = api.find_repo(explicit=repo)
    made = run_for_parent(root, period, parent, out=out, force=force)
    say(
        "rollup.report_written",
        lang,
        path=made.path,
        unit=made.report.unit,
        period=period,
        target=layout.report(period, made.report.unit),
    )
    if made.submitted_from == "history" and made.report.submitted is not None:
        day = made.report.submitted.isoformat()
        say("rollup.submitted_from_history", lang, day=day, folder=layout.report_folder(period))
    return 0
