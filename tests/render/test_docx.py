"""The official Word documents (Nghị định 30/2020/NĐ-CP layout), read back with python-docx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from plantrack import api
from plantrack.domain.remind import Debtor, reminder
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.docx import text as docx_text
from plantrack.render.docx.markup import escape, parse, parse_inline
from plantrack.render.docx.report import render_docx
from plantrack.render.remind import render_remind_docx
from plantrack.render.report import point

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2024, 10, 5)
SETTINGS = """  document:
    parent_body: UBND huyện Nam Trà My
    issuing_body: Phòng Nội vụ
    code: BC-PNV
    letter_code: PNV
    place: Nam Trà My
    signer_authority: KT. Trưởng phòng
    signer_title: Phó Trưởng phòng
    signer_name: Nguyễn Văn An
    recipients: ["UBND huyện (b/c)", "Sở Nội vụ tỉnh Quảng Nam (b/c)"]
    archive: VT, NV
"""


def make_repo(tmp_path: Path, *, settings: bool = True) -> Path:
    """The mini fixture copied into ``tmp_path`` (no git), with document settings."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    if settings:
        plan = repo / "data" / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("  schedule:\n", SETTINGS + "  schedule:\n"), "utf-8")
    return repo


def view_model(repo: Path, as_of: dt.date = AS_OF) -> Consolidation:
    vm = api.prepare_consolidation(repo, "2024-Q3", as_of=as_of).vm
    assert vm is not None
    vm.provenance.version = "0.0.0"  # the golden text must not follow version bumps
    return vm


def read(data: bytes, tmp_path: Path, name: str = "out.docx") -> Any:
    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(str(path))


def cell_lines(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


def body_text(document: Any) -> str:
    """Every paragraph and table cell of the body, in order, one per line."""
    lines = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            lines.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            for row in table.rows:
                lines.append(" | ".join("\n".join(cell_lines(c)) for c in row.cells))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Any]:
    tmp = tmp_path_factory.mktemp("docx")
    vm = view_model(make_repo(tmp))
    data = render_docx(vm, number="5", date=dt.date(2025, 1, 5))
    return data, read(data, tmp)


def test_a4_portrait_margins_and_landscape_appendices(rendered: tuple[bytes, Any]) -> None:
    document = rendered[1]
    first = document.sections[0]
    assert round(first.page_width.mm) == 210 and round(first.page_height.mm) == 297
    assert [round(first.top_margin.mm), round(first.bottom_margin.mm)] == [20, 20]
    assert [round(first.left_margin.mm), round(first.right_margin.mm)] == [30, 15]
    appendices = document.sections[1:]
    assert len(appendices) == 4  # tasks, units, indicators, proposals
    for section in appendices:
        assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
        assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210


def test_times_new_roman_everywhere(rendered: tuple[bytes, Any]) -> None:
    document = rendered[1]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    parts = [document.element, *(s.header._element for s in document.sections[:1])]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert runs
    for run in runs:
        rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert rfonts.get(qn(f"w:{slot}")) == "Times New Roman"


