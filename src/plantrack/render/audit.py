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
from plantrack.domain.history import TaskHistory
from plantrack.domain.unit_history import UnitHistory
from plantrack.models import Plan, Unit
from plantrack.render.findings import severity_word
from plantrack.render.history import View, history_register
from plantrack.render.safetext import terminal_lines

_WORDS = {
    "vi": {
        "changes": "thay đổi",
        "hint": "gợi ý",
    },
    "en": {
        "changes": "changes",
        "hint": "hint",
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
    return json.dumps(_plain(payload), ensure_ascii=False, allow_nan=False, indent=2) + "\n"


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
            f"{result.warnings} warnings. Git signatures on data commits (of the commit, not a "
            f"document's digital signature): {s['good']} good, "
            f"{s['unverified']} unverified, {s['bad']} bad, {s['unsigned']} unsigned."
        )
    return (
        f"Đã xem {result.commits} lần ghi git{span}: {result.errors} lỗi, {result.warnings} cảnh "
        f"báo. Chữ ký git của các lần ghi dữ liệu (chữ ký của lần ghi trong kho, không phải chữ "
        f"ký số trên văn bản): {s['good']} hợp lệ, {s['unverified']} không xác minh được, "
        f"{s['bad']} sai, {s['unsigned']} không ký."
    )


def audit_text(result: AuditResult, lang: str = "vi") -> str:
    """Findings in history order (oldest first), then the summary line."""
    lines = [line for f in result.findings for line in _finding_lines(f, lang)]
    lines.append(audit_summary(result, lang))
    return terminal_lines(lines)


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


def history_text(h: TaskHistory | UnitHistory, lang: str = "vi") -> str:
    """The history as the clerk reads it (see ``render/history.py``)."""
    return history_register(h, View(lang))


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
    return terminal_lines(lines)


def _unique(emails: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for email in emails:
        if email.lower() not in seen:
            seen.add(email.lower())
            out.append(email)
    return out
