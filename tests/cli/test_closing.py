"""Closing reports: a unit whose last day falls in a period after its cut-off owes that
period's report as its last one — ``report new`` says so and fills the handover into its next
tasks, the consolidated report marks it, ``remind`` asks for it as such."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml

from plantrack.domain.closing import calendar_end, closing_day
from plantrack.io.repo import list_data_files
from plantrack.validate.check import load_base
from tests.cli.conftest import Run

ROOT = Path(__file__).resolve().parents[2]
DZON = "data/reports/2025-H1/xa-tra-dzon.yaml"
Cli = Callable[..., Run]


@pytest.fixture
def embedded(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_the_last_report_before_the_end_is_the_closing_one() -> None:
    files, _ = list_data_files(ROOT)
    ctx = load_base(ROOT, files).context
    assert ctx is not None
    h1, q1, y = (ctx.period(p) for p in ("2025-H1", "2025-Q1", "2024-Y"))
    assert calendar_end(h1) == dt.date(2025, 6, 30) and calendar_end(y) == dt.date(2024, 12, 31)
    assert closing_day(ctx.units["xa-tra-dzon"], h1) == dt.date(2025, 6, 30)
    assert closing_day(ctx.units["phong-noi-vu"], h1) == dt.date(2025, 6, 30)
    assert closing_day(ctx.units["xa-tra-dzon"], q1) is None
    # gone on 19/2/2025, before the next cut-off: its 2024 report was not written as a closing one
    assert closing_day(ctx.units["phong-lao-dong-tbxh"], y) is None
    assert closing_day(ctx.units["xa-tra-leng-moi"], h1) is None


def test_report_new_prefills_the_closing_note_and_the_handover(cli: Cli, embedded: Path) -> None:
    run = cli("report", "new", "--unit", "xa-tra-dzon", "--period", "2025-H1", "--repo", embedded)
    assert run.code == 0, run.err
    text = (embedded / DZON).read_text(encoding="utf-8")
    assert "# Báo cáo kết thúc hoạt động: đơn vị kết thúc hoạt động ngày 30/06/2025" in text
    assert "pl1-06 Số hóa hồ sơ" in text and "→ xa-tra-leng-moi" in text
    data = yaml.safe_load(text)
    assert data["next_tasks"] == [
        "Bàn giao cho UBND xã Trà Leng: 12 nhiệm vụ chưa hoàn thành hoặc thực hiện thường "
        "xuyên, 1 tồn tại sau kiểm tra chưa khắc phục (theo danh sách bàn giao)."
    ]
    assert cli("check", embedded / DZON, "--repo", embedded).code == 0
    # a report that is not the last one says nothing of the kind
    args = ("report", "new", "--unit", "xa-tra-mai", "--period", "2025-Q1", "--force")
    assert cli(*args, "--repo", embedded).code == 0
    mai = (embedded / "data/reports/2025-Q1/xa-tra-mai.yaml").read_text(encoding="utf-8")
    assert "kết thúc hoạt động" not in mai and yaml.safe_load(mai)["next_tasks"] == []


def test_consolidated_report_and_remind_mark_the_closing_report(
    cli: Cli, embedded: Path, tmp_path: Path
) -> None:
    assert (
        cli(
            "report", "new", "--unit", "xa-tra-dzon", "--period", "2025-H1", "--repo", embedded
        ).code
        == 0
    )
    report = embedded / DZON
    report.write_text(
        report.read_text(encoding="utf-8").replace("submitted: null", "submitted: 2025-06-12"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = cli(
        "consolidate",
        "--period",
        "2025-H1",
        "--format",
        "md,json",
        "--out",
        out,
        "--today",
        "2025-07-01",
        "--repo",
        embedded,
    )
    assert run.code == 0, run.err
    md = (out / "bao-cao-tong-hop-2025-H1.md").read_text(encoding="utf-8")
    assert "| UBND xã Trà Dơn (báo cáo kết thúc hoạt động) | Đúng hạn |" in md
    assert (
        "Báo cáo kỳ này của tất cả các cơ quan, đơn vị, địa phương là báo cáo kết thúc hoạt động "
        "(kết thúc hoạt động ngày 30/06/2025)" in md
    )
    units = {
        u["id"]: u for u in json.loads((out / "bao-cao-tong-hop-2025-H1.json").read_text())["units"]
    }
    assert units["xa-tra-dzon"]["closing"] == "2025-06-30"
    remind = cli("remind", "--period", "2025-H1", "--as-of", "2025-06-20", "--repo", embedded)
    assert remind.code == 0, remind.err
    assert "là báo cáo kết thúc hoạt động (đơn vị kết thúc ngày 30/06/2025)" in remind.out
    letters = tmp_path / "letters"
    args = ("remind", "--period", "2025-H1", "--as-of", "2025-06-20", "--format", "docx")
    assert cli(*args, "--out", letters, "--repo", embedded).code == 0
    letter = docx.Document(str(letters / "cong-van-don-doc-2025-H1.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    # every unit owing its report closes: said once, not on each line
    assert text.count("kết thúc hoạt động") == 1
    assert "của các đơn vị trên là báo cáo kết thúc hoạt động, gửi kèm danh sách" in text


def test_reports_that_are_not_closing_keep_their_json() -> None:
    # the 2024 consolidations say nothing of closing: the key is left out, not written null
    from plantrack.app.consolidate import prepare
    from plantrack.render.documents import render_json

    vm = prepare(ROOT, "2024-Y", today=dt.date(2025, 6, 1)).vm
    assert vm is not None
    assert '"closing"' not in render_json(vm)
