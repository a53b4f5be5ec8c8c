"""The round-trip law, property-based: for any report a unit of the mini repository could
file, exporting its form and importing it unchanged gives the same report data.

Reports are generated within what ``check`` accepts without errors (warnings are fine):
states, completion dates inside the period, progress 0–100, recurring flags, Vietnamese text
with diacritics (multi-line where a cell holds one value), evidence lists whose fields hold
``|`` and ``\\``, indicator values (explicit nulls and a ratio too), narrative and lists.
Bounded to 30 examples so the module runs in seconds.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from plantrack.forms.report_yaml import report_yaml
from plantrack.models import Report
from plantrack.models.common import LegalDoc, Person
from plantrack.models.report import Narrative, TaskEntry
from tests.forms.conftest import (
    DON,
    PERIOD,
    REPORT_DON,
    TODAY,
    answers,
    copy_mini,
    export,
    load_report,
    run_import,
)

START, CUTOFF = dt.date(2023, 12, 15), dt.date(2024, 9, 14)  # 2024-Q3 in the mini plan
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ĐÂÊÔƠƯÁÀẢÃẠ"
)
ALPHABET = LETTERS + "0123456789 .,;:-/()%\"'|\\=+@#&*!?"
# whole texts that a careless writer would turn into numbers, nulls, dates or formulas
ODD = ["yes", "null", "~", "123", "1e3", "- x", "=SUM(A1:A3)", "01/02/2024", "@x", "|", "a | b"]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def one_line(max_size: int = 40) -> st.SearchStrategy[str]:
    """Single-line text with diacritics, no surrounding spaces (as YAML plain scalars are)."""
    return st.one_of(
        st.sampled_from(ODD),
        st.text(ALPHABET, min_size=1, max_size=max_size).map(_clean).filter(bool),
    )


def many_lines() -> st.SearchStrategy[str]:
    """Text of one or more lines, as a results cell holds."""
    return st.lists(one_line(60), min_size=1, max_size=3).map("\n".join)


def days(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


@st.composite
def evidence(draw: st.DrawFn, before: dt.date) -> LegalDoc:
    return LegalDoc(
        number=draw(st.none() | one_line(20)),
        date=draw(st.none() | days(START, before)),
        issuer=draw(st.none() | one_line(30)),
        title=draw(one_line()),
    )


@st.composite
def entry(draw: st.DrawFn, task: str, submitted: dt.date | None) -> TaskEntry:
    state = draw(st.sampled_from(["not-started", "in-progress", "done"]))
    if state == "done":
        completed: dt.date | None = draw(days(START, CUTOFF))
        progress = draw(st.none() | st.integers(0, 100))
    else:  # a date without "done" is only a warning (PT215); 100% without it is an error
        completed = draw(st.none() | days(START, CUTOFF))
        progress = draw(st.none() | st.integers(0, 99))
    return TaskEntry(
        task=task,
        state=state,
        completed=completed,
        progress=progress,
        carried_out=draw(st.none() | st.booleans()),
        results=draw(st.none() | many_lines()),
        evidence=draw(st.lists(evidence(submitted or TODAY), max_size=3)),
        difficulties=draw(st.none() | many_lines()),
        next_steps=draw(st.none() | many_lines()),
    )


def person() -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        name=one_line(),
        title=st.none() | one_line(),
        phone=st.none() | st.sampled_from(["0235 3880 123", "+84 905 123 456"]),
        email=st.none() | st.sampled_from(["van-thu@tramai.gov.vn", "a.b@x.vn"]),
    )


# openpyxl writes numbers with 16 significant digits ("%.16g"; Excel shows 15): a value whose
# shortest form needs 17 (0.1 + 0.2) comes back rounded, every other one exactly
VALUES = (
    st.none()
    | st.integers(0, 10**9).map(float)
    | st.floats(0, 1e12, allow_nan=False).filter(lambda x: float(f"{x:.16g}") == x)
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    submitted = draw(st.none() | days(dt.date(2024, 9, 1), TODAY))
    order = draw(st.permutations(["t1", "t2"]))
    tasks = draw(st.sampled_from([order, order[:1], []]))
    ids = ["ho-so-tiep-nhan", "ho-so-dung-han", "ty-le-dung-han"]
    chosen = draw(st.lists(st.sampled_from(ids), unique=True))
    return Report(
        unit=DON,
        period=PERIOD,
        submitted=submitted,
        number=draw(st.none() | st.sampled_from(["12/BC-UBND", "05/BC-UBND xã"])),
        prepared_by=draw(st.none() | person()),
        approved_by=draw(st.none() | person()),
        tasks=[draw(entry(t, submitted)) for t in tasks],
        indicators={i: draw(VALUES) for i in chosen},
        narrative=draw(
            st.none()
            | st.builds(
                Narrative,
                direction=st.none() | many_lines(),
                communication=st.none() | many_lines(),
                inspection=st.none() | many_lines(),
            )
        ),
        difficulties=draw(st.lists(one_line(), max_size=3)),
        proposals=draw(st.lists(one_line(), max_size=3)),
        next_tasks=draw(st.lists(one_line(), max_size=3)),
    )


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # one repository for every example (hypothesis refuses function-scoped fixtures)
    folder = Path(tempfile.mkdtemp(prefix="plantrack-forms-"))
    yield copy_mini(folder / "repo")
    shutil.rmtree(folder, ignore_errors=True)


def roundtrip(root: Path, report: Report) -> Report:
    """Write ``report`` as the unit's YAML, export its form, import it back."""
    (root / REPORT_DON).write_text(report_yaml(report), "utf-8")
    assert load_report(root, REPORT_DON) == report  # the YAML writer keeps every value
    result = run_import(root, export(root))
    assert result.errors == 0, [(f.code, f.key, f.message_en) for f in result.findings]
    assert result.report is not None
    return result.report


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(report=reports())
def test_export_then_import_gives_the_same_report(scratch: Path, report: Report) -> None:
    back = roundtrip(scratch, report)
    assert answers(back) == answers(report)


