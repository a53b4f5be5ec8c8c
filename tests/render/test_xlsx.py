"""The Excel appendix, read back with openpyxl: sheets, headers, frozen panes, filters, typed
cells and formats, status fills, charts, text that stays text, figures equal to the
view-model's, and byte-identical output."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plantrack import api
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS
from plantrack.render.office.tables import put
from plantrack.render.xlsx.sheets import CHARTS_SHEET, SHEETS, SUBMISSION_COLOURS
from plantrack.render.xlsx.workbook import render_xlsx

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PERIOD = "2024-Q3"
HEADER = 4  # the header row of every table but the provenance one
HOSTILE = {
    "results": '=HYPERLINK("http://x")',
    "dzon": "+1",
    "difficulty": "-2",
    "next": "@SUM(A1)",
    "tab": "\t=1+2",
    "indicator": "=SUM(1;2) chỉ tiêu",
    "measure": "@hồ sơ",
}


def _prepare(root: Path) -> Consolidation:
    prepared = api.prepare_consolidation(root, PERIOD)
    assert prepared.vm is not None, [f.message_en for f in prepared.errors]
    return prepared.vm


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the mini repository (outside git) whose reports and plan hold text that a
    spreadsheet would take for a formula; Phòng Nội vụ's report is missing."""
    root = tmp_path_factory.mktemp("xlsx") / "repo"
    shutil.copytree(MINI, root)
    reports = root / "data" / "reports" / PERIOD
    _edit(
        reports / "xa-tra-don.yaml",
        "results: Đã niêm yết 98 thủ tục tại Bộ phận Một cửa.",
        f"results: '{HOSTILE['results']}'\n"
        f"    difficulties: '{HOSTILE['difficulty']}'\n"
        f"    next_steps: '{HOSTILE['next']}'",
    )
    _edit(
        reports / "xa-tra-dzon.yaml",
        "results: Đang rà soát danh mục thủ tục.",
        f"results: '{HOSTILE['dzon']}'\n    next_steps: \"\\t=1+2\"",
    )
    (reports / "phong-noi-vu.yaml").unlink()
    plan = root / "data" / "plan.yaml"
    _edit(
        plan,
        "name: Hồ sơ tiếp nhận\n    unit: hồ sơ",
        f"name: '{HOSTILE['indicator']}'\n    unit: '{HOSTILE['measure']}'",
    )
    return root


@pytest.fixture(scope="module")
def vm(hostile_repo: Path) -> Consolidation:
    return _prepare(hostile_repo)


@pytest.fixture(scope="module")
def data(vm: Consolidation) -> bytes:
    return render_xlsx(vm)


@pytest.fixture(scope="module")
def wb(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _headers(ws: Any, row: int = HEADER) -> list[str]:
    return [c.value for c in ws[row] if c.value is not None]


def _table(ws: Any, row: int = HEADER) -> list[dict[str, Any]]:
    """The data rows of the sheet's table as dicts keyed by header."""
    heads = [c.value for c in ws[row]]
    out = []
    for values in ws.iter_rows(min_row=row + 1, values_only=True):
        if all(v is None for v in values):
            break
        out.append(dict(zip(heads, values, strict=False)))
    return out


def _cell(ws: Any, header: str, row_match: dict[str, Any], row: int = HEADER) -> Any:
    """The cell under ``header`` in the first table row whose values match ``row_match``."""
    heads = [c.value for c in ws[row]]
    column = heads.index(header) + 1
    for index, values in enumerate(ws.iter_rows(min_row=row + 1, values_only=True)):
        record = dict(zip(heads, values, strict=False))
        if all(record.get(k) == v for k, v in row_match.items()):
            return ws.cell(row=row + 1 + index, column=column)
    raise AssertionError(f"no row {row_match}")


def _rgb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def test_sheets_titles_and_headers(wb: Any, vm: Consolidation) -> None:
    assert [name for name in wb.sheetnames if name != CHARTS_SHEET] == list(SHEETS)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Biểu đồ",
        "Gửi báo cáo",
        "Nhiệm vụ theo đơn vị",
        "Chi tiết nhiệm vụ",
        "Chỉ tiêu",
        "Nguồn dữ liệu",
    ]
    for ws in wb:
        title = ws["A1"].value
        assert vm.plan.title in title and vm.period.title in title
        assert ws["A1"].font.b
        assert "14/09/2024" in ws["A2"].value
    assert _headers(wb["Gửi báo cáo"])[:6] == [
        "STT",
        "Mã đơn vị",
        "Đơn vị",
        "Loại đơn vị",
        "Tình trạng",
        "Ngày gửi (trên báo cáo)",
    ]
    detail = _headers(wb["Chi tiết nhiệm vụ"])
    for head in ("Mã nhiệm vụ", "Nhiệm vụ", "Vai trò", "Hạn", "Tình trạng", "Kết quả"):
        assert head in detail
    assert [STATUS_LABELS[s][0] for s in STATUS_LABELS] == _headers(wb["Tổng hợp"])[3:10]


