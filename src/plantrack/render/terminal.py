"""The consolidation in the terminal (rich): submissions, status counts, overdue tasks.
Words come from the catalogue (``terminal.*`` keys), in Vietnamese or English."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plantrack.domain.status import STATUS_ORDER
from plantrack.domain.viewmodel import Consolidation
from plantrack.i18n import t
from plantrack.render.labels import (
    FINDING_COLOURS,
    FINDING_LABELS,
    STATUS_COLOURS,
    status_label,
    submission_label,
)
from plantrack.render.safetext import terminal
from plantrack.render.templating import percent, vn_date

_SUBMISSION_STYLE = {"on-time": "green", "late": "dark_orange", "missing": "red", "pending": "blue"}


def status_view(vm: Consolidation, lang: str = "vi") -> Group:
    """A renderable: header, status counts, submission matrix and overdue tasks."""
    period = vm.period
    header = Text.assemble(
        (terminal(vm.plan.title), "bold"),
        "\n",
        t(
            "terminal.header",
            lang,
            period=period.title,
            start=vn_date(period.start),
            cutoff=vn_date(period.cutoff),
            due=vn_date(period.due),
            as_of=vn_date(vm.as_of),
        ),
    )
    parts: list[Panel | Table] = [
        Panel(header),
        _counts(vm, lang),
        _submissions(vm, lang),
        _overdue(vm, lang),
    ]
    if vm.oversight is not None and vm.oversight.findings:
        parts.append(_oversight(vm, lang))
    return Group(*parts)


def _oversight(vm: Consolidation, lang: str) -> Table:
    """Findings after inspection at the cut-off, and the units slow to fix them."""
    o = vm.oversight
    assert o is not None
    c = o.counts
    en = lang == "en"
    title = "Findings after inspection: fixed" if en else "Tồn tại sau kiểm tra: đã khắc phục"
    table = Table(title=f"{title} {c.fixed}/{c.total}")
    table.add_column(t("terminal.status", lang))
    table.add_column("Findings" if en else "Số tồn tại", justify="right")
    for status, labels in FINDING_LABELS.items():
        label = labels[1] if en else labels[0]
        table.add_row(Text(label, style=FINDING_COLOURS[status]), str(c.by_status[status]))
    slow = plain_text("; ".join(f"{u.short} ({len(u.findings)})" for u in o.slow)) or (
        "none" if en else "không có"
    )
    table.add_row(Text("Units slow to fix" if en else "Đơn vị chậm khắc phục", style="bold"), slow)
    return table


def _counts(vm: Consolidation, lang: str) -> Table:
    o = vm.overall
    table = Table(title=t("terminal.counts", lang), show_lines=False)
    table.add_column(t("terminal.status", lang))
    table.add_column(t("terminal.pairs", lang), justify="right")
    for status in STATUS_ORDER:
        label = Text(status_label(status, lang), style=STATUS_COLOURS[status])
        table.add_row(label, str(o.by_status.get(status, 0)))
    table.add_row(
        Text(t("terminal.due_done_rate", lang), style="bold"),
        f"{o.due} / {o.completed} / {percent(o.completion_rate)}",
    )
    table.add_row(
        Text(t("terminal.overdue_rate", lang), style="bold"),
        f"{o.overdue} / {percent(o.overdue_rate)}",
    )
    return table


def _submissions(vm: Consolidation, lang: str) -> Table:
    table = Table(title=t("terminal.submissions", lang))
    for key, justify in (
        ("unit", "left"),
        ("status", "left"),
        ("submitted", "left"),
        ("days_late", "right"),
        ("completed", "right"),
        ("overdue", "right"),
    ):
        table.add_column(t(f"terminal.{key}", lang), justify=justify)  # type: ignore[arg-type]
    for unit in vm.units:
        sub = unit.submission
        table.add_row(
            plain_text(unit.short),
            Text(submission_label(sub.status, lang), style=_SUBMISSION_STYLE[sub.status]),
            vn_date(sub.effective),
            str(sub.days_late or ""),
            percent(unit.counts.completion_rate),
            str(unit.counts.overdue or ""),
        )
    return table


def _overdue(vm: Consolidation, lang: str) -> Table:
    table = Table(title=t("terminal.overdue_tasks", lang, count=len(vm.overdue)))
    # rich wraps at spaces; dates and percentages never break
    table.add_column(t("terminal.task", lang), overflow="fold")
    table.add_column(t("terminal.unit", lang), overflow="fold")
    table.add_column(t("terminal.deadline", lang), no_wrap=True)
    table.add_column(t("terminal.progress", lang), justify="right", no_wrap=True)
    titles = {task.id: task.title for task in vm.tasks}
    for pair in vm.overdue:
        progress = (
            t("terminal.not_reported", lang)
            if pair.status == "not-reported"
            else (f"{pair.progress}%" if pair.progress is not None else "")
        )
        table.add_row(
            plain_text(f"{pair.task_id}. {shorten(titles[pair.task_id], 90)}"),
            plain_text(pair.unit_name),
            vn_date(pair.deadline),
            Text(progress, style=STATUS_COLOURS["open-overdue"]),
        )
    return table


def plain_text(text: str) -> Text:
    """A value from the data as plain text: control characters shown as escapes, and never
    read as rich markup (a unit called ``[red]`` or ``[/]`` prints as written)."""
    return Text(terminal(text))


def print_status(vm: Consolidation, console: Console, lang: str = "vi") -> None:
    """Print the status view on ``console``."""
    console.print(status_view(vm, lang))


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with "…" when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return f"{cut} …"
