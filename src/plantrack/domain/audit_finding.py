"""An audit finding: a catalogue finding plus the commit behind it (who, when, which file,
what it did, and the details of what changed), and how the audit rules make one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plantrack.domain.gitfacts import CommitLike, Touch
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding


@dataclass(frozen=True)
class Subject:
    """What a finding is about, in the office's words: the report of a unit for a period,
    a unit's file, the plan, an inspection record or a consolidation record."""

    kind: str
    unit_id: str | None = None
    unit_name: str | None = None
    period_id: str | None = None
    period_title: str | None = None
    name: str | None = None
    # an inspection's document: ``conclusion`` or ``decision`` (number and date), or its
    # ``title`` (in doc_number) when it has neither yet
    doc: str | None = None
    doc_number: str | None = None
    doc_date: dt.date | None = None


@dataclass(frozen=True)
class AuditFinding:
    """A finding of the audit with the commit behind it and what changed."""

    finding: Finding
    seq: int
    commit: str | None
    author_name: str
    author_email: str
    date: dt.datetime | None
    committer_date: dt.datetime | None
    file: str
    action: str | None
    period: str | None
    details: dict[str, Any] = field(default_factory=dict)
    subject: Subject | None = None

    @property
    def severity(self) -> str:
        """``error`` or ``warning``."""
        return self.finding.severity

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the finding's fields plus the commit facts."""
        return {
            **self.finding.to_dict(),
            "commit": self.commit,
            "author": {"name": self.author_name, "email": self.author_email},
            "date": self.date.isoformat() if self.date else None,
            "committer_date": self.committer_date.isoformat() if self.committer_date else None,
            "file": self.file,
            "action": self.action,
            "period": self.period,
            "details": self.details,
            "subject": _subject_dict(self.subject) if self.subject else None,
        }


def _subject_dict(subject: Subject) -> dict[str, Any]:
    """The subject JSON-ready (its document's date in ISO form)."""
    out = dataclasses.asdict(subject)
    out["doc_date"] = subject.doc_date.isoformat() if subject.doc_date else None
    return out


Emit = Callable[[AuditFinding], None]


def commit_record(
    c: CommitLike,
    code: str,
    path: str,
    key: str = "",
    *,
    touch: Touch | None = None,
    period: str | None = None,
    **params: Any,
) -> AuditFinding:
    """An audit finding about commit ``c`` (and the file ``touch``, when there is one).

    The message names no commit: the register says when and by whom (``render/audit.py``),
    and dates in it read as an office writes them (dd/mm/yyyy); ``details`` keep ISO dates."""
    details = {k: _plain(v) for k, v in params.items() if not k.endswith("_en")}
    if touch is not None:
        params = {
            "action": touch.action_text("vi"),
            "action_en": touch.action_text("en"),
            **params,
        }
        if touch.other:
            details["other_path"] = touch.other
    finding = make(
        code,
        path,
        None,
        None,
        key,
        commit=c.sha[:12],
        date=office_day(c.author_date),
        author=c.author_name or c.author_email,
        email=c.author_email,
        **{k: office_day(v) if isinstance(v, dt.date) else v for k, v in params.items()},
    )
    return AuditFinding(
        finding,
        c.seq,
        c.sha,
        c.author_name,
        c.author_email,
        c.author_date,
        c.committer_date,
        path,
        touch.action if touch else None,
        period,
        details,
    )


def office_day(value: dt.date) -> str:
    """``15/09/2024``: a date as an office writes it."""
    return value.strftime("%d/%m/%Y")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