def test_frozen_panes_filters_widths_and_bold_headers(wb: Any) -> None:
    for ws in wb:
        if ws.title == CHARTS_SHEET:  # charts only: no table
            assert ws.freeze_panes is None and not ws.auto_filter.ref
            continue
        header = HEADER if ws.title != "Nguồn dữ liệu" else 11
        assert ws.freeze_panes == f"A{header + 1}"
        ref = ws.auto_filter.ref
        assert ref and ref.startswith(f"A{header}:")
        width = len([c for c in ws[header] if c.value is not None])
        last_col = openpyxl.utils.get_column_letter(width)
        assert ref.split(":")[1].rstrip("0123456789") == last_col
        assert int(ref.split(":")[1][len(last_col) :]) == ws.max_row
        for cell in ws[header]:
            if cell.value is not None:
                assert cell.font.b, (ws.title, cell.value)
                assert ws.column_dimensions[cell.column_letter].width >= 6
    details = wb["Chi tiết nhiệm vụ"]
    results = _cell(details, "Kết quả", {"Mã đơn vị": "xa-tra-don", "Mã nhiệm vụ": "t1"})
    assert results.alignment.wrap_text
    assert details.column_dimensions[results.column_letter].width >= 40


def test_filter_covers_every_row(wb: Any, vm: Consolidation) -> None:
    pairs = [p for t in vm.tasks for p in t.pairs]
    assert wb["Chi tiết nhiệm vụ"].auto_filter.ref == f"A4:P{HEADER + len(pairs)}"
    assert wb["Gửi báo cáo"].auto_filter.ref == f"A4:L{HEADER + len(vm.units)}"
    assert wb["Nguồn dữ liệu"].auto_filter.ref == f"A11:C{11 + len(vm.provenance.files)}"


def test_summary_figures_equal_the_view_model(wb: Any, vm: Consolidation) -> None:
    rows = _table(wb["Tổng hợp"])
    overall = rows[0]
    o = vm.overall
    assert overall["Phạm vi"] == "Toàn kế hoạch"
    assert overall["Đến hạn"] == o.due
    assert overall["Đã hoàn thành"] == o.completed
    assert overall["Quá hạn chưa hoàn thành"] == o.overdue
    assert overall["Tổng số lượt"] == o.total
    assert o.completion_rate is not None
    assert overall["Tỷ lệ hoàn thành"] == pytest.approx(o.completion_rate / 100)
    for status, (label, _) in STATUS_LABELS.items():
        assert overall[label] == o.by_status.get(status, 0)
    sections = {r["Mã"]: r for r in rows if r["Phạm vi"] == "Phần"}
    assert set(sections) == {s.id for s in vm.sections}
    for s in vm.sections:
        assert sections[s.id]["Đến hạn"] == s.counts.due
        assert sections[s.id]["Tên"] == s.title
    components = {r["Mã"]: r for r in rows if r["Phạm vi"] == "Thành phần chỉ số"}
    for idx in vm.indices:
        for c in idx.components:
            assert components[c.ref]["Điểm mới nhất"] == c.latest
            assert components[c.ref]["Tổng số lượt"] == c.counts.total
    ws = wb["Tổng hợp"]
    rate = _cell(ws, "Tỷ lệ hoàn thành", {"Phạm vi": "Toàn kế hoạch"})
    assert rate.number_format == "0.00%"
    assert _cell(ws, "Đến hạn", {"Phạm vi": "Toàn kế hoạch"}).number_format == "#,##0"


