"""Task times: every form offices write, the deadline it means, its label, and refusals."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from pydantic import ValidationError

from plantrack.models import Task
from plantrack.models.tasktime import TaskTime, parse_task_time

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "deadline", "label"),
    [
        # the forms of the module docstring
        ("2024-09-30", "date", D(2024, 9, 30), "30/09/2024"),
        ("30/9/2024", "date", D(2024, 9, 30), "30/09/2024"),
        ("Tháng 12/2024", "month", D(2024, 12, 31), "Tháng 12/2024"),
        ("Quý III/2024", "quarter", D(2024, 9, 30), "Quý III/2024"),
        ("2024-Q3", "quarter", D(2024, 9, 30), "Quý III/2024"),
        ("6 tháng đầu năm 2024", "half", D(2024, 6, 30), "6 tháng đầu năm 2024"),
        ("Năm 2024", "year", D(2024, 12, 31), "Năm 2024"),
        ("Thường xuyên", "recurring", None, "Thường xuyên"),
        # variants seen in plans
        ("Trước ngày 30/9/2024", "date", D(2024, 9, 30), "30/09/2024"),
        ("đến ngày 05/01/2025", "date", D(2025, 1, 5), "05/01/2025"),
        ("hạn 1/3/2024", "date", D(2024, 3, 1), "01/03/2024"),
        ("2024-02", "month", D(2024, 2, 29), "Tháng 2/2024"),
        ("tháng 2/2023", "month", D(2023, 2, 28), "Tháng 2/2023"),
        ("Quý I/2024", "quarter", D(2024, 3, 31), "Quý I/2024"),
        ("Quý 2/2024", "quarter", D(2024, 6, 30), "Quý II/2024"),
        ("Quý IV/2024", "quarter", D(2024, 12, 31), "Quý IV/2024"),
        ("2024-q1", "quarter", D(2024, 3, 31), "Quý I/2024"),
        ("2024-H1", "half", D(2024, 6, 30), "6 tháng đầu năm 2024"),
        ("6 tháng cuối năm 2024", "half", D(2024, 12, 31), "6 tháng cuối năm 2024"),
        ("2024", "year", D(2024, 12, 31), "Năm 2024"),
        ("2024-Y", "year", D(2024, 12, 31), "Năm 2024"),
        ("thường xuyên", "recurring", None, "Thường xuyên"),
        ("Thuong xuyen", "recurring", None, "Thường xuyên"),
        ("recurring", "recurring", None, "Thường xuyên"),
        ("Định kỳ", "recurring", None, "Thường xuyên"),
        ("  Quý   III/2024  ", "quarter", D(2024, 9, 30), "Quý III/2024"),
    ],
)
def test_forms(text: str, kind: str, deadline: dt.date | None, label: str) -> None:
    parsed = parse_task_time(text)
    assert parsed.kind == kind
    assert parsed.deadline == deadline
    assert parsed.label == label
    assert parsed.recurring is (kind == "recurring")
    assert parsed.text == text.strip()


def test_decomposed_unicode_is_normalised() -> None:
    # text typed on some keyboards arrives as NFD: "Quý" with a combining acute accent
    parsed = parse_task_time(unicodedata.normalize("NFD", "Quý III/2024"))
    assert parsed.deadline == D(2024, 9, 30)
    assert parsed.text == "Quý III/2024"


def test_a_date_object_is_a_date() -> None:
    # YAML loaders other than ours may hand over a date
    parsed = parse_task_time(D(2024, 5, 1))
    assert (parsed.kind, parsed.deadline, parsed.text) == ("date", D(2024, 5, 1), "2024-05-01")


def test_a_task_time_passes_through() -> None:
    parsed = parse_task_time("Quý III/2024")
    assert parse_task_time(parsed) is parsed


@pytest.mark.parametrize(
    "text",
    [
        "Quý V/2024",
        "Quý 0/2024",
        "2024-02-30",
        "31/2/2024",
        "30/13/2024",
        "Tháng 13/2024",
        "Tháng 0/2024",
        "2024-13",
        "2024-Q5",
        "2024-H3",
        "Năm 3000",
        "1/1/1800",
        "Quý III 2024",
        "30/9/24",
        "sớm",
        "",
        "   ",
    ],
)
def test_invalid_texts_raise_value_error_in_vietnamese(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_task_time(text)
    message = str(caught.value)
    assert message
    assert any(word in message for word in ("thời gian", "không", "năm")), message


@pytest.mark.parametrize("value", [12, 2024.5, None, ["Quý I/2024"], True])
def test_non_text_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="chuỗi"):
        parse_task_time(value)


def _task(time: object) -> Task:
    return Task.model_validate(
        {"id": "t1", "section": "pl1", "title": "Việc", "lead": ["phong-noi-vu"], "time": time}
    )


def test_task_model_parses_and_serialises_time_as_written() -> None:
    task = _task("Quý III/2024")
    assert isinstance(task.time, TaskTime)
    assert task.time.deadline == D(2024, 9, 30)
    assert task.model_dump()["time"] == "Quý III/2024"


def test_task_model_refuses_an_invalid_time() -> None:
    with pytest.raises(ValidationError) as caught:
        _task("31/2/2024")
    (error,) = caught.value.errors()
    assert error["loc"] == ("time",)
    assert error["type"] == "value_error"
