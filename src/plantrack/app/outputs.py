"""Writing a consolidation's outputs: each requested format rendered to bytes, and the
output folder checked and published (only files plantrack wrote there are ever replaced)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from plantrack import layout
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.i18n import t
from plantrack.io.outdir import OutputExistsError, OutputRefusedError, check_target, publish

FORMATS = ("md", "html", "xlsx", "docx", "json")


def render_outputs(
    vm: Consolidation,
    repo: Path,
    formats: Iterable[str] = FORMATS,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    kind: str = "report",
) -> dict[str, bytes]:
    """File name → bytes for each requested format of the consolidated report; ``number``,
    ``date`` and ``signer`` fill the official Word document (blank when not given).

    ``kind="section"`` writes instead the plan's section of the issuer's periodic
    administrative-reform report (Markdown, HTML and Word only), to paste into it.

    A large consolidation's workbook, the longest to write, is rendered on a second process
    while this one renders the other formats (``_aside``); the bytes are the same."""
    from plantrack.render.report import TEMPLATES

    template = TEMPLATES[kind]
    section = kind == "section"
    base = (layout.section_base if section else layout.consolidated_base)(vm.period.id)
    wanted = [f for f in formats if f in FORMATS and not (section and f in ("json", "xlsx"))]
    one = functools.partial(_render, vm, repo, template, number, date, signer)
    aside = _aside(vm, wanted)
    done: dict[str, bytes] = {}
    with _worker(one, aside) as pending:
        for fmt in wanted:
            if fmt != aside and fmt not in done:
                done[fmt] = one(fmt)
        if aside is not None:
            done[aside] = pending() or one(aside)  # failed there: here, to raise as usual
    return {f"{base}.{fmt}": done[fmt] for fmt in wanted}


def _render(
    vm: Consolidation,
    repo: Path,
    template: str,
    number: str | None,
    date: dt.date | None,
    signer: str | None,
    fmt: str,
) -> bytes:
    """The bytes of ``fmt`` (one of ``FORMATS``) for ``vm``."""
    if fmt == "md":
        from plantrack.render.documents import render_markdown

        return render_markdown(vm, repo, template).encode("utf-8")
    if fmt == "json":
        from plantrack.render.documents import render_json_bytes

        return render_json_bytes(vm)
    if fmt == "html":
        from plantrack.render.html import render_html

        return render_html(vm, repo, template).encode("utf-8")
    if fmt == "docx":
        from plantrack.render.docx.report import render_docx

        return render_docx(
            vm, number=number, date=date, signer=signer, repo=repo, template=template
        )
    from plantrack.render.xlsx.workbook import render_xlsx

    return render_xlsx(vm)


ASIDE_ROWS = 1000
"""Rows of units (the parent's and its children's) above which the workbook is rendered on a
second process, beside the other formats."""


def _aside(vm: Consolidation, wanted: list[str]) -> str | None:
    """``xlsx`` when it is worth a process of its own: a large consolidation, other formats
    asked too, a second core, and ``fork`` (the worker inherits the view-model, never copied)."""
    import multiprocessing

    from plantrack.validate.parallel import default_jobs

    rows = len(vm.units) + sum(len(child.units) for child in vm.children or [])
    if "xlsx" not in wanted or len(set(wanted)) < 2 or rows <= ASIDE_ROWS:
        return None
    if default_jobs() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return "xlsx"


_kept: Callable[[str], bytes] | None = None


@contextlib.contextmanager
def _worker(
    render: Callable[[str], bytes], fmt: str | None
) -> Iterator[Callable[[], bytes | None]]:
    """``fmt`` rendered on a forked process while the block runs; the callable yielded waits
    for its bytes (``None``: it failed there). No format: nothing is started."""
    if fmt is None:
        yield lambda: None
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    gc.freeze()  # the inherited heap stays out of the worker's collections (no page copies)
    try:
        with ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("fork"), initializer=_keep, initargs=(render,)
        ) as pool:
            future = pool.submit(_render_kept, fmt)
            yield future.result
    finally:
        gc.unfreeze()


def _keep(render: Callable[[str], bytes]) -> None:
    global _kept
    _kept = render


def _render_kept(fmt: str) -> bytes | None:
    assert _kept is not None
    try:
        return _kept(fmt)
    except Exception:  # the error is raised again where it is rendered once more, here
        return None


def check_output_folder(target: Path, repo: Path | None = None) -> None:
    """Refuse an output folder plantrack may never write into, even with ``--force``
    (PT925: the repository root, data/, a git folder, a file, a link out of the
    repository)."""
    try:
        check_target(target, repo=repo)
    except OutputRefusedError as exc:
        reason = f"output.refused.{exc.reason}"
        raise PlantrackError(
            code="PT925", path=exc.target, reason=t(reason, "vi"), reason_en=t(reason, "en")
        ) from exc


def write_outputs(
    target: Path, files: dict[str, bytes], *, force: bool = False, repo: Path | None = None
) -> list[Path]:
    """Publish ``files`` as plantrack's outputs in the folder ``target``; only files
    plantrack wrote there before are ever removed (PT907 when the folder holds other or
    edited files, unless ``force``)."""
    check_output_folder(target, repo)
    try:
        return publish(target, files, force=force, repo=repo)
    except OutputExistsError as exc:
        raise PlantrackError(code="PT907", path=exc) from exc
