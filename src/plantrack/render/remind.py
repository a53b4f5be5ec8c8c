"""The reminder (đôn đốc) in four forms: a plain-text list for the clerk, JSON, Markdown, and
the official letter (Công văn "V/v đôn đốc …", Nghị định 30/2020/NĐ-CP) as .docx."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from plantrack.domain.jsonable import to_jsonable
from plantrack.domain.remind import Debtor, OwedTask, Reminder
from plantrack.render.templating import markdown_cell, vn_date


def _report_words(unit: Debtor, rem: Reminder) -> str | None:
    if unit.report == "missing":
        late = (rem.as_of - rem.due).days
        words = "chưa gửi" + (f" (quá hạn {late} ngày)" if rem.due_passed else "")
        if unit.closing is not None:
            words += (
                f"; là báo cáo kết thúc hoạt động (đơn vị kết thúc ngày {vn_date(unit.closing)}), "
                "kèm danh sách bàn giao"
            )
        return words
    if unit.report == "late":
        return f"gửi trễ {unit.days_late} ngày (ngày gửi {vn_date(unit.submitted)})"
    return None


def _task_words(task: OwedTask) -> str:
    detail = f"hạn {vn_date(task.deadline)}, quá {task.days_overdue} ngày"
    if not task.reported:
        detail += ", chưa báo cáo"
    elif task.progress is not None:
        detail += f", tiến độ {task.progress}%"
    return f"{task.task_id} {task.title} ({detail})"


def _heading(rem: Reminder) -> str:
    return (
        f"Đôn đốc {rem.period.title} ({rem.period.id}): tình hình đến ngày "
        f"{vn_date(rem.as_of)}; hạn gửi báo cáo {vn_date(rem.due)}; "
        f"đề nghị trả lời trước ngày {vn_date(rem.reply_by)}."
    )


def _totals(rem: Reminder) -> str:
    return (
        f"Tổng: {len(rem.missing)} đơn vị chưa gửi báo cáo, {len(rem.late)} đơn vị gửi trễ, "
        f"{len(rem.with_overdue)} đơn vị có nhiệm vụ quá hạn."
    )


def _nobody(rem: Reminder) -> str:
    return (
        f"Không có đơn vị nào thiếu báo cáo, gửi trễ hoặc có nhiệm vụ quá hạn tính đến ngày "
        f"{vn_date(rem.as_of)}."
    )


def render_remind_text(rem: Reminder) -> str:
    """One block per unit: its report, its overdue tasks, its contacts."""
    lines = [_heading(rem), ""]
    if not rem.units:
        return "\n".join([*lines, _nobody(rem)]) + "\n"
    for unit in rem.units:
        own = " (đơn vị tổng hợp)" if unit.consolidator else ""
        lines.append(f"{unit.name} [{unit.unit_id}]{own}")
        report = _report_words(unit, rem)
        if report:
            lines.append(f"  Báo cáo: {report}")
        if unit.overdue:
            lines.append("  Nhiệm vụ quá hạn:")
            lines += [f"    - {_task_words(task)}" for task in unit.overdue]
        contacts = "; ".join(unit.contacts) or "(chưa có đầu mối)"
        lines += [f"  Liên hệ: {contacts}", ""]
    lines.append(_totals(rem))
    return "\n".join(lines) + "\n"


def render_remind_json(rem: Reminder) -> str:
    """The reminder as JSON (keys sorted), with the totals."""
    data = to_jsonable(rem)
    for unit, row in zip(rem.units, data["units"], strict=True):
        row["owes_report"] = unit.owes_report
    data["totals"] = {
        "missing": len(rem.missing),
        "late": len(rem.late),
        "with_overdue": len(rem.with_overdue),
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True) + "\n"


def _md(text: object) -> str:
    return markdown_cell(text)


def render_remind_markdown(rem: Reminder) -> str:
    """A Markdown table of the units, then each unit's overdue tasks."""
    lines = [f"# {_md(_heading(rem))}", ""]
    if not rem.units:
        return "\n".join([*lines, _nobody(rem)]) + "\n"
    lines += ["| Đơn vị | Báo cáo | Nhiệm vụ quá hạn | Liên hệ |", "|---|---|---:|---|"]
    for unit in rem.units:
        report = _report_words(unit, rem) or "đã gửi đúng hạn"
        contacts = "; ".join(unit.contacts)
        lines.append(f"| {_md(unit.name)} | {report} | {len(unit.overdue)} | {_md(contacts)} |")
    for unit in rem.with_overdue:
        lines += ["", f"## {_md(unit.name)}", ""]
        lines += [f"- {_md(_task_words(task))}" for task in unit.overdue]
    lines += ["", _totals(rem)]
    return "\n".join(lines) + "\n"


def letter_summary(rem: Reminder) -> str:
    """``V/v đôn đốc gửi báo cáo và thực hiện nhiệm vụ Kế hoạch … 9 tháng năm 2026``: what
    is chased depends on what the addressees owe."""
    from plantrack.render.docx.text import topic_in_period

    chased = []
    if rem.addressees_missing:
        chased.append("gửi báo cáo")
    elif rem.addressees_late:
        chased.append("gửi báo cáo đúng hạn")
    if rem.addressees_overdue:
        chased.append("thực hiện nhiệm vụ")
    topic = topic_in_period(rem.plan.topic, rem.period.title, rem.period.year)
    what = " và ".join(chased) or "thực hiện"
    return f"V/v đôn đốc {what} {topic}"


def render_remind_docx(
    rem: Reminder,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    repo: Path | None = None,
) -> bytes:
    """The reminder letter as .docx bytes, addressed to every unit owing something but the
    sender; number and date left blank for the office unless given."""
    from plantrack.render.docx.compose import compose
    from plantrack.render.docx.text import keywords, letterhead
    from plantrack.render.marks import ILLUSTRATIVE
    from plantrack.render.report import template_blocks

    head = letterhead(
        rem.document,
        rem.plan,
        letter=True,
        number=number,
        date=date,
        signer=signer,
        year=(date or rem.as_of).year,
    )
    blocks = template_blocks("docx/remind.txt.j2", repo, r=rem, summary=letter_summary(rem))
    note = f"plantrack; đôn đốc {rem.period.id}; tình hình đến {rem.as_of.isoformat()}"
    marks = [ILLUSTRATIVE] if rem.plan.illustrative else []
    words = keywords(rem.plan.topic, rem.indices)
    return compose(
        blocks, head, letter=True, as_of=rem.as_of, comments=note, marks=marks, keywords=words
    )
