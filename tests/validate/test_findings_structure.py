"""PT1xx: a file's own structure, each finding located at its line, column and key path."""

from __future__ import annotations

from tests.conftest import (
    INDEX_PAPI,
    PLAN,
    REPORT_DON,
    UNIT_DON,
    MiniRepo,
    assert_bilingual,
    place,
)


def test_pt101_unknown_key_suggests_the_close_key(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    progress: 100", "    progres: 100")
    f = repo.one("PT101")
    assert place(f) == (
        "PT101",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "progres:"),
        "tasks[0].progres",
    )
    assert f.message_vi == "Khóa 'progres' không có trong mẫu mục nhiệm vụ"
    assert f.message_en == "unknown key 'progres' in a task entry"
    assert f.hint_vi == "Có phải ý bạn là 'progress'?"
    assert f.hint_en == "Did you mean 'progress'?"
    assert_bilingual(f)
    assert repo.codes() == {"PT101"}


def test_pt101_unknown_key_without_close_match_lists_allowed_keys(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "proposals:", "zzz: 1\nproposals:")
    f = repo.one("PT101")
    assert place(f) == ("PT101", "error", REPORT_DON, *repo.pos(REPORT_DON, "zzz:"), "zzz")
    assert f.hint_en.startswith("Allowed keys: ")
    assert "indicators" in f.hint_en and "tasks" in f.hint_en
    assert f.hint_vi.startswith("Các khóa được phép: ")
    assert "a report" in f.message_en
    assert_bilingual(f)


def test_pt101_in_the_plan(repo: MiniRepo) -> None:
    repo.edit(PLAN, "issuer: UBND", "isuer: UBND")
    f = repo.one("PT101")
    assert place(f) == ("PT101", "error", PLAN, *repo.pos(PLAN, "isuer:"), "isuer")
    assert f.hint_en == "Did you mean 'issuer'?"
    assert f.message_en == "unknown key 'isuer' in the plan"


def test_pt102_missing_key_points_at_its_mapping(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    state: done\n", "")
    f = repo.one("PT102")
    # the entry that lacks the key starts at "task: t1" of its first line
    line, column = repo.pos(REPORT_DON, "task: t1")
    assert place(f) == ("PT102", "error", REPORT_DON, line, column, "tasks[0].state")
    assert f.message_vi == "Thiếu khóa bắt buộc 'state'"
    assert f.message_en == "missing required key 'state'"
    assert f.hint_en == "Add 'state:' to this entry."
    assert_bilingual(f)


def test_pt102_missing_top_level_key_points_at_the_document(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "period: 2024-Q3\n", "")
    f = repo.one("PT102")
    assert place(f) == ("PT102", "error", REPORT_DON, 2, 1, "period")


def test_pt103_wrong_type(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "progress: 100", "progress: nhiều")
    f = repo.one("PT103")
    assert place(f) == (
        "PT103",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "nhiều"),
        "tasks[0].progress",
    )
    assert f.message_vi == "Giá trị 'nhiều' không đúng kiểu: cần số nguyên"
    assert f.message_en == "value 'nhiều' has the wrong type: expected a whole number"
    assert_bilingual(f)


def test_pt103_a_scalar_where_a_list_belongs(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "proposals:\n  - Đề nghị", "proposals: Đề nghị")
    f = repo.one("PT103")
    assert place(f) == ("PT103", "error", REPORT_DON, *repo.pos(REPORT_DON, "Đề nghị"), "proposals")
    assert "danh sách" in f.message_vi
    assert "a list" in f.message_en


def test_pt104_value_not_allowed(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "state: done", "state: finished")
    f = repo.one("PT104")
    assert place(f) == (
        "PT104",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "finished"),
        "tasks[0].state",
    )
    assert "'not-started', 'in-progress', 'done'" in f.message_vi
    assert f.message_en.startswith("value 'finished' is not allowed; expected one of: ")
    assert_bilingual(f)


def test_pt105_impossible_date(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "completed: 2024-09-10", "completed: 2024-02-30")
    f = repo.one("PT105")
    assert place(f) == (
        "PT105",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "2024-02-30"),
        "tasks[0].completed",
    )
    assert f.message_vi.startswith("Ngày '2024-02-30' không hợp lệ")
    assert f.message_en.startswith("invalid date '2024-02-30'")
    assert_bilingual(f)


def test_pt105_date_in_another_form(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "submitted: 2024-09-13", "submitted: 13/9/2024")
    f = repo.one("PT105")
    assert place(f) == (
        "PT105",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "13/9/2024"),
        "submitted",
    )


def test_pt106_invalid_id(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "unit: xa-tra-don", "unit: xã trà don")
    f = repo.one("PT106")
    assert place(f) == ("PT106", "error", REPORT_DON, *repo.pos(REPORT_DON, "xã trà don"), "unit")
    assert "không phải mã hợp lệ" in f.message_vi
    assert "is not a valid id" in f.message_en
    assert_bilingual(f)


def test_pt107_out_of_range(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "progress: 100", "progress: 150")
    f = repo.one("PT107")
    assert place(f) == (
        "PT107",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, "150"),
        "tasks[0].progress",
    )
    assert f.message_vi == "Giá trị 150 ngoài phạm vi: phải nhỏ hơn hoặc bằng 100"
    assert f.message_en == "value 150 out of range: must be at most 100"
    assert_bilingual(f)


