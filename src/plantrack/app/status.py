"""``status``: the consolidation of a period (the latest one with reports by default), for
a quick look in the terminal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.app.consolidate import Prepared, latest_period, prepare
from plantrack.errors import PlantrackError
from plantrack.validate.check import Progress


@dataclass
class Status:
    """The period looked at and its consolidation (or the errors that prevented it)."""

    period: str
    prepared: Prepared


def status(
    root: Path,
    period: str | None = None,
    *,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> Status:
    """The consolidation of ``period``, or of the latest period with reports (PT921 when
    there is none)."""
    chosen = period or latest_period(root)
    if chosen is None:
        raise PlantrackError(code="PT921", folder=layout.REPORTS)
    return Status(chosen, prepare(root, chosen, as_of=as_of, progress=progress))
