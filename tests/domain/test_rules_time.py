"""Rules of time, with figures worked out by hand: ``--as-of`` before the due date reads only
what existed then and calls nothing late or missing; indicators compare like with like;
index scores are the ones published by the cut-off, with their published precision."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from plantrack.app.consolidate import prepare
from plantrack.domain.indicators import comparison_period
from plantrack.domain.indices import index_row
from plantrack.models import Index
from plantrack.models.period import PeriodRule, make_period

D = dt.date
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
DON = "data/reports/2024-Q3/xa-tra-don.yaml"
DZON = "data/reports/2024-Q3/xa-tra-dzon.yaml"
PNV = "data/reports/2024-Q3/phong-noi-vu.yaml"


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    env.update(GIT_AUTHOR_NAME="Cán bộ", GIT_AUTHOR_EMAIL="cb@example.vn")
    env.update(GIT_COMMITTER_NAME="Cán bộ", GIT_COMMITTER_EMAIL="cb@example.vn")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, paths: list[str], when: str) -> None:
    git(repo, "add", "--", *paths)
    git(repo, "commit", "-q", "-m", "dữ liệu", when=when)


@pytest.fixture
def history_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini repository in git: plan and units on 01/09/2024; Trà Don's report on 12/09,
    then edited on 14/09 (its results change); Phòng Nội vụ's on 14/09; Trà Dơn's on 18/09."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    final = (repo / DON).read_text(encoding="utf-8")
    first = final.replace("Đã niêm yết 98 thủ tục", "Đã niêm yết 90 thủ tục")
    (repo / DON).write_text(first, encoding="utf-8")
    git(repo, "init", "-q")
    everything_else = [p for p in ("data", "schemas", "templates") if (repo / p).exists()]
    git(repo, "add", "--", *everything_else)
    git(repo, "reset", "-q", "--", DON, DZON, PNV)
    git(repo, "commit", "-q", "-m", "kế hoạch", when="2024-09-01T08:00:00+07:00")
    commit(repo, [DON], "2024-09-12T09:00:00+07:00")
    (repo / DON).write_text(final, encoding="utf-8")
    commit(repo, [DON, PNV], "2024-09-14T16:00:00+07:00")
    commit(repo, [DZON], "2024-09-18T10:00:00+07:00")
    return repo


def test_as_of_before_the_due_date_reads_the_reports_as_committed_then(
    history_repo: Path,
) -> None:
    vm = prepare(history_repo, "2024-Q3", as_of=D(2024, 9, 13), today=D(2024, 12, 1)).vm
    assert vm is not None
    subs = {u.id: u.submission.status for u in vm.units}
    # only Trà Don's first version existed on 13/09; the others are not due until 15/09
    assert subs == {"xa-tra-don": "on-time", "xa-tra-dzon": "pending", "phong-noi-vu": "pending"}
    assert (vm.late_units, vm.missing_units) == ([], [])
    s = vm.summary
    assert (s.reports_sent, s.reports_missing, s.reports_pending) == (1, 0, 2)
    results = [p.results for t in vm.tasks for p in t.pairs if p.unit_id == "xa-tra-don"]
    assert "Đã niêm yết 90 thủ tục tại Bộ phận Một cửa." in results
    # the file was read from the commit: provenance names it by its repository path
    assert DON in [f.path for f in vm.provenance.files]


def test_as_of_before_the_due_date_checks_against_the_plan_as_committed_then(
    history_repo: Path,
) -> None:
    # on 01/10 the plan gives t2 to Phòng Nội vụ: Trà Don's report of 12/09 answered it
    plan = history_repo / "data/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("lead: [xa-tra-don]", "lead: [phong-noi-vu]"), encoding="utf-8")
    commit(history_repo, ["data/plan.yaml"], "2024-10-01T08:00:00+07:00")
    now = prepare(history_repo, "2024-Q3", as_of=D(2024, 9, 20), today=D(2024, 12, 1))
    assert "PT210" in [f.code for f in now.errors]  # today's plan: t2 is not Trà Don's
    then = prepare(history_repo, "2024-Q3", as_of=D(2024, 9, 13), today=D(2024, 12, 1))
    assert then.errors == [] and then.vm is not None
    t2 = next(t for t in then.vm.tasks if t.id == "t2")
    assert [p.unit_id for p in t2.pairs] == ["xa-tra-don"]
    # the working plan is left as it is
    assert "lead: [phong-noi-vu]" in plan.read_text(encoding="utf-8")


def test_after_the_due_date_the_working_files_are_read(history_repo: Path) -> None:
    vm = prepare(history_repo, "2024-Q3", as_of=D(2024, 9, 20), today=D(2024, 12, 1)).vm
    assert vm is not None
    subs = {u.id: u.submission.status for u in vm.units}
    assert subs == {"xa-tra-don": "on-time", "xa-tra-dzon": "late", "phong-noi-vu": "on-time"}
    results = [p.results for t in vm.tasks for p in t.pairs if p.unit_id == "xa-tra-don"]
    assert "Đã niêm yết 98 thủ tục tại Bộ phận Một cửa." in results


def test_without_git_the_file_dates_decide(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    old = dt.datetime(2024, 9, 12, 9).timestamp()
    os.utime(repo / DON, (old, old))
    vm = prepare(repo, "2024-Q3", as_of=D(2024, 9, 13), today=D(2024, 12, 1)).vm
    assert vm is not None
    subs = {u.id: u.submission.status for u in vm.units}
    assert subs == {"xa-tra-don": "on-time", "xa-tra-dzon": "pending", "phong-noi-vu": "pending"}


# --- like with like ---------------------------------------------------------------------

NINE = {"Q3": PeriodRule(label="9 tháng", start="12-15", cutoff="09-14", due="09-15")}


def periods(*ids: str) -> dict[str, object]:
    return {pid: make_period(pid, NINE) for pid in ids}


@pytest.mark.parametrize(
    ("period", "over_time", "earlier", "expected"),
    [
        # the year never compares with nine months; with last year it does
        ("2024-Y", "flow", ("2024-Q3",), None),
        ("2024-Y", "cumulative", ("2023-Y", "2024-Q3"), "2023-Y"),
        ("2024-Y", "ratio", ("2023-Y", "2024-Q3"), "2023-Y"),
        # a quarter: last year's, else the quarter just before (15/09–14/12 before 15/12)
        ("2025-Q1", "flow", ("2024-Y", "2024-Q3"), None),
        ("2025-Q1", "flow", ("2024-Q4", "2024-Y"), "2024-Q4"),
        ("2025-Q1", "flow", ("2024-Q1", "2024-Q4"), "2024-Q1"),
        # a count since 1 January only compares with the same period last year
        ("2025-Q1", "cumulative", ("2024-Q4",), None),
        # a level at the cut-off compares with the latest earlier level
        ("2025-Q1", "stock", ("2024-Q3", "2024-Y"), "2024-Y"),
        ("2025-Q1", "stock", (), None),
    ],
)
def test_comparison_period(
    period: str, over_time: str, earlier: tuple[str, ...], expected: str | None
) -> None:
    current = make_period(period, NINE)
    assert comparison_period(current, over_time, periods(*earlier)) == expected  # type: ignore[arg-type]


def test_embedded_annual_report_compares_no_flow_with_nine_months() -> None:
    root = Path(__file__).resolve().parents[2]
    vm = prepare(root, "2024-Y", today=D(2025, 6, 1)).vm
    assert vm is not None
    rows = {r.id: r for r in vm.indicators}
    assert vm.previous_period is None
    assert (rows["ho-so-tiep-nhan"].previous_total, rows["ho-so-tiep-nhan"].change) == (None, None)
    # procedures posted at the communes: a level (sum of 9 communes), never an average
    posted = rows["tthc-cong-khai"]
    assert (posted.over_time, posted.aggregate) == ("stock", "sum")
    assert (posted.previous_period, posted.total, posted.previous_total, posted.change) == (
        "2024-Q3",
        1121,
        1085,
        36,
    )


# --- published scores -------------------------------------------------------------------


def papi(decimals: int | None = 4) -> Index:
    def obs(year: int, published: str, d1: float, total: float) -> dict[str, object]:
        scores = {"D1": d1}
        return {"year": year, "scope": "Tỉnh", "total": total, "scores": scores, "source": "UNDP"}

    data = {
        "id": "PAPI",
        "name": "PAPI",
        "scale": {"min": 10, "max": 80},
        "decimals": decimals,
        "components": [{"code": "D1", "name": "Tham gia", "scale": {"min": 1, "max": 10}}],
        "observations": [
            obs(2022, "", 4.9, 40.1) | {"published": "2023-04-12"},
            obs(2023, "", 4.803, 40.596) | {"published": "2024-04-02"},
            obs(2024, "", 4.357, 41.0045) | {"published": "2025-04-15"},
        ],
    }
    return Index.model_validate(data)


def test_only_scores_published_by_the_cutoff_are_used() -> None:
    # the 2024 annual report (cut-off 14/12/2024) knows PAPI 2022 and 2023, not 2024
    row = index_row(papi(), {}, {}, known_on=D(2024, 12, 14))
    assert (row.baseline.year, row.latest.year) == (2022, 2023)  # type: ignore[union-attr]
    assert row.published_later == [2024]
    (d1,) = row.components
    assert (d1.baseline, d1.latest, d1.change) == (4.9, 4.803, -0.097)
    assert row.change == 0.496  # 40.596 - 40.1
    # after 15/04/2025 PAPI 2024 is known
    row = index_row(papi(), {}, {}, known_on=D(2025, 4, 15))
    assert (row.latest.year, row.published_later) == (2024, [])  # type: ignore[union-attr]


def test_changes_keep_the_published_precision() -> None:
    row = index_row(papi(decimals=2), {}, {}, known_on=D(2024, 12, 14))
    assert row.decimals == 2 and row.components[0].decimals == 2
    assert row.change == 0.50  # 0.496 to two decimals
    assert row.components[0].change == -0.1  # -0.097


def test_embedded_indices_are_the_published_ones() -> None:
    root = Path(__file__).resolve().parents[2]
    vm = prepare(root, "2024-Y", today=D(2025, 6, 1)).vm
    assert vm is not None
    indices = {i.id: i for i in vm.indices}
    assert indices["PAPI"].latest.year == 2023  # type: ignore[union-attr]
    assert indices["PAPI"].published_later == [2024]  # published 15/04/2025
    assert {i: x.decimals for i, x in indices.items()} == {"PAPI": 4, "PARINDEX": 2, "SIPAS": 2}
