"""The audit's rules for inspections (pure): a finding's deadline moved (PT413), a finding
deleted (PT414), and a fix recorded after the deadline yet dated within it (PT415) — in an
inspection file or in a unit's ``fixes:``.

A finding is named in the message as the inspection file words it (its text, shortened to
its first clause): from the work tree's inspections when it is still there, else from the
version of the file the history holds; its id stays in the key and in the details
(``finding_id``, JSON)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from plantrack.domain.audit_finding import AuditFinding, Emit, commit_record
from plantrack.domain.gitfacts import Blobs, Touch
from plantrack.domain.synthesis import brief

Findings = dict[str, dict[str, Any]]


def is_inspection(path: str) -> bool:
    """Whether ``path`` is ``data/inspections/<year>/<id>.yaml``."""
    parts = path.split("/")
    return len(parts) == 4 and parts[:2] == ["data", "inspections"] and path.endswith(".yaml")


def _findings(data: Any) -> Findings:
    """Finding id → the finding's data, from an inspection file as plain YAML."""
    items = data.get("findings") if isinstance(data, dict) else None
    out: Findings = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("id") is not None:
            out.setdefault(str(item["id"]), item)
    return out


def as_day(value: Any) -> dt.date | None:
    """A date from plain YAML data (a date, or ISO text); ``None`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _fix_dates(items: Any) -> list[dt.date]:
    out = []
    for item in items if isinstance(items, list) else []:
        day = as_day(item.get("date")) if isinstance(item, dict) else None
        if day is not None:
            out.append(day)
    return out


def inspection_audit(
    touched: Sequence[Touch], blobs: Blobs, emit: Emit, texts: Mapping[str, str] | None = None
) -> None:
    """Every inspection rule over the touches (oldest first) of inspection files and reports;
    ``texts``: finding id → its text in the work tree's inspection files."""
    chosen = [t for t in touched if is_inspection(t.path) or _is_report(t.path)]
    data = blobs.parsed({b for t in chosen for b in (t.old_blob, t.new_blob) if b})
    deadlines: dict[str, dt.date] = {}
    names = dict(texts or {})
    named = Namer(names)
    for t in chosen:
        old = data.get(t.old_blob) if t.old_blob else None
        new = None if t.gone or not t.new_blob else data.get(t.new_blob)
        if is_inspection(t.path):
            for fid, item in (_findings(old) | _findings(new)).items():
                if isinstance(item.get("text"), str):
                    names.setdefault(fid, item["text"])
            _inspection_touch(t, _findings(old), _findings(new), emit, named)
            for fid, item in _findings(new).items():
                day = as_day(item.get("fix_by"))
                if day is not None:
                    deadlines[fid] = day
        else:
            _report_touch(t, old, new, deadlines, emit, named)


class Namer:
    """A finding's name in a message: its text's first clause (its id when no file of the
    work tree or the history words it)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts

    def __call__(self, fid: str) -> str:
        """The name of finding ``fid``."""
        text = self.texts.get(fid)
        return brief(text) if text else fid


def _shown(value: Any) -> Any:
    """A deadline as given: a date stays a date (shown dd/mm/yyyy), anything else as text."""
    day = as_day(value)
    return day if day is not None else str(value)


def _is_report(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 4 and parts[:2] == ["data", "reports"] and path.endswith(".yaml")


def _inspection_touch(t: Touch, old: Findings, new: Findings, emit: Emit, named: Namer) -> None:
    """PT413 and PT414 between two versions of a file; PT415 for fixes it adds."""
    for fid, before in old.items():
        after = new.get(fid)
        if after is None:
            emit(_about(t, "PT414", f"findings[{fid}]", fid, named))
        elif str(after.get("fix_by")) != str(before.get("fix_by")):
            old_by, new_by = _shown(before.get("fix_by")), _shown(after.get("fix_by"))
            emit(_about(t, "PT413", f"findings[{fid}].fix_by", fid, named, old=old_by, new=new_by))
    for fid, after in new.items():
        deadline = as_day(after.get("fix_by"))
        known = set(_fix_dates((old.get(fid) or {}).get("fixes")))
        added = [d for d in _fix_dates(after.get("fixes")) if d not in known]
        _late_records(t, fid, deadline, added, emit, named)


def _report_touch(
    t: Touch, old: Any, new: Any, deadlines: dict[str, dt.date], emit: Emit, named: Namer
) -> None:
    """PT415 for the fixes a report's commit adds."""
    before = _by_finding(old)
    for fid, days in _by_finding(new).items():
        added = [d for d in days if d not in before.get(fid, [])]
        _late_records(t, fid, deadlines.get(fid), added, emit, named)


def _by_finding(data: Any) -> dict[str, list[dt.date]]:
    items = data.get("fixes") if isinstance(data, dict) else None
    out: dict[str, list[dt.date]] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("finding") is not None:
            out.setdefault(str(item["finding"]), []).extend(_fix_dates([item]))
    return out


def _late_records(
    t: Touch, fid: str, deadline: dt.date | None, added: list[dt.date], emit: Emit, named: Namer
) -> None:
    recorded = t.commit.author_date.date()
    if deadline is None or recorded <= deadline:
        return
    for day in added:
        if day <= deadline:
            late = {"fixed": day, "fix_by": deadline, "days": (recorded - deadline).days}
            emit(_about(t, "PT415", f"fixes[{fid}]", fid, named, **late))


def _about(t: Touch, code: str, field: str, fid: str, named: Namer, **args: Any) -> AuditFinding:
    """The finding ``code`` of commit ``t`` about inspection finding ``fid``: named by its text
    for the reader, its id kept in the details."""
    return commit_record(
        t.commit, code, t.path, field, touch=t, finding=named(fid), finding_id=fid, **args
    )
