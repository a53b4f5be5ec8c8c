"""The audit of inspections on a real history: a deadline moved (PT413), a finding deleted
(PT414), a fix recorded after the deadline yet dated within it (PT415). Inspections are named
by their conclusion notice (else their decision, else their title), findings by their text;
their ids stay in the keys and the JSON details."""

from __future__ import annotations

from plantrack.app.audit import run_audit
from plantrack.render.audit import audit_text
from tests.audit.conftest import CLERK, DON, Repo

INSP = "data/inspections/2024/kt-1.yaml"
BODY = """\
id: kt-1
kind: dot-xuat
title: Kiểm tra đột xuất
lead: phong-noi-vu
visits:
  - {unit: xa-tra-don, date: 2024-08-21}
findings:
  - id: kt-1-01
    unit: xa-tra-don
    category: Kỷ luật
    text: Công chức đi muộn.
    fix_by: 2024-09-30
  - id: kt-1-02
    unit: xa-tra-don
    category: Một cửa
    text: Sổ ghi thiếu.
    fix_by: 2024-09-30
"""


def codes(repo: Repo) -> list[tuple[str, str]]:
    return [
        (f.finding.code, f.finding.key)
        for f in run_audit(repo.root).findings
        if f.finding.code in ("PT413", "PT414", "PT415")
    ]


def test_a_clean_inspection_history_has_no_finding(mini: Repo) -> None:
    mini.write(INSP, BODY)
    mini.commit("2024-09-04", CLERK, "Kết luận kiểm tra")
    mini.edit(
        INSP,
        "    fix_by: 2024-09-30\n  - id: kt-1-02",
        "    fix_by: 2024-09-30\n    fixes: [{date: 2024-09-20}]\n  - id: kt-1-02",
    )
    mini.commit("2024-09-21", CLERK, "Khắc phục")
    assert codes(mini) == []


def test_moved_deadline_and_deleted_finding(mini: Repo) -> None:
    mini.write(INSP, BODY)
    mini.commit("2024-09-04", CLERK, "Kết luận kiểm tra")
    mini.edit(
        INSP,
        "    text: Công chức đi muộn.\n    fix_by: 2024-09-30",
        "    text: Công chức đi muộn.\n    fix_by: 2024-10-31",
    )
    moved = mini.commit("2024-10-02", CLERK, "Gia hạn")
    text = mini.read(INSP)
    mini.write(INSP, text[: text.index("  - id: kt-1-02")])
    mini.commit("2024-10-03", CLERK, "Bỏ tồn tại")
    result = run_audit(mini.root)
    found = {f.finding.code: f for f in result.findings if f.finding.code in ("PT413", "PT414")}
    assert found["PT413"].commit == moved
    assert found["PT413"].finding.message_en.endswith(": 30/09/2024 → 31/10/2024")
    assert found["PT413"].finding.key == "findings[kt-1-01].fix_by"
    # a deleted finding is named by its text in the version of the file that had it
    assert 'removed finding "Sổ ghi thiếu"' in found["PT414"].finding.message_en
    assert found["PT414"].details["finding_id"] == "kt-1-02"
    assert 'tồn tại "Công chức đi muộn"' in found["PT413"].finding.message_vi
    text = audit_text(result, "vi")
    assert "Hồ sơ kiểm tra “Kiểm tra đột xuất”" in text and "kt-1" not in text


def test_a_fix_recorded_late_but_dated_in_time(mini: Repo) -> None:
    mini.write(INSP, BODY)
    mini.commit("2024-09-04", CLERK, "Kết luận kiểm tra")
    rel = "data/reports/2024-Q3/xa-tra-don.yaml"
    mini.write(rel, mini.read(rel) + "fixes:\n  - {finding: kt-1-01, date: 2024-09-28}\n")
    late = mini.commit("2024-10-05", DON, "Báo cáo khắc phục")
    result = run_audit(mini.root)
    (f,) = [f for f in result.findings if f.finding.code == "PT415"]
    assert (f.commit, f.file) == (late, rel)
    assert "dated 28/09/2024 (within the deadline 30/09/2024) 5 days after" in f.finding.message_en
    assert f.details["fixed"] == "2024-09-28"  # the machine output keeps ISO dates


def test_an_inspection_is_named_by_its_conclusion_and_a_finding_by_its_text(mini: Repo) -> None:
    concluded = BODY.replace(
        "visits:",
        "conclusion: {number: 50/TB-PNV, date: 2024-09-03, title: Kết luận kiểm tra}\nvisits:",
    )
    mini.write(INSP, concluded)
    mini.commit("2024-09-04", CLERK, "Kết luận kiểm tra")
    mini.edit(INSP, "fix_by: 2024-09-30\n  - id: kt-1-02", "fix_by: 2024-10-15\n  - id: kt-1-02")
    mini.commit("2024-09-20", CLERK, "Gia hạn")
    result = run_audit(mini.root)
    text = audit_text(result, "vi")
    assert "Hồ sơ kiểm tra theo Thông báo kết luận số 50/TB-PNV ngày 03/09/2024" in text
    assert 'Đổi thời hạn khắc phục của tồn tại "Công chức đi muộn"' in text
    assert "kt-1" not in text
    assert "(kt-1)" in audit_text(result, "vi", ids=True)  # the file's id on request
    (f,) = [f for f in result.findings if f.finding.code == "PT413"]
    subject = f.to_dict()["subject"]
    assert (subject["name"], subject["doc_number"], subject["doc_date"]) == (
        "kt-1",
        "50/TB-PNV",
        "2024-09-03",
    )
    assert f.details["finding_id"] == "kt-1-01" and f.finding.key == "findings[kt-1-01].fix_by"
