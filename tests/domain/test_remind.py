"""Who owes what: missing and late reports, overdue tasks, contacts (mini fixture, no git)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from plantrack import api
from plantrack.domain.remind import Reminder, reminder, working_days_after

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
REPORTS = Path("data") / "reports" / "2024-Q3"
CONTACT = (
    "contacts:\n  - {name: Hồ Thị Lan, title: Công chức Văn phòng, phone: '0905 123 456', "
    "email: lan@example.vn}\n"
)


def make_repo(tmp_path: Path, *, drop: str | None = "xa-tra-don") -> Path:
    """The mini fixture in ``tmp_path`` (no git): ``drop``'s report removed, contacts and
    document settings added."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    if drop:
        (repo / REPORTS / f"{drop}.yaml").unlink()
    unit = repo / "data" / "units" / "xa-tra-don.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + CONTACT, encoding="utf-8")
    plan = repo / "data" / "plan.yaml"
    settings = (
        "  document:\n    parent_body: UBND huyện Nam Trà My\n    issuing_body: PHÒNG NỘI VỤ\n"
        "    code: BC-PNV\n    place: Nam Trà My\n    signer_authority: TRƯỞNG PHÒNG\n"
        "  schedule:\n"
    )
    plan.write_text(plan.read_text(encoding="utf-8").replace("  schedule:\n", settings), "utf-8")
    return repo


def remind_at(repo: Path, day: dt.date, **kwargs: object) -> Reminder:
    prepared = api.prepare_consolidation(repo, "2024-Q3", as_of=day)
    assert prepared.vm is not None, prepared.errors
    return reminder(prepared.vm, **kwargs)  # type: ignore[arg-type]


def test_missing_late_and_overdue_after_the_deadline(tmp_path: Path) -> None:
    rem = remind_at(make_repo(tmp_path), dt.date(2024, 10, 5))
    by_id = {u.unit_id: u for u in rem.units}
    # phong-noi-vu only supports t1: it owes no overdue task (the lead units do)
    assert set(by_id) == {"xa-tra-don", "xa-tra-dzon"}
    don, dzon = by_id["xa-tra-don"], by_id["xa-tra-dzon"]
    assert don.report == "missing" and don.owes_report and don.submitted is None
    assert [(t.task_id, t.reported, t.days_overdue) for t in don.overdue] == [("t1", False, 5)]
    assert don.contacts == ["Hồ Thị Lan, Công chức Văn phòng, 0905 123 456, lan@example.vn"]
    assert dzon.report == "late" and dzon.days_late == 3
    assert dzon.submitted == dt.date(2024, 9, 18)
    task = dzon.overdue[0]
    assert (task.task_id, task.title, task.deadline, task.progress) == (
        "t1",
        "Niêm yết công khai thủ tục hành chính",
        dt.date(2024, 9, 30),
        60,
    )
    assert [u.unit_id for u in rem.addressees] == [
        "xa-tra-don",
        "xa-tra-dzon",
    ]
    assert rem.sender == "Phòng Nội vụ"
    assert [u.unit_id for u in rem.missing] == ["xa-tra-don"]
    assert [u.unit_id for u in rem.late] == ["xa-tra-dzon"]
    assert rem.due_passed and rem.reply_by == dt.date(2024, 10, 11)


def test_before_the_task_deadline_only_reports_are_owed(tmp_path: Path) -> None:
    rem = remind_at(make_repo(tmp_path), dt.date(2024, 9, 20))
    assert [(u.unit_id, u.report, len(u.overdue)) for u in rem.units] == [
        ("xa-tra-don", "missing", 0),
        ("xa-tra-dzon", "late", 0),
    ]


def test_a_report_that_arrived_after_the_date_was_still_missing(tmp_path: Path) -> None:
    rem = remind_at(make_repo(tmp_path, drop=None), dt.date(2024, 9, 16))
    assert [(u.unit_id, u.report) for u in rem.units] == [("xa-tra-dzon", "missing")]


def test_before_the_due_date_the_reply_is_due_on_it(tmp_path: Path) -> None:
    rem = remind_at(make_repo(tmp_path), dt.date(2024, 9, 10))
    assert not rem.due_passed and rem.reply_by == dt.date(2024, 9, 15)
    assert [u.unit_id for u in rem.missing] == ["xa-tra-don", "xa-tra-dzon", "phong-noi-vu"]


def test_nobody_owes_anything(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, drop=None)
    late = repo / REPORTS / "xa-tra-dzon.yaml"
    late.write_text(late.read_text(encoding="utf-8").replace("2024-09-18", "2024-09-15"), "utf-8")
    rem = remind_at(repo, dt.date(2024, 9, 20))
    assert rem.units == [] and rem.addressees == []


def test_explicit_consolidator_and_reply_date(tmp_path: Path) -> None:
    rem = remind_at(
        make_repo(tmp_path),
        dt.date(2024, 10, 5),
        consolidator="xa-tra-dzon",
        reply_by=dt.date(2024, 10, 20),
    )
    assert [u.unit_id for u in rem.addressees] == ["xa-tra-don"]
    assert rem.sender == "UBND xã Trà Dơn" and rem.reply_by == dt.date(2024, 10, 20)


def test_working_days_skip_weekends() -> None:
    assert working_days_after(dt.date(2024, 10, 4), 1) == dt.date(2024, 10, 7)  # Fri → Mon
    assert working_days_after(dt.date(2024, 10, 5), 5) == dt.date(2024, 10, 11)


def test_sender_found_by_the_issuing_body_as_a_name_prefix(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    unit = repo / "data" / "units" / "phong-noi-vu.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("name: Phòng Nội vụ", "name: Phòng Nội vụ huyện Thử Nghiệm"))
    rem = remind_at(repo, dt.date(2024, 10, 5))
    assert rem.sender == "Phòng Nội vụ huyện Thử Nghiệm"


def test_tasks_owed_by_several_units_are_grouped(tmp_path: Path) -> None:
    rem = remind_at(make_repo(tmp_path), dt.date(2024, 10, 5))
    groups = rem.overdue_by_task
    assert [(g.task_id, g.days_overdue) for g in groups] == [("t1", 5)]
    assert [(u.unit_id, t.progress) for u, t in groups[0].units] == [
        ("xa-tra-don", None),
        ("xa-tra-dzon", 60),
    ]