def test_header_columns(rendered: tuple[bytes, Any]) -> None:
    header = rendered[1].tables[0]
    left, right = header.rows[0].cells
    assert [t for t in cell_lines(left) if t] == [
        "UBND HUYỆN NAM TRÀ MY",
        "PHÒNG NỘI VỤ",
        "Số: 05/BC-PNV",
    ]
    parent, body = left.paragraphs[0], left.paragraphs[1]
    assert not any(r.bold for r in parent.runs) and all(r.bold for r in body.runs)
    number = next(p for p in left.paragraphs if p.text.startswith("Số:"))
    assert number.runs[0].font.size.pt == 13
    lines = [t for t in cell_lines(right) if t]
    assert lines == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nam Trà My, ngày 05 tháng 01 năm 2025",
    ]
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[0].runs[0].font.size.pt in (12, 13)
    assert right.paragraphs[1].runs[0].bold and right.paragraphs[1].runs[0].font.size.pt in (13, 14)
    assert right.paragraphs[-1].runs[0].italic
    # a short rule under the issuing body, and one under the motto
    for cell in (left, right):
        assert any(p._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None for p in cell.paragraphs)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_title_and_summary(rendered: tuple[bytes, Any]) -> None:
    paragraphs = rendered[1].paragraphs
    title = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    summary = paragraphs[title + 1]
    assert summary.text == "Kết quả thực hiện Kế hoạch nâng cao Chỉ số SIPAS, PAPI 9 tháng năm 2024"
    assert all(r.bold for r in paragraphs[title].runs + summary.runs)
    assert paragraphs[title + 2]._p.pPr.find(qn("w:pBdr")) is not None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (dt.date(2025, 2, 10), "ngày 10 tháng 02 năm 2025"),
        (dt.date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (dt.date(2024, 12, 25), "ngày 25 tháng 12 năm 2024"),
        (dt.date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
    ],
)
def test_date_rule(day: dt.date, expected: str, tmp_path: Path) -> None:
    assert docx_text.date_words(day, day.year) == expected
    document = read(render_docx(view_model(make_repo(tmp_path)), date=day), tmp_path)
    right = document.tables[0].rows[0].cells[1]
    assert right.paragraphs[-1].text == f"Nam Trà My, {expected}"


def test_blank_number_and_date_are_left_for_the_office(tmp_path: Path) -> None:
    document = read(render_docx(view_model(make_repo(tmp_path))), tmp_path)
    left, right = document.tables[0].rows[0].cells
    assert "Số:      /BC-PNV" in cell_lines(left)
    assert right.paragraphs[-1].text == "Nam Trà My, ngày    tháng    năm 2024"
    assert docx_text.number_line("12", "BC-PNV") == "Số: 12/BC-PNV"
    assert docx_text.number_line("12/BC-PNV", "BC-PNV") == "Số: 12/BC-PNV"


def test_heading_numbering(rendered: tuple[bytes, Any]) -> None:
    levels: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for paragraph in rendered[1].paragraphs:
        level = paragraph._p.pPr.find(qn("w:outlineLvl")) if paragraph._p.pPr is not None else None
        if level is not None:
            levels[int(level.get(qn("w:val")))].append(paragraph.text)
    assert [t.split(".")[0] for t in levels[0]] == ["I", "II", "III", "IV", "V"]
    assert all(re.match(r"^\d+\. \S", t) for t in levels[1])
    assert all(re.match(r"^[a-zđ]+\) \S", t) for t in levels[2])
    # numbering restarts under each heading above it: I. 1. 2. … II. 1. … and a) b) …
    outline = []
    for paragraph in rendered[1].paragraphs:
        ppr = paragraph._p.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            outline.append((int(level.get(qn("w:val"))), paragraph.text.split(" ")[0]))
    expected = {1: "1.", 2: "a)"}
    last: dict[int, int] = {}
    for level, mark in outline:
        if level == 0:
            last = {}
            continue
        number = last.get(level, 0) + 1
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        last[level] = number
        want = f"{number}." if level == 1 else f"{point(number)})"
        assert mark == want, (outline, expected)
    assert ("I." not in [m for _, m in outline[1:]]) and not any(
        re.match(r"^\d+\. [IVX]+\.", p.text) for p in rendered[1].paragraphs
    )  # no double numbering such as "4. III."
    assert [point(i) for i in (1, 4, 5, 6, 23, 24)] == ["a", "d", "đ", "e", "y", "aa"]


def test_body_paragraph_format(rendered: tuple[bytes, Any]) -> None:
    body = next(p for p in rendered[1].paragraphs if p.text.startswith("Thực hiện"))
    fmt = body.paragraph_format
    assert fmt.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(fmt.first_line_indent.cm, 2) == 1.27
    assert fmt.space_after.pt == 6


