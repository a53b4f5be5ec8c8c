"""The small line markup the Word templates (``templates/docx/*.txt.j2``) render to.

One line is one block; blank lines are ignored. A data repository overrides a template by
file name, so the body of a document is text anyone can edit, while the layout of
Nghị định 30/2020 (header, signature, recipients, pages) stays in code.

- ``# I. …``, ``## 1. …``, ``### a) …``   headings of three levels
- ``^ text``                              a centred paragraph, no indent
- ``< text``                              a left-aligned paragraph, no indent
- any other line                          a body paragraph (justified, first-line indent)
- ``@summary text``                       the summary line (trích yếu)
- ``@to text``                            an addressee of a letter (Kính gửi)
- ``@signature``                          where the signature and recipients go
- ``@section landscape|portrait``         a new section (appendix tables in landscape)
- ``@figure NAME``                        a chart (drawn where the format can: HTML)
- ``@part``                               a part of another document: no letterhead,
                                          title or signature (it is pasted into one)
- ``@table widths=4,1,1 align=lrr header=1`` … rows ``| a | b | c |`` … ``@end``

Inline: ``**bold**``, ``*italic*``; ``\\n`` is a line break; ``\\x`` is ``x`` literally.
Text from reports goes through the ``dx`` filter, which escapes all of this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plantrack.render.docx.text import clean

_SPECIAL = "\\*|#^@<"


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One block of the document body."""

    kind: str  # heading | para | summary | to | signature | section | table | figure
    spans: list[Span] = field(default_factory=list)
    level: int = 0
    align: str = "justify"
    indent: bool = True
    arg: str = ""
    widths: list[float] = field(default_factory=list)
    aligns: str = ""
    header_rows: int = 1
    rows: list[list[list[Span]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(s.text for s in self.spans)


def escape(value: object) -> str:
    """The ``dx`` filter: text from reports, inert in the markup (line breaks kept)."""
    lines = clean(value).strip("\n").split("\n")
    if len(lines) > 1:
        lines = [line.strip() for line in lines]
    return "\\n".join("".join("\\" + ch if ch in _SPECIAL else ch for ch in line) for line in lines)


def escape_cell(value: object) -> str:
    """Text for a table cell: escaped, on one line."""
    return escape(" ".join(clean(value).split()))


def parse_inline(text: str) -> list[Span]:
    """Spans of ``text``: ``**`` toggles bold, ``*`` italic, ``\\n`` breaks, ``\\x`` is x."""
    spans: list[Span] = []
    buf: list[str] = []
    bold = italic = False

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic))
            buf.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            buf.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        if ch == "*":
            flush()
            if text.startswith("**", i):
                bold = not bold
                i += 2
            else:
                italic = not italic
                i += 1
            continue
        buf.append(ch)
        i += 1
    flush()
    return spans


def split_cells(line: str) -> list[str]:
    """``| a | b\\|c |`` → ``["a", "b\\|c"]`` (escapes kept for the inline parser)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    cells: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            buf.append(body[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(buf).strip())
            buf.clear()
        else:
            buf.append(ch)
        i += 1
    if "".join(buf).strip():
        cells.append("".join(buf).strip())
    return cells


def _table_block(args: str) -> Block:
    block = Block("table")
    for item in args.split():
        key, _, value = item.partition("=")
        if key == "widths":
            block.widths = [float(v) for v in value.split(",") if v]
        elif key == "align":
            block.aligns = value
        elif key == "header":
            block.header_rows = int(value)
    return block


def parse(text: str) -> list[Block]:
    """The blocks of a rendered template."""
    blocks: list[Block] = []
    table: Block | None = None
    # not splitlines(): it also breaks at vertical tabs, form feeds and U+2028 in the data
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if table is not None:
            if line == "@end":
                blocks.append(table)
                table = None
            elif line.startswith("|"):
                table.rows.append([parse_inline(c) for c in split_cells(line)])
            continue
        if line.startswith("@table"):
            table = _table_block(line[len("@table") :])
        else:
            blocks.append(_line_block(line))
    if table is not None:
        blocks.append(table)
    return blocks


def _line_block(line: str) -> Block:
    if line.startswith("#"):
        marks = len(line) - len(line.lstrip("#"))
        return Block("heading", parse_inline(line[marks:].strip()), level=min(marks, 3))
    if line.startswith("^ "):
        return Block("para", parse_inline(line[2:]), align="center", indent=False)
    if line.startswith("< "):
        return Block("para", parse_inline(line[2:]), align="left", indent=False)
    if line.startswith("@"):
        name, _, rest = line[1:].partition(" ")
        if name in ("summary", "to"):
            return Block(name, parse_inline(rest.strip()))
        if name in ("signature", "part"):
            return Block(name)
        if name == "figure":
            return Block("figure", arg=rest.strip())
        if name == "section":
            return Block("section", arg=rest.strip() or "portrait")
    return Block("para", parse_inline(line))
