"""Assemble an official document (a Báo cáo or a Công văn, Nghị định 30/2020/NĐ-CP) from a
letterhead and the blocks of a rendered template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantrack.render.docx.layout import (
    BODY_PT,
    TABLE_PT,
    add_paragraph,
    add_rule,
    add_run,
    add_table,
    keep_with_next,
    new_document,
    outline_level,
    repeat_header,
    text_width_mm,
)
from plantrack.render.docx.markup import Block, Span
from plantrack.render.docx.pages import new_section, page_numbers, save
from plantrack.render.docx.text import Letterhead, text_width_pt

HEADER_COLUMNS_MM = (70.0, 100.0)
HEADER_INDENT_MM = -5.0
CELL_PADDING_MM = 3.8  # Word's default left + right cell margins
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PT_MM = 25.4 / 72


def compose(
    blocks: list[Block],
    head: Letterhead,
    *,
    letter: bool,
    as_of: dt.date,
    comments: str,
    title: str = "BÁO CÁO",
    marks: list[str] | None = None,
    keywords: str = "",
) -> bytes:
    """The document's bytes: header, title (``BÁO CÁO``, ``THÔNG BÁO``…) or addressees,
    body, signature, appendices; ``marks`` (DỰ THẢO, DỮ LIỆU MINH HỌA) head every page."""
    doc = new_document()
    page_numbers(doc.sections[0], marks=marks or [])
    summary = " ".join(b.text for b in blocks if b.kind == "summary")
    part = any(b.kind == "part" for b in blocks)
    _opening(doc, blocks, head, summary, title, letter=letter, part=part)
    _body(doc, blocks, head, signed=part)
    kind = "Công văn" if letter else "Phần báo cáo" if part else title.capitalize()
    return save(
        doc,
        as_of=as_of,
        title=f"{kind}: {summary}",
        subject=summary,
        comments=comments,
        keywords=keywords,
    )


def _opening(
    doc: Any,
    blocks: list[Block],
    head: Letterhead,
    summary: str,
    title: str,
    *,
    letter: bool,
    part: bool,
) -> None:
    """The letterhead, then a letter's addressees or a document's title; a part of another
    document (``@part``) has neither."""
    if part:
        return
    _header(doc, head, summary if letter else None)
    if letter:
        _addressees(doc, [b.text for b in blocks if b.kind == "to"])
    else:
        _title(doc, title, summary)


def _body(doc: Any, blocks: list[Block], head: Letterhead, *, signed: bool) -> None:
    """The blocks in order, the signature where the text places it (else at the end)."""
    width = text_width_mm(doc.sections[0])
    last: Any = None
    for block in blocks:
        if block.kind == "heading":
            last = _heading(doc, block)
        elif block.kind == "para":
            last = add_paragraph(doc, align=block.align, first_line=block.indent)
            _spans(last, block.spans)
        elif block.kind == "table":
            _table(doc, block, width)
            last = None
        elif block.kind == "section":
            width = text_width_mm(new_section(doc, landscape=block.arg == "landscape"))
        elif block.kind == "signature" and not signed:
            _signature(doc, head, width, last)
            signed = True
        # a figure is drawn in the HTML page only: the Word text states its figures
    if not signed:
        _signature(doc, head, width, last)


def _spans(paragraph: Any, spans: list[Span], size: float | None = None) -> None:
    for span in spans:
        add_run(paragraph, span.text, size=size, bold=span.bold, italic=span.italic)


def _header(doc: Any, head: Letterhead, summary: str | None) -> None:
    """The borderless two-column header: bodies and number left, nation and date right; a
    letter's summary line (V/v …) sits under its number."""
    table = add_table(doc, 1, list(HEADER_COLUMNS_MM), borders=False, indent_mm=HEADER_INDENT_MM)
    left, right = table.rows[0].cells
    left_width, right_width = (w - CELL_PADDING_MM for w in HEADER_COLUMNS_MM)
    add_paragraph(left, head.parent_body, align="center", size=13, after=0, reuse=True)
    add_paragraph(left, head.issuing_body, align="center", size=13, bold=True, after=0)
    widest = max(head.issuing_body.splitlines() or [""], key=lambda s: text_width_pt(s, 13))
    body_mm = min(text_width_pt(widest, 13, bold=True) * PT_MM, left_width)
    add_rule(left, max(body_mm * 0.45, 15.0), left_width, after=6)
    add_paragraph(left, head.number, align="center", size=13, after=0)
    if summary is not None:
        add_paragraph(left, summary, align="center", size=12, before=6, after=0)
    add_paragraph(right, NATION, align="center", size=12, bold=True, after=0, reuse=True)
    add_paragraph(right, MOTTO, align="center", size=13, bold=True, after=0)
    add_rule(right, text_width_pt(MOTTO, 13, bold=True) * PT_MM, right_width, after=6)
    add_paragraph(right, head.place_date, align="center", size=14, italic=True, after=0)


