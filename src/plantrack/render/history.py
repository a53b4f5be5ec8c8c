"""``history`` as an office register: names, dd/mm/yyyy dates, Vietnamese states, who edited.

The default view is for the clerk: unit and task names, the period's title, the state in
words and "người sửa" with the editor's name. ``ids`` adds the codes of units, tasks and
periods; ``verbose`` adds what git knows (commit, email, file). JSON keeps everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plantrack.domain.history import Step, TaskHistory, UnitLine
from plantrack.domain.unit_history import UnitHistory, UnitPeriod
from plantrack.i18n import t
from plantrack.render.safetext import terminal_lines


@dataclass(frozen=True)
class View:
    """What the reader asked to see besides names: codes (``ids``), git facts (``verbose``)."""

    lang: str = "vi"
    ids: bool = False
    verbose: bool = False


def day(value: dt.date | dt.datetime | str | None) -> str:
    """A date as an office writes it: ``15/09/2024`` (``—`` when unknown)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def state_words(state: str | None, progress: int | None, completed: str | None, lang: str) -> str:
    """``đang thực hiện 50%``, ``hoàn thành 10/09/2024``, or ``chưa báo cáo``."""
    if state is None:
        return t("history.not_reported", lang)
    words = [t(f"state.{state}", lang)]
    if progress is not None and state != "done":
        words.append(f"{progress}%")
    if completed:
        words.append(day(completed))
    return " ".join(words)


def _named(name: str, code: str, view: View) -> str:
    return f"{name} ({code})" if view.ids else name


def _step(step: Step, view: View) -> str:
    lang = view.lang
    editor = t("history.editor", lang, name=step.author_name or step.author_email)
    if not step.allowed:
        editor += " " + t("history.not_allowed", lang)
    text = f"{day(step.date)} {editor}: {step.action_text(lang)}"
    if view.verbose:
        text += f" [{t('history.commit', lang)} {step.commit[:12]}, {step.author_email}]"
    return text


def _unit_line(line: UnitLine, view: View) -> list[str]:
    lang = view.lang
    role = t(f"history.role.{line.role}", lang) if line.role else "—"
    via = " " + t("history.via", lang, unit=line.via) if line.via else ""
    value = state_words(line.state, line.progress, line.completed, lang)
    lines = [f"  {_named(line.unit_name, line.unit_id, view)} [{role}{via}]: {value}"]
    for step in line.steps:
        shown = state_words(step.state, step.progress, step.completed, lang)
        lines.append(f"    {_step(step, view)} → {shown}")
    return lines


def task_register(h: TaskHistory, view: View) -> str:
    """A task's periods, the responsible units, their states and who set them."""
    lang = view.lang
    time = h.time + (
        " " + t("history.extended", lang, day=day(h.extended_to)) if h.extended_to else ""
    )
    lines = [
        f"{t('history.task', lang)}: {_named(h.title, h.task_id, view)}",
        f"{t('history.time', lang)}: {time}",
    ]
    if h.time_changes:
        lines.append(f"{t('history.time_changes', lang)}:")
        for f in h.time_changes:
            editor = t("history.editor", lang, name=f.author_name or f.author_email)
            lines.append(f"  {day(f.date)} {editor}: {f.finding.message(lang)}")
    for block in h.periods:
        title = _named(block.title, block.period, view)
        lines.append(f"{t('history.period', lang, title=title, due=day(block.due))}")
        if not block.lines:
            lines.append(f"  {t('history.no_units', lang)}")
        for line in block.lines:
            lines += _unit_line(line, view)
    if h.shallow:
        lines.append(t("history.shallow", lang))
    return terminal_lines(lines)


def _unit_period(row: UnitPeriod, view: View) -> list[str]:
    lang = view.lang
    status = t(f"history.submission.{row.status}", lang, days=row.days_late)
    title = _named(row.title, row.period, view)
    lines = [f"{t('history.period', lang, title=title, due=day(row.due))}: {status}"]
    if row.exists:
        sent = t("history.sent", lang, submitted=day(row.submitted), committed=day(row.committed))
        lines.append(f"  {sent}" + (f" [{row.file}]" if view.verbose else ""))
    lines += [f"    {_step(step, view)}" for step in row.edits]
    return lines


def unit_register(h: UnitHistory, view: View) -> str:
    """A unit's reports by period: when sent, on time or late, and every edit."""
    lang = view.lang
    lines = [f"{t('history.unit', lang)}: {_named(h.name, h.unit_id, view)}"]
    if view.verbose:
        lines.append(f"{t('history.accounts', lang)}: {', '.join(h.authors) or '—'}")
    for row in h.periods:
        lines += _unit_period(row, view)
    if h.findings and h.findings_as_of is not None:
        from plantrack.render.inspection import unit_findings_text

        lines.append(unit_findings_text(h.findings, h.findings_as_of).rstrip("\n"))
    if h.shallow:
        lines.append(t("history.shallow", lang))
    return terminal_lines(lines)


def history_register(h: TaskHistory | UnitHistory, view: View) -> str:
    """The history as text, whichever kind it is."""
    return task_register(h, view) if isinstance(h, TaskHistory) else unit_register(h, view)
