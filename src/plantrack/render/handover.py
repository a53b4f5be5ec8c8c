"""A closing unit's handover list in the terminal (rich) and as JSON."""

from __future__ import annotations

import json

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from plantrack.domain.handover import Handover, Heir
from plantrack.domain.jsonable import to_jsonable
from plantrack.render.labels import finding_label, status_label
from plantrack.render.safetext import terminal
from plantrack.render.templating import vn_date
from plantrack.render.terminal import plain_text

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Bàn giao của {unit}: kết thúc hoạt động sau ngày {end}; tình hình đến ngày {day}",
        "tasks": "Nhiệm vụ chuyển giao ({n}; đã hoàn thành {done})",
        "findings": "Tồn tại sau kiểm tra chưa khắc phục ({n})",
        "reports": "Báo cáo đã gửi",
        "id": "Mã",
        "task": "Nhiệm vụ",
        "role": "Vai trò",
        "lead": "Chủ trì",
        "support": "Phối hợp",
        "time": "Thời hạn",
        "status": "Tình trạng",
        "to": "Đơn vị tiếp nhận",
        "none": "chưa có đơn vị kế thừa",
        "text": "Nội dung",
        "deadline": "Hạn",
        "no_tasks": "Không có nhiệm vụ phải chuyển giao.",
        "no_findings": "Không có tồn tại chưa khắc phục.",
        "no_reports": "Chưa gửi báo cáo nào.",
        "report": "  - {period} ({title}){number}{day}",
        "number": ", số {number}",
        "day": ", ngày {day}",
        "total": "Tổng: {tasks} nhiệm vụ, {findings} tồn tại chuyển cho {heirs} đơn vị; "
        "{none} nội dung chưa có đơn vị kế thừa.",
    },
    "en": {
        "title": "Handover of {unit}: ends after {end}; position at {day}",
        "tasks": "Tasks handed over ({n}; done {done})",
        "findings": "Findings after inspection not fixed ({n})",
        "reports": "Reports filed",
        "id": "Id",
        "task": "Task",
        "role": "Role",
        "lead": "Lead",
        "support": "Support",
        "time": "Time",
        "status": "Status",
        "to": "Taken over by",
        "none": "no successor",
        "text": "Finding",
        "deadline": "Deadline",
        "no_tasks": "No task to hand over.",
        "no_findings": "No finding left unfixed.",
        "no_reports": "No report filed.",
        "report": "  - {period} ({title}){number}{day}",
        "number": ", no. {number}",
        "day": ", dated {day}",
        "total": "Total: {tasks} tasks, {findings} findings passed to {heirs} units; "
        "{none} items with no successor.",
    },
}


def _to(heirs: tuple[Heir, ...], w: dict[str, str]) -> Text:
    if not heirs:
        return Text(w["none"], style="bold red")
    return Text(terminal("; ".join(f"{h.name} [{h.id}]" for h in heirs)))


def handover_view(h: Handover, lang: str = "vi") -> Group:
    """The handover list as rich renderables."""
    w = WORDS["en" if lang == "en" else "vi"]
    end = vn_date(h.valid_until)
    parts: list[Text | Table] = [
        Text(
            terminal(
                w["title"].format(
                    unit=f"{h.unit_name} [{h.unit_id}]", end=end, day=vn_date(h.as_of)
                )
            )
        )
    ]
    parts.append(Text(w["tasks"].format(n=len(h.tasks), done=h.done), style="bold"))
    if h.tasks:
        table = Table(w["id"], w["task"], w["role"], w["time"], w["status"], w["to"])
        for t in h.tasks:
            status = status_label(t.status, lang)
            if t.progress is not None and not t.recurring:
                status += f", {t.progress}%"
            cells = (
                plain_text(t.task_id),
                plain_text(t.title),
                Text(w[t.role]),
                plain_text(t.time_label),
            )
            table.add_row(*cells, Text(status), _to(t.heirs, w))
        parts.append(table)
    else:
        parts.append(Text(w["no_tasks"]))
    parts.append(Text(w["findings"].format(n=len(h.findings)), style="bold"))
    if h.findings:
        table = Table(w["id"], w["text"], w["deadline"], w["status"], w["to"])
        for f in h.findings:
            label = finding_label(f.status, lang)
            cells = (
                plain_text(f.finding_id),
                plain_text(f.text),
                Text(vn_date(f.deadline)),
                Text(label),
            )
            table.add_row(*cells, _to(f.heirs, w))
        parts.append(table)
    else:
        parts.append(Text(w["no_findings"]))
    parts.append(Text(w["reports"], style="bold"))
    for r in h.reports:
        number = w["number"].format(number=terminal(r.number)) if r.number else ""
        day = w["day"].format(day=vn_date(r.submitted)) if r.submitted else ""
        line = w["report"].format(period=r.period_id, title=r.period_title, number=number, day=day)
        parts.append(plain_text(line))
    if not h.reports:
        parts.append(Text(w["no_reports"]))
    total = w["total"].format(
        tasks=len(h.tasks), findings=len(h.findings), heirs=len(h.heirs), none=h.without_heir
    )
    parts.append(Text(total))
    return Group(*parts)


def print_handover(h: Handover, console: Console, lang: str = "vi") -> None:
    """Print the handover list on ``console``."""
    console.print(handover_view(h, lang))


def render_handover_json(h: Handover) -> str:
    """The handover list as JSON (keys sorted)."""
    data = to_jsonable(h)
    data["heirs"] = to_jsonable(h.heirs)
    data["without_heir"] = h.without_heir
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True) + "\n"
