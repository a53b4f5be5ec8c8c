"""A task's time: a date, a month, a quarter, a half-year, a year, or recurring.

Written in the plan as one string, in the forms offices use: ``2024-09-30``,
``30/9/2024``, ``Tháng 12/2024``, ``Quý III/2024``, ``2024-Q3``, ``6 tháng đầu năm 2024``,
``Năm 2024`` or ``Thường xuyên``. The deadline is the last day of the stated span.
"""

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

TimeKind = Literal["date", "month", "quarter", "half", "year", "recurring"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV"}
_RECURRING = {"thường xuyên", "thuong xuyen", "recurring", "hằng năm", "định kỳ"}


@dataclass(frozen=True, slots=True)
class TaskTime:
    """A parsed task time; ``deadline`` is ``None`` only for recurring tasks."""

    kind: TimeKind
    deadline: dt.date | None
    text: str

    @property
    def recurring(self) -> bool:
        """Recurring tasks ("thường xuyên") have no deadline and are never overdue."""
        return self.kind == "recurring"

    @property
    def label(self) -> str:
        """The Vietnamese way to write this time."""
        d = self.deadline
        if d is None:
            return "Thường xuyên"
        if self.kind == "date":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if self.kind == "month":
            return f"Tháng {d.month}/{d.year}"
        if self.kind == "quarter":
            return f"Quý {_ROMAN_OF[(d.month - 1) // 3 + 1]}/{d.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if d.month == 6 else 'cuối'} năm {d.year}"
        return f"Năm {d.year}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _YearError(ValueError):
    """A year outside 1900–2200, with its own message."""


def _checked_year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise _YearError(f"năm {year} không hợp lệ")
    return year


def _parse(text: str) -> tuple[TimeKind, dt.date | None]:
    low = " ".join(text.lower().split())
    if low in _RECURRING:
        return "recurring", None
    patterns: list[tuple[str, Any]] = [
        (r"(\d{4})-(\d{2})-(\d{2})", lambda y, m, d: ("date", dt.date(int(y), int(m), int(d)))),
        (
            r"(?:trước |đến |hạn )?(?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})",
            lambda d, m, y: ("date", dt.date(_checked_year(int(y)), int(m), int(d))),
        ),
        (r"(\d{4})-(\d{2})", lambda y, m: ("month", _month_end(_checked_year(int(y)), int(m)))),
        (r"tháng (\d{1,2})/(\d{4})", lambda m, y: ("month", _month_end(int(y), int(m)))),
        (r"(\d{4})-q([1-4])", lambda y, q: ("quarter", _month_end(int(y), int(q) * 3))),
        (r"quý (i|ii|iii|iv|[1-4])/(\d{4})", _quarter_vi),
        (r"(\d{4})-h([12])", lambda y, h: ("half", _month_end(int(y), int(h) * 6))),
        (r"6 tháng (đầu|cuối) năm (\d{4})", _half_vi),
        (r"(?:năm )?(\d{4})|(\d{4})-y", _year),
    ]
    for pattern, build in patterns:
        match = re.fullmatch(pattern, low)
        if match:
            try:
                kind, deadline = build(*match.groups())
            except _YearError:
                raise
            except ValueError:  # dt.date and calendar: 31/2/2024, Tháng 13/2024
                raise ValueError(f"không có ngày hoặc tháng '{text}'") from None
            if deadline is not None:
                _checked_year(deadline.year)
            return kind, deadline
    raise ValueError(
        "thời gian phải là ngày (2026-09-30 hoặc 30/9/2026), tháng (Tháng 12/2026), "
        "quý (Quý III/2026 hoặc 2026-Q3), 6 tháng (6 tháng đầu năm 2026), năm (Năm 2026) "
        "hoặc 'Thường xuyên'"
    )


def _quarter_vi(q: str, y: str) -> tuple[TimeKind, dt.date]:
    number = _ROMAN.get(q.upper()) or int(q)
    return "quarter", _month_end(int(y), number * 3)


def _half_vi(part: str, y: str) -> tuple[TimeKind, dt.date]:
    return "half", _month_end(int(y), 6 if part == "đầu" else 12)


def _year(y1: str | None, y2: str | None) -> tuple[TimeKind, dt.date]:
    return "year", dt.date(int(y1 or y2 or 0), 12, 31)


def parse_task_time(value: object) -> TaskTime:
    """Parse a task time from the plan; raises ``ValueError`` with a Vietnamese message."""
    if isinstance(value, TaskTime):
        return value
    if isinstance(value, dt.date):
        return TaskTime("date", value, value.isoformat())
    if not isinstance(value, str):
        raise ValueError("thời gian phải là một chuỗi, ví dụ 'Quý III/2026' hoặc 'Thường xuyên'")
    text = unicodedata.normalize("NFC", value.strip())
    kind, deadline = _parse(text)
    return TaskTime(kind, deadline, text)


TaskTimeField = Annotated[
    TaskTime,
    BeforeValidator(parse_task_time),
    PlainSerializer(lambda t: t.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": (
                "Thời gian thực hiện: ngày, tháng, quý, 6 tháng, năm hoặc 'Thường xuyên'."
            ),
            "examples": ["Thường xuyên", "Quý III/2026", "Tháng 12/2026", "2026-09-30"],
        }
    ),
]