def signature_table(document: Any) -> Any:
    return next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def test_signature_and_recipients(rendered: tuple[bytes, Any], tmp_path: Path) -> None:
    left, right = signature_table(rendered[1]).rows[0].cells
    assert [t for t in cell_lines(right) if t] == [
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        "Nguyễn Văn An",
    ]
    assert all(r.bold for p in right.paragraphs for r in p.runs)
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- UBND huyện (b/c);",
        "- Sở Nội vụ tỉnh Quảng Nam (b/c);",
        "- Lưu: VT, NV.",
    ]
    heading = left.paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.font.size.pt == 12
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {11}
    other = read(render_docx(view_model(make_repo(tmp_path)), signer="Trần Thị Bình"), tmp_path)
    assert cell_lines(signature_table(other).rows[0].cells[1])[-1] == "Trần Thị Bình"


def test_page_numbers_from_page_two(rendered: tuple[bytes, Any]) -> None:
    section = rendered[1].sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert all(not p.text for p in first.paragraphs)
    assert not list(first._element.iter(qn("w:instrText")))
    instructions = [e.text.strip() for e in section.header._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert section.header.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    for later in rendered[1].sections[1:]:
        assert not later.different_first_page_header_footer and later.header.is_linked_to_previous


def test_tables_have_borders_and_repeated_header_rows(rendered: tuple[bytes, Any]) -> None:
    bordered = [
        t
        for t in rendered[1].tables
        if t._tbl.tblPr.find(qn("w:tblBorders"))[0].get(qn("w:val")) == "single"
    ]
    assert len(bordered) == 5  # the index scores, four appendices
    for table in bordered:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        assert table.rows[-1]._tr.trPr.find(qn("w:tblHeader")) is None
        assert all(r.bold for p in table.rows[0].cells[0].paragraphs for r in p.runs)
    tasks = bordered[1]
    assert [c.text for c in tasks.rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Chủ trì",
        "Thời hạn",
        "Kết quả",
        "Tình trạng",
    ]
    units = bordered[2]
    assert [r.cells[1].text for r in units.rows[1:-1]] == [
        "UBND xã Trà Don",
        "UBND xã Trà Dơn",
        "Phòng Nội vụ",
    ]


def test_golden_body_text(rendered: tuple[bytes, Any]) -> None:
    text = body_text(rendered[1])
    golden = GOLDEN / "consolidated-mini.txt"
    if os.environ.get("PLANTRACK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_rerender_is_byte_identical(rendered: tuple[bytes, Any], tmp_path: Path) -> None:
    vm = view_model(make_repo(tmp_path))
    assert render_docx(vm, number="5", date=dt.date(2025, 1, 5)) == rendered[0]
    props = rendered[1].core_properties
    assert props.created == props.modified == dt.datetime(2024, 10, 5, tzinfo=dt.UTC)
    assert props.last_modified_by == "plantrack"


def test_report_text_is_escaped_and_cleaned(tmp_path: Path) -> None:
    vm = view_model(make_repo(tmp_path))
    vm.proposals[0].text = "Đề nghị\x07 cấp *máy* scan | # @to \\n\x0bngay;\r\ndòng hai"
    vm.difficulties.append(
        dataclasses.replace(vm.proposals[0], text="Thiếu\x07 *máy* | # @to \\n\x0bscan")
    )
    document = read(render_docx(vm), tmp_path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Đề nghị cấp *máy* scan | # @to \\nngay; dòng hai" in cells
    cause = next(p for p in document.paragraphs if p.text.startswith("- “Thiếu"))
    assert cause.text == "- “Thiếu *máy* | # @to \\nscan” (UBND xã Trà Don)."


def test_markup_escape_round_trip() -> None:
    text = "a *b* **c** | # ^ @ < \\ \\n đ"
    assert "".join(s.text for s in parse_inline(escape(text))) == text
    blocks = parse("@table widths=2,1 align=lr\n| **A** | B |\n| x\\|y | 1 |\n@end\n# I. X\n^ c")
    assert [b.kind for b in blocks] == ["table", "heading", "para"]
    assert blocks[0].rows[1][0][0].text == "x|y" and blocks[0].widths == [2.0, 1.0]
    assert blocks[0].rows[0][0][0].bold and blocks[2].align == "center"


def test_data_repository_overrides_the_template(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    own = repo / "templates"
    own.mkdir(parents=True)
    (own / "consolidated.txt.j2").write_text(
        "@summary Báo cáo riêng {{ vm.period.title }}\n# I. MỘT\nNội dung.\n", "utf-8"
    )
    vm = view_model(repo)
    document = read(render_docx(vm, repo=repo), tmp_path)
    texts = [p.text for p in document.paragraphs]
    assert "Báo cáo riêng 9 tháng năm 2024" in texts and "I. MỘT" in texts
    assert signature_table(document) is not None


def test_without_document_settings_nothing_is_invented(tmp_path: Path) -> None:
    vm = view_model(make_repo(tmp_path, settings=False))
    document = read(render_docx(vm), tmp_path)
    left = cell_lines(document.tables[0].rows[0].cells[0])
    assert "UBND HUYỆN THỬ NGHIỆM" in left and "Số:      /BC" in left
    assert cell_lines(signature_table(document).rows[0].cells[0])[-1] == "- Lưu: VT."


def test_reminder_letter(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / "data" / "reports" / "2024-Q3" / "xa-tra-don.yaml").unlink()
    rem = reminder(view_model(repo))
    data = render_remind_docx(rem, number="7", date=dt.date(2024, 10, 7))
    assert data == render_remind_docx(rem, number="7", date=dt.date(2024, 10, 7))
    document = read(data, tmp_path)
    left, right = document.tables[0].rows[0].cells
    lines = [t for t in cell_lines(left) if t]
    assert lines[:3] == ["UBND HUYỆN NAM TRÀ MY", "PHÒNG NỘI VỤ", "Số: 07/PNV"]
    assert lines[3] == (
        "V/v đôn đốc gửi báo cáo và thực hiện nhiệm vụ Kế hoạch nâng cao Chỉ số SIPAS, PAPI "
        "9 tháng năm 2024"
    )
    assert cell_lines(right)[-1] == "Nam Trà My, ngày 07 tháng 10 năm 2024"
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" not in texts
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == ["- UBND xã Trà Don;", "- UBND xã Trà Dơn."]
    assert not any("Phòng Nội vụ:" in t for t in texts)  # the sender is not chased
    assert "- UBND xã Trà Don." in texts
    assert "- UBND xã Trà Dơn: gửi ngày 18/09/2024, trễ 3 ngày." in texts
    assert (
        "- Niêm yết công khai thủ tục hành chính (thời hạn: 30/09/2024, quá hạn 5 ngày): "
        "UBND xã Trà Don (chưa báo cáo), UBND xã Trà Dơn (tiến độ 60%)."
    ) in texts
    assert texts[-1].endswith("./.")
    recipients = cell_lines(signature_table(document).rows[0].cells[0])
    assert recipients[1] == "- Như trên;" and recipients[-1] == "- Lưu: VT, NV."
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and section.different_first_page_header_footer


def test_many_addressees_are_grouped_in_the_letter(tmp_path: Path) -> None:
    rem = reminder(view_model(make_repo(tmp_path)))
    shorts = ["Trà Cang", "Trà Don", "Trà Dơn", "Trà Leng", "Trà Linh"]
    rem.units = [
        Debtor(f"xa-{i}", f"UBND xã {s}", s, "commune", [], "missing", None, 0)
        for i, s in enumerate(shorts)
    ] + [
        Debtor(f"phong-{i}", f"Phòng {s} huyện", f"Phòng {s}", "department", [], "missing", None, 0)
        for i, s in enumerate(["Tư pháp", "Y tế"])
    ]
    texts = [p.text for p in read(render_remind_docx(rem), tmp_path).paragraphs]
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == [
        "- Các cơ quan, đơn vị: Phòng Tư pháp, Phòng Y tế;",
        "- UBND các xã: Trà Cang, Trà Don, Trà Dơn, Trà Leng, Trà Linh.",
    ]
