"""Text and JSON for ``audit`` and ``history``, and the CODEOWNERS file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from plantrack import layout
from plantrack.domain.audit import AuditResult
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.history import Step, TaskHistory
from plantrack.domain.unit_history import UnitHistory
from plantrack.models import Plan, Unit
from plantrack.render.findings import severity_word

_WORDS = {
    "vi": {
        "changes": "thay đổi",
        "hint": "gợi ý",
        "lead": "chủ trì",
        "support": "phối hợp",
        "none": "chưa báo cáo",
        "set": "đặt bởi",
        "via": "thay",
        "due": "hạn",
        "no_units": "không có đơn vị nào phụ trách",
        "time": "Thời hạn",
        "ext": "gia hạn đến",
        "moved": "Thay đổi thời hạn",
        "task": "Nhiệm vụ",
        "unit": "Đơn vị",
        "authors": "Tác giả",
        "on-time": "đúng hạn",
        "late": "trễ {days} ngày",
        "missing": "chưa gửi",
        "not-expected": "không phải báo cáo",
        "committed": "commit lần đầu",
        "submitted": "ngày báo cáo",
        "not_allowed": "KHÔNG có quyền",
        "shallow": "Lưu ý: lịch sử git không đầy đủ (bản sao nông).",
        "period": "Kỳ",
    },
    "en": {
        "changes": "changes",
        "hint": "hint",
        "lead": "lead",
        "support": "support",
        "none": "not reported",
        "set": "set by",
        "via": "for",
        "due": "due",
        "no_units": "no responsible unit",
        "time": "Time",
        "ext": "extended to",
        "moved": "Deadline changes",
        "task": "Task",
        "unit": "Unit",
        "authors": "Authors",
        "on-time": "on time",
        "late": "{days} days late",
        "missing": "missing",
        "not-expected": "not expected",
        "committed": "first committed",
        "submitted": "report date",
        "not_allowed": "NOT allowed",
        "shallow": "Note: the git history is incomplete (shallow clone).",
        "period": "Period",
    },
}


def _w(lang: str, key: str) -> str:
    return _WORDS["en" if lang == "en" else "vi"][key]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, AuditFinding):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _dump(payload: Any) -> str:
    return json.dumps(_plain(payload), ensure_ascii=False, indent=2) + "\n"


# --- audit ------------------------------------------------------------------------------


def _finding_lines(f: AuditFinding, lang: str) -> list[str]:
    place = f.file or (f"commit {f.commit[:12]}" if f.commit else "git")
    severity = severity_word(f.severity, lang)
    lines = [f"{place}: {severity} {f.finding.code} {f.finding.message(lang)}"]
    changes = f.details.get("changes")
    if changes and f.finding.code != "PT406":
        lines.append(f"    {_w(lang, 'changes')}: " + "; ".join(str(c) for c in changes))
    if f.finding.hint(lang):
        lines.append(f"    {_w(lang, 'hint')}: {f.finding.hint(lang)}")
    return lines


def audit_summary(result: AuditResult, lang: str = "vi") -> str:
    """One line: what was examined, how many errors and warnings, the signatures."""
    s = result.signatures
    span = ""
    if result.first and result.last:
        span = f" ({result.first[:12]}…{result.last[:12]})"
    if lang == "en":
        return (
            f"{result.commits} commits examined{span}: {result.errors} errors, "
            f"{result.warnings} warnings. Signatures on data commits: {s['good']} good, "
            f"{s['unverified']} unverified, {s['bad']} bad, {s['unsigned']} unsigned."
        )
    return (
        f"Đã xem {result.commits} commit{span}: {result.errors} lỗi, {result.warnings} cảnh "
        f"báo. Chữ ký số của các commit dữ liệu: {s['good']} hợp lệ, {s['unverified']} không "
        f"xác minh được, {s['bad']} sai, {s['unsigned']} không ký."
    )


def audit_text(result: AuditResult, lang: str = "vi") -> str:
    """Findings in history order (oldest first), then the summary line."""
    lines = [line for f in result.findings for line in _finding_lines(f, lang)]
    lines.append(audit_summary(result, lang))
    return "\n".join(lines) + "\n"


def audit_json(result: AuditResult) -> str:
    """The whole result: what was examined, counts, signatures and every finding."""
    return _dump(
        {
            "since": result.since,
            "period": result.period,
            "commits": result.commits,
            "first": result.first,
            "last": result.last,
            "shallow": result.shallow,
            "errors": result.errors,
            "warnings": result.warnings,
            "signatures": result.signatures,
            "findings": result.findings,
        }
    )


# --- history ----------------------------------------------------------------------------


def _step_text(step: Step, lang: str) -> str:
    who = step.author_email + ("" if step.allowed else f" ({_w(lang, 'not_allowed')})")
    return f"{step.date.date().isoformat()} {step.commit[:12]} {who} {step.action_text(lang)}"


def _value(state: str | None, progress: int | None, completed: str | None, lang: str) -> str:
    if state is None:
        return _w(lang, "none")
    return " ".join(
        [state]
        + ([f"{progress}%"] if progress is not None else [])
        + ([completed] if completed else [])
    )


def task_text(h: TaskHistory, lang: str = "vi") -> str:
    """A task's periods, units, values and the commits that set them."""
    time = h.time + (f" ({_w(lang, 'ext')} {h.extended_to})" if h.extended_to else "")
    lines = [f"{_w(lang, 'task')} {h.task_id}: {h.title}", f"{_w(lang, 'time')}: {time}"]
    if h.time_changes:
        lines.append(f"{_w(lang, 'moved')}:")
        lines += [f"  {f.finding.message(lang)}" for f in h.time_changes]
    for block in h.periods:
        lines.append(
            f"{_w(lang, 'period')} {block.period} ({block.title}, "
            f"{_w(lang, 'due')} {block.due.isoformat()})"
        )
        if not block.lines:
            lines.append(f"  {_w(lang, 'no_units')}")
        for line in block.lines:
            role = _w(lang, line.role) if line.role else "—"
            via = f" ({_w(lang, 'via')} {line.via})" if line.via else ""
            value = _value(line.state, line.progress, line.completed, lang)
            lines.append(f"  {line.unit_id} [{role}{via}]: {value}")
            for step in line.steps:
                shown = _value(step.state, step.progress, step.completed, lang)
                lines.append(f"    {_step_text(step, lang)}: {shown}")
    if h.shallow:
        lines.append(_w(lang, "shallow"))
    return "\n".join(lines) + "\n"


