"""Pages and packaging of an official document: page numbers centred in the top margin from
page 2 on, new (landscape) sections, and a deterministic save."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from plantrack.render.docx.layout import BODY_PT, add_run, page_setup
from plantrack.render.docx.text import clean
from plantrack.render.office.package import PERMISSIONS_ONLY, fixed_time, repack


def _field_run(paragraph: Any, kind: str, size: float) -> None:
    run = add_run(paragraph, "", size=size)
    if kind in ("begin", "separate", "end"):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    else:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = kind
    run._r.append(element)


def page_numbers(section: Any, *, size: float = BODY_PT, marks: list[str] | None = None) -> None:
    """Page numbers centred in the top margin, none on the first page (a different
    first-page header); ``marks`` (DỰ THẢO, DỮ LIỆU MINH HỌA) on every page, first included."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    if marks:
        _marks(section.first_page_header.paragraphs[0], marks)
        _marks(header.paragraphs[0], marks)
        paragraph = header.add_paragraph()
    else:
        paragraph = header.paragraphs[0]
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _field_run(paragraph, "begin", size)
    _field_run(paragraph, " PAGE ", size)
    _field_run(paragraph, "separate", size)
    add_run(paragraph, "2", size=size)
    _field_run(paragraph, "end", size)


def _marks(paragraph: Any, marks: list[str]) -> None:
    """The page marks, right-aligned, bold, in a frame of their own line."""
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.space_after = Pt(0)
    add_run(paragraph, " - ".join(marks), size=11, bold=True)


def new_section(doc: Any, *, landscape: bool) -> Any:
    """A new section on a new page; it keeps the page-number header of the first one."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=landscape)
    section.different_first_page_header_footer = False
    return section


def save(
    doc: Any, *, as_of: dt.date, title: str, subject: str, comments: str, keywords: str = ""
) -> bytes:
    """The document's bytes, identical for identical inputs: fixed core properties and zip
    entry times taken from ``as_of``; python-docx's placeholder thumbnail dropped."""
    props = doc.core_properties
    stamp = fixed_time(as_of)
    props.author = "plantrack"
    props.last_modified_by = "plantrack"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.title = clean(title)[:255]
    props.subject = clean(subject)[:255]
    props.comments = clean(comments)
    props.keywords = clean(keywords)
    props.language = "vi-VN"
    props.category = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return repack(buffer.getvalue(), stamp, edit=_without_thumbnail, file_mode=PERMISSIONS_ONLY)


def _without_thumbnail(name: str, payload: bytes) -> bytes | None:
    """python-docx's placeholder thumbnail and its relationship left out."""
    if name == "docProps/thumbnail.jpeg":
        return None
    if name == "_rels/.rels":
        text = re.sub(r"<Relationship [^>]*thumbnail\.jpeg\"/>", "", payload.decode("utf-8"))
        return text.encode("utf-8")
    return payload
