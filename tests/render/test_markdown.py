"""The consolidated report in Markdown: a golden file for the mini fixture, and hostile text.

Regenerate the golden file with ``PLANTRACK_UPDATE_GOLDEN=1 pytest tests/render`` and read the
diff before committing it: every figure in it was checked by hand (see ``test_golden``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from plantrack.app.consolidate import prepare
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.documents import render_markdown
from plantrack.render.templating import markdown_cell, markdown_escape

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "fixtures" / "mini"
GOLDEN = HERE / "golden" / "mini-2024-Q3.md"
TODAY = dt.date(2024, 12, 1)


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture outside any git repository: no data commit, no commit
    dates, so the output depends on the files alone."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def consolidated(root: Path) -> Consolidation:
    prepared = prepare(root, "2024-Q3", today=TODAY)
    assert prepared.errors == []
    assert prepared.vm is not None
    vm = prepared.vm
    # The tool's version is the one part of the output that changes without the data.
    vm.provenance = dataclasses.replace(vm.provenance, version="VERSION")
    return vm


def test_golden(mini: Path) -> None:
    """Figures in the golden file, by hand (status at the cut-off 14/09/2024, due 15/09):

    - t1 (Quý III/2024 → 30/09): Trà Don done 10/09 → on time; Trà Dơn and Phòng Nội vụ
      (support) open within deadline. t2 (recurring): Trà Don carried out. t3 (31/12/2024):
      Phòng Nội vụ open within deadline. The rates count lead units only (Phòng Nội vụ's
      supporting pair on t1 is coordination). Overall: 1 on time, 2 open, 1 recurring,
      total 4; due 1, completed 1 → 100%, overdue 0%.
    - Submissions: Trà Don 13/09 and Phòng Nội vụ 14/09 on time; Trà Dơn 18/09 → 3 days late.
    - Indicators: received 120 + 80 = 200; on time 115 + 70 = 185; ratio 185/200 = 92,5%.
    - PAPI 2024 only (no change shown); weakest on the 1–10 scale: D8 (2,9025) then D3.
    """
    text = render_markdown(consolidated(mini), mini)
    if os.environ.get("PLANTRACK_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert text == expected, "Markdown differs from the golden file (PLANTRACK_UPDATE_GOLDEN=1)"


def test_golden_file_figures() -> None:
    """The figures a reader checks first, read back from the golden file itself."""
    text = GOLDEN.read_text(encoding="utf-8")
    assert "# BÁO CÁO" in text
    assert "**Kết quả thực hiện Kế hoạch nâng cao Chỉ số SIPAS, PAPI 9 tháng năm 2024**" in text
    assert "(số liệu từ ngày 15/12/2023 đến ngày 14/09/2024)" in text
    assert (
        "có 1 nhiệm vụ đến hạn (tính theo từng đơn vị được giao); đã hoàn thành 1, đạt 100%" in text
    )
    assert "1 đơn vị gửi trễ hạn" in text
    assert "- Gửi báo cáo trễ hạn: UBND xã Trà Dơn (3 ngày)." in text
    assert "| 2 | UBND xã Trà Dơn | Trễ hạn (3 ngày) | 18/09/2024 |" in text
    assert "| 3 | Tỷ lệ hồ sơ đúng hạn | % | 92,5 | — | — |" in text
    assert "| Quản trị điện tử | 2,9025 |" in text
    assert "Quản trị điện tử và Trách nhiệm giải trình với người dân" in text


def test_rendering_twice_is_identical(mini: Path) -> None:
    assert render_markdown(consolidated(mini), mini) == render_markdown(consolidated(mini), mini)


def test_a_repository_template_overrides_the_default(mini: Path) -> None:
    (mini / "templates").mkdir()
    (mini / "templates" / "consolidated.txt.j2").write_text(
        "@part\n{{ vm.overall.due }} / {{ vm.overall.completion_rate | pct }}\n",
        encoding="utf-8",
    )
    # the mini plan names no signer: the part is a draft, marked as such
    assert render_markdown(consolidated(mini), mini) == "**DỰ THẢO**\n\n1 / 100%\n\n**DỰ THẢO**\n"


# --- hostile text -----------------------------------------------------------------------

HOSTILE_NAME = "UBND xã | Trà *Dơn* <script>alert(1)</script>\nhàng hai"
HOSTILE_RESULTS = (
    "Kết quả *đậm* | ống <b>in</b>\n- *Phòng Nội vụ:* lời giả mạo\n\n# Tiêu đề giả\n~~~\nnuốt"
)


def _edit(path: Path, change: dict[str, Any]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def hostile(mini: Path) -> str:
    data = mini / "data"
    _edit(data / "units" / "xa-tra-dzon.yaml", {"name": HOSTILE_NAME})
    report = data / "reports" / "2024-Q3" / "xa-tra-dzon.yaml"
    tasks = yaml.safe_load(report.read_text(encoding="utf-8"))["tasks"]
    tasks[0]["results"] = HOSTILE_RESULTS
    _edit(
        report,
        {
            "number": "12|BC\n<b>x</b>",
            "tasks": tasks,
            "proposals": ["Đề nghị <img src=x onerror=alert(1)>\n- giả"],
        },
    )
    return render_markdown(consolidated(mini), mini)


def test_hostile_text_is_escaped(hostile: str) -> None:
    assert re.search(r"(?<!\\)<", hostile) is None  # every "<" escaped
    assert r"\<script\>alert(1)\</script\>" in hostile
    assert r"Kết quả \*đậm\* \| ống \<b\>in\</b\>" in hostile
    # report text stays on its own line: no forged list item, heading or code fence
    lines = hostile.splitlines()
    assert not any(line.startswith(("- giả", r"- \*Phòng", "~~~", r"\#")) for line in lines)
    named = [line for line in lines if "hàng hai" in line]
    assert named and all(re.match(r"^(\||- |\d+\. )", line) for line in named)


def test_hostile_text_keeps_table_rows_whole(hostile: str) -> None:
    rows = [line for line in hostile.splitlines() if "Trà \\*Dơn\\*" in line and line[0] == "|"]
    assert len(rows) == 3  # appendix 1 (tasks), appendix 2 (units), appendix 4 (proposals)
    assert rows[1].startswith(
        r"| 2 | UBND xã \| Trà \*Dơn\* \<script\>alert(1)\</script\> hàng hai | Trễ hạn"
    )
    widths = {6, 10, 3}  # the columns of those three tables
    assert all(len(re.findall(r"(?<!\\)\|", row)) - 1 in widths for row in rows)


def test_hostile_text_parses_to_the_intended_structure(hostile: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(hostile)
    types = {t.type for t in tokens}
    assert not types & {"html_block", "html_inline", "fence", "code_block"}
    inline_html = [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert inline_html == []
    # the same headings as the clean report
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Tiêu đề giả" not in " ".join(headings)
    # every table row has as many cells as its header
    widths: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    # the unit's words stay inside their table cells: no list item holds them
    items = [
        tokens[i + 2].content
        for i, t in enumerate(tokens)
        if t.type == "list_item_open" and "giả mạo" in tokens[i + 2].content
    ]
    assert items == []
    cells = [t.content for t in tokens if t.type == "inline" and "nuốt" in t.content]
    assert len(cells) == 1 and "Tiêu đề giả" in cells[0]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", r"a\|b"),
        ("*x* _y_ `z`", r"\*x\* \_y\_ \`z\`"),
        ("<script>", r"\<script\>"),
        ("[link](http://x)", r"\[link\](http\://x)"),
        ("# h", r"\# h"),
        ("back\\slash", "back\\\\slash"),
        ("dòng 1\n\n- dòng 2\r\n", r"dòng 1 - dòng 2 "),
        (None, ""),
        (12.5, "12.5"),
    ],
)
def test_markdown_escape(text: object, escaped: str) -> None:
    assert markdown_escape(text) == escaped


def test_markdown_cell() -> None:
    assert markdown_cell("a | b\nc\t d  ") == r"a \| b c d"
    assert markdown_cell(None) == ""