def test_unit_sheet_equals_the_view_model(wb: Any, vm: Consolidation) -> None:
    rows = {r["Mã đơn vị"]: r for r in _table(wb["Nhiệm vụ theo đơn vị"])}
    assert list(rows) == [u.id for u in vm.units]
    for u in vm.units:
        row = rows[u.id]
        assert row["Đơn vị"] == u.name
        assert row["Đến hạn"] == u.counts.due
        assert row["Quá hạn chưa hoàn thành"] == u.counts.overdue
        rate = u.counts.completion_rate
        assert row["Tỷ lệ hoàn thành"] == (None if rate is None else pytest.approx(rate / 100))
        overdue = u.counts.overdue_rate
        assert row["Tỷ lệ quá hạn"] == (None if overdue is None else pytest.approx(overdue / 100))


def test_submission_sheet_dates_and_fills(wb: Any, vm: Consolidation) -> None:
    ws = wb["Gửi báo cáo"]
    statuses = {u.submission.status for u in vm.units}
    assert statuses == {"on-time", "late", "missing"}
    for u in vm.units:
        cell = _cell(ws, "Tình trạng", {"Mã đơn vị": u.id})
        assert cell.value == u.submission.label
        assert cell.fill.fgColor.rgb == _rgb(SUBMISSION_COLOURS[u.submission.status])
        sent = _cell(ws, "Ngày gửi (trên báo cáo)", {"Mã đơn vị": u.id})
        if u.submission.submitted is None:
            assert sent.value is None
        else:
            assert sent.is_date and sent.number_format == "dd/mm/yyyy"
            assert sent.value.date() == u.submission.submitted
        late = _cell(ws, "Số ngày trễ", {"Mã đơn vị": u.id}).value
        assert late == (u.submission.days_late if u.submission.status == "late" else None)
    expected = {
        "on-time": STATUS_COLOURS["done-on-time"],
        "late": STATUS_COLOURS["done-late"],
        "missing": STATUS_COLOURS["open-overdue"],
        "pending": STATUS_COLOURS["open-on-time"],
    }
    assert expected == SUBMISSION_COLOURS


def test_detail_rows_dates_progress_and_status_fills(wb: Any, vm: Consolidation) -> None:
    ws = wb["Chi tiết nhiệm vụ"]
    pairs = [p for t in vm.tasks for p in t.pairs]
    rows = _table(ws)
    assert [(r["Mã nhiệm vụ"], r["Mã đơn vị"]) for r in rows] == [
        (p.task_id, p.unit_id) for p in pairs
    ]
    for p in pairs:
        key = {"Mã nhiệm vụ": p.task_id, "Mã đơn vị": p.unit_id}
        status = _cell(ws, "Tình trạng", key)
        assert status.value == p.status_label
        assert status.fill.fgColor.rgb == _rgb(STATUS_COLOURS[p.status])
        deadline = _cell(ws, "Hạn", key)
        if p.deadline:
            assert deadline.is_date and deadline.number_format == "dd/mm/yyyy"
            assert deadline.value == dt.datetime.combine(p.deadline, dt.time())
        progress = _cell(ws, "Tiến độ", key)
        if p.progress is not None:
            assert progress.value == pytest.approx(p.progress / 100)
            assert progress.number_format.endswith("%")
    done = _cell(ws, "Ngày hoàn thành", {"Mã nhiệm vụ": "t1", "Mã đơn vị": "xa-tra-don"})
    assert done.is_date and done.value == dt.datetime(2024, 9, 10)
    role = _cell(ws, "Vai trò", {"Mã nhiệm vụ": "t1", "Mã đơn vị": "xa-tra-don"})
    assert role.value == "Chủ trì"