def unit_text(h: UnitHistory, lang: str = "vi") -> str:
    """A unit's reports by period: dates, lateness and every edit."""
    lines = [
        f"{_w(lang, 'unit')} {h.unit_id}: {h.name}",
        f"{_w(lang, 'authors')}: {', '.join(h.authors) or '—'}",
    ]
    for row in h.periods:
        status = _w(lang, row.status).format(days=row.days_late)
        lines.append(
            f"{_w(lang, 'period')} {row.period} ({_w(lang, 'due')} {row.due.isoformat()}): {status}"
        )
        if row.exists:
            committed = row.committed.date().isoformat() if row.committed else "—"
            lines.append(
                f"  {row.file}: {_w(lang, 'submitted')} {row.submitted or '—'}, "
                f"{_w(lang, 'committed')} {committed}"
            )
        lines += [f"    {_step_text(step, lang)}" for step in row.edits]
    if h.shallow:
        lines.append(_w(lang, "shallow"))
    return "\n".join(lines) + "\n"


def history_text(h: TaskHistory | UnitHistory, lang: str = "vi") -> str:
    """The history as text, whichever kind it is."""
    return task_text(h, lang) if isinstance(h, TaskHistory) else unit_text(h, lang)


def history_json(h: TaskHistory | UnitHistory) -> str:
    """The history as JSON, with ``kind`` ``task`` or ``unit``."""
    return _dump({"kind": "task" if isinstance(h, TaskHistory) else "unit", **_plain(h)})


# --- CODEOWNERS -------------------------------------------------------------------------


def render_codeowners(plan: Plan, units: Mapping[str, Unit], prefix: str = "") -> str:
    """CODEOWNERS: the maintainers own everything; each unit's authors (with the
    maintainers, since the last matching rule wins) own its reports. Emails are written
    as they are, which GitHub, GitLab and Gitea accept for users with that email."""
    maintainers = _unique(plan.reporting.maintainers)
    lines = [
        "# CODEOWNERS generated by plantrack codeowners from data/units/*.yaml (authors) and",
        "# data/plan.yaml (reporting.maintainers). Do not edit: run plantrack codeowners again.",
        "# The last matching rule wins, so every unit rule lists the maintainers too.",
        "",
        "* " + " ".join(maintainers) if maintainers else "# (no maintainers listed in the plan)",
        "",
    ]
    for unit_id in sorted(units):
        owners = _unique([*units[unit_id].authors, *maintainers])
        pattern = f"/{prefix}{layout.REPORTS}/**/{unit_id}.yaml"
        if owners:
            lines.append(f"{pattern} {' '.join(owners)}")
        else:
            lines.append(f"# {pattern}: no authors and no maintainers")
    return "\n".join(lines) + "\n"


def _unique(emails: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for email in emails:
        if email.lower() not in seen:
            seen.add(email.lower())
            out.append(email)
    return out
