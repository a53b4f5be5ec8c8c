"""Submissions on time, late or missing; the git facts behind them, from real repositories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from plantrack.app.consolidate import prepare
from plantrack.domain.submission import submission
from plantrack.io import git
from plantrack.models import Report
from plantrack.models.period import make_period

D = dt.date
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PERIOD = make_period("2024-Q3")  # Nghị định 09/2019: cut-off 14/09/2024, due 15/09/2024
TODAY = D(2024, 12, 1)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def report(submitted: str | None = "2024-09-14", number: str | None = None) -> Report:
    return Report.model_validate(
        {"unit": "u1", "period": "2024-Q3", "submitted": submitted, "number": number}
    )


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# --- the rule ---------------------------------------------------------------------------


def test_due_date_of_the_period() -> None:
    assert (PERIOD.cutoff, PERIOD.due) == (D(2024, 9, 14), D(2024, 9, 15))


def test_missing() -> None:
    sub = submission("u1", None, None, PERIOD)
    assert (sub.status, sub.label, sub.effective, sub.days_late) == ("missing", "Chưa gửi", None, 0)
    assert not sub.dates_disagree


def test_on_the_due_day_is_on_time() -> None:
    sub = submission("u1", report("2024-09-15", "45/BC-UBND"), None, PERIOD)
    assert (sub.status, sub.label, sub.days_late) == ("on-time", "Đúng hạn", 0)
    assert (sub.submitted, sub.committed, sub.effective) == (D(2024, 9, 15), None, D(2024, 9, 15))
    assert sub.number == "45/BC-UBND"


def test_the_day_after_the_due_day_is_late() -> None:
    sub = submission("u1", report("2024-09-16"), None, PERIOD)
    assert (sub.status, sub.label, sub.days_late) == ("late", "Trễ hạn", 1)


def test_a_later_commit_counts() -> None:
    # signed on 14/09, first committed on 18/09: late by 3 days, and the dates disagree
    sub = submission("u1", report("2024-09-14"), at("2024-09-18T08:00:00+07:00"), PERIOD)
    assert (sub.status, sub.effective, sub.days_late) == ("late", D(2024, 9, 18), 3)
    assert sub.committed == D(2024, 9, 18)
    assert sub.disagreement_days == 4
    assert sub.dates_disagree


def test_a_later_submitted_date_counts() -> None:
    sub = submission("u1", report("2024-09-17"), at("2024-09-10T08:00:00+07:00"), PERIOD)
    assert (sub.status, sub.effective, sub.days_late) == ("late", D(2024, 9, 17), 2)
    assert sub.dates_disagree


def test_one_day_apart_is_not_flagged() -> None:
    sub = submission("u1", report("2024-09-14"), at("2024-09-15T21:00:00+07:00"), PERIOD)
    assert (sub.status, sub.effective, sub.disagreement_days) == ("on-time", D(2024, 9, 15), 1)
    assert not sub.dates_disagree
    two = submission("u1", report("2024-09-13"), at("2024-09-15T21:00:00+07:00"), PERIOD)
    assert two.dates_disagree


def test_the_commit_day_is_the_author_s_local_day() -> None:
    # 23:30 in Việt Nam on the due day is 16:30 UTC the same day: on time
    sub = submission("u1", report(None), at("2024-09-15T23:30:00+07:00"), PERIOD)
    assert (sub.status, sub.effective) == ("on-time", D(2024, 9, 15))


def test_no_submitted_date_uses_the_commit() -> None:
    sub = submission("u1", report(None), at("2024-09-20T09:00:00+07:00"), PERIOD)
    assert (sub.status, sub.effective, sub.days_late, sub.disagreement_days) == (
        "late",
        D(2024, 9, 20),
        5,
        0,
    )


# --- real git repositories --------------------------------------------------------------


def _env(when: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # The tests' git must not depend on the machine's git configuration.
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Cán bộ",
        GIT_AUTHOR_EMAIL="can-bo@example.vn",
        GIT_COMMITTER_NAME="Cán bộ",
        GIT_COMMITTER_EMAIL="can-bo@example.vn",
    )
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return env


def run_git(repo: Path, *args: str, when: str | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=_env(when), capture_output=True, text=True, check=True
    )
    return done.stdout


def init(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    run_git(repo, "init", "-q")
    run_git(repo, "config", "user.name", "Cán bộ")
    run_git(repo, "config", "user.email", "can-bo@example.vn")
    run_git(repo, "config", "commit.gpgsign", "false")


def commit(repo: Path, paths: list[str], when: str, message: str = "dữ liệu") -> None:
    run_git(repo, "add", "--", *paths)
    run_git(repo, "commit", "-q", "-m", message, when=when)


def put(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_enclosing_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outside the test repositories git must never find an enclosing one.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)


A = "data/reports/2024-Q3/xa-a.yaml"
B = "data/reports/2024-Q3/xa-b.yaml"


def test_first_added_keeps_the_first_add(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, "data/plan.yaml", "id: p\n")
    put(repo, A, "unit: xa-a\n")
    commit(repo, ["data"], "2024-09-10T09:00:00+07:00")
    put(repo, A, "unit: xa-a\nsubmitted: 2024-09-10\n")
    commit(repo, [A], "2024-09-20T09:00:00+07:00", "sửa báo cáo")
    put(repo, B, "unit: xa-b\n")
    commit(repo, [B], "2024-09-16T16:45:00+07:00")
    added = git.first_added(repo)
    assert set(added) == {A, B}  # only report files
    assert added[A] == at("2024-09-10T09:00:00+07:00")
    assert added[B] == at("2024-09-16T16:45:00+07:00")
    assert added[B].date() == D(2024, 9, 16)


def test_first_added_uses_the_author_date(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, A, "unit: xa-a\n")
    run_git(repo, "add", A)
    env_when = "2024-09-12T10:00:00+07:00"
    subprocess.run(
        ["git", "commit", "-q", "-m", "m"],
        cwd=repo,
        env=_env(env_when) | {"GIT_COMMITTER_DATE": "2024-09-30T10:00:00+07:00"},
        check=True,
    )
    assert git.first_added(repo)[A] == at(env_when)


def test_first_added_after_delete_and_re_add_keeps_the_first(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, A, "unit: xa-a\n")
    commit(repo, [A], "2024-09-10T09:00:00+07:00")
    run_git(repo, "rm", "-q", A)
    run_git(repo, "commit", "-q", "-m", "xóa", when="2024-09-11T09:00:00+07:00")
    put(repo, A, "unit: xa-a\n# lại\n")
    commit(repo, [A], "2024-09-12T09:00:00+07:00")
    assert git.first_added(repo)[A] == at("2024-09-10T09:00:00+07:00")


def test_no_git_at_all(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    put(plain, A, "unit: xa-a\n")
    assert git.first_added(plain) == {}
    assert git.uncommitted(plain) == set()
    assert git.head_commit(plain) is None


def test_empty_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, A, "unit: xa-a\n")
    assert git.first_added(repo) == {}
    assert git.head_commit(repo) is None
    assert git.uncommitted(repo) == {A}  # untracked


def test_head_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, A, "unit: xa-a\n")
    commit(repo, [A], "2024-09-10T09:00:00+07:00")
    assert git.head_commit(repo) == run_git(repo, "rev-parse", "HEAD").strip()


def test_uncommitted_lists_modified_and_new_inputs(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    put(repo, "data/plan.yaml", "id: p\n")
    put(repo, A, "unit: xa-a\n")
    put(repo, B, "unit: xa-b\n")
    put(repo, "README.md", "x\n")
    commit(repo, ["data", "README.md"], "2024-09-10T09:00:00+07:00")
    assert git.uncommitted(repo) == set()
    put(repo, A, "unit: xa-a\nsubmitted: 2024-09-10\n")
    put(repo, "data/units/xa-moi.yaml", "id: xa-moi\n")
    put(repo, "README.md", "changed\n")  # outside data/
    (repo / B).unlink()
    assert git.uncommitted(repo) == {A, B, "data/units/xa-moi.yaml"}
    run_git(repo, "add", A)  # staged but not committed still counts
    assert A in git.uncommitted(repo)


def test_data_repository_in_a_subfolder_of_the_work_tree(tmp_path: Path) -> None:
    top = tmp_path / "top"
    init(top)
    put(top, f"district/{A}", "unit: xa-a\n")
    put(top, "other/data/reports/2024-Q3/x.yaml", "unit: x\n")
    commit(top, ["."], "2024-09-10T09:00:00+07:00")
    root = top / "district"
    assert git.first_added(root) == {A: at("2024-09-10T09:00:00+07:00")}
    put(top, f"district/{A}", "unit: xa-a\n# sửa\n")
    put(top, "other/data/reports/2024-Q3/x.yaml", "unit: x\n# sửa\n")
    assert git.uncommitted(root) == {A}
    assert git.head_commit(root) == run_git(top, "rev-parse", "HEAD").strip()


# --- through services.prepare -----------------------------------------------------------

NOI_VU = "data/reports/2024-Q3/phong-noi-vu.yaml"
TRA_DON = "data/reports/2024-Q3/xa-tra-don.yaml"
TRA_DZON = "data/reports/2024-Q3/xa-tra-dzon.yaml"


@pytest.fixture
def mini_git(tmp_path: Path) -> Path:
    """The mini fixture with a history: plan, units, indices and Trà Don's report on 13/09,
    Phòng Nội vụ's report (signed 14/09) on 17/09, Trà Dơn's (signed 18/09) on 18/09, and a
    later edit of Trà Don's report on 25/09."""
    repo = tmp_path / "mini"
    shutil.copytree(MINI, repo)
    init(repo)
    commit(
        repo, ["data/plan.yaml", "data/units", "data/indices", TRA_DON], "2024-09-13T08:00+07:00"
    )
    commit(repo, [NOI_VU], "2024-09-17T15:00:00+07:00")
    commit(repo, [TRA_DZON], "2024-09-18T10:00:00+07:00")
    text = (repo / TRA_DON).read_text(encoding="utf-8")
    put(repo, TRA_DON, text + "difficulties:\n  - Mạng yếu.\n")
    commit(repo, [TRA_DON], "2024-09-25T08:00:00+07:00", "bổ sung khó khăn")
    return repo