def test_indicators_sheet(wb: Any, vm: Consolidation) -> None:
    ws = wb["Chỉ tiêu"]
    rows = {r["Mã"]: r for r in _table(ws)}
    heads = _headers(ws)
    assert "Kỳ này - Xã" in heads
    for r in vm.indicators:
        assert rows[r.id]["Chỉ tiêu"] == r.name
        assert rows[r.id]["Kỳ này"] == r.total
        assert rows[r.id]["Kỳ này - Xã"] == r.by_kind.get("commune")
    assert rows["ho-so-tiep-nhan"]["Kỳ này"] == 200
    assert _cell(ws, "Kỳ này", {"Mã": "ho-so-tiep-nhan"}).number_format == "#,##0"
    ratio = _cell(ws, "Kỳ này", {"Mã": "ty-le-dung-han"})
    assert ratio.value == pytest.approx(92.5)
    assert ratio.number_format == "#,##0.00##"


def test_provenance_sheet(wb: Any, vm: Consolidation) -> None:
    ws = wb["Nguồn dữ liệu"]
    facts = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(4, 10)}
    assert facts["Công cụ"].value == f"plantrack {vm.provenance.version}"
    assert facts["Ngày chốt số liệu"].is_date
    assert facts["Ngày chốt số liệu"].number_format == "dd/mm/yyyy"
    assert facts["Commit dữ liệu"].value == (vm.provenance.data_commit or "(chưa có commit)")
    files = {r["Tệp đầu vào"]: r["SHA-256"] for r in _table(ws, 11)}
    assert files == {f.path: f.sha256 for f in vm.provenance.files}
    assert "data/plan.yaml" in files


def test_charts(wb: Any, vm: Consolidation) -> None:
    """The charts have a sheet of their own, after the summary (a table's header row, repeated
    on each of its sheet's pages, would print above them)."""
    with_scores = [i for i in vm.indices if any(c.latest is not None for c in i.components)]
    assert with_scores  # PAPI has component scores in the mini fixture
    assert wb.sheetnames[:2] == ["Tổng hợp", "Biểu đồ"]
    assert len(wb["Biểu đồ"]._charts) == 2 + len(with_scores)
    assert not any(ws._charts for ws in wb.worksheets if ws.title != "Biểu đồ")
    assert wb["Biểu đồ"].print_title_rows is None
    names = set(zipfile.ZipFile(io.BytesIO(render_xlsx(vm))).namelist())
    assert sum(n.startswith("xl/charts/chart") for n in names) == 2 + len(with_scores)


def test_hostile_text_stays_text(wb: Any) -> None:
    ws = wb["Chi tiết nhiệm vụ"]
    don = {"Mã nhiệm vụ": "t1", "Mã đơn vị": "xa-tra-don"}
    dzon = {"Mã nhiệm vụ": "t1", "Mã đơn vị": "xa-tra-dzon"}
    cells = [
        (_cell(ws, "Kết quả", don), HOSTILE["results"]),
        (_cell(ws, "Khó khăn, vướng mắc", don), HOSTILE["difficulty"]),
        (_cell(ws, "Nhiệm vụ kỳ tới", don), HOSTILE["next"]),
        (_cell(ws, "Kết quả", dzon), HOSTILE["dzon"]),
        (_cell(ws, "Nhiệm vụ kỳ tới", dzon), HOSTILE["tab"]),
        (_cell(wb["Chỉ tiêu"], "Chỉ tiêu", {"Mã": "ho-so-tiep-nhan"}), HOSTILE["indicator"]),
        (_cell(wb["Chỉ tiêu"], "Đơn vị tính", {"Mã": "ho-so-tiep-nhan"}), HOSTILE["measure"]),
    ]
    for cell, text in cells:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
        assert cell.value == text