def test_pt107_below_range(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "progress: 100", "progress: -5")
    f = repo.one("PT107")
    assert f.message_en == "value -5 out of range: must be at least 0"
    assert f.message_vi == "Giá trị -5 ngoài phạm vi: phải lớn hơn hoặc bằng 0"


def test_pt108_invalid_period(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "period: 2024-Q3", "period: 2024-Q5")
    f = repo.one("PT108")
    assert place(f) == ("PT108", "error", REPORT_DON, *repo.pos(REPORT_DON, "2024-Q5"), "period")
    assert f.message_vi == "'2024-Q5' không phải kỳ báo cáo hợp lệ"
    assert f.message_en == "'2024-Q5' is not a valid period"
    assert_bilingual(f)


def test_pt109_invalid_task_time(repo: MiniRepo) -> None:
    repo.edit(PLAN, "time: Quý III/2024", "time: Quý V/2024")
    f = repo.one("PT109")
    assert place(f) == ("PT109", "error", PLAN, *repo.pos(PLAN, "Quý V/2024"), "tasks[0].time")
    assert f.message_vi.startswith("Thời gian 'Quý V/2024' không hợp lệ: thời gian phải là")
    assert f.message_en.startswith("invalid task time 'Quý V/2024': ")
    examples = ("Tháng 12/2026", "Quý III/2026", "6 tháng đầu năm 2026", "Năm 2026", "Thường xuyên")
    assert_bilingual(f, *examples)
    # a broken plan leaves nothing to check reports against: no cascade of findings
    assert repo.codes() == {"PT109"}


def test_pt109_impossible_day_in_task_time(repo: MiniRepo) -> None:
    repo.edit(PLAN, "time: Quý III/2024", "time: 31/2/2024")
    f = repo.one("PT109")
    assert (
        f.message_vi == "Thời gian '31/2/2024' không hợp lệ: không có ngày hoặc tháng '31/2/2024'"
    )


def test_pt110_invalid_email(repo: MiniRepo) -> None:
    repo.edit(UNIT_DON, "authors: [xa-tra-don@example.vn]", "authors: [xa-tra-don]")
    f = repo.one("PT110")
    line, column = repo.pos(UNIT_DON, "xa-tra-don]")
    assert place(f) == ("PT110", "error", UNIT_DON, line, column, "authors[0]")
    assert f.message_vi.startswith("Giá trị 'xa-tra-don' không hợp lệ: không đúng mẫu")
    assert f.message_en.startswith("invalid value 'xa-tra-don': does not match the pattern")
    assert_bilingual(f)


def test_pt110_day_that_does_not_exist_in_schedule(repo: MiniRepo) -> None:
    # used to crash check: 09-31 passed the MM-DD pattern and broke make_period
    repo.edit(PLAN, 'cutoff: "09-14"', 'cutoff: "09-31"')
    f = repo.one("PT110")
    line, column = repo.pos(PLAN, '"09-31"')
    assert place(f) == ("PT110", "error", PLAN, line, column, "reporting.schedule.Q3.cutoff")
    assert f.message_vi == "Giá trị '09-31' không hợp lệ: không có ngày 09-31"
    assert f.message_en == "invalid value '09-31': there is no day 09-31"


def test_pt110_component_reference_is_not_reported_as_an_id(repo: MiniRepo) -> None:
    repo.edit(PLAN, "targets: [SIPAS.F2]", "targets: [SIPAS]")
    f = repo.one("PT110")
    assert place(f) == ("PT110", "error", PLAN, *repo.pos(PLAN, "SIPAS]"), "tasks[0].targets[0]")


def test_pt110_empty_text(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "results: Đã niêm yết", 'results: ""\n    next_steps: Đã niêm yết')
    f = repo.one("PT110")
    assert place(f) == (
        "PT110",
        "error",
        REPORT_DON,
        *repo.pos(REPORT_DON, '""'),
        "tasks[0].results",
    )
    assert f.message_vi == "Giá trị '' không hợp lệ: cần ít nhất 1 ký tự"
    assert_bilingual(f)


def test_pt111_nan(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "ho-so-tiep-nhan: 120", "ho-so-tiep-nhan: .nan")
    f = repo.one("PT111")
    line, column = repo.pos(REPORT_DON, ".nan")
    assert place(f) == ("PT111", "error", REPORT_DON, line, column, "indicators.ho-so-tiep-nhan")
    assert f.message_vi == "Giá trị nan không phải số hữu hạn"
    assert f.message_en == "value nan is not a finite number"
    assert_bilingual(f)


def test_pt111_infinity_in_an_index(repo: MiniRepo) -> None:
    repo.edit(INDEX_PAPI, "total: 41.0045", "total: .inf")
    f = repo.one("PT111")
    assert place(f) == (
        "PT111",
        "error",
        INDEX_PAPI,
        *repo.pos(INDEX_PAPI, ".inf"),
        "observations[0].total",
    )


def test_several_schema_findings_in_one_file_are_all_reported(repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "state: done", "state: finished")
    repo.edit(REPORT_DON, "progress: 100", "progress: 150")
    repo.edit(REPORT_DON, "    carried_out: true", "    carried: true")
    found = [f for f in repo.check() if f.path == REPORT_DON]
    assert [f.code for f in found] == ["PT104", "PT107", "PT101"]
    assert [f.line for f in found] == sorted(f.line or 0 for f in found)
