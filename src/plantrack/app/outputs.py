"""Writing a consolidation's outputs: each requested format rendered to bytes, and the
output folder checked and published (only files plantrack wrote there are ever replaced)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
    administrative-reform report (Markdown, HTML and Word only), to paste into it."""
    from plantrack.render.documents import render_json, render_markdown
    from plantrack.render.report import TEMPLATES

    template = TEMPLATES[kind]
    section = kind == "section"
    base = (layout.section_base if section else layout.consolidated_base)(vm.period.id)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "md":
            out[f"{base}.md"] = render_markdown(vm, repo, template).encode("utf-8")
        elif fmt == "json" and not section:
            out[f"{base}.json"] = render_json(vm).encode("utf-8")
        elif fmt == "html":
            from plantrack.render.html import render_html

            out[f"{base}.html"] = render_html(vm, repo, template).encode("utf-8")
        elif fmt == "docx":
            from plantrack.render.docx.report import render_docx

            out[f"{base}.docx"] = render_docx(
                vm, number=number, date=date, signer=signer, repo=repo, template=template
            )
        elif fmt == "xlsx" and not section:
            from plantrack.render.xlsx.workbook import render_xlsx

            out[f"{base}.xlsx"] = render_xlsx(vm)
    return out


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
