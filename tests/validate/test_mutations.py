"""Property: however a report file is mangled, ``check`` returns located findings, never raises."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantrack import api
from plantrack.io.repo import classify
from tests.conftest import MINI, REPORT_DON

TODAY = dt.date(2024, 10, 1)
ORIGINAL = (MINI / REPORT_DON).read_text("utf-8")
KEYS = [
    "unit",
    "period",
    "submitted",
    "tasks",
    "task",
    "state",
    "completed",
    "progress",
    "results",
    "evidence",
    "number",
    "date",
    "title",
    "carried_out",
    "indicators",
    "proposals",
    "ho-so-tiep-nhan",
]
# characters that matter to YAML, to dates and ids, and to Vietnamese text
ALPHABET = st.sampled_from(
    list(" \n\t:-#'\"{}[],&*!|>%@`?.0123456789/_\\") + list("aQxYĐđơưếý") + ["\r", "\ufeff", "\x85"]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = ORIGINAL
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        choice = draw(st.integers(0, 5))
        if choice == 0:  # insert characters
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.text(ALPHABET, min_size=1, max_size=4)) + text[at:]
        elif choice == 1:  # delete a span
            at = draw(st.integers(0, max(0, len(text) - 1)))
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif choice == 2:  # replace one character
            at = draw(st.integers(0, max(0, len(text) - 1)))
            text = text[:at] + draw(ALPHABET) + text[at + 1 :]
        elif choice == 3:  # swap two lines
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif choice == 4:  # duplicate a line
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        else:  # rename a key
            old = draw(st.sampled_from(KEYS))
            new = draw(st.sampled_from([*KEYS, "progres", "Unit", "tasks ", "x-y"]))
            text = text.replace(f"{old}:", f"{new}:", 1)
    return text


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # one copy for every example (hypothesis refuses function-scoped fixtures)
    folder = Path(tempfile.mkdtemp(prefix="plantrack-mutations-"))
    root = folder / "repo"
    shutil.copytree(MINI, root)
    yield root
    shutil.rmtree(folder, ignore_errors=True)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated())
def test_check_never_raises_and_locates_every_finding(scratch: Path, text: str) -> None:
    (scratch / REPORT_DON).write_text(text, "utf-8", newline="")
    result = api.check(scratch, today=TODAY)
    for f in result.findings:
        assert f.path, f
        assert f.message_vi and f.message_en, f
        assert f.severity in ("error", "warning")
        if classify(f.path) == "report" and (scratch / f.path).is_file():
            assert f.line is not None and f.line >= 1, f
            assert f.column is not None and f.column >= 1, f
    # the other files are untouched: every finding is about the mangled report
    assert {f.path for f in result.findings} <= {REPORT_DON}
