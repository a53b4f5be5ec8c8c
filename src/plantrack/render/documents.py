"""Render the consolidated report's document model to Markdown, and the view-model to JSON
(HTML, xlsx and docx elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path

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
    return (
        json.dumps(to_jsonable(vm), ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True)
        + "\n"
    )


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
