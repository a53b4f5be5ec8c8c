"""Render the consolidated report's document model as one self-contained HTML page (read on
screen, printed on A4), with the inline SVG charts where the text places a figure.

Every text is escaped here; only our own SVG (whose texts ``render.svg`` escaped) is inserted
as is. No external resource of any kind: the page works offline.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from plantrack.domain.viewmodel import Consolidation
from plantrack.render import svg
from plantrack.render.docx.markup import Block, Span
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS, SUBMISSION_LABELS
from plantrack.render.report import REPORT_TEMPLATE, ReportDocument, build_report

ALIGN = {"l": "left", "c": "center", "r": "right", "j": "justify"}
# A table cell stating a status takes its colour (the habit of Vietnamese task software);
# a late or missing submission is highlighted.
STATUS_BY_LABEL = {vi: status for status, (vi, _) in STATUS_LABELS.items()}
SUBMISSION_BY_LABEL = {vi: status for status, (vi, _) in SUBMISSION_LABELS.items()}
STYLE = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 2.2rem 2rem 3rem; max-width: 60rem; color: #000; background: #fff;
  font-family: "Times New Roman", Times, "Liberation Serif", Tinos, "Noto Serif", serif;
  font-size: 14pt; line-height: 1.4; }
.marks { position: fixed; top: .3rem; right: .6rem; font-weight: bold; font-size: 11pt;
  border: 1px solid #000; padding: 0 .4rem; background: #fff; }
table.head { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
table.head td { border: none; text-align: center; vertical-align: top; padding: 0;
  font-size: 13pt; }
table.head .body { font-weight: bold; }
table.head .nation { font-weight: bold; font-size: 12pt; }
table.head .motto { font-weight: bold; }
table.head .date { font-style: italic; }
table.head .blank { white-space: pre-wrap; }  /* the spaces left for the number and date */
hr.rule { width: 35%; margin: .15rem auto .4rem; border: 0; border-top: 1px solid #000; }
h1 { font-size: 14pt; text-align: center; margin: 1rem 0 0; }
p.summary { text-align: center; font-weight: bold; margin: 0 0 1rem; }
h2, h3, h4 { font-size: 14pt; margin: .6rem 0 .3rem; text-indent: 1.27cm; break-after: avoid; }
h4 { font-style: italic; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1.27cm; }
p.c { text-align: center; text-indent: 0; }
p.l { text-align: left; text-indent: 0; }
table.t { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-size: 12pt; }
table.t th, table.t td { border: 1px solid #000; padding: .15rem .35rem; vertical-align: top; }
table.t th { text-align: center; }
figure { margin: .4rem auto 1rem; max-width: 42rem; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
table.sign { width: 100%; border-collapse: collapse; margin-top: 1.2rem; }
table.sign td { border: none; vertical-align: top; padding: 0; width: 50%; }
table.sign .to { font-size: 11pt; }
table.sign .to strong { font-size: 12pt; font-style: italic; }
table.sign .who { text-align: center; font-weight: bold; }
table.sign .name { margin-top: 5rem; }
section.appendix { break-before: page; }
h2.appendix { text-align: center; text-indent: 0; margin: 0; }
td.st { border-left: 5px solid var(--c); background: color-mix(in srgb, var(--c) 16%, #fff); }
td.sub-late { background: #fff3e0; font-weight: bold; }
td.sub-missing { background: #ffebee; font-weight: bold; }
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page wide { size: A4 landscape; margin: 20mm 15mm 20mm 20mm; }
@media print { body { padding: 0; max-width: none; } section.appendix { page: wide; } }
"""


def _colours() -> str:
    """One CSS class per status, carrying its colour."""
    return "\n".join(f".st-{s} {{ --c: {c}; }}" for s, c in STATUS_COLOURS.items())


def _cell_class(text: str) -> str:
    """The class of a body cell whose whole text is a status or a submission label."""
    status = STATUS_BY_LABEL.get(text)
    if status:
        return f"st st-{status}"
    sub = SUBMISSION_BY_LABEL.get(text.split(" (")[0])
    return f"sub-{sub}" if sub in ("late", "missing") else ""


def charts(vm: Consolidation) -> dict[str, str]:
    """The page's charts by figure name: ``status``, ``completion``, ``index:<ID>``."""
    out = {"status": svg.status_chart(vm.overall), "completion": svg.completion_chart(vm.units)}
    for index in vm.indices:
        drawn = svg.index_chart(index)
        if drawn:
            out[f"index:{index.id}"] = drawn
    return out


def render_html(
    vm: Consolidation, repo: Path | None = None, template: str = REPORT_TEMPLATE
) -> str:
    """The consolidated report as an HTML5 page; ``repo`` may override the template. A
    roll-up's appendices of children are linked tables (``render/html_rollup.py``)."""
    from plantrack.render.html_rollup import drawn

    figures = charts(vm) | drawn(vm, repo)
    return page(build_report(vm, repo=repo, template=template, linked=True), figures)


