"""``history``: a task's periods and units with the commits that set their values; a unit's
reports, dates, lateness and edits."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from plantrack.app.history import run_history
from plantrack.domain.history import TaskHistory
from plantrack.domain.unit_history import UnitHistory
from plantrack.errors import PlantrackError
from plantrack.render.audit import history_text
from tests.audit.conftest import CLERK, DON, DZON, OUTSIDER, PLAN, R_DON, Repo, Run


def task(repo: Repo, task_id: str) -> TaskHistory:
    found = run_history(repo.root, task_id)
    assert isinstance(found, TaskHistory)
    return found


def unit(repo: Repo, unit_id: str) -> UnitHistory:
    found = run_history(repo.root, unit_id)
    assert isinstance(found, UnitHistory)
    return found


def test_task_history_every_period_and_unit(mini: Repo) -> None:
    mini.write("data/reports/2024-Y/xa-tra-don.yaml", "unit: xa-tra-don\nperiod: 2024-Y\n")
    mini.commit("2024-12-10", DON)
    h = task(mini, "t1")
    assert [b.period for b in h.periods] == ["2024-Q3", "2024-Y"]
    q3 = {line.unit_id: line for line in h.periods[0].lines}
    assert sorted(q3) == ["phong-noi-vu", "xa-tra-don", "xa-tra-dzon"]
    assert (q3["xa-tra-don"].role, q3["phong-noi-vu"].role) == ("lead", "support")
    don = q3["xa-tra-don"]
    assert (don.state, don.progress, don.completed) == ("done", 100, "2024-09-10")
    assert don.set_by is not None and don.set_by.author_email == DON
    y = {line.unit_id: line for line in h.periods[1].lines}
    assert y["xa-tra-don"].state is None and y["xa-tra-don"].set_by is None  # no entry for t1
    assert y["xa-tra-dzon"].steps == []  # responsible, no report


def test_task_history_names_the_commit_that_set_the_value(mini: Repo) -> None:
    first = mini.git("log", "-1", "--format=%H", "--", R_DON).strip()
    mini.edit(R_DON, "progress: 100", "progress: 90")
    lowered = mini.commit("2024-09-14", OUTSIDER)
    mini.edit(R_DON, "Đã niêm yết 98", "Đã niêm yết 99")  # not the state nor the progress
    mini.commit("2024-09-14", DON)
    line = next(x for x in task(mini, "t1").periods[0].lines if x.unit_id == "xa-tra-don")
    assert [s.commit for s in line.steps] == [first, lowered]
    assert [s.progress for s in line.steps] == [100, 90]
    assert line.set_by is not None and line.set_by.commit == lowered


def test_task_history_lists_deadline_moves(mini: Repo) -> None:
    mini.edit(PLAN, "time: Quý III/2024", "time: Quý IV/2024")
    moved = mini.commit("2024-08-01", CLERK)
    h = task(mini, "t1")
    assert h.time == "Quý IV/2024"
    assert [f.commit for f in h.time_changes] == [moved]
    assert task(mini, "t2").time_changes == []


def test_unit_history_submission_lateness_and_edits(mini: Repo) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 90")
    mini.commit("2024-09-20", OUTSIDER)
    h = unit(mini, "xa-tra-don")
    (q3,) = h.periods
    assert (q3.period, q3.exists, q3.submitted, q3.status) == (
        "2024-Q3",
        True,
        "2024-09-13",
        "on-time",
    )
    assert [(e.author_email, e.action, e.allowed) for e in q3.edits] == [
        (DON, "added", True),
        (OUTSIDER, "modified", False),
    ]
    dzon = unit(mini, "xa-tra-dzon").periods[0]
    assert (dzon.status, dzon.days_late, str(dzon.effective)) == ("late", 3, "2024-09-18")


def test_unit_history_a_missing_report(mini: Repo) -> None:
    mini.git("rm", "-q", R_DON)
    mini.commit("2024-09-14", DON)
    q3 = unit(mini, "xa-tra-don").periods[0]
    assert (q3.exists, q3.status) == (False, "missing")
    assert [e.action for e in q3.edits] == ["added", "deleted"]


def test_history_cli_text_and_json(mini: Repo, cli: Callable[..., Run]) -> None:
    run = cli("history", "t1", "--repo", mini.root, "--ids")
    assert run.code == 0 and "(2024-Q3) (hạn 15/09/2024)" in run.out
    assert "(xa-tra-don) [chủ trì]" in run.out
    data = json.loads(cli("history", "xa-tra-dzon", "--repo", mini.root, "--format", "json").out)
    assert data["kind"] == "unit" and data["periods"][0]["status"] == "late"
    data = json.loads(cli("history", "t1", "--repo", mini.root, "--format", "json").out)
    assert data["kind"] == "task" and data["periods"][0]["period"] == "2024-Q3"
    english = cli("history", "xa-tra-don", "--repo", mini.root, "--lang", "en").out
    assert "(due 15/09/2024): on time" in english


def test_history_reads_as_an_office_register(mini: Repo, cli: Callable[..., Run]) -> None:
    text = cli("history", "t1", "--repo", mini.root).out
    commit = mini.git("log", "-1", "--format=%h").strip()
    assert "xa-tra-don [" not in text and "2024-Q3" not in text  # names, not codes
    assert "UBND xã Trà Dơn [chủ trì]" in text
    assert "hạn 15/09/2024" in text and "2024-09-15" not in text  # dd/mm/yyyy
    assert "người sửa " in text and "@" not in text and commit not in text
    assert "in-progress" not in text and ("đang thực hiện" in text or "hoàn thành" in text)
    verbose = cli("history", "t1", "--repo", mini.root, "--verbose").out
    assert "lần ghi git " in verbose and "@" in verbose
    unit_text = cli("history", "xa-tra-don", "--repo", mini.root).out
    assert unit_text.startswith("Đơn vị: UBND xã Trà Don\n")
    assert "gửi đúng hạn" in unit_text


def test_history_of_something_unknown(mini: Repo) -> None:
    with pytest.raises(PlantrackError, match="nope"):
        run_history(mini.root, "nope")


def test_history_in_a_shallow_clone(mini: Repo, tmp_path: Path) -> None:
    clone = Repo(tmp_path / "clone")
    Repo(tmp_path).git("clone", "-q", "--depth", "1", f"file://{mini.root}", str(clone.root))
    h = task(clone, "t1")
    assert h.shallow and h.periods[0].lines[0].state is not None
    assert "shallow" in history_text(h, "en")


def test_dzon_value_of_a_recurring_task(mini: Repo) -> None:
    line = next(x for x in task(mini, "t2").periods[0].lines if x.unit_id == "xa-tra-don")
    assert line.state == "in-progress" and line.progress is None
    assert DZON not in {s.author_email for s in line.steps}
