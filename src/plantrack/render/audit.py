"""Text and JSON for ``audit`` and ``history`` (the CODEOWNERS file: ``render/codeowners``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from plantrack.domain.audit import AuditResult
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.history import TaskHistory
from plantrack.domain.unit_history import UnitHistory
from plantrack.render.history import View, history_register


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


def audit_text(
    result: AuditResult, lang: str = "vi", *, ids: bool = False, verbose: bool = False
) -> str:
    """The audit as an office register (see ``render/audit_register.py``)."""
    from plantrack.render.audit_register import audit_register

    return audit_register(result, View(lang, ids=ids, verbose=verbose))


def audit_json(result: AuditResult) -> str:
    """The whole result: what was examined, counts, signatures and every finding."""
    return _dump(
        {
            "since": result.since,
            "period": result.period,
            "commits": result.commits,
            "first": result.first,
            "last": result.last,
            "first_date": result.first_date,
            "last_date": result.last_date,
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
