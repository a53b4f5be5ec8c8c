"""PT2xx: rules across files, each finding located at its line, column and key path."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import (
    INDEX_PAPI,
    PLAN,
    REPORT_DON,
    REPORT_DZON,
    REPORT_PNV,
    UNIT_DON,
    UNIT_DZON,
    MiniRepo,
    assert_bilingual,
    place,
)


def test_the_mini_repository_is_clean(repo: MiniRepo) -> None:
    assert repo.check() == []


def test_pt201_unknown_unit_in_a_report_suggests_the_close_id(repo: MiniRepo) -> None:
    # a report filed under its own (unknown) id: only PT201
    text = repo.read(REPORT_DZON).replace("unit: xa-tra-dzon", "unit: xa-tra-dzom")
    repo.write("data/reports/2024-Q3/xa-tra-dzom.yaml", text)
    rel = "data/reports/2024-Q3/xa-tra-dzom.yaml"
    f = repo.one("PT201")
    assert place(f) == ("PT201", "error", rel, *repo.pos(rel, "xa-tra-dzom"), "unit")
    assert f.message_vi == "Không có đơn vị hoặc nhóm 'xa-tra-dzom'"
    assert f.message_en == "no unit or group 'xa-tra-dzom'"
    assert f.hint_en == "Did you mean 'xa-tra-dzon'?"
    assert f.hint_vi == "Có phải ý bạn là 'xa-tra-dzon'?"
    assert_bilingual(f)
    assert repo.codes() == {"PT201"}


def test_pt201_unknown_group_in_a_unit_file(repo: MiniRepo) -> None:
    repo.edit(UNIT_DON, "kind: commune", "kind: commune\ngroups: [cac-xaa]")
    f = repo.one("PT201")
    assert place(f) == ("PT201", "error", UNIT_DON, *repo.pos(UNIT_DON, "cac-xaa"), "groups[0]")
    assert "cac-xa" in f.hint_vi


def test_pt201_unknown_unit_in_the_plan(repo: MiniRepo) -> None:
    repo.edit(PLAN, "support: [phong-noi-vu]", "support: [phong-noi-vu, phong-tu-phap]")
    f = repo.one("PT201")
    assert place(f) == (
        "PT201",
        "error",
        PLAN,
        *repo.pos(PLAN, "phong-tu-phap"),
        "tasks[0].support[1]",
    )
    assert f.hint_en == ""


def test_pt201_unknown_consolidator(repo: MiniRepo) -> None:
    repo.edit(PLAN, "consolidator: phong-noi-vu", "consolidator: phong-noi-vuu")
    f = repo.one("PT201")
    line, column = repo.pos(PLAN, "phong-noi-vuu")
    assert place(f) == ("PT201", "error", PLAN, line, column, "reporting.consolidator")
    assert f.hint_en == "Did you mean 'phong-noi-vu'?"


def test_pt202_unknown_task_suggests_the_close_id(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "  - task: t2", "  - task: t22")
    f = repo.one("PT202")
    assert place(f) == ("PT202", "error", REPORT_DON, *repo.pos(REPORT_DON, "t22"), "tasks[1].task")
    assert f.message_vi == "Không có nhiệm vụ 't22' trong kế hoạch"
    assert f.message_en == "no task 't22' in the plan"
    assert f.hint_en == "Did you mean 't2'?"
    assert_bilingual(f)
    # the task it meant is now missing
    assert repo.codes() == {"PT202", "PT209"}


def test_pt203_unknown_indicator_in_a_report(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "ho-so-dung-han: 115", "ho-so-dung-hann: 115")
    f = repo.one("PT203")
    line, column = repo.pos(REPORT_DON, "ho-so-dung-hann:")
    assert place(f) == ("PT203", "error", REPORT_DON, line, column, "indicators.ho-so-dung-hann")
    assert f.hint_en == "Did you mean 'ho-so-dung-han'?"
    assert_bilingual(f)


def test_pt203_unknown_indicator_in_the_plan(repo: MiniRepo) -> None:
    repo.edit(PLAN, "indicators: [ho-so-tiep-nhan, ho-so-dung-han]", "indicators: [ho-so]")
    f = repo.one("PT203")
    assert place(f) == ("PT203", "error", PLAN, *repo.pos(PLAN, "ho-so]"), "tasks[0].indicators[0]")


def test_pt204_unknown_component_in_the_plan(repo: MiniRepo) -> None:
    repo.edit(PLAN, "targets: [SIPAS.F2]", "targets: [SIPAS.F9]")
    f = repo.one("PT204")
    assert place(f) == ("PT204", "error", PLAN, *repo.pos(PLAN, "SIPAS.F9"), "tasks[0].targets[0]")
    assert f.message_en.startswith("no index component 'SIPAS.F9'")
    assert f.hint_en == "Did you mean 'SIPAS.F2'?"
    assert_bilingual(f)


def test_pt204_unknown_component_in_an_index_score(repo: MiniRepo) -> None:
    repo.edit(INDEX_PAPI, "D8: 2.9025", "D88: 2.9025")
    f = repo.one("PT204")
    line, column = repo.pos(INDEX_PAPI, "D88:")
    assert place(f) == ("PT204", "error", INDEX_PAPI, line, column, "observations[0].scores.D88")
    assert f.hint_en == "Did you mean 'D8'?"


def test_pt205_unit_disagrees_with_the_file_name(repo: MiniRepo) -> None:
    repo.edit(REPORT_DZON, "unit: xa-tra-dzon", "unit: xa-tra-don")
    f = repo.one("PT205")
    assert place(f) == ("PT205", "error", REPORT_DZON, *repo.pos(REPORT_DZON, "xa-tra-don"), "unit")
    assert f.message_en == (
        "the report names unit 'xa-tra-don' but sits in the file of 'xa-tra-dzon'"
    )
    assert_bilingual(f)


def test_pt206_period_disagrees_with_the_folder(repo: MiniRepo) -> None:
    repo.edit(REPORT_DZON, "period: 2024-Q3", "period: 2024-Y")
    f = repo.one("PT206")
    assert place(f) == ("PT206", "error", REPORT_DZON, *repo.pos(REPORT_DZON, "2024-Y"), "period")
    assert f.message_vi == "Báo cáo ghi kỳ '2024-Y' nhưng nằm trong thư mục kỳ '2024-Q3'"
    assert_bilingual(f)


def test_pt207_period_not_required(repo: MiniRepo) -> None:
    text = repo.read(REPORT_DZON).replace("2024-Q3", "2024-Q2")
    rel = "data/reports/2024-Q2/xa-tra-dzon.yaml"
    repo.write(rel, text)
    f = repo.one("PT207")
    assert place(f) == ("PT207", "error", rel, *repo.pos(rel, "2024-Q2"), "period")
    assert f.message_vi == (
        "Kế hoạch không yêu cầu báo cáo kỳ '2024-Q2' (các kỳ: Q1, H1, Q3, Y, từ 2024-Q3)"
    )
    assert f.message_en == (
        "the plan does not require period '2024-Q2' (kinds: Q1, H1, Q3, Y, from 2024-Q3)"
    )
    assert_bilingual(f)


def test_pt207_period_after_the_last(repo: MiniRepo) -> None:
    repo.edit(PLAN, "first: 2024-Q3", "first: 2024-Q1\n  last: 2024-H1")
    f = repo.one("PT207", only=[REPORT_DZON])
    assert f.message_en.endswith("from 2024-Q1 to 2024-H1)")
    assert f.message_vi.endswith("từ 2024-Q1 đến 2024-H1)")
    assert_bilingual(f)


def test_pt208_unit_not_alive_in_the_period(repo: MiniRepo) -> None:
    repo.edit(UNIT_DZON, "kind: commune", "kind: commune\nvalid_from: 2024-10-01")
    f = repo.one("PT208")
    assert place(f) == (
        "PT208",
        "error",
        REPORT_DZON,
        *repo.pos(REPORT_DZON, "xa-tra-dzon"),
        "unit",
    )
    assert f.message_en == (
        "unit 'xa-tra-dzon' is not alive in period 2024-Q3 (2023-12-15 – 2024-09-14)"
    )
    assert_bilingual(f)


def test_pt230_report_of_a_unit_gone_before_the_cutoff(repo: MiniRepo) -> None:
    # Trà Dơn ends on 31/07, inside 2024-Q3 (cut-off 14/09), and reports anyway
    repo.edit(UNIT_DZON, "kind: commune", "kind: commune\nvalid_until: 2024-07-31")
    f = repo.one("PT230")
    assert place(f) == (
        "PT230",
        "warning",
        REPORT_DZON,
        *repo.pos(REPORT_DZON, "xa-tra-dzon"),
        "unit",
    )
    assert f.message_en == (
        "unit 'xa-tra-dzon' ended on 2024-07-31, before the cut-off 2024-09-14 of 2024-Q3; "
        "its tasks passed to its successors (—) and this report is not consolidated"
    )
    assert_bilingual(f)


def test_pt209_assigned_task_missing(repo: MiniRepo) -> None:
    text = repo.read(REPORT_DON)
    start = text.index("  - task: t2")
    repo.write(REPORT_DON, text[:start] + text[text.index("indicators:") :])
    f = repo.one("PT209")
    assert place(f) == ("PT209", "warning", REPORT_DON, *repo.pos(REPORT_DON, "tasks:"), "tasks")
    assert f.message_vi == "Báo cáo thiếu nhiệm vụ được giao 't2': Tổ chức đối thoại với người dân"
    assert_bilingual(f, "Tổ chức đối thoại với người dân")


def test_pt210_task_not_assigned(repo: MiniRepo) -> None:
    repo.edit(REPORT_PNV, "  - task: t3", "  - task: t2\n    state: not-started\n  - task: t3")
    f = repo.one("PT210")
    assert place(f) == ("PT210", "error", REPORT_PNV, *repo.pos(REPORT_PNV, "t2"), "tasks[1].task")
    assert f.message_en == "task 't2' is not assigned to unit 'phong-noi-vu'"
    assert_bilingual(f)
    # t2 is recurring: the entry is still checked
    assert repo.codes() == {"PT210", "PT224"}


def test_pt211_duplicate_task_entry(repo: MiniRepo) -> None:
    repo.edit(REPORT_PNV, "  - task: t3", "  - task: t1\n    state: not-started\n  - task: t3")
    f = repo.one("PT211")
    line, column = repo.pos(REPORT_PNV, "t1", nth=2)
    assert place(f) == ("PT211", "error", REPORT_PNV, line, column, "tasks[1].task")
    assert f.message_en == "task 't1' is reported twice (first at entry 1)"
    assert_bilingual(f)


def test_pt212_done_without_a_date(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    completed: 2024-09-10\n", "")
    f = repo.one("PT212")
    assert place(f) == (
        "PT212",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "done"),
        "tasks[0].state",
    )
    assert_bilingual(f)


def test_pt213_completed_after_the_cutoff(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "completed: 2024-09-10", "completed: 2024-09-15")
    f = repo.one("PT213", today=dt.date(2024, 10, 1))
    line, column = repo.pos(REPORT_DON, "2024-09-15")
    assert place(f) == ("PT213", "error", REPORT_DON, line, column, "tasks[0].completed")
    assert f.message_en == (
        "completion date 2024-09-15 is after the cut-off 2024-09-14 of period 2024-Q3"
    )
    assert_bilingual(f)


def test_pt213_not_on_the_cutoff_day(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "completed: 2024-09-10", "completed: 2024-09-14")
    repo.edit(REPORT_DON, "date: 2024-09-10", "date: 2024-09-13")
    assert repo.check() == []


def test_pt214_full_progress_but_not_done(repo: MiniRepo) -> None:
    repo.edit(REPORT_PNV, "progress: 50", "progress: 100")
    f = repo.one("PT214")
    line, column = repo.pos(REPORT_PNV, "100")
    assert place(f) == ("PT214", "error", REPORT_PNV, line, column, "tasks[0].progress")
    assert f.message_en == "progress is 100% but the state is 'in-progress'"
    assert_bilingual(f)


def test_pt215_completion_date_but_not_done(repo: MiniRepo) -> None:
    repo.edit(REPORT_PNV, "progress: 50", "progress: 50\n    completed: 2024-09-01")
    f = repo.one("PT215")
    line, column = repo.pos(REPORT_PNV, "2024-09-01")
    assert place(f) == ("PT215", "warning", REPORT_PNV, line, column, "tasks[0].completed")
    assert_bilingual(f)


def test_pt216_evidence_dated_after_submission(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "date: 2024-09-10", "date: 2024-09-14")
    f = repo.one("PT216")
    line, column = repo.pos(REPORT_DON, "2024-09-14")
    assert place(f) == ("PT216", "error", REPORT_DON, line, column, "tasks[0].evidence[0].date")
    assert f.message_en == (
        "evidence '12/TB-UBND' dated 2024-09-14 is after the report's submission on 2024-09-13"
    )
    assert_bilingual(f)


def test_pt217_ids_that_collide_when_folded(repo: MiniRepo) -> None:
    rel = "data/units/xatradon.yaml"
    repo.write(rel, "id: xatradon\nname: Văn phòng\nkind: office\n")
    f = repo.one("PT217")
    assert place(f) == ("PT217", "error", rel, 1, 5, "id")
    assert f.message_en == "id 'xatradon' collides with 'xa-tra-don' ignoring case and separators"
    assert_bilingual(f)


def test_pt218_duplicate_unit_id(repo: MiniRepo) -> None:
    rel = "data/units/xa-tra-mai.yaml"
    repo.write(rel, "id: xa-tra-don\nname: UBND xã Trà Mai\nkind: commune\n")
    f = repo.one("PT218")
    assert place(f) == ("PT218", "error", rel, 1, 5, "id")
    assert f.message_vi == "Mã 'xa-tra-don' đã dùng cho đơn vị khác"
    assert f.message_en == "id 'xa-tra-don' is already used by another unit"
    assert_bilingual(f)


def test_pt218_duplicate_task_id(repo: MiniRepo) -> None:
    repo.edit(PLAN, "  - id: t3", "  - id: t2")
    f = repo.one("PT218")
    line, column = repo.pos(PLAN, "t2", nth=2)
    assert place(f) == ("PT218", "error", PLAN, line, column, "tasks[2].id")
    assert f.message_en == "id 't2' is already used by another task"
    assert_bilingual(f)


def test_pt218_group_named_like_a_unit(repo: MiniRepo) -> None:
    repo.edit(PLAN, "  - id: cac-xa", "  - id: phong-noi-vu")
    f = repo.one("PT218")
    line, column = repo.pos(PLAN, "phong-noi-vu")
    assert place(f) == ("PT218", "error", PLAN, line, column, "groups[0].id")


def test_pt219_file_name_differs_from_unit_id(repo: MiniRepo) -> None:
    repo.path(UNIT_DZON).rename(repo.path("data/units/xa-tra-dzon-cu.yaml"))
    rel = "data/units/xa-tra-dzon-cu.yaml"
    f = repo.one("PT219")
    assert place(f) == ("PT219", "error", rel, 2, 5, "id")
    assert f.message_en == (
        "file 'xa-tra-dzon-cu.yaml' holds id 'xa-tra-dzon'; it must be named 'xa-tra-dzon.yaml'"
    )
    assert_bilingual(f)


def test_pt219_file_name_differs_from_index_id(repo: MiniRepo) -> None:
    repo.path(INDEX_PAPI).rename(repo.path("data/indices/papi-2024.yaml"))
    f = repo.one("PT219")
    assert place(f) == ("PT219", "error", "data/indices/papi-2024.yaml", 2, 5, "id")


def test_pt220_successor_problems(repo: MiniRepo) -> None:
    repo.edit(UNIT_DZON, "kind: commune", "kind: commune\nsuccessors: [xa-tra-dzon, xa-moi]")
    found = [f for f in repo.check() if f.code == "PT220"]
    assert [place(f) for f in found] == [
        ("PT220", "error", UNIT_DZON, *repo.pos(UNIT_DZON, "[xa-tra-dzon"), "successors"),
        ("PT220", "error", UNIT_DZON, *repo.pos(UNIT_DZON, "xa-tra-dzon,"), "successors[0]"),
        ("PT220", "error", UNIT_DZON, *repo.pos(UNIT_DZON, "xa-moi"), "successors[1]"),
    ]
    assert [f.message_en for f in found] == [
        "successor 'xa-tra-dzon, xa-moi': a unit with successors needs valid_until",
        "successor 'xa-tra-dzon': a unit cannot succeed itself",
        "successor 'xa-moi': no such unit",
    ]
    for f in found:
        assert_bilingual(f)


def test_pt221_window_ends_before_it_starts(repo: MiniRepo) -> None:
    repo.edit(
        UNIT_DZON, "kind: commune", "kind: commune\nvalid_from: 2024-05-01\nvalid_until: 2024-04-30"
    )
    f = repo.one("PT221")
    assert place(f) == (
        "PT221",
        "error",
        UNIT_DZON,
        *repo.pos(UNIT_DZON, "2024-04-30"),
        "valid_until",
    )
    assert f.message_en == "end date 2024-04-30 is before start date 2024-05-01"
    assert_bilingual(f)


def test_pt222_ratio_without_its_parts(repo: MiniRepo) -> None:
    repo.edit(PLAN, "numerator: ho-so-dung-han", "numerator: ho-so-da-giai-quyet")
    f = repo.one("PT222")
    line, column = repo.pos(PLAN, "id: ty-le-dung-han")
    assert place(f) == ("PT222", "error", PLAN, line, column, "indicators[2]")
    assert_bilingual(f)


def test_pt223_ratio_entered_by_hand(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "ho-so-dung-han: 115", "ho-so-dung-han: 115\n  ty-le-dung-han: 95.8")
    f = repo.one("PT223")
    line, column = repo.pos(REPORT_DON, "ty-le-dung-han:")
    assert place(f) == ("PT223", "warning", REPORT_DON, line, column, "indicators.ty-le-dung-han")
    assert f.message_en == (
        "indicator 'ty-le-dung-han' is a ratio computed from ho-so-dung-han/ho-so-tiep-nhan; "
        "the entered value is ignored"
    )
    assert_bilingual(f)


def test_pt224_recurring_task_without_carried_out(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    carried_out: true\n", "")
    f = repo.one("PT224")
    line, column = repo.pos(REPORT_DON, "t2")
    assert place(f) == ("PT224", "warning", REPORT_DON, line, column, "tasks[1].task")
    assert_bilingual(f)


def test_pt225_unknown_section(repo: MiniRepo) -> None:
    repo.edit(PLAN, "section: pl2\n    title: Tổ chức", "section: pl3\n    title: Tổ chức")
    f = repo.one("PT225")
    assert place(f) == ("PT225", "error", PLAN, *repo.pos(PLAN, "pl3"), "tasks[1].section")
    assert f.message_en == "no section 'pl3' in the plan's sections"
    assert_bilingual(f)


def test_pt226_submitted_after_today(repo: MiniRepo) -> None:
    f = repo.one("PT226", today=dt.date(2024, 9, 17))
    assert place(f) == (
        "PT226",
        "error",
        REPORT_DZON,
        *repo.pos(REPORT_DZON, "2024-09-18"),
        "submitted",
    )
    assert f.message_en == "submission date 2024-09-18 is after today (2024-09-17)"
    assert_bilingual(f)
    assert repo.check(today=dt.date(2024, 9, 18)) == []


def test_pt227_score_outside_its_scale(repo: MiniRepo) -> None:
    repo.edit(INDEX_PAPI, "D3: 3.9765", "D3: 39.765")
    f = repo.one("PT227")
    line, column = repo.pos(INDEX_PAPI, "39.765")
    assert place(f) == ("PT227", "warning", INDEX_PAPI, line, column, "observations[0].scores.D3")
    assert f.message_en == "score 39.765 of 'D3' is outside the scale 1.0–10.0"
    assert_bilingual(f)


def test_pt227_total_outside_the_index_scale(repo: MiniRepo) -> None:
    repo.edit(INDEX_PAPI, "total: 41.0045", "total: 81")
    f = repo.one("PT227")
    line, column = repo.pos(INDEX_PAPI, "81")
    assert place(f) == ("PT227", "warning", INDEX_PAPI, line, column, "observations[0].total")


def test_pt229_plan_missing(repo: MiniRepo) -> None:
    repo.path(PLAN).unlink()
    f = repo.one("PT229")
    assert place(f) == ("PT229", "error", PLAN, None, None, "")
    assert_bilingual(f)
    # reports are still read for their own structure, but no rule runs against a plan
    repo.edit(REPORT_DON, "state: done", "state: finished")
    assert repo.codes() == {"PT229", "PT104"}


def test_a_broken_unit_file_is_reported_once_where_it_breaks(repo: MiniRepo) -> None:
    repo.edit(UNIT_DON, "kind: commune", "kind: [commune]")
    codes = [(f.code, f.path) for f in repo.check()]
    assert [path for _, path in codes if path == UNIT_DON] == [UNIT_DON]


def test_pt235_unit_kind_neither_default_nor_declared(repo: MiniRepo) -> None:
    repo.edit(UNIT_DON, "kind: commune", "kind: lang")
    f = repo.one("PT235")
    assert place(f)[:3] == ("PT235", "error", UNIT_DON)
    assert_bilingual(f)
    declared = "unit_kinds:\n  - {id: lang, name: làng, plural: các làng}\ngroups:"
    repo.edit(PLAN, "\ngroups:", "\n" + declared)
    assert "PT235" not in repo.codes()


@pytest.mark.parametrize(
    "kind", ["hamlet", "residential-group", "ward", "special-zone", "provincial-department"]
)
def test_default_kinds_include_the_two_tier_vocabulary(repo: MiniRepo, kind: str) -> None:
    repo.edit(UNIT_DON, "kind: commune", f"kind: {kind}")
    assert "PT235" not in repo.codes()


def test_transfers_name_known_tasks_and_units_and_need_an_end(repo: MiniRepo) -> None:
    repo.edit(
        UNIT_DON,
        "kind: commune",
        "kind: commune\ntransfers:\n  - tasks: [khong-co]\n    to: [khong-ai, xa-tra-don]",
    )
    found = sorted((f.code, f.path, f.message_en) for f in repo.check() if f.path == UNIT_DON)
    assert [code for code, _, _ in found] == ["PT202", "PT220", "PT220", "PT220"]
    assert any("valid_until" in message for _, _, message in found)
    assert any("succeed itself" in message for _, _, message in found)
