"""Above ``domain.scale.DETAIL_LIMIT`` units the Word, HTML and Markdown reports are summary
documents: they say so, count units instead of naming them, and leave the unit-by-unit
tables to the workbook; at or below it they are unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack.app.consolidate import prepare
from plantrack.app.outputs import render_outputs
from plantrack.domain import scale
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.documents import render_markdown

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TODAY = dt.date(2024, 12, 1)
SAYS = "báo cáo này nêu số liệu tổng hợp"


@pytest.fixture
def vm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Consolidation:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(MINI, tmp_path / "mini")
    prepared = prepare(tmp_path / "mini", "2024-Q3", today=TODAY)
    assert prepared.vm is not None
    return prepared.vm


def test_a_repository_within_the_limit_gets_the_full_documents(vm: Consolidation) -> None:
    assert len(vm.units) <= scale.DETAIL_LIMIT and not vm.detail_in_workbook
    text = render_markdown(vm)
    assert SAYS not in text
    assert "| 3 | Trà Dơn" in text or "Trà Dơn |" in text  # a row per unit in Phụ lục 2


def test_above_the_limit_the_documents_count_and_point_to_the_workbook(
    vm: Consolidation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "DETAIL_LIMIT", 2)
    assert vm.detail_in_workbook
    text = render_markdown(vm)
    assert SAYS in text and "(3)" in text  # what the document holds, and for how many
    assert "Gửi báo cáo trễ hạn: 1 cơ quan, đơn vị, địa phương." in text
    assert "| Cơ quan, đơn vị, địa phương phải báo cáo | 3 |" in text
    assert "| STT | Nhiệm vụ | Chủ trì |" not in text  # no task-and-unit rows
    appendix = text[text.index("**Phụ lục 1**") :]
    assert "Trà Dơn" not in appendix and "Trà Don" not in appendix
    files = render_outputs(vm, MINI, ["html", "docx", "xlsx"])
    assert all(files.values())
