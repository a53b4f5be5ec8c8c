"""Closing reports (báo cáo kết thúc hoạt động): a unit whose last day falls in a period's
calendar span after its data cut-off owes that period's report and no later one, so that
report is its last — the one that states it closes and lists what it hands over.

A period's calendar span ends on the last day of its cut-off's month (6 tháng đầu năm: 30/6;
9 tháng: 30/9; năm: 31/12); a unit gone before the cut-off owes no report for the period
(its successors report it), so its closing report is the one of the period before.
"""

from __future__ import annotations

import datetime as dt

from plantrack.models import Unit
from plantrack.models.period import Period


def calendar_end(period: Period) -> dt.date:
    """The last day of the month of the period's cut-off."""
    first_next = (period.cutoff.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def closing_day(unit: Unit, period: Period) -> dt.date | None:
    """The unit's last day when its report for ``period`` is its closing report, else
    ``None``."""
    end = unit.valid_until
    if end is None or not period.cutoff <= end <= calendar_end(period):
        return None
    return end
