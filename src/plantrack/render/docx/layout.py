"""python-docx primitives for the Nghị định 30/2020/NĐ-CP layout: A4 pages and margins,
Times New Roman everywhere, runs and paragraphs, short rules, bordered tables with repeated
header rows (page numbers, sections and saving are in ``pages``)."""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from plantrack.render.docx.text import clean

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE = Cm(1.27)
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
    "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# pPr children that must follow w:pBdr (Word rejects out-of-order XML).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
)
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def set_font(rpr: Any) -> None:
    """Times New Roman for every script slot, theme fonts removed (Word would prefer them)."""
    fonts = rpr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
        fonts.attrib.pop(qn(f"w:{slot}Theme"), None)
    fonts.attrib.pop(qn("w:cstheme"), None)


def new_document() -> Any:
    """An empty A4 portrait document whose defaults and Normal style are Times New Roman 14,
    justified body spacing and Vietnamese proofing language."""
    doc = Document()
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr)
    for tag, value in (("w:sz", "28"), ("w:szCs", "28")):
        rpr.find(qn(tag)).set(qn("w:val"), value)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")
    for name in ("Normal", "Header", "Footer"):
        if name in [s.name for s in doc.styles]:
            style = doc.styles[name]
            style.font.size = Pt(BODY_PT)
            set_font(style.element.get_or_add_rPr())
    page_setup(doc.sections[0])
    return doc


def page_setup(section: Any, *, landscape: bool = False) -> None:
    """A4, portrait or landscape, with the decree's margins; header 10 mm from the edge."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def text_width_mm(section: Any) -> float:
    """The width between the margins."""
    return float((section.page_width - section.left_margin - section.right_margin) / Mm(1))


def add_run(
    paragraph: Any,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
) -> Any:
    """A run of cleaned text in Times New Roman (line breaks become ``w:br``)."""
    run = paragraph.add_run(clean(text))
    set_font(run._r.get_or_add_rPr())
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size is not None:
        run.font.size = Pt(size)
    return run


def add_paragraph(
    container: Any,
    text: str = "",
    *,
    align: str = "justify",
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    first_line: bool = False,
    before: float = 0,
    after: float = 6,
    left_mm: float = 0,
    reuse: bool = False,
) -> Any:
    """A paragraph in ``container`` (document, cell, header); ``reuse`` takes a cell's first,
    still empty paragraph instead of adding one."""
    # only when asked: ``paragraphs`` builds the list of every paragraph of the container,
    # so asking for each new paragraph of a long document costs quadratic time
    existing = getattr(container, "paragraphs", []) if reuse else []
    if reuse and len(existing) == 1 and not existing[0].text and not existing[0].runs:
        paragraph = existing[0]
    else:
        paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.first_line_indent = FIRST_LINE if first_line else None
    if left_mm:
        fmt.left_indent = Mm(left_mm)
    if size is not None:
        _mark_size(paragraph, size)
    if text:
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _mark_size(paragraph: Any, size: float) -> None:
    """The paragraph mark's own font and size (they set an empty line's height)."""
    ppr = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    mark.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        mark.append(element)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


def outline_level(paragraph: Any, level: int) -> None:
    """Mark a heading for Word's navigation pane without using its themed heading styles."""
    paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().val = level


def keep_with_next(paragraph: Any) -> None:
    """Keep a heading on the page of the paragraph that follows it."""
    paragraph.paragraph_format.keep_with_next = True


def add_rule(container: Any, length_mm: float, width_mm: float, *, after: float = 0) -> Any:
    """A solid horizontal rule ``length_mm`` long, centred in ``width_mm``: the top border of
    an almost empty paragraph whose indents set its length."""
    indent = max(0.0, (width_mm - length_mm) / 2)
    # the space before keeps the rule clear of the dots under the letters above it
    paragraph = add_paragraph(container, align="center", size=1, before=4, after=after)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(indent)
    fmt.right_indent = Mm(indent)
    fmt.line_spacing = Pt(1)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)
    return paragraph


def _borders(table: Any, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


# padding inside a bordered cell: text clear of the lines (1.5 mm beside; 1 mm above and
# below, where a capital's accent would otherwise touch the line)
CELL_MARGINS_MM = {"top": 1.0, "left": 1.5, "bottom": 1.0, "right": 1.5}


def _cell_margins(table: Any) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in CELL_MARGINS_MM.items():
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(mm * 56.6929)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook")


def add_table(
    container: Any,
    rows: int,
    widths_mm: list[float],
    *,
    borders: bool = True,
    indent_mm: float = 0,
) -> Any:
    """A fixed-layout table with column widths in mm, bordered (single black lines) or not."""
    table = container.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(round(sum(widths_mm) * 56.6929)))
    width.set(qn("w:type"), "dxa")
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(round(indent_mm * 56.6929)))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.insert_element_before(ind, "w:tblBorders", *_AFTER_TBLBORDERS)
    _borders(table, "single" if borders else "nil")
    if borders:
        _cell_margins(table)
    for index, column in enumerate(table.columns):
        column.width = Mm(widths_mm[index])
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Mm(widths_mm[index])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if borders else None
        row_pr = row._tr.get_or_add_trPr()
        row_pr.append(OxmlElement("w:cantSplit"))
    return table


def repeat_header(row: Any) -> None:
    """Repeat ``row`` at the top of every page the table spans."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