def _title(doc: Any, title: str, summary: str) -> None:
    """``BÁO CÁO``, the summary line in bold, and a short rule under it."""
    add_paragraph(doc, title, align="center", size=BODY_PT, bold=True, before=18, after=0)
    add_paragraph(doc, summary, align="center", size=BODY_PT, bold=True, after=0)
    width = text_width_mm(doc.sections[0])
    line = min(text_width_pt(summary, BODY_PT, bold=True) * PT_MM, width)
    add_rule(doc, max(line * 0.35, 25.0), width, after=12)


def _addressees(doc: Any, names: list[str]) -> None:
    """``Kính gửi:`` one addressee on the same line, several one per line."""
    if len(names) <= 1:
        text = f"Kính gửi: {names[0].rstrip('.;')}." if names else "Kính gửi:"
        add_paragraph(doc, text, align="center", before=18, after=12)
        return
    add_paragraph(doc, "Kính gửi:", align="left", before=18, after=0, left_mm=25)
    for index, name in enumerate(names):
        end = "." if index == len(names) - 1 else ";"
        after = 12 if end == "." else 0
        add_paragraph(doc, f"- {name.rstrip('.;')}{end}", align="left", after=after, left_mm=45)


def _heading(doc: Any, block: Block) -> Any:
    """Headings I., 1., a): bold (the third level italic), indented like the body."""
    paragraph = add_paragraph(doc, align="justify", first_line=True, before=6 if block.level else 0)
    for span in block.spans:
        add_run(
            paragraph,
            span.text,
            bold=block.level < 3 or span.bold,
            italic=block.level == 3 or span.italic,
        )
    outline_level(paragraph, block.level - 1)
    keep_with_next(paragraph)
    return paragraph


def _table(doc: Any, block: Block, width_mm: float) -> None:
    """A bordered table filling the text width; header rows bold, centred and repeated."""
    columns = max((len(r) for r in block.rows), default=0)
    if not columns:
        return
    weights = (block.widths + [1.0] * columns)[:columns]
    widths = [width_mm * w / sum(weights) for w in weights]
    table = add_table(doc, len(block.rows), widths)
    # rows in one pass: ``table.rows[r]`` lists every row of the table for each index
    for r, (row, made) in enumerate(zip(block.rows, table.rows, strict=True)):
        header = r < block.header_rows
        if header:
            repeat_header(made)
        for c, cell in enumerate(made.cells):
            spans = row[c] if c < len(row) else []
            align = "c" if header else (block.aligns[c : c + 1] or "l")
            paragraph = add_paragraph(cell, align=align, size=TABLE_PT, after=0, reuse=True)
            if header:
                spans = [Span(s.text, True, s.italic) for s in spans]
            _spans(paragraph, spans, TABLE_PT)
    add_paragraph(doc, size=6, after=0)


def _signature(doc: Any, head: Letterhead, width_mm: float, last: Any) -> None:
    """Recipients bottom-left (12 pt bold italic heading, 11 pt lines, the archive last);
    the signer's authority, title, space to sign and name on the right. The paragraph
    before it stays on the same page, so a signature never stands alone on a page."""
    if last is not None:
        keep_with_next(last)
    left_mm = min(80.0, width_mm * 0.48)
    table = add_table(doc, 1, [left_mm, width_mm - left_mm], borders=False)
    left, right = table.rows[0].cells
    add_paragraph(
        left, "Nơi nhận:", align="left", size=12, bold=True, italic=True, after=0, reuse=True
    )
    for recipient in head.recipients:
        add_paragraph(left, f"- {recipient};", align="left", size=11, after=0)
    add_paragraph(left, f"- Lưu: {head.archive}.", align="left", size=11, after=0)
    add_paragraph(right, head.authority, align="center", bold=True, after=0, reuse=True)
    if head.signer_title and head.signer_title != head.authority:
        add_paragraph(right, head.signer_title, align="center", bold=True, after=0)
    add_paragraph(right, head.signer_name or "", align="center", bold=True, before=84, after=0)
