"""A roll-up in the Word and Markdown reports, over a real git daemon: the children's
synthesis in part II (counts and named exceptions) and the appendices of the children and of
their units, golden files for both formats; summaries above the size rule; no code, commit,
address or ISO date on paper. The HTML page draws the same appendices as linked tables.

Regenerate the golden files with ``PLANTRACK_UPDATE_GOLDEN=1 pytest tests/render`` and read
the diff before committing it (figures checked in ``test_golden_word_and_markdown``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import docx
import pytest

from plantrack.app.consolidate import Options, consolidate_period
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_verify import rolled_up
from plantrack.domain import scale
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture
from tests.render.test_docx import body_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
FILED_B = """unit: xa-b
period: 2024-Q3
submitted: 2024-09-14
tasks:
  - task: t1
    state: in-progress
    progress: 40
"""


@pytest.fixture
def rolled(city: City, tmp_path: Path) -> dict[str, Path]:
    """The city rolled up, with what makes each exception appear: xa-b (unreachable) filed
    its report in the parent; one of xa-a's own units sent none."""
    (city.parent / "data/reports/2024-Q3/xa-b.yaml").write_text(FILED_B, "utf-8")
    child = city.children["xa-a"]
    (child.root / "data/reports/2024-Q3/phong-noi-vu.yaml").unlink()
    child.commit("2024-09-19", "clerk@example.vn")
    city.push("xa-a")
    sync(city.parent, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)
    tree, _ = rolled_up(city.parent, PERIOD, city.cache)
    out = tmp_path / "out"
    done = consolidate_period(
        city.parent, PERIOD, Options(out=out, rollup=tree, today=dt.date(2024, 10, 30))
    )
    assert done.prepared.vm is not None, done.prepared.errors
    return {p.suffix: p for p in done.written}


def _golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("PLANTRACK_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_golden_word_and_markdown(rolled: dict[str, Path]) -> None:
    """By hand: xa-a and xa-c are read (3 units each, from the mini fixture; xa-a's
    Phòng Nội vụ sent nothing), their derived reports dated by their last commit (19 and 18
    September: late); xa-b is not read and its filed report of the 14th stands (on time).
    Each read child has 1 task due and done on time (Trà Don's t1)."""
    text = body_text(docx.Document(str(rolled[".docx"])))
    _golden("rollup-city.txt", text)
    markdown = rolled[".md"].read_text("utf-8")
    _golden("rollup-city.md", markdown)
    body = markdown.split("### 4. Kết quả của các đơn vị cấp dưới")[1].split("###")[0]
    assert "Có 3/3 đơn vị cấp dưới đã gửi báo cáo, trong đó 2 đơn vị gửi trễ hạn." in body
    assert "có 6 cơ quan, đơn vị phải báo cáo, 5 đã gửi báo cáo" in body
    assert "UBND xã XA-B: không đọc được dữ liệu của đơn vị (máy chủ dữ liệu không" in body
    assert "theo báo cáo đơn vị đã gửi ngày 14/09/2024" in body
    assert "Còn cơ quan, đơn vị chưa gửi báo cáo: UBND xã XA-A (1/3 đơn vị)." in body
    assert "Chi tiết tại Phụ lục 3 và Phụ lục 4." in body
    assert "**Phụ lục 5**" in markdown and "**SỐ LIỆU CHỈ TIÊU**" in markdown


def test_no_code_commit_address_or_iso_date_on_paper(rolled: dict[str, Path]) -> None:
    text = body_text(docx.Document(str(rolled[".docx"])))
    for written in (text, rolled[".md"].read_text("utf-8")):
        assert not re.search(r"\b[0-9a-f]{12,40}\b", written)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", written)
        assert "git://" not in written and "http" not in written
        assert not re.search(r"\bxa-[abc]\b", written)  # unit ids (the names are XA-A…)


def test_the_html_draws_the_appendices_as_linked_tables(rolled: dict[str, Path]) -> None:
    html = rolled[".html"].read_text("utf-8")
    appendix = html.split("<strong>Phụ lục 3</strong>")[1].split("<strong>Phụ lục 5</strong>")[0]
    links = re.findall(r'<a href="#(cd-[a-z-]+)">', appendix)
    assert links == ["cd-xa-a", "cd-xa-c"]  # xa-b was not read: no units to show
    assert "<strong>Phụ lục 4</strong>" in appendix
    for anchor in links:
        assert appendix.count(f'id="{anchor}"') == 1
    assert "Kết quả của các đơn vị cấp dưới" in html  # the same synthesis as the Word text


def test_above_the_size_rule_the_appendices_are_totals(
    city: City, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "DETAIL_LIMIT", 2)
    sync(city.parent, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)
    tree, _ = rolled_up(city.parent, PERIOD, city.cache)
    done = consolidate_period(
        city.parent,
        PERIOD,
        Options(out=tmp_path / "out", formats=("md",), rollup=tree, today=dt.date(2024, 10, 30)),
    )
    text = done.written[0].read_text("utf-8")
    appendix = text.split("**KẾT QUẢ CỦA CÁC ĐƠN VỊ CẤP DƯỚI**")[1]
    assert "| 1 | Đơn vị cấp dưới | 3 |" in appendix
    assert "| 7 | Cơ quan, đơn vị thuộc các đơn vị cấp dưới phải báo cáo | 6 |" in appendix
    assert "UBND xã XA-A" not in appendix  # no child-by-child rows
    assert "THUỘC CÁC ĐƠN VỊ CẤP DƯỚI" not in text  # the units' appendix: the workbook's
    assert "Không đọc được dữ liệu của 1 đơn vị cấp dưới (1 đơn vị trong số đó" in text
    # the reasons counted, undated (the day is the named child's, not a group's)
    assert "Lý do: máy chủ dữ liệu không truy cập được khi đồng bộ (1 đơn vị)." in text
