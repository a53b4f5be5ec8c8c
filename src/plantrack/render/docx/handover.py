"""The handover list of a closing unit as an official Word document (Nghị định 30/2020):
"DANH SÁCH" with the tasks, findings and reports it leaves and the units taking them over.
The body comes from ``templates/docx/handover.txt.j2`` (a data repository's own templates
override it by file name)."""

from __future__ import annotations

from pathlib import Path

from plantrack.domain.handover import Handover
from plantrack.render.docx.compose import compose
from plantrack.render.docx.inspection import Issuer, Signing, _head
from plantrack.render.docx.report import template_blocks
from plantrack.render.marks import ILLUSTRATIVE
from plantrack.render.templating import vn_date


def render_handover_docx(
    h: Handover, issuer: Issuer, signing: Signing, repo: Path | None = None
) -> bytes:
    """The handover list of ``h`` as .docx bytes; number and date left blank unless given."""
    end = f" (ngày {vn_date(h.valid_until)})" if h.valid_until else ""
    summary = f"Nhiệm vụ, hồ sơ bàn giao của {h.unit_name} khi kết thúc hoạt động{end}"
    year = (signing.date or h.as_of).year
    # the committee it reports to, the unit handing over and every unit taking over
    recipients = [f"{issuer.plan.issuer} (b/c)", h.unit_name, *(heir.name for heir in h.heirs)]
    head = _head(issuer, signing, letter=False, prefix="DS", year=year, recipients=recipients)
    blocks = template_blocks(
        "handover.txt.j2",
        repo,
        summary=summary,
        sender=issuer.sender,
        issuer=issuer.plan.issuer,
        plan_title=issuer.plan.title,
        d={"h": h},
    )
    note = f"plantrack; bàn giao; tình hình đến {vn_date(h.as_of)}"
    marks = [ILLUSTRATIVE] if issuer.plan.illustrative else []
    return compose(
        blocks, head, letter=False, as_of=h.as_of, comments=note, title="DANH SÁCH", marks=marks
    )
