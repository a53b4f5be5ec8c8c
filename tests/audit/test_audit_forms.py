"""A report imported from an Excel form by the office, on a real history: it counts as sent on
the date the unit wrote on its form, not on the office's import day, and the audit names the
gap between the two (PT416) with the form file's SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from plantrack.app.audit import run_audit
from plantrack.app.consolidate import prepare
from plantrack.app.form_import import import_file
from plantrack.domain.submission import counted_day
from plantrack.forms.export import make_form
from plantrack.forms.layout import SHEET_GENERAL
from plantrack.validate.require import require_plan
from tests.audit.conftest import CLERK, DON, MINI, PNV, R_DON, R_DZON, R_PNV, Repo

DZON = "xa-tra-dzon"
SUBMITTED_ROW = 7  # the general sheet's "Ngày gửi báo cáo" row


def _office_imports(root: Path, sent: dt.date, entered: str) -> tuple[Repo, str, str]:
    """A history where Trà Dơn sends its form dated ``sent`` and the clerk imports and
    commits it on ``entered``; the form file's SHA-256 and the import commit."""
    repo = Repo(root).init()
    shutil.copytree(MINI / "data", root / "data")
    repo.commit("2024-07-01", CLERK, "Kế hoạch và đơn vị", ("data/plan.yaml", "data/units"))
    repo.commit("2024-09-13", DON, "Báo cáo", (R_DON,))
    repo.commit("2024-09-14", PNV, "Báo cáo", (R_PNV,))
    data, findings = make_form(require_plan(root), DZON, "2024-Q3")
    assert data is not None, findings
    form = root.parent / "bieu-mau.xlsx"
    form.write_bytes(data)
    wb = load_workbook(form)
    ws: Any = wb[SHEET_GENERAL]
    assert ws.cell(row=SUBMITTED_ROW, column=1).value.startswith("Ngày gửi báo cáo")
    ws.cell(row=SUBMITTED_ROW, column=2).value = dt.datetime.combine(sent, dt.time())
    wb.save(form)
    (root / R_DZON).unlink()
    done = import_file(root, form, today=dt.date.fromisoformat(entered))
    assert done.outcome == "written", done.result.findings
    commit = repo.commit(entered, CLERK, "Nhập biểu mẫu của xã Trà Dơn", (R_DZON,))
    return repo, hashlib.sha256(form.read_bytes()).hexdigest(), commit


def test_the_office_delay_is_not_the_units(tmp_path: Path) -> None:
    repo, digest, commit = _office_imports(tmp_path / "repo", dt.date(2024, 9, 14), "2024-09-25")
    findings = run_audit(repo.root).findings
    (gap,) = [f for f in findings if f.finding.code == "PT416"]
    assert (gap.commit, gap.file, gap.severity) == (commit, R_DZON, "warning")
    message = gap.finding.message_vi
    assert "biểu mẫu Excel ghi ngày gửi 14/09/2024, 11 ngày sau ngày ghi trên biểu mẫu" in message
    assert gap.details["submitted"] == "2024-09-14"  # ISO for machines
    assert "(hạn gửi 15/09/2024)" in message and "commit" not in message.casefold()
    assert "2024-09" not in message and digest in gap.finding.hint_vi
    # the import after the due date is not a late change of the report: the form was on time
    assert not [f for f in findings if f.finding.code == "PT402" and f.file == R_DZON]
    prepared = prepare(repo.root, "2024-Q3", as_of=dt.date(2024, 9, 30))
    assert prepared.vm is not None
    sub = next(u.submission for u in prepared.vm.units if u.id == DZON)
    assert (sub.status, sub.effective) == ("on-time", dt.date(2024, 9, 14))


def test_a_form_dated_after_the_due_date_is_late_by_its_own_date(tmp_path: Path) -> None:
    repo, _, _ = _office_imports(tmp_path / "repo", dt.date(2024, 9, 18), "2024-09-25")
    findings = run_audit(repo.root).findings
    assert [f.finding.code for f in findings if f.file == R_DZON] == ["PT402", "PT416"]
    prepared = prepare(repo.root, "2024-Q3", as_of=dt.date(2024, 9, 30))
    assert prepared.vm is not None
    sub = next(u.submission for u in prepared.vm.units if u.id == DZON)
    assert (sub.status, sub.days_late) == ("late", 3)


def test_a_form_entered_the_next_day_is_no_finding(tmp_path: Path) -> None:
    repo, _, _ = _office_imports(tmp_path / "repo", dt.date(2024, 9, 14), "2024-09-15")
    assert not [f for f in run_audit(repo.root).findings if f.finding.code == "PT416"]


def test_the_day_that_counts() -> None:
    sent, entered = dt.date(2024, 9, 14), dt.date(2024, 9, 25)
    assert counted_day(sent, entered, from_form=False) == entered  # the later of the two
    assert counted_day(sent, entered, from_form=True) == sent  # the form's own date
    assert counted_day(entered, sent, from_form=True) == sent  # never after its entry
    assert counted_day(None, entered, from_form=True) == entered
    assert counted_day(None, None, from_form=True) is None