def test_prepare_uses_the_first_add_commit(mini_git: Path) -> None:
    prepared = prepare(mini_git, "2024-Q3", today=TODAY)
    assert prepared.errors == []
    vm = prepared.vm
    assert vm is not None
    subs = {u.id: u.submission for u in vm.units}
    # Trà Don: signed 13/09, added 13/09 (the edit on 25/09 does not count)
    don = subs["xa-tra-don"]
    assert (don.status, don.committed, don.effective, don.dates_disagree) == (
        "on-time",
        D(2024, 9, 13),
        D(2024, 9, 13),
        False,
    )
    # Phòng Nội vụ: signed 14/09 but committed 17/09 → late by 2 days, dates disagree
    nv = subs["phong-noi-vu"]
    assert (nv.status, nv.submitted, nv.committed, nv.days_late) == (
        "late",
        D(2024, 9, 14),
        D(2024, 9, 17),
        2,
    )
    assert nv.dates_disagree
    # Trà Dơn: signed and committed 18/09 → late by 3 days, dates agree
    dzon = subs["xa-tra-dzon"]
    assert (dzon.status, dzon.days_late, dzon.dates_disagree) == ("late", 3, False)
    assert [u.id for u in vm.late_units] == ["xa-tra-dzon", "phong-noi-vu"]
    head = run_git(mini_git, "rev-parse", "HEAD").strip()
    assert vm.provenance.data_commit == head
    assert vm.provenance.uncommitted == []
    assert "Mạng yếu." in [a.text for a in vm.difficulties]


