"""Labels and colours of the codes the domain returns (task status, submission status): the
words come from the catalogue (``plantrack.i18n``), the colours belong to the renderers."""

from __future__ import annotations

from plantrack.domain.findings_status import FINDING_STATUSES
from plantrack.domain.rollup_view import Unread
from plantrack.domain.status import STATUS_ORDER
from plantrack.domain.submission import SUBMISSION_ORDER
from plantrack.i18n import t


def status_label(status: str, lang: str = "vi") -> str:
    """The words of a task status code."""
    return t(f"status.{status}", lang)


def submission_label(status: str, lang: str = "vi") -> str:
    """The words of a submission status code."""
    return t(f"submission.{status}", lang)


# code → (Vietnamese, English), in the order tables and charts show them
STATUS_LABELS: dict[str, tuple[str, str]] = {
    s: (status_label(s, "vi"), status_label(s, "en")) for s in STATUS_ORDER
}
SUBMISSION_LABELS: dict[str, tuple[str, str]] = {
    s: (submission_label(s, "vi"), submission_label(s, "en")) for s in SUBMISSION_ORDER
}


def finding_label(status: str, lang: str = "vi") -> str:
    """The words of a finding status code (fixed on time … failed re-inspection)."""
    return t(f"finding.{status}", lang)


FINDING_LABELS: dict[str, tuple[str, str]] = {
    s: (finding_label(s, "vi"), finding_label(s, "en")) for s in FINDING_STATUSES
}
# the task colours (green, orange, blue, red) and a purple for a failed re-inspection
FINDING_COLOURS: dict[str, str] = {
    "fixed-on-time": "#2e7d32",
    "fixed-late": "#ef6c00",
    "open-on-time": "#1565c0",
    "open-overdue": "#c62828",
    "failed-recheck": "#6a1b9a",
}

# Colours Vietnamese task software uses: green on time, orange late, blue open, red overdue,
# grey not started or not reported.
STATUS_COLOURS: dict[str, str] = {
    "done-on-time": "#2e7d32",
    "done-late": "#ef6c00",
    "open-on-time": "#1565c0",
    "open-overdue": "#c62828",
    "recurring-done": "#00838f",
    "recurring-missed": "#8d6e63",
    "not-reported": "#9e9e9e",
}


def unread_label(unread: Unread | None, lang: str = "vi", *, dated: bool = True) -> str:
    """Why a child's data could not be read, in words for a reader (no address, commit or
    code); ``dated``: with the day of the sync that first failed to reach its server. Empty
    when the reason is not known."""
    if unread is None:
        return ""
    since = unread.since if dated and unread.kind == "unreachable" else None
    if since is None:
        return t(f"rollup.unread.{unread.kind}", lang)
    day = f"{since.day:02d}/{since.month:02d}/{since.year}"
    return t("rollup.unread.unreachable-since", lang, since=day)
