"""Inspection findings at a cut-off in the terminal (rich) and as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from plantrack.domain.inspection_docs import FixReminder
from plantrack.domain.inspection_view import FindingRow, InspectionView
from plantrack.domain.jsonable import to_jsonable
from plantrack.render.labels import FINDING_COLOURS, FINDING_LABELS, finding_label
from plantrack.render.safetext import terminal
from plantrack.render.templating import percent, vn_date
from plantrack.render.terminal import plain_text

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Tồn tại sau kiểm tra, tình trạng đến ngày {day}",
        "id": "Mã",
        "unit": "Đơn vị",
        "text": "Nội dung",
        "deadline": "Hạn",
        "fixed": "Khắc phục",
        "status": "Tình trạng",
        "late": " (quá {days} ngày)",
        "reopened": " (gia hạn mới)",
        "totals": "Tổng hợp",
        "count": "Số tồn tại",
        "total": "Tổng số",
        "due": "Đến hạn / đã khắc phục / tỷ lệ",
        "on_time": "Đúng hạn / tỷ lệ",
        "overdue": "Quá hạn / tỷ lệ",
        "by_unit": "Theo đơn vị",
        "findings": "Tồn tại",
        "done": "Đã khắc phục",
        "over": "Quá hạn",
        "rate": "Tỷ lệ khắc phục",
        "slow": "Đơn vị chậm khắc phục (quá hạn chưa khắc phục): {names}",
        "none_slow": "Không có đơn vị quá hạn chưa khắc phục.",
    },
    "en": {
        "title": "Findings after inspection, status at {day}",
        "id": "Id",
        "unit": "Unit",
        "text": "Finding",
        "deadline": "Deadline",
        "fixed": "Fixed",
        "status": "Status",
        "late": " ({days} days overdue)",
        "reopened": " (new deadline)",
        "totals": "Totals",
        "count": "Findings",
        "total": "Total",
        "due": "Due / fixed / rate",
        "on_time": "On time / rate",
        "overdue": "Overdue / rate",
        "by_unit": "By unit",
        "findings": "Findings",
        "done": "Fixed",
        "over": "Overdue",
        "rate": "Fix rate",
        "slow": "Units slow to fix (overdue, not fixed): {names}",
        "none_slow": "No unit has an overdue finding.",
    },
}


def _findings(view: InspectionView, w: dict[str, str], lang: str) -> Table:
    table = Table(title=w["title"].format(day=vn_date(view.as_of)))
    for key in ("id", "unit", "text", "deadline", "fixed", "status"):
        table.add_column(w[key])
    for row in view.findings:
        deadline = vn_date(row.deadline)
        if row.days_overdue:
            deadline += w["late"].format(days=row.days_overdue)
        label = finding_label(row.status, lang)
        status = Text(label + (w["reopened"] if row.reopened else ""))
        status.stylize(FINDING_COLOURS[row.status])
        fixed = vn_date(row.fixed_on) if row.fixed_on else ""
        table.add_row(
            plain_text(row.id),
            plain_text(row.responsible),
            plain_text(row.text),
            deadline,
            fixed,
            status,
        )
    return table


def _counts(view: InspectionView, w: dict[str, str], lang: str) -> Table:
    c = view.counts
    table = Table(title=w["totals"])
    table.add_column(w["status"])
    table.add_column(w["count"], justify="right")
    for status, labels in FINDING_LABELS.items():
        label = labels[1] if lang == "en" else labels[0]
        table.add_row(Text(label, style=FINDING_COLOURS[status]), str(c.by_status[status]))
    table.add_row(Text(w["total"], style="bold"), str(c.total))
    table.add_row(Text(w["due"], style="bold"), f"{c.due} / {c.fixed} / {percent(c.fix_rate)}")
    table.add_row(Text(w["on_time"], style="bold"), percent(c.on_time_rate))
    table.add_row(Text(w["overdue"], style="bold"), f"{c.overdue} / {percent(c.overdue_rate)}")
    return table


def _units(view: InspectionView, w: dict[str, str]) -> Table:
    table = Table(title=w["by_unit"])
    for key in ("unit", "findings", "done", "over", "rate"):
        table.add_column(w[key], justify="left" if key == "unit" else "right")
    for unit in view.units:
        c = unit.counts
        table.add_row(
            plain_text(unit.short),
            str(c.total),
            str(c.fixed),
            str(c.overdue or ""),
            percent(c.fix_rate),
        )
    return table


def inspection_status_view(view: InspectionView, lang: str = "vi") -> Group:
    """A renderable: every finding, the totals, the units, the units slow to fix."""
    w = WORDS["en" if lang == "en" else "vi"]
    parts: list[Any] = [_findings(view, w, lang), _counts(view, w, lang), _units(view, w)]
    if view.slow:
        names = "; ".join(f"{s.name} ({len(s.findings)})" for s in view.slow)
        parts.append(Text(terminal(w["slow"].format(names=names)), style="bold red"))
    else:
        parts.append(Text(w["none_slow"], style="green"))
    return Group(*parts)


def print_inspection_status(view: InspectionView, console: Console, lang: str = "vi") -> None:
    """Print the view on ``console``."""
    console.print(inspection_status_view(view, lang))


def render_inspection_json(view: InspectionView) -> str:
    """The view as JSON (keys sorted), counts with their rates."""
    data = to_jsonable(view)
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True) + "\n"


def fix_reminders_text(reminders: list[FixReminder], as_of: dt.date) -> str:
    """The units with findings past or near their deadline, one block each ("" for none)."""
    if not reminders:
        return ""
    lines = [f"Tồn tại sau kiểm tra chưa khắc phục, tính đến ngày {vn_date(as_of)}:", ""]
    for unit in reminders:
        lines.append(f"{unit.name} [{unit.unit_id}]")
        for row in unit.overdue:
            why = "phúc tra chưa đạt" if row.status == "failed-recheck" else "quá hạn"
            days = f", quá {row.days_overdue} ngày" if row.days_overdue else ""
            lines.append(f"  - {row.id} {row.text} (hạn {vn_date(row.deadline)}; {why}{days})")
        for row in unit.near:
            lines.append(f"  - {row.id} {row.text} (hạn {vn_date(row.deadline)}; sắp đến hạn)")
        lines.append("")
    late = sum(bool(u.overdue) for u in reminders)
    lines.append(f"Tổng: {late} đơn vị chậm khắc phục, {len(reminders) - late} đơn vị sắp đến hạn.")
    return "\n".join(lines) + "\n"


def unit_findings_text(rows: list[FindingRow], as_of: dt.date) -> str:
    """A unit's findings after inspection (for ``history``); "" for none."""
    if not rows:
        return ""
    lines = [f"Tồn tại sau kiểm tra (tình trạng đến ngày {vn_date(as_of)}):"]
    for row in rows:
        fixed = f", khắc phục ngày {vn_date(row.fixed_on)}" if row.fixed_on else ""
        lines.append(
            f"  - {row.id} ({row.inspection}, phát hiện {vn_date(row.found_on)}): {row.text} "
            f"— hạn {vn_date(row.deadline)}{fixed}; {finding_label(row.status)}"
        )
    return "\n".join(lines) + "\n"