def test_prepare_lists_uncommitted_inputs(mini_git: Path) -> None:
    put(
        mini_git,
        TRA_DZON,
        (mini_git / TRA_DZON).read_text(encoding="utf-8") + "proposals:\n  - Thêm.\n",
    )
    put(mini_git, "notes.txt", "not an input\n")
    vm = prepare(mini_git, "2024-Q3", today=TODAY).vm
    assert vm is not None
    assert vm.provenance.uncommitted == [TRA_DZON]
    # the submission still dates from the first commit of the file
    dzon = next(u for u in vm.units if u.id == "xa-tra-dzon")
    assert dzon.submission.committed == D(2024, 9, 18)


def test_prepare_with_a_report_never_committed(tmp_path: Path) -> None:
    repo = tmp_path / "mini"
    shutil.copytree(MINI, repo)
    init(repo)
    commit(
        repo,
        ["data/plan.yaml", "data/units", "data/indices", TRA_DON, NOI_VU],
        "2024-09-14T08:00:00+07:00",
    )
    vm = prepare(repo, "2024-Q3", today=TODAY).vm
    assert vm is not None
    dzon = next(u for u in vm.units if u.id == "xa-tra-dzon")
    # no commit: the report's own date decides (signed 18/09, late by 3 days)
    assert (dzon.submission.committed, dzon.submission.effective) == (None, D(2024, 9, 18))
    assert (dzon.submission.status, dzon.submission.days_late) == ("late", 3)
    assert vm.provenance.uncommitted == [TRA_DZON]
    assert vm.provenance.data_commit == run_git(repo, "rev-parse", "HEAD").strip()


def test_a_report_removed_from_git_keeps_its_first_add(mini_git: Path) -> None:
    run_git(mini_git, "rm", "-q", "--cached", TRA_DZON)
    run_git(mini_git, "commit", "-q", "-m", "bỏ", when="2024-09-26T08:00:00+07:00")
    vm = prepare(mini_git, "2024-Q3", today=TODAY).vm
    assert vm is not None
    dzon = next(u for u in vm.units if u.id == "xa-tra-dzon")
    assert dzon.submission.committed == D(2024, 9, 18)
    assert vm.provenance.uncommitted == [TRA_DZON]


def test_prepare_without_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(MINI, root)
    vm = prepare(root, "2024-Q3", today=TODAY).vm
    assert vm is not None
    assert vm.provenance.data_commit is None
    assert vm.provenance.uncommitted == []
    subs = {u.id: u.submission for u in vm.units}
    assert all(s.committed is None for s in subs.values())
    assert {k: s.status for k, s in subs.items()} == {
        "xa-tra-don": "on-time",
        "xa-tra-dzon": "late",
        "phong-noi-vu": "on-time",
    }


def test_prepare_in_an_empty_repository(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(MINI, root)
    init(root)
    vm = prepare(root, "2024-Q3", today=TODAY).vm
    assert vm is not None
    assert vm.provenance.data_commit is None
    assert all(u.submission.committed is None for u in vm.units)
    # every input is untracked, so every input is uncommitted
    assert vm.provenance.uncommitted == sorted(f.path for f in vm.provenance.files)
