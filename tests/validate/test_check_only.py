"""``check_repository(only=…)``: the findings of the given files; a changed plan, unit or index
file re-checks every report, since the rules it touches reach them."""

from __future__ import annotations

from plantrack import api
from plantrack.validate.check import check_repository
from tests.conftest import (
    INDEX_PAPI,
    PLAN,
    REPORT_DON,
    REPORT_DZON,
    REPORT_PNV,
    TODAY,
    UNIT_DON,
    MiniRepo,
)


def _break_two_reports(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "state: done", "state: finished")  # PT104
    repo.edit(REPORT_PNV, "progress: 50", "progress: 500")  # PT107


def test_only_one_report_reports_only_that_file(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    found = repo.check(only=[REPORT_DON])
    assert [(f.code, f.path) for f in found] == [("PT104", REPORT_DON)]
    found = repo.check(only=[REPORT_PNV])
    assert [(f.code, f.path) for f in found] == [("PT107", REPORT_PNV)]


def test_only_a_clean_report_has_no_findings(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    assert repo.check(only=[REPORT_DZON]) == []


def test_only_hides_findings_of_the_plan_when_only_reports_changed(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    repo.edit(PLAN, "targets: [SIPAS.F2]", "targets: [SIPAS.F9]")  # PT204 in the plan
    assert {f.path for f in repo.check(only=[REPORT_DON])} == {REPORT_DON}


def test_only_counts_the_files_it_read(repo: MiniRepo) -> None:
    result = check_repository(repo.root, today=TODAY, only=[REPORT_DON])
    # plan, 3 units, 2 indices are always read; one report of three
    assert result.files == 7
    assert check_repository(repo.root, today=TODAY).files == 9


def test_a_changed_plan_rechecks_every_report(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    repo.edit(PLAN, "    time: Thường xuyên\n", "    time: Thường xuyên\n    support: [cac-xa]\n")
    found = {(f.code, f.path) for f in repo.check(only=[PLAN])}
    assert ("PT104", REPORT_DON) in found
    assert ("PT107", REPORT_PNV) in found
    # the new support assignment reaches xa-tra-dzon, whose report leaves t2 out
    assert ("PT209", REPORT_DZON) in found


def test_a_changed_unit_or_index_rechecks_every_report(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    for changed in (UNIT_DON, INDEX_PAPI):
        paths = {f.path for f in repo.check(only=[changed])}
        assert {REPORT_DON, REPORT_PNV} <= paths


def test_api_check_expands_folders(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    folder = repo.path("data/reports/2024-Q3")
    result = api.check(repo.root, [folder], today=TODAY)
    assert {f.path for f in result.findings} == {REPORT_DON, REPORT_PNV}
    result = api.check(repo.root, [repo.path(REPORT_DZON)], today=TODAY)
    assert result.findings == []


def test_progress_is_reported_per_report(repo: MiniRepo) -> None:
    calls: list[tuple[int, int]] = []
    check_repository(repo.root, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_findings_are_sorted_by_file_line_column(repo: MiniRepo) -> None:
    _break_two_reports(repo)
    repo.edit(REPORT_DON, "    carried_out: true", "    carried: true")
    found = repo.check()
    assert found == sorted(found, key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))
    assert len(found) == 3