def test_no_formula_in_the_package(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name


def test_vietnamese_intact(wb: Any, vm: Consolidation) -> None:
    names = [r["Đơn vị"] for r in _table(wb["Gửi báo cáo"])]
    assert "UBND xã Trà Dơn" in names and "UBND xã Trà Don" in names
    title = _cell(wb["Chi tiết nhiệm vụ"], "Nhiệm vụ", {"Mã nhiệm vụ": "t2"}).value
    assert title == "Tổ chức đối thoại với người dân"


def test_byte_identical_and_dated_from_as_of(vm: Consolidation, data: bytes) -> None:
    assert render_xlsx(vm) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode()
    assert stamps == {(2024, 9, 14, 0, 0, 0)}
    assert "2024-09-14T00:00:00Z" in core
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert props.created == props.modified == dt.datetime(2024, 9, 14)


def test_byte_identical_across_processes(hostile_repo: Path, data: bytes) -> None:
    script = (
        "import sys, hashlib; from pathlib import Path; from plantrack import api;"
        "from plantrack.render.xlsx.workbook import render_xlsx;"
        f"vm = api.prepare_consolidation(Path(sys.argv[1]), {PERIOD!r}).vm;"
        "print(hashlib.sha256(render_xlsx(vm)).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(hostile_repo)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        digests.add(done.stdout.strip())
    assert digests == {hashlib.sha256(data).hexdigest()}


def test_render_outputs_names_the_file(vm: Consolidation, hostile_repo: Path) -> None:
    out = api.render_outputs(vm, hostile_repo, ["xlsx"])
    assert list(out) == ["bao-cao-tong-hop-2024-Q3.xlsx"]
    assert out["bao-cao-tong-hop-2024-Q3.xlsx"][:2] == b"PK"


def test_mini_fixture_renders() -> None:
    vm = _prepare(MINI)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(vm)))
    assert _table(wb["Tổng hợp"])[0]["Đến hạn"] == vm.overall.due


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_shows_text_as_text(data: bytes, tmp_path: Path) -> None:
    """A real spreadsheet program reads the workbook: report text is shown as typed (not
    evaluated) and dates as dd/mm/yyyy."""
    source = tmp_path / "phu-luc.xlsx"
    source.write_bytes(data)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).sheetnames.index("Chi tiết nhiệm vụ") + 1
    # Comma-separated, UTF-8, values as shown, only the chosen sheet (LibreOffice ≥ 7.2).
    options = f"44,34,76,1,,0,false,true,true,false,false,{sheet}"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    texts = [p.read_text("utf-8") for p in tmp_path.glob("*.csv")]
    detail = [t for t in texts if "Mã nhiệm vụ" in t]
    if not detail:
        pytest.skip("this LibreOffice cannot export a chosen sheet as CSV")
    shown = detail[0]
    assert '"=HYPERLINK(""http://x"")"' in shown
    assert "@SUM(A1)" in shown and ",+1," in shown and ",-2," in shown
    assert "30/09/2024" in shown and "UBND xã Trà Dơn" in shown


def test_put_drops_control_characters_and_caps_length() -> None:
    ws = openpyxl.Workbook().active
    assert put(ws, 1, 1, "\x07=chuông").value == "=chuông"
    assert ws["A1"].data_type == "s"
    long = put(ws, 2, 1, "á" * 40_000).value
    assert len(long) == 32_767 and long.endswith("…")
    assert put(ws, 3, 1, 5).data_type == "n"
