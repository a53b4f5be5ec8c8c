"""An audit finding: a catalogue finding plus the commit behind it (who, when, which file,
what it did, and the details of what changed), and how the audit rules make one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plantrack.domain.gitfacts import CommitLike, Touch
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding


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
        }


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
    """An audit finding about commit ``c`` (and the file ``touch``, when there is one)."""
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
        date=c.author_date.date().isoformat(),
        author=c.author_email,
        **params,
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


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
