"""Inspection findings at a cut-off in the terminal (rich) and as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from plantrack.domain.findings_status import FINDING_COLOURS, FINDING_LABELS
from plantrack.domain.inspection_docs import FixReminder
from plantrack.domain.inspection_view import FindingRow, InspectionView
from plantrack.domain.viewmodel import to_jsonable
from plantrack.render.templating import percent, vn_date


def _status_text(row_status: str, label: str, reopened: bool) -> Text:
    return Text(label + (" (gia hạn mới)" if reopened else ""), style=FINDING_COLOURS[row_status])


def _findings(view: InspectionView) -> Table:
    table = Table(title=f"Tồn tại sau kiểm tra, tình trạng đến ngày {vn_date(view.as_of)}")
    for name, justify in (
        ("Mã", "left"),
        ("Đơn vị", "left"),
        ("Nội dung", "left"),
        ("Hạn", "left"),
        ("Khắc phục", "left"),
        ("Tình trạng", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in view.findings:
        deadline = vn_date(row.deadline)
        if row.days_overdue:
            deadline += f" (quá {row.days_overdue} ngày)"
        table.add_row(
            row.id,
            row.responsible,
            row.text,
            deadline,
            vn_date(row.fixed_on) if row.fixed_on else "",
            _status_text(row.status, row.status_vi, row.reopened),
        )
    return table


def _counts(view: InspectionView) -> Table:
    c = view.counts
    table = Table(title="Tổng hợp")
    table.add_column("Tình trạng")
    table.add_column("Số tồn tại", justify="right")
    for status, (label, _) in FINDING_LABELS.items():
        table.add_row(Text(label, style=FINDING_COLOURS[status]), str(c.by_status[status]))
    table.add_row(Text("Tổng số", style="bold"), str(c.total))
    table.add_row(
        Text("Đến hạn / đã khắc phục / tỷ lệ", style="bold"),
        f"{c.due} / {c.fixed} / {percent(c.fix_rate)}",
    )
    table.add_row(Text("Đúng hạn / tỷ lệ", style="bold"), percent(c.on_time_rate))
    table.add_row(Text("Quá hạn / tỷ lệ", style="bold"), f"{c.overdue} / {percent(c.overdue_rate)}")
    return table


def _units(view: InspectionView) -> Table:
    table = Table(title="Theo đơn vị")
    for name in ("Đơn vị", "Tồn tại", "Đã khắc phục", "Quá hạn", "Tỷ lệ khắc phục"):
        table.add_column(name, justify="left" if name == "Đơn vị" else "right")
    for unit in view.units:
        c = unit.counts
        table.add_row(
            unit.short, str(c.total), str(c.fixed), str(c.overdue or ""), percent(c.fix_rate)
        )
    return table


def inspection_status_view(view: InspectionView) -> Group:
    """A renderable: every finding, the totals, the units, the units slow to fix."""
    parts: list[Any] = [_findings(view), _counts(view), _units(view)]
    if view.slow:
        names = "; ".join(f"{s.name} ({len(s.findings)})" for s in view.slow)
        parts.append(
            Text(f"Đơn vị chậm khắc phục (quá hạn chưa khắc phục): {names}", style="bold red")
        )
    else:
        parts.append(Text("Không có đơn vị quá hạn chưa khắc phục.", style="green"))
    return Group(*parts)


def print_inspection_status(view: InspectionView, console: Console) -> None:
    """Print the view on ``console``."""
    console.print(inspection_status_view(view))


def render_inspection_json(view: InspectionView) -> str:
    """The view as JSON (keys sorted), counts with their rates."""
    data = to_jsonable(view)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
            f"— hạn {vn_date(row.deadline)}{fixed}; {row.status_vi}"
        )
    return "\n".join(lines) + "\n"
