"""Reporting periods (``2024-Q1``, ``2024-H1``, ``2024-M9``, ``2024-M03``, ``2024-Y`` …) and
their dates.

A period's data window and due date come from the plan's reporting rules; the defaults
follow Nghị định 09/2019/NĐ-CP: a quarter runs from the 15th of the month before it to
the 14th of its last month, a month from the 15th of the month before to its 14th, six
months from 15/12 of the previous year to 14/6, nine months to 14/9 and a year from 15/12 to
14/12. Months are ``M01``–``M12`` (two digits), so that ``M9`` keeps meaning nine months.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from plantrack.models.common import PERIOD_PATTERN, StrictModel

PeriodKind = Literal[
    "Q1", "Q2", "Q3", "Q4", "H1", "H2", "M9", "Y",
    "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12",
]  # fmt: skip
MONTHS = tuple(f"M{m:02d}" for m in range(1, 13))


def _real_month_day(text: str) -> str:
    """Refuse days no month has (``09-31``, ``02-30``); ``02-29`` is allowed (leap years)."""
    month, day = (int(part) for part in text.split("-"))
    try:
        dt.date(2000, month, day)  # 2000 is a leap year
    except ValueError:
        raise PydanticCustomError(
            "month_day", "no day {text} in any year", {"text": text}
        ) from None
    return text


MonthDay = Annotated[
    str,
    StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
    AfterValidator(_real_month_day),
    Field(description="Tháng-ngày dạng MM-DD, ví dụ 12-15."),
]

_PERIOD_RE = re.compile(PERIOD_PATTERN)


class PeriodRule(StrictModel):
    """When a kind of period starts, where its data stop (cut-off) and when reports are due.

    A start later in the calendar than the cut-off falls in the previous year; a due date
    earlier than the cut-off falls in the next year.
    """

    label: str = Field(description="Tên kỳ bằng tiếng Việt, ví dụ 'Quý I', '6 tháng', '9 tháng'.")
    start: MonthDay = Field(description="Ngày đầu kỳ lấy số liệu (MM-DD).")
    cutoff: MonthDay = Field(description="Ngày chốt số liệu (MM-DD).")
    due: MonthDay = Field(description="Hạn gửi báo cáo của đơn vị (MM-DD).")


def _rule(label: str, start: str, cutoff: str, due: str) -> PeriodRule:
    # built without validation (the values are ours and valid): validating them would build
    # the model's validator when the module is imported, time every command start would pay
    return PeriodRule.model_construct(label=label, start=start, cutoff=cutoff, due=due)


DEFAULT_RULES: dict[str, PeriodRule] = {
    "Q1": _rule(label="Quý I", start="12-15", cutoff="03-14", due="03-15"),
    "Q2": _rule(label="Quý II", start="03-15", cutoff="06-14", due="06-15"),
    "Q3": _rule(label="Quý III", start="06-15", cutoff="09-14", due="09-15"),
    "Q4": _rule(label="Quý IV", start="09-15", cutoff="12-14", due="12-15"),
    "H1": _rule(label="6 tháng đầu năm", start="12-15", cutoff="06-14", due="06-15"),
    "H2": _rule(label="6 tháng cuối năm", start="06-15", cutoff="12-14", due="12-15"),
    "M9": _rule(label="9 tháng", start="12-15", cutoff="09-14", due="09-15"),
    "Y": _rule(label="Năm", start="12-15", cutoff="12-14", due="12-15"),
    **{
        kind: _rule(
            label=f"Tháng {month}",
            start=f"{(month - 2) % 12 + 1:02d}-15",
            cutoff=f"{month:02d}-14",
            due=f"{month:02d}-15",
        )
        for month, kind in enumerate(MONTHS, start=1)
    },
}


@dataclass(frozen=True, slots=True)
class Period:
    """A concrete reporting period with its dates."""

    id: str
    year: int
    kind: str
    label: str
    start: dt.date
    cutoff: dt.date
    due: dt.date

    @property
    def title(self) -> str:
        """Vietnamese name, e.g. ``Quý I năm 2024``, ``6 tháng đầu năm 2024``, ``tháng 3 năm
        2024`` or ``năm 2024``."""
        if self.kind == "Y":
            return f"năm {self.year}"
        if self.kind in MONTHS and self.label.startswith("Tháng "):
            return f"t{self.label[1:]} năm {self.year}"
        if self.label.lower().endswith(" năm"):  # "6 tháng đầu năm" + 2024, not "năm năm 2024"
            return f"{self.label} {self.year}"
        return f"{self.label} năm {self.year}"

    @property
    def phrase(self) -> str:
        """The title inside a sentence: ``quý I năm 2024`` (``Quý`` is a capital only first)."""
        title = self.title
        return title[:1].lower() + title[1:] if title[1:2].islower() else title

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the period's data window."""
        return self.start <= day <= self.cutoff


def parse_period_id(text: str) -> tuple[int, str] | None:
    """Split ``2024-Q3`` into ``(2024, "Q3")``; ``None`` when malformed."""
    match = _PERIOD_RE.match(text)
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


def _month_day(year: int, text: str) -> dt.date:
    month, day = (int(part) for part in text.split("-"))
    if month == 2 and day == 29:
        # 29 February in a common year falls back to the 28th.
        day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return dt.date(year, month, day)


def make_period(period_id: str, rules: dict[str, PeriodRule] | None = None) -> Period:
    """Build the period ``period_id`` from ``rules`` (default: Nghị định 09/2019).

    Raises ``ValueError`` for a malformed id; callers validate ids first.
    """
    parsed = parse_period_id(period_id)
    if parsed is None:
        raise ValueError(f"not a period: {period_id!r}")
    year, kind = parsed
    rule = (rules or {}).get(kind) or DEFAULT_RULES[kind]
    cutoff = _month_day(year, rule.cutoff)
    start = _month_day(year, rule.start)
    if start > cutoff:
        start = _month_day(year - 1, rule.start)
    due = _month_day(year, rule.due)
    if due < cutoff:
        due = _month_day(year + 1, rule.due)
    return Period(period_id, year, kind, rule.label, start, cutoff, due)


def period_sort_key(period_id: str) -> tuple[int, int]:
    """Order periods by year, then by cut-off month, the shorter first at the same month
    (M03 < Q1, M06 < Q2 < H1, M09 < Q3 < M9, M12 < Q4 < H2 < Y)."""
    parsed = parse_period_id(period_id)
    if parsed is None:
        return (0, 0)
    year, kind = parsed
    cutoff = DEFAULT_RULES[kind].cutoff
    family = 0 if kind in MONTHS else {"Q": 1, "H": 2, "M": 3, "Y": 4}[kind[0]]
    return (year, int(cutoff[:2]) * 10 + family)
