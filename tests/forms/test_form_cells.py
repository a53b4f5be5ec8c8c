"""Reading cell values: labels from the dropdowns, dates, numbers and evidence lines, and
writing evidence so that it reads back exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from plantrack.forms import cells
from plantrack.forms.cells import CellProblem
from plantrack.models.common import LegalDoc


@pytest.mark.parametrize(
    ("typed", "state"),
    [
        ("Hoàn thành", "done"),
        ("hoàn thành ", "done"),
        ("Hoan thanh", "done"),
        ("Hoa\u0300n tha\u0300nh", "done"),  # decomposed, as some keyboards type it
        ("ĐANG THỰC HIỆN", "in-progress"),
        ("not-started", "not-started"),
        (None, None),
        ("   ", None),
    ],
)
def test_state_labels(typed: Any, state: str | None) -> None:
    assert cells.state(typed) == state


@pytest.mark.parametrize("typed", ["xong", "Hoàn thành rồi", 1, "done!"])
def test_state_not_in_the_list(typed: Any) -> None:
    with pytest.raises(CellProblem) as caught:
        cells.state(typed)
    assert caught.value.code == "PT311"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        (dt.datetime(2024, 9, 10, 0, 0), dt.date(2024, 9, 10)),
        (dt.date(2024, 9, 10), dt.date(2024, 9, 10)),
        ("10/09/2024", dt.date(2024, 9, 10)),
        ("1/2/2024", dt.date(2024, 2, 1)),  # day first, as Vietnamese dates are
        ("ngày 10.9.2024", dt.date(2024, 9, 10)),
        ("2024-09-10", dt.date(2024, 9, 10)),
        (None, None),
    ],
)
def test_dates(typed: Any, day: dt.date | None) -> None:
    assert cells.date(typed) == day


@pytest.mark.parametrize("typed", ["10/9", "30/02/2024", "hôm qua", 45544, "2024-9-10x"])
def test_not_dates(typed: Any) -> None:
    with pytest.raises(CellProblem) as caught:
        cells.date(typed)
    assert caught.value.code == "PT312"


def test_numbers() -> None:
    assert cells.whole(50) == 50 and cells.whole(50.0) == 50 and cells.whole("80%") == 80
    assert cells.number(12) == 12.0 and cells.number("120") == 120.0
    for bad in ("1.234,5", "một", True):
        with pytest.raises(CellProblem):
            cells.number(bad)
    with pytest.raises(CellProblem):
        cells.whole(12.5)


def test_text_and_lines() -> None:
    assert cells.text("  Trà Don \n") == "Trà Don"
    assert cells.text(3.0) == "3" and cells.text(dt.date(2024, 1, 2)) == "02/01/2024"
    assert cells.lines("a\n\n  b  \r\nc\u2028d") == ["a", "b", "c\u2028d"]


@pytest.mark.parametrize(
    ("line", "doc"),
    [
        ("Thông báo", {"title": "Thông báo"}),
        ("12/TB | Thông báo", {"number": "12/TB", "title": "Thông báo"}),
        ("10/09/2024 | Thông báo", {"date": dt.date(2024, 9, 10), "title": "Thông báo"}),
        (
            "12/TB | 10/09/2024 | Thông báo",
            {"number": "12/TB", "date": dt.date(2024, 9, 10), "title": "Thông báo"},
        ),
        (
            "12/TB | 10/09/2024 | UBND xã | Thông báo",
            {
                "number": "12/TB",
                "date": dt.date(2024, 9, 10),
                "issuer": "UBND xã",
                "title": "Thông báo",
            },
        ),
        (" |  | a \\| b", {"title": "a | b"}),
    ],
)
def test_evidence_lines(line: str, doc: dict[str, Any]) -> None:
    assert cells.evidence(line) == [doc]


def test_evidence_written_reads_back() -> None:
    docs = [
        LegalDoc(number="1|2", date=dt.date(2024, 1, 2), title="a \\ b | c"),
        LegalDoc(issuer="UBND", title="x"),
        LegalDoc(title="Kế hoạch"),
    ]
    text = cells.format_evidence(docs)
    assert text.splitlines()[2] == " |  | Kế hoạch"
    assert [LegalDoc(**d) for d in cells.evidence(text)] == docs


def test_evidence_with_too_many_parts() -> None:
    with pytest.raises(CellProblem) as caught:
        cells.evidence("ok\na | b | c | d | e")
    assert (caught.value.code, caught.value.params["nth"]) == ("PT314", 2)