def _inline(spans: list[Span]) -> str:
    out = []
    for span in spans:
        text = escape(span.text).replace("\n", "<br>")
        if span.bold:
            text = f"<strong>{text}</strong>"
        if span.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _table(block: Block) -> str:
    rows = []
    for r, row in enumerate(block.rows):
        tag = "th" if r < block.header_rows else "td"
        cells = []
        for c, cell in enumerate(row):
            align = "" if tag == "th" else ALIGN.get(block.aligns[c : c + 1], "left")
            style = f' style="text-align:{align}"' if align else ""
            cls = _cell_class("".join(s.text for s in cell)) if tag == "td" else ""
            klass = f' class="{cls}"' if cls else ""
            cells.append(f"<{tag}{klass}{style}>{_inline(cell)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="t">\n' + "\n".join(rows) + "\n</table>"


def _head(doc: ReportDocument) -> str:
    h = doc.head
    return (
        '<table class="head"><tr><td>'
        f"<div>{escape(h.parent_body)}</div>"
        f'<div class="body">{_lines(h.issuing_body, "<br>")}</div><hr class="rule">'
        f'<div class="blank">{escape(h.number)}</div></td><td>'
        '<div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
        '<div class="motto">Độc lập - Tự do - Hạnh phúc</div><hr class="rule">'
        f'<div class="date blank">{escape(h.place_date)}</div></td></tr></table>\n'
        f"<h1>{escape(doc.title)}</h1>\n"
        f'<p class="summary">{escape(doc.summary)}</p><hr class="rule">'
    )


def _lines(text: str, joiner: str = "") -> str:
    """Escaped lines of a name written on several lines (``TM. …`` over ``KT. …``): each its
    own ``div``, or joined by ``joiner``."""
    lines = [escape(line) for line in text.splitlines()] or [""]
    return joiner.join(lines) if joiner else "".join(f"<div>{line}</div>" for line in lines)


def _signature(doc: ReportDocument) -> str:
    h = doc.head
    to = "".join(f"<div>- {escape(r)};</div>" for r in h.recipients)
    title = (
        f"<div>{escape(h.signer_title)}</div>"
        if h.signer_title and h.signer_title != h.authority
        else ""
    )
    return (
        '<table class="sign"><tr><td class="to"><strong>Nơi nhận:</strong>'
        f"{to}<div>- Lưu: {escape(h.archive)}.</div></td>"
        f'<td class="who">{_lines(h.authority)}{title}'
        f'<div class="name">{escape(h.signer_name or "")}</div></td></tr></table>'
    )


def _body(doc: ReportDocument, drawn: dict[str, str]) -> list[str]:
    out: list[str] = []
    signed = doc.part
    open_section = opening = False
    for block in doc.blocks:
        if block.kind == "heading":
            level = min(block.level + 1, 4)
            out.append(f"<h{level}>{_inline(block.spans)}</h{level}>")
        elif block.kind == "para" and opening and block.align == "center":
            # an appendix's number heads its page, as the title of what follows
            out.append(f'<h2 class="appendix">{_inline(block.spans)}</h2>')
            opening = False
        elif block.kind == "para":
            cls = {"center": ' class="c"', "left": ' class="l"'}.get(block.align, "")
            out.append(f"<p{cls}>{_inline(block.spans)}</p>")
        elif block.kind == "table":
            out.append(_table(block))
        elif block.kind == "figure" and block.arg in drawn:
            # a chart is a figure; a linked table (a roll-up's appendix) stands as it is
            shown = drawn[block.arg]
            out.append(f"<figure>{shown}</figure>" if shown.startswith("<svg") else shown)
        elif block.kind == "section":
            out.append("</section>" if open_section else "")
            out.append('<section class="appendix">')
            open_section = opening = True
        elif block.kind == "signature" and not signed:
            out.append(_signature(doc))
            signed = True
    if not signed:
        out.append(_signature(doc))
    if open_section:
        out.append("</section>")
    return [line for line in out if line]


def page(doc: ReportDocument, drawn: dict[str, str], tail: str = "") -> str:
    """The document model as a complete HTML page; ``tail`` (HTML) ends its body."""
    marks = f'<div class="marks">{escape(" - ".join(doc.marks))}</div>\n' if doc.marks else ""
    title = escape(f"{doc.title} {doc.summary}")
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}{_colours()}\n</style>\n</head>\n<body>\n"
        + marks
        + ("" if doc.part else _head(doc) + "\n")
        + "\n".join(_body(doc, drawn) + ([tail] if tail else []))
        + "\n</body>\n</html>\n"
    )
