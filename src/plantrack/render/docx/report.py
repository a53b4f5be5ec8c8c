"""The consolidated report as an official Word document (Báo cáo, Nghị định 30/2020/NĐ-CP).

The body comes from ``templates/docx/consolidated.txt.j2`` (a data repository's own
``templates/docx/`` overrides it by file name); the letterhead, signature, recipients and
pages come from the plan's document settings and ``docx_layout``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.docx.compose import compose
from plantrack.render.docx.markup import Block, escape, escape_cell, parse
from plantrack.render.docx.text import Letterhead, date_words, letterhead, plan_topic
from plantrack.render.templating import environment

# Points of a list in Vietnamese documents follow the Vietnamese alphabet (no f, j, w, z).
POINTS = list("abcdđeghiklmnopqrstuvxy")


def point(index: int) -> str:
    """``1`` → ``a``, ``5`` → ``đ``, ``24`` → ``aa``."""
    letter = POINTS[(index - 1) % len(POINTS)]
    return letter * ((index - 1) // len(POINTS) + 1)


def template_blocks(name: str, repo: Path | None, **context: Any) -> list[Block]:
    """Render ``templates/docx/<name>`` and parse it into blocks."""
    env = environment(repo)
    # a block tag ending a line must not swallow its newline: one line is one paragraph here,
    # and the blank lines block-only lines leave are ignored by the parser
    env.trim_blocks = False
    env.filters.update(dx=escape, dxcell=escape_cell, point=point)
    return parse(env.get_template(f"docx/{name}").render(**context))


def summary_line(vm: Consolidation) -> str:
    """``Kết quả thực hiện Kế hoạch nâng cao Chỉ số SIPAS, PAPI 9 tháng năm 2024``."""
    topic = plan_topic(vm.plan.title, [i.id for i in vm.indices])
    return f"Kết quả thực hiện {topic} {vm.period.title}"


def issue_year(vm: Consolidation, date: dt.date | None) -> int:
    """The year printed on the date line: the given date's, else the later of the cut-off
    and the units' due date (a report is issued after the units' reports are in)."""
    if date is not None:
        return date.year
    return max(vm.as_of, vm.period.due).year


def provenance_note(vm: Consolidation) -> str:
    """Tool, data commit and cut-off, for the document's properties."""
    p = vm.provenance
    commit = p.data_commit or "(chưa có commit)"
    return f"{p.tool} {p.version}; commit dữ liệu {commit}; ngày chốt {vm.as_of.isoformat()}"


def report_letterhead(
    vm: Consolidation, *, number: str | None, date: dt.date | None, signer: str | None
) -> Letterhead:
    """The report's letterhead from ``vm.document`` and the overrides."""
    return letterhead(
        vm.document,
        vm.plan,
        letter=False,
        number=number,
        date=date,
        signer=signer,
        year=issue_year(vm, date),
    )


def render_docx(
    vm: Consolidation,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    repo: Path | None = None,
) -> bytes:
    """The consolidated report as .docx bytes; the same inputs give the same bytes.

    ``number`` (e.g. ``12`` or ``12/BC-PNV``) and ``date`` are the office's; unset, they stay
    blank for hand-filling. ``signer`` overrides the signer's name of the plan's settings.
    """
    head = report_letterhead(vm, number=number, date=date, signer=signer)
    reference = {
        "number": head.number.removeprefix("Số:").removeprefix(" ") or head.number,
        "date": date_words(date, issue_year(vm, date)),
    }
    blocks = template_blocks(
        "consolidated.txt.j2", repo, vm=vm, doc=reference, summary=summary_line(vm)
    )
    return compose(blocks, head, letter=False, as_of=vm.as_of, comments=provenance_note(vm))