def test_the_law_holds_for_every_report_of_the_mini_repository(mini: Path) -> None:
    for unit in ("xa-tra-don", "xa-tra-dzon", "phong-noi-vu"):
        rel = f"data/reports/{PERIOD}/{unit}.yaml"
        result = run_import(mini, export(mini, unit))
        assert result.errors == 0, result.findings
        assert result.report is not None
        assert answers(result.report) == answers(load_report(mini, rel))


def test_saving_the_form_again_in_openpyxl_changes_nothing(mini: Path) -> None:
    path = export(mini)
    wb = load_workbook(path)
    wb.save(path)
    result = run_import(mini, path)
    assert answers(result.report) == answers(load_report(mini, REPORT_DON))


def _dump(report: Report) -> dict[str, Any]:
    return answers(report)


def test_an_edge_report_survives(mini: Path) -> None:
    # explicit nulls, an empty narrative, pipes and backslashes in evidence, a ratio value
    report = Report(
        unit=DON,
        period=PERIOD,
        tasks=[
            TaskEntry(
                task="t2",
                state="in-progress",
                carried_out=False,
                evidence=[
                    LegalDoc(number="a|b\\", title="x | y \\| z"),
                    LegalDoc(date=dt.date(2024, 1, 2), title="01/02/2024"),
                    LegalDoc(issuer="UBND xã", title="=1+1"),
                ],
            )
        ],
        indicators={"ho-so-tiep-nhan": None, "ty-le-dung-han": 95.5, "ho-so-dung-han": 0.1},
        narrative=Narrative(),
    )
    assert _dump(roundtrip(mini, report)) == _dump(report)


@pytest.mark.parametrize("unit", ["xa-tra-don", "xa-tra-dzon", "phong-noi-vu"])
def test_a_report_new_skeleton_survives(mini: Path, unit: str) -> None:
    # the skeleton holds explicit nulls and carried-forward answers, and comments
    from plantrack.app.report_new import new_report

    made = new_report(mini, unit, "2024-Y", today=dt.date(2025, 1, 1))
    result = run_import(mini, export(mini, unit, "2024-Y"), today=dt.date(2025, 1, 1))
    assert result.report is not None, result.findings
    assert answers(result.report) == answers(load_report(mini, made.rel))
