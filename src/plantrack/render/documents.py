"""Render the consolidated report's document model to Markdown, and the view-model to JSON
(HTML, xlsx and docx elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plantrack.domain.viewmodel import Consolidation, to_jsonable
from plantrack.render.docx.markup import Block, Span
from plantrack.render.report import REPORT_TEMPLATE, ReportDocument, build_report
from plantrack.render.templating import markdown_cell, markdown_escape


def render_markdown(
    vm: Consolidation, repo: Path | None = None, template: str = REPORT_TEMPLATE
) -> str:
    """The consolidated report as Markdown, from the report's document model."""
    return markdown(build_report(vm, repo=repo, template=template))


def render_json(vm: Consolidation) -> str:
    """The full view-model as JSON (keys sorted for stable diffs)."""
    return dumps(to_jsonable(vm))


def render_json_bytes(vm: Consolidation) -> bytes:
    """``render_json`` as UTF-8 bytes, never held as text: the JSON of a national
    consolidation is some 200 MB, and as a Python string of Vietnamese twice that."""
    return dump_bytes(to_jsonable(vm))


def dumps(data: Any) -> str:
    """``data`` as ``json.dumps(…, ensure_ascii=False, allow_nan=False, indent=2,
    sort_keys=True)`` writes it, plus a newline (see ``dump_bytes``)."""
    return dump_bytes(data).decode("utf-8")


def dump_bytes(data: Any) -> bytes:
    """``dumps`` as UTF-8 bytes. The standard encoder indents in Python, a few microseconds
    a value (most of the JSON of a national consolidation); orjson writes the same text in C,
    so it is used when every value is one it writes the same (``_plain``)."""
    import orjson

    if _plain(data):
        option = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
        try:
            return orjson.dumps(data, option=option)
        except orjson.JSONEncodeError:
            pass  # a text orjson refuses (a lone surrogate): the standard encoder decides
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _plain(data: Any) -> bool:
    """Whether ``data`` holds only values both encoders write alike: strings, booleans, None,
    64-bit integers, and floats written without an exponent (neither NaN nor infinity, which
    the standard encoder refuses here); dictionaries with string keys and lists of these."""
    todo = [data]
    while todo:
        value = todo.pop()
        kind = type(value)
        if kind is dict:
            if not all(type(key) is str for key in value):
                return False
            todo.extend(value.values())
        elif kind is list:
            todo.extend(value)
        elif kind is float:
            if not (value == 0 or 1e-4 <= abs(value) < 1e16):
                return False
        elif kind is int:
            if not -(2**63) <= value < 2**63:
                return False
        elif not (kind is str or kind is bool or value is None):
            return False
    return True


def _inline(spans: list[Span], cell: bool = False) -> str:
    out = []
    for span in spans:
        text = markdown_cell(span.text) if cell else markdown_escape(span.text)
        if not text.strip():
            out.append(text)
            continue
        if span.bold:
            text = f"**{text}**"
        if span.italic:
            text = f"*{text}*"
        out.append(text)
    return "".join(out)


def _paragraph(block: Block) -> str:
    text = _inline(block.spans)
    # a point of a list ("- …") stays a list item; escaped, a leading dash would not
    return "- " + text[2:] if text.startswith("- ") else text


def _table(block: Block) -> list[str]:
    rows = [[_inline(cell, cell=True) for cell in row] for row in block.rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    head = max(1, block.header_rows)
    out = ["| " + " | ".join(r) + " |" for r in rows[:head]]
    out.append("|" + "|".join(" --- " for _ in range(width)) + "|")
    out += ["| " + " | ".join(r) + " |" for r in rows[head:]]
    return out


def _signature(doc: ReportDocument) -> list[str]:
    h = doc.head
    # an authority may take two lines ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH")
    right = h.authority.splitlines() + (
        [h.signer_title] if h.signer_title and h.signer_title != h.authority else []
    )
    out = [f"**{markdown_escape(line)}**  " for line in right if line]
    out += ["", f"**{markdown_escape(h.signer_name)}**", ""] if h.signer_name else [""]
    out += ["*Nơi nhận:*", ""]
    out += [f"- {markdown_escape(r)};" for r in h.recipients]
    out += [f"- Lưu: {markdown_escape(h.archive)}."]
    return out


def _letterhead(doc: ReportDocument) -> list[str]:
    h = doc.head
    bodies = [markdown_escape(h.parent_body)]
    bodies += [f"**{markdown_escape(line)}**" for line in h.issuing_body.splitlines()]
    return [
        *[f"{line}  " for line in bodies if line.strip("*")],
        f"{markdown_escape(h.number)}",
        "",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
        "**Độc lập - Tự do - Hạnh phúc**  ",
        f"*{markdown_escape(h.place_date)}*",
        "",
        f"# {doc.title}",
        "",
        f"**{markdown_escape(doc.summary)}**",
        "",
    ]


def markdown(doc: ReportDocument) -> str:
    """The document model as Markdown: letterhead lines, title, body, signature, appendices
    (a part of another document has no letterhead, title or signature)."""
    mark = [f"**{markdown_escape(' - '.join(doc.marks))}**", ""] if doc.marks else []
    out = mark + ([] if doc.part else _letterhead(doc))
    signed = doc.part
    for block in doc.blocks:
        if block.kind == "heading":
            out += ["#" * (block.level + 1) + " " + markdown_escape(block.text), ""]
        elif block.kind == "para":
            out += [_paragraph(block), ""]
        elif block.kind == "table":
            out += [*_table(block), ""]
        elif block.kind == "section":
            out += ["---", ""]
        elif block.kind == "signature" and not signed:
            out += [*_signature(doc), ""]
            signed = True
    if not signed:
        out += [*_signature(doc), ""]
    out += mark
    return "\n".join(out).rstrip("\n") + "\n"
