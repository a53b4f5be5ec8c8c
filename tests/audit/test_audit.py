"""``audit``: every finding (PT401–PT412) on real histories, renames, merges, an empty
history, a shallow clone, ``--since`` and ``--period``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from plantrack import api
from plantrack.app.audit import run_audit
from plantrack.app.record import record_consolidation
from plantrack.domain.audit import AuditFinding, AuditResult
from plantrack.errors import PlantrackError
from tests.audit.conftest import (
    CLERK,
    DON,
    DZON,
    OUTSIDER,
    PLAN,
    R_DON,
    R_DZON,
    R_PNV,
    Repo,
    Run,
)

Q3 = "2024-Q3"


def codes(result: AuditResult) -> list[tuple[str, str]]:
    """(code, file) of every finding, in history order."""
    return [(f.finding.code, f.file) for f in result.findings]


def only(result: AuditResult, code: str) -> list[AuditFinding]:
    return [f for f in result.findings if f.finding.code == code]


def record(repo: Repo, when: str = "2024-09-20") -> str:
    """Consolidate 2024-Q3, record it and commit the record as the clerk; the record commit."""
    prepared = api.prepare_consolidation(repo.root, Q3, today=dt.date(2024, 9, 20))
    assert prepared.vm is not None, prepared.errors
    path = record_consolidation(repo.root, prepared.vm)
    return repo.commit(when, CLERK, "Ghi nhận tổng hợp 2024-Q3", (str(path),))


def test_a_clean_history_has_only_the_late_report(mini: Repo, cli: Callable[..., Run]) -> None:
    result = run_audit(mini.root)
    assert codes(result) == [("PT402", R_DZON)]
    (late,) = result.findings
    assert late.severity == "warning"
    assert late.details["days"] == 3 and late.details["due"] == "2024-09-15"
    assert late.author_email == DZON and late.commit == mini.head()
    assert "3 days late" in late.finding.message_en
    assert result.commits == 4 and result.errors == 0
    assert result.signatures == {"good": 0, "unverified": 0, "bad": 0, "unsigned": 4}
    run = cli("audit", "--repo", mini.root)
    assert run.code == 0
    assert "CẢNH BÁO (1)" in run.out and "0 lỗi, 1 cảnh báo" in run.out
    assert "trễ 3 ngày" in run.out and "PT402" not in run.out
    assert "PT402" in cli("audit", "--repo", mini.root, "--ids").out


def test_pt401_an_outsider_edits_a_report(mini: Repo, cli: Callable[..., Run]) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 40")
    bad = mini.commit("2024-09-14", OUTSIDER)
    result = run_audit(mini.root)
    (f,) = only(result, "PT401")
    assert f.severity == "error" and f.commit == bad and f.file == R_DON
    assert f.action == "modified" and f.author_email == OUTSIDER
    assert f.details["changes"] == ["tasks[t1].progress: 100 → 40"]
    assert f"as {OUTSIDER}," in f.finding.message_en
    assert f.subject is not None and f.subject.unit_name == "UBND xã Trà Don"
    run = cli("audit", "--repo", mini.root, "--lang", "en")
    assert run.code == 1
    assert "14/09/2024 — Report for 9 tháng năm 2024 of UBND xã Trà Don" in run.out
    assert bad[:12] not in run.out and "data/reports" not in run.out.split("Hint")[0]
    assert "tasks[t1].progress: 100 → 40" in run.out


def test_pt401_maintainers_and_case_of_emails(mini: Repo) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 99")
    mini.commit("2024-09-14", CLERK.upper())  # a maintainer, whatever the case
    mini.edit(R_DON, "progress: 99", "progress: 98")
    mini.commit("2024-09-14", "Xa-Tra-Don@Example.VN")  # the unit's own author
    mini.edit(R_DON, "progress: 98", "progress: 97")
    mini.commit("2024-09-14", DZON)  # another unit's author is an outsider here
    assert [f.author_email for f in only(run_audit(mini.root), "PT401")] == [DZON]


def test_pt401_uses_the_authors_of_the_day(mini: Repo) -> None:
    unit = "data/units/xa-tra-don.yaml"
    mini.edit(R_DON, "progress: 100", "progress: 99")
    mini.commit("2024-09-14", DON)  # allowed then
    mini.edit(unit, "authors: [xa-tra-don@example.vn]", "authors: [moi@example.vn]")
    mini.commit("2024-09-15", CLERK, "Cán bộ đầu mối mới")
    mini.edit(R_DON, "progress: 99", "progress: 98")
    mini.commit("2024-09-15", "moi@example.vn")  # allowed now
    mini.edit(R_DON, "progress: 98", "progress: 97")
    late = mini.commit("2024-09-15", DON)  # no longer
    assert [f.commit for f in only(run_audit(mini.root), "PT401")] == [late]


def test_pt401_adding_oneself_to_the_unit_in_the_same_commit(mini: Repo) -> None:
    unit = "data/units/xa-tra-don.yaml"
    mini.edit(unit, "authors: [xa-tra-don@example.vn]", f"authors: [{OUTSIDER}]")
    mini.edit(R_DON, "progress: 100", "progress: 1")
    both = mini.commit("2024-09-14", OUTSIDER)
    assert [f.commit for f in only(run_audit(mini.root), "PT401")] == [both]


def test_pt401_a_report_of_an_unknown_unit_only_maintainers(mini: Repo) -> None:
    mini.write("data/reports/2024-Q3/xa-moi.yaml", "unit: xa-moi\n")
    mini.commit("2024-09-14", DON)
    (f,) = only(run_audit(mini.root), "PT401")
    assert f.file == "data/reports/2024-Q3/xa-moi.yaml" and f.action == "added"


def test_pt402_a_report_changed_after_its_due_date(mini: Repo) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 80")
    late = mini.commit("2024-09-25T08:00:00+07:00", DON)
    result = run_audit(mini.root)
    f = next(f for f in only(result, "PT402") if f.file == R_DON)
    assert f.commit == late and f.details["days"] == 10 and f.action == "modified"
    assert "sau hạn nộp 15/09/2024, trễ 10 ngày" in f.finding.message_vi


def test_pt402_uses_the_author_date_in_its_own_time_zone(mini: Repo) -> None:
    # 2024-09-15 23:30 in Vietnam is 16:30 UTC the same day: on time
    mini.edit(R_DON, "progress: 100", "progress: 80")
    mini.commit("2024-09-15T23:30:00+07:00", DON)
    assert [f.file for f in only(run_audit(mini.root), "PT402")] == [R_DZON]


def test_pt403_a_report_edited_after_consolidate_record(
    mini: Repo, cli: Callable[..., Run]
) -> None:
    record(mini)
    assert run_audit(mini.root).errors == 0
    mini.edit(R_DON, "progress: 100", "progress: 70")
    edited = mini.commit("2024-09-21", DON)
    result = run_audit(mini.root)
    (f,) = only(result, "PT403")
    assert f.commit == edited and f.file == R_DON and f.period == Q3
    assert f.details["record"] == "data/consolidations/2024-Q3.yaml"
    assert not [x for x in only(result, "PT402") if x.file == R_DON]
    assert cli("audit", "--repo", mini.root).code == 1


def test_pt403_a_revert_to_the_recorded_content_is_not_flagged(mini: Repo) -> None:
    record(mini)
    mini.edit(R_DON, "progress: 100", "progress: 70")
    changed = mini.commit("2024-09-21", DON)
    mini.edit(R_DON, "progress: 70", "progress: 100")
    mini.commit("2024-09-21", DON)
    assert [f.commit for f in only(run_audit(mini.root), "PT403")] == [changed]


def test_pt403_deleted_or_added_after_the_record(mini: Repo) -> None:
    record(mini)
    mini.git("rm", "-q", R_PNV)
    mini.commit("2024-09-22", CLERK)
    mini.write("data/reports/2024-Q3/xa-moi.yaml", "unit: xa-moi\n")
    mini.commit("2024-09-23", CLERK)
    result = run_audit(mini.root)
    found = [(f.file, f.action) for f in only(result, "PT403")]
    assert found == [(R_PNV, "deleted"), ("data/reports/2024-Q3/xa-moi.yaml", "added")]
    deleted, added = only(result, "PT403")
    assert deleted.details["now"] is None and deleted.details["recorded"]
    assert added.details["recorded"] is None and added.details["now"]
    assert "no longer matches what was consolidated" in added.finding.message_en
    assert not only(result, "PT405")  # the error says it already


def test_pt403_work_before_the_record_on_a_side_branch_is_after_it(mini: Repo) -> None:
    mini.git("checkout", "-q", "-b", "late")
    mini.edit(R_DON, "progress: 100", "progress: 60")
    side = mini.commit("2024-09-19", DON)  # before the consolidation, but not in it
    mini.git("checkout", "-q", "main")
    record(mini)
    mini.git("merge", "-q", "--no-ff", "--no-edit", "late")
    assert [f.commit for f in only(run_audit(mini.root), "PT403")] == [side]


def test_pt404_a_deadline_moved_twice(mini: Repo) -> None:
    mini.edit(PLAN, "time: Quý III/2024", "time: Quý IV/2024")
    first = mini.commit("2024-08-01", CLERK, "Lùi hạn t1")
    mini.edit(PLAN, "time: Quý IV/2024", "time: Quý IV/2024\n    extended_to: 2025-01-31")
    second = mini.commit("2024-10-01", OUTSIDER, "Gia hạn t1")
    result = run_audit(mini.root)
    moved = only(result, "PT404")
    assert [(f.commit, f.author_email) for f in moved] == [(first, CLERK), (second, OUTSIDER)]
    a, b = moved
    assert a.details["old"] == {"time": "Quý III/2024", "extended_to": None}
    assert a.details["new"] == {"time": "Quý IV/2024", "extended_to": None}
    assert (a.details["nth"], a.details["total"]) == (1, 2)
    assert "time: Quý III/2024 → Quý IV/2024 (change 1 of 2)" in a.finding.message_en
    assert "extended to: — → 31/01/2025 (change 2 of 2)" in b.finding.message_en
    assert "gia hạn đến: — → 31/01/2025 (lần 2/2)" in b.finding.message_vi
    assert a.details["task"] == "t1" and '"Niêm yết công khai' in a.finding.message_vi
    assert a.finding.key == "tasks[t1].time" and a.file == PLAN


def test_pt404_other_plan_edits_are_not_deadline_moves(mini: Repo) -> None:
    mini.edit(PLAN, "Niêm yết công khai", "Niêm yết")
    mini.commit("2024-08-01", CLERK)
    assert not only(run_audit(mini.root), "PT404")


def test_pt405_a_report_deleted_after_its_due_date(mini: Repo) -> None:
    mini.git("rm", "-q", R_DON)
    gone = mini.commit("2024-10-01", CLERK)
    (f,) = only(run_audit(mini.root), "PT405")
    assert f.commit == gone and f.file == R_DON and f.details["days"] == 16


def test_pt406_a_unit_file_changed_after_a_due_date(mini: Repo) -> None:
    unit = "data/units/xa-tra-don.yaml"
    mini.edit(unit, "authors: [xa-tra-don@example.vn]", "authors: [moi@example.vn]")
    changed = mini.commit("2024-10-01", CLERK)
    (f,) = only(run_audit(mini.root), "PT406")
    assert f.commit == changed and f.file == unit and f.period == Q3
    assert f.details["changes"] == ['authors: ["xa-tra-don@example.vn"] → ["moi@example.vn"]']
    assert "after the due date of its report for 9 tháng năm 2024 (15/09/2024)" in (
        f.finding.message_en
    )
    assert f.finding.message_en.endswith("changed: authors")


def test_pt406_not_before_any_due_date_nor_for_a_new_unit(mini: Repo) -> None:
    mini.edit("data/units/xa-tra-don.yaml", "name: UBND xã Trà Don", "name: UBND xã Trà Đon")
    mini.commit("2024-09-01", CLERK)
    mini.write("data/units/xa-moi.yaml", "id: xa-moi\nname: Xã mới\nkind: commune\n")
    mini.commit("2024-10-01", CLERK)
    assert not only(run_audit(mini.root), "PT406")


def test_pt406_and_pt407_inputs_changed_after_a_record(mini: Repo) -> None:
    record(mini)
    mini.edit("data/units/phong-noi-vu.yaml", "name: Phòng Nội vụ", "name: Phòng Nội vụ huyện")
    unit = mini.commit("2024-09-21", CLERK)
    mini.edit(PLAN, "Niêm yết công khai", "Niêm yết")
    plan = mini.commit("2024-09-22", CLERK)
    result = run_audit(mini.root)
    (u,) = only(result, "PT406")
    assert u.commit == unit and "period 9 tháng năm 2024 was consolidated" in u.finding.message_en
    (p,) = only(result, "PT407")
    assert p.commit == plan and p.severity == "warning"


def test_renames_touch_the_old_and_the_new_path(mini: Repo) -> None:
    moved = "data/reports/2024-Y/xa-tra-don.yaml"
    (mini.root / moved).parent.mkdir(parents=True, exist_ok=True)  # git keeps no empty folder
    mini.git("mv", R_DON, moved)
    rename = mini.commit("2024-12-20", OUTSIDER)
    result = run_audit(mini.root)
    assert [(f.file, f.action) for f in only(result, "PT401")] == [
        (R_DON, "renamed-to"),
        (moved, "renamed-from"),
    ]
    (late,) = [f for f in only(result, "PT402") if f.commit == rename]
    assert late.file == moved and late.details["other_path"] == R_DON
    assert f"moved here (from '{R_DON}')" in late.finding.message_en
    (gone,) = only(result, "PT405")
    assert gone.file == R_DON and f"moved away (to '{moved}')" in gone.finding.message_en


def test_merges_attribute_changes_to_their_real_authors(mini: Repo) -> None:
    mini.git("checkout", "-q", "-b", "side")
    mini.edit(R_DON, "progress: 100", "progress: 95")
    outsider = mini.commit("2024-09-14", OUTSIDER)
    mini.git("checkout", "-q", "main")
    mini.git("merge", "-q", "--no-ff", "--no-edit", "side")  # merged by the clerk
    mini.commit("2024-09-14", CLERK, "Merge", ("-A",), "--amend", "--no-edit")
    (f,) = only(run_audit(mini.root), "PT401")
    assert f.commit == outsider


def test_a_pull_merge_by_a_unit_is_not_an_edit_of_other_reports(mini: Repo) -> None:
    base = mini.head()
    mini.edit(R_DZON, "unit: xa-tra-dzon", "unit: xa-tra-dzon  # sửa")
    mini.commit("2024-09-14", DZON)
    mini.git("checkout", "-q", "-b", "don", base)
    mini.edit(R_DON, "progress: 100", "progress: 95")
    mini.commit("2024-09-14", DON)
    # xa-tra-don pulls: its merge brings xa-tra-dzon's change in, which is not its own edit
    mini.git("merge", "-q", "--no-ff", "--no-edit", "main")
    mini.commit("2024-09-14", DON, "Merge main", ("-A",), "--amend", "--no-edit")
    assert not only(run_audit(mini.root), "PT401")


def test_a_change_made_in_a_merge_is_the_merger_s(mini: Repo) -> None:
    mini.git("checkout", "-q", "-b", "side")
    mini.edit(R_DON, "progress: 100", "progress: 95")
    mini.commit("2024-09-14", DON)
    mini.git("checkout", "-q", "main")
    mini.edit(R_PNV, "unit: phong-noi-vu", "unit: phong-noi-vu  # main")
    mini.commit("2024-09-14", CLERK)
    mini.git("merge", "-q", "--no-ff", "--no-commit", "side")
    mini.edit(R_DON, "progress: 95", "progress: 5")
    evil = mini.commit("2024-09-14", OUTSIDER, "Merge side")
    (f,) = only(run_audit(mini.root), "PT401")
    assert f.commit == evil and f.file == R_DON


def test_an_empty_history(tmp_path: Path, cli: Callable[..., Run]) -> None:
    repo = Repo(tmp_path / "empty").init()
    repo.write(PLAN, (Path(__file__).parents[1] / "fixtures/mini/data/plan.yaml").read_text())
    result = run_audit(repo.root)
    assert (result.commits, result.findings, result.first) == (0, [], None)
    run = cli("audit", "--repo", repo.root, "--format", "json")
    assert run.code == 0 and '"commits": 0' in run.out


def test_not_a_git_repository(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    (root / "data").mkdir()
    (root / PLAN).write_text(
        (Path(__file__).parents[1] / "fixtures/mini/data/plan.yaml").read_text()
    )
    with pytest.raises(PlantrackError, match="git"):
        run_audit(root)


def test_a_shallow_clone(mini: Repo, tmp_path: Path) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 40")
    bad = mini.commit("2024-09-20", OUTSIDER)
    for depth, expected in ((1, []), (2, [("PT401", R_DON), ("PT402", R_DON)])):
        clone = Repo(tmp_path / f"clone{depth}")
        Repo(tmp_path).git(
            "clone", "-q", "--depth", str(depth), f"file://{mini.root}", str(clone.root)
        )
        result = run_audit(clone.root)
        assert result.shallow and result.commits == depth
        # the cut commit's snapshot is no change: nothing but PT411 comes from it
        assert codes(result) == [("PT411", ""), *expected]
        assert result.findings[0].severity == "warning"
        if expected:
            assert {f.commit for f in result.findings[1:]} == {bad}


def test_since_examines_only_the_later_commits(mini: Repo, cli: Callable[..., Run]) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 40")
    before = mini.head()
    bad = mini.commit("2024-09-14", OUTSIDER)
    mini.edit(R_DON, "progress: 40", "progress: 100")
    after = mini.commit("2024-09-14", DON)
    assert [f.commit for f in only(run_audit(mini.root, since=before), "PT401")] == [bad]
    assert run_audit(mini.root, since=bad).findings == []
    assert run_audit(mini.root, since=after).commits == 0
    run = cli("audit", "--repo", mini.root, "--since", before[:10], "--verbose")
    assert run.code == 1 and bad[:12] in run.out
    with pytest.raises(PlantrackError, match="nope"):
        run_audit(mini.root, since="nope")


def test_period_keeps_that_period(mini: Repo) -> None:
    mini.write("data/reports/2024-Y/xa-tra-don.yaml", "unit: xa-tra-don\n")
    mini.commit("2024-12-20", OUTSIDER)
    assert {f.period for f in run_audit(mini.root, period="2024-Y").findings} == {"2024-Y"}
    assert {f.period for f in run_audit(mini.root, period=Q3).findings} == {Q3}
    with pytest.raises(PlantrackError):
        run_audit(mini.root, period="2024-Q9")


def test_pt412_an_unreadable_record(mini: Repo, cli: Callable[..., Run]) -> None:
    mini.write("data/consolidations/2024-Q3.yaml", "period: [\n")
    mini.write("data/consolidations/2024-Y.yaml", "period: 2024-Q3\nfiles: []\n")
    result = run_audit(mini.root)
    assert [(f.finding.code, f.file) for f in result.findings[:2]] == [
        ("PT412", "data/consolidations/2024-Q3.yaml"),
        ("PT412", "data/consolidations/2024-Y.yaml"),
    ]
    assert cli("audit", "--repo", mini.root).code == 1


def test_json_output_carries_the_commit_facts(mini: Repo, cli: Callable[..., Run]) -> None:
    import json

    run = cli("audit", "--repo", mini.root, "--format", "json")
    data = json.loads(run.out)
    (f,) = data["findings"]
    assert f["code"] == "PT402" and f["commit"] == mini.head()
    assert f["author"] == {"name": "xa-tra-dzon", "email": DZON}
    assert f["date"] == "2024-09-18T10:00:00+07:00" and f["file"] == R_DZON
    assert f["action"] == "added" and f["details"]["days"] == 3
    assert data["signatures"]["unsigned"] == 4 and data["errors"] == 0


def test_pt401_a_self_assessment_is_its_units_own_file(mini: Repo) -> None:
    rel = "data/emulation/2024/xa-tra-don.yaml"
    mini.write(rel, "unit: xa-tra-don\nyear: 2024\n")
    mini.commit("2024-12-20", DON)  # the unit's own account: allowed
    assert not only(run_audit(mini.root), "PT401")
    mini.write(rel, "unit: xa-tra-don\nyear: 2024\nscores: []\n")
    bad = mini.commit("2024-12-21", OUTSIDER)
    (f,) = only(run_audit(mini.root), "PT401")
    assert (f.commit, f.file, f.period) == (bad, rel, None)
    assert f.subject is not None and f.subject.kind == "self-assessment"
    assert f.subject.unit_name == "UBND xã Trà Don" and f.subject.name == "2024"
