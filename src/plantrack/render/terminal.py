"""The consolidation in the terminal (rich): submissions, status counts, overdue tasks."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS, submission_label
from plantrack.render.templating import percent, vn_date

_SUBMISSION_STYLE = {"on-time": "green", "late": "dark_orange", "missing": "red"}


def status_view(vm: Consolidation) -> Group:
    """A renderable: header, status counts, submission matrix and overdue tasks."""
    period = vm.period
    header = Text.assemble(
        (vm.plan.title, "bold"),
        "\n",
        f"Kỳ {period.title}: số liệu {vn_date(period.start)} – {vn_date(period.cutoff)}; "
        f"hạn gửi {vn_date(period.due)}; chốt tình trạng {vn_date(vm.as_of)}",
    )
    return Group(Panel(header), _counts(vm), _submissions(vm), _overdue(vm))


def _counts(vm: Consolidation) -> Table:
    o = vm.overall
    table = Table(title="Tình trạng nhiệm vụ (lượt nhiệm vụ × đơn vị)", show_lines=False)
    table.add_column("Tình trạng")
    table.add_column("Số lượt", justify="right")
    for status, (label, _) in STATUS_LABELS.items():
        table.add_row(Text(label, style=STATUS_COLOURS[status]), str(o.by_status.get(status, 0)))
    table.add_row(
        Text("Đến hạn / hoàn thành / tỷ lệ", style="bold"),
        f"{o.due} / {o.completed} / {percent(o.completion_rate)}",
    )
    table.add_row(Text("Quá hạn / tỷ lệ", style="bold"), f"{o.overdue} / {percent(o.overdue_rate)}")
    return table


def _submissions(vm: Consolidation) -> Table:
    table = Table(title="Tình hình gửi báo cáo")
    for name, justify in (
        ("Đơn vị", "left"),
        ("Tình trạng", "left"),
        ("Ngày gửi", "left"),
        ("Trễ (ngày)", "right"),
        ("Hoàn thành", "right"),
        ("Quá hạn", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for unit in vm.units:
        sub = unit.submission
        table.add_row(
            unit.short,
            Text(submission_label(sub.status), style=_SUBMISSION_STYLE[sub.status]),
            vn_date(sub.effective),
            str(sub.days_late or ""),
            percent(unit.counts.completion_rate),
            str(unit.counts.overdue or ""),
        )
    return table


def _overdue(vm: Consolidation) -> Table:
    table = Table(title=f"Nhiệm vụ quá hạn chưa hoàn thành ({len(vm.overdue)})")
    table.add_column("Nhiệm vụ")
    table.add_column("Đơn vị")
    table.add_column("Hạn")
    table.add_column("Tiến độ", justify="right")
    titles = {t.id: t.title for t in vm.tasks}
    for pair in vm.overdue:
        progress = (
            "chưa báo cáo"
            if pair.status == "not-reported"
            else (f"{pair.progress}%" if pair.progress is not None else "")
        )
        table.add_row(
            f"{pair.task_id}. {titles[pair.task_id][:60]}",
            pair.unit_name,
            vn_date(pair.deadline),
            Text(progress, style=STATUS_COLOURS["open-overdue"]),
        )
    return table


def print_status(vm: Consolidation, console: Console) -> None:
    """Print the status view on ``console``."""
    console.print(status_view(vm))
