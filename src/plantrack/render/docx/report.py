"""The consolidated report as an official Word document (Báo cáo, Nghị định 30/2020/NĐ-CP),
drawn from the report's document model (``render.report``): the letterhead, signature,
recipients and pages come from the plan's document settings and ``docx.layout``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.docx.compose import compose
from plantrack.render.docx.markup import Block
from plantrack.render.report import REPORT_TEMPLATE, build_report
from plantrack.render.report import template_blocks as _blocks


def template_blocks(name: str, repo: Path | None, **context: Any) -> list[Block]:
    """Render ``templates/docx/<name>`` (a Word-only document: letters, inspection notices)
    and parse it into blocks."""
    return _blocks(f"docx/{name}", repo, **context)


def render_docx(
    vm: Consolidation,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    repo: Path | None = None,
    template: str = REPORT_TEMPLATE,
) -> bytes:
    """The consolidated report as .docx bytes; the same inputs give the same bytes.

    ``number`` (e.g. ``12`` or ``12/BC-UBND``) and ``date`` are the office's; unset, they stay
    blank for hand-filling. ``signer`` overrides the signer's name of the plan's settings.
    """
    doc = build_report(vm, number=number, date=date, signer=signer, repo=repo, template=template)
    return compose(
        doc.blocks,
        doc.head,
        letter=False,
        as_of=vm.as_of,
        comments=doc.properties["comments"],
        marks=doc.marks,
        keywords=doc.properties["keywords"],
    )
