"""PT240–PT243: the quiet failures — done below 100 %, an unfilled skeleton, placeholder
text, a period nobody has reported for."""

from __future__ import annotations

import datetime as dt

import pytest

from plantrack import api
from tests.conftest import REPORT_DON, REPORT_PNV, MiniRepo, assert_bilingual, place


def test_pt240_done_below_full_progress(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "progress: 100", "progress: 90")
    f = repo.one("PT240")
    line, column = repo.pos(REPORT_DON, "90")
    assert place(f) == ("PT240", "warning", REPORT_DON, line, column, "tasks[0].progress")
    assert f.message_en == "task 't1' is done but its progress is 90%"
    assert_bilingual(f)


def test_pt241_a_skeleton_left_unfilled(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    results: Đã niêm yết 98 thủ tục tại Bộ phận Một cửa.\n", "")
    repo.edit(REPORT_DON, "    results: Tổ chức 2 cuộc đối thoại tại thôn 1 và thôn 2.\n", "")
    repo.edit(REPORT_DON, "submitted: 2024-09-13", "submitted: null")
    f = repo.one("PT241")
    assert place(f)[:4] == ("PT241", "warning", REPORT_DON, repo.pos(REPORT_DON, "tasks:")[0])
    assert f.message_en == "the report gives no task's results (2 tasks, 0 not started)"
    assert_bilingual(f)


def test_pt241_every_task_not_started(repo: MiniRepo) -> None:
    repo.edit(REPORT_PNV, "state: in-progress\n    progress: 50", "state: not-started")
    f = repo.one("PT241")
    assert f.path == REPORT_PNV
    assert f.message_en == "the report gives no task's results (2 tasks, 2 not started)"


def test_pt241_not_for_a_sent_report_with_states(repo: MiniRepo) -> None:
    assert "PT241" not in repo.codes()  # the office's report gives states and progress only


def test_pt241_not_for_a_report_with_some_results(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    results: Đã niêm yết 98 thủ tục tại Bộ phận Một cửa.\n", "")
    assert "PT241" not in repo.codes()


@pytest.mark.parametrize("text", ["TODO", "...", "…", "xxx", "<kết quả>", "[ghi sau]", "???"])
def test_pt242_placeholder_text(repo: MiniRepo, text: str) -> None:
    repo.edit(
        REPORT_DON,
        "results: Tổ chức 2 cuộc đối thoại tại thôn 1 và thôn 2.",
        f"results: '{text}'",
    )
    f = repo.one("PT242")
    assert place(f)[:3] == ("PT242", "warning", REPORT_DON)
    assert f.key == "tasks[1].results"
    assert text in f.message_vi
    assert_bilingual(f)


def test_pt242_not_for_real_text(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "thôn 1 và thôn 2.", "thôn 1 và thôn 2 (xem <phụ lục>)...")
    assert "PT242" not in repo.codes()


def test_pt243_a_period_without_reports(repo: MiniRepo) -> None:
    for report in (repo.root / "data" / "reports" / "2024-Q3").glob("*.yaml"):
        report.unlink()
    prepared = api.prepare_consolidation(repo.root, "2024-Q3", today=dt.date(2024, 10, 1))
    (f,) = [f for f in prepared.findings if f.code == "PT243"]
    assert place(f) == ("PT243", "warning", "data/reports/2024-Q3", None, None, "")
    assert_bilingual(f)


def test_pt243_not_when_someone_reported(repo: MiniRepo) -> None:
    prepared = api.prepare_consolidation(repo.root, "2024-Q3", today=dt.date(2024, 10, 1))
    assert "PT243" not in {f.code for f in prepared.findings}
