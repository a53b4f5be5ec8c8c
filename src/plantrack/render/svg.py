"""Inline SVG charts for the HTML report: status distribution, completion rate by unit, and index
components baseline vs latest.

Pure functions from view-model parts to SVG text. Every text from the data goes through
``html.escape``; coordinates are formatted with fixed precision and no ids are generated, so
the same view-model always gives the same bytes. No ``xmlns`` is written: inline SVG in HTML5
does not need it, and the page must carry no URL at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from plantrack.domain.indices import ComponentRow, IndexRow
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import UnitRow
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS
from plantrack.render.templating import number, percent

WIDTH = 640
FONT = 'font-family="\'Liberation Sans\', Arial, Helvetica, sans-serif" font-size="12"'
TRACK = "#eceff1"
AXIS = "#90a4ae"
INK = "#263238"
BASELINE_COLOUR = "#90a4ae"
LATEST_COLOUR = "#1565c0"
# Rough advance of one character at 12 px in a sans-serif face: enough to size label columns.
CHAR_WIDTH = 6.6
LINE_H = 13.5  # a 12 px label line
LABEL_CHARS = 34  # a component label wraps at words past this width


def _xy(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable text)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _open(height: float, label: str) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {WIDTH} {_xy(height)}" width="{WIDTH}" height="{_xy(height)}" '
        f'preserveAspectRatio="xMinYMin meet" {FONT}>'
        f"<title>{escape(label)}</title>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str | None = None) -> str:
    body = f"<title>{escape(tip)}</title></rect>" if tip else "</rect>"
    box = f'x="{_xy(x)}" y="{_xy(y)}" width="{_xy(w)}" height="{_xy(h)}"'
    return f'<rect {box} fill="{fill}">{body}'


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{_xy(x)}" y="{_xy(y)}"{attrs}{extra}>{escape(text)}</text>'


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def status_chart(counts: Counts, title: str = "Phân bố tình trạng nhiệm vụ") -> str:
    """A horizontal stacked bar of the status counts with a two-column legend below it."""
    total = counts.total
    bar_x, bar_y, bar_w, bar_h = 10.0, 30.0, WIDTH - 20.0, 28.0
    rows = (len(STATUS_LABELS) + 1) // 2
    height = bar_y + bar_h + 20 + rows * 22 + 6
    out = [_open(height, title), _text(10, 18, title, extra=' font-weight="bold"')]
    out.append(_rect(bar_x, bar_y, bar_w, bar_h, TRACK))
    x = bar_x
    if total == 0:
        out.append(_text(bar_x + bar_w / 2, bar_y + 18, "Không có nhiệm vụ", "middle"))
    for status, (label, _) in STATUS_LABELS.items():
        n = counts.by_status.get(status, 0)
        if not n:
            continue
        w = bar_w * n / total
        out.append(_rect(x, bar_y, w, bar_h, STATUS_COLOURS[status], f"{label}: {n}"))
        if w >= 8 * len(str(n)) + 6:
            out.append(
                _text(x + w / 2, bar_y + 18, str(n), "middle", ' fill="#ffffff" font-weight="bold"')
            )
        x += w
    legend_y = bar_y + bar_h + 20
    for i, (status, (label, _)) in enumerate(STATUS_LABELS.items()):
        lx = 10 + (i % 2) * (WIDTH / 2)
        ly = legend_y + (i // 2) * 22
        n = counts.by_status.get(status, 0)
        share = f" ({percent(round(100 * n / total, 1))})" if total and n else ""
        out.append(_rect(lx, ly - 10, 12, 12, STATUS_COLOURS[status]))
        out.append(_text(lx + 18, ly, f"{label}: {n}{share}", extra=f' fill="{INK}"'))
    out.append("</svg>")
    return "".join(out)


def completion_chart(units: Sequence[UnitRow], title: str = "Tỷ lệ hoàn thành theo đơn vị") -> str:
    """One horizontal bar per unit with tasks due: completed ÷ due, split into done on time
    (green) and done late (orange); best first, ties in the view-model's order."""
    due = [u for u in units if u.counts.due]
    due.sort(key=lambda u: -(u.counts.completion_rate or 0.0))
    label_w = max([_text_width(_fit(u.short, 38)) for u in due] + [60.0]) + 12
    value_w = 64.0
    bar_x = 10 + label_w
    bar_w = WIDTH - bar_x - value_w
    row_h = 19.0
    top = 30.0
    height = top + max(len(due), 1) * row_h + 44
    out = [_open(height, title), _text(10, 18, title, extra=' font-weight="bold"')]
    if not due:
        out.append(_text(10, top + 15, "Chưa có nhiệm vụ đến hạn tại ngày chốt."))
    for i, unit in enumerate(due):
        c = unit.counts
        y = top + i * row_h
        name = _fit(unit.short, 38)
        out.append(
            f"<g><title>{escape(unit.name)}: {c.completed}/{c.due} "
            f"({escape(percent(c.completion_rate))})</title>"
        )
        out.append(_text(bar_x - 6, y + 13, name, "end", f' fill="{INK}"'))
        out.append(_rect(bar_x, y + 3, bar_w, row_h - 6, TRACK))
        on_time = bar_w * c.done_on_time / c.due
        late = bar_w * c.done_late / c.due
        if on_time:
            out.append(_rect(bar_x, y + 3, on_time, row_h - 6, STATUS_COLOURS["done-on-time"]))
        if late:
            out.append(_rect(bar_x + on_time, y + 3, late, row_h - 6, STATUS_COLOURS["done-late"]))
        out.append(_text(WIDTH - 10, y + 13, percent(c.completion_rate), "end"))
        out.append("</g>")
    # Scale: 0, 50 and 100 % ticks under the bars.
    axis_y = top + max(len(due), 1) * row_h + 4
    out.append(
        f'<line x1="{_xy(bar_x)}" y1="{_xy(axis_y)}" x2="{_xy(bar_x + bar_w)}" y2="{_xy(axis_y)}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    for tick in (0, 50, 100):
        tx = bar_x + bar_w * tick / 100
        out.append(
            f'<line x1="{_xy(tx)}" y1="{_xy(axis_y)}" x2="{_xy(tx)}" y2="{_xy(axis_y + 4)}" '
            f'stroke="{AXIS}" stroke-width="1"/>'
        )
        out.append(_text(tx, axis_y + 16, f"{tick}%", "middle", f' fill="{INK}" font-size="10"'))
    legend_x = 10.0
    for status, label in (("done-on-time", "Đúng hạn"), ("done-late", "Quá hạn")):
        out.append(_rect(legend_x, axis_y + 26, 10, 10, STATUS_COLOURS[status]))
        out.append(_text(legend_x + 14, axis_y + 35, label, extra=' font-size="10"'))
        legend_x += 70
    out.append("</svg>")
    return "".join(out)


def has_scores(index: IndexRow) -> bool:
    """Whether any component of ``index`` has a baseline or latest score to draw."""
    return any(c.baseline is not None or c.latest is not None for c in index.components)


@dataclass(frozen=True)
class _Bars:
    """The geometry of the index chart: where labels, bars and values go."""

    series: list[tuple[str, str, str]]  # (year label, colour, "baseline" or "latest")
    scale_max: float
    bar_x: float
    bar_w: float
    bar_h: float = 12.0
    top: float = 30.0
    label_lines: int = 1

    @property
    def group_h(self) -> float:
        """The height of one component's group: its bars, or its wrapped label if taller."""
        return max(len(self.series) * self.bar_h, self.label_lines * LINE_H) + 10


def index_chart(index: IndexRow) -> str:
    """Grouped horizontal bars, baseline vs latest, one group per component (a dimension or a
    factor of the index); an empty string when the index has no component scores."""
    if not has_scores(index):
        return ""
    rows = [c for c in index.components if c.baseline is not None or c.latest is not None]
    series: list[tuple[str, str, str]] = []
    if index.two_years and index.baseline is not None:
        series.append((str(index.baseline.year), BASELINE_COLOUR, "baseline"))
    if index.latest is not None:
        series.append((str(index.latest.year), LATEST_COLOUR, "latest"))
    values = [v for c in rows for v in (c.baseline, c.latest) if v is not None]
    scale_max = max([c.scale_max for c in rows if c.scale_max is not None] + values + [1.0])
    title = f"Chỉ số {index.id}: điểm các thành phần" + (
        f" ({' – '.join(s[0] for s in series)})" if series else ""
    )
    labels = [_component_label(c.code, c.name) for c in rows]
    bar_x = 10 + max(_text_width(line) for label in labels for line in label) + 12
    lines = max(len(label) for label in labels)
    bars = _Bars(series, scale_max, bar_x, WIDTH - bar_x - 56.0, label_lines=lines)
    height = bars.top + len(rows) * bars.group_h + 36
    out = [_open(height, title), _text(10, 18, title, extra=' font-weight="bold"')]
    for i, comp in enumerate(rows):
        out += _component_bars(comp, bars, bars.top + i * bars.group_h)
    out += _axis_and_legend(bars, bars.top + len(rows) * bars.group_h)
    out.append("</svg>")
    return "".join(out)


def _component_bars(comp: ComponentRow, bars: _Bars, y: float) -> list[str]:
    """One component's label and its bars, one per year."""
    label = _component_label(comp.code, comp.name)
    out = [f"<g><title>{escape(comp.code)}. {escape(comp.name)}</title>"]
    middle = y + len(bars.series) * bars.bar_h / 2 + 4
    out.append(_lines(bars.bar_x - 6, middle, label, "end", f' fill="{INK}"'))
    for j, (year, colour, which) in enumerate(bars.series):
        value = comp.baseline if which == "baseline" else comp.latest
        by = y + j * bars.bar_h
        if value is None:
            out.append(_text(bars.bar_x + 2, by + 10, "—", extra=' font-size="10"'))
            continue
        w = bars.bar_w * max(value, 0.0) / bars.scale_max
        out.append(_rect(bars.bar_x, by, w, bars.bar_h - 2, colour, f"{year}: {number(value, 4)}"))
        out.append(_text(bars.bar_x + w + 4, by + 9, _score(value), extra=' font-size="10"'))
    out.append("</g>")
    return out


def _axis_and_legend(bars: _Bars, axis_y: float) -> list[str]:
    """The axis line, the scale note and one legend swatch per year."""
    x = _xy(bars.bar_x)
    out = [
        f'<line x1="{x}" y1="{_xy(bars.top - 4)}" x2="{x}" y2="{_xy(axis_y)}" '
        f'stroke="{AXIS}" stroke-width="1"/>',
        _text(
            bars.bar_x + bars.bar_w,
            axis_y + 12,
            f"thang điểm 0–{number(bars.scale_max)}",
            "end",
            ' font-size="10"',
        ),
    ]
    legend_x = 10.0
    for year, colour, _ in bars.series:
        out.append(_rect(legend_x, axis_y + 16, 10, 10, colour))
        out.append(_text(legend_x + 14, axis_y + 25, year, extra=' font-size="10"'))
        legend_x += 60
    return out


def _score(value: float) -> str:
    """A score with exactly two decimals, Vietnamese decimal comma: ``3,98``, ``2,90``."""
    return f"{value:.2f}".replace(".", ",")


def _fit(text: str, chars: int) -> str:
    """``text`` cut to ``chars`` characters with an ellipsis (the full text is in a tooltip)."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _component_label(code: str, name: str) -> list[str]:
    """A component's label wrapped at words: a whole name on up to three lines, not cut."""
    return wrap_words(f"{code}. {name}", LABEL_CHARS, 3)


def wrap_words(text: str, chars: int, most: int) -> list[str]:
    """``text`` in lines of at most ``chars`` characters, broken at spaces; past ``most``
    lines the last ends with "…" (the full text stays in the tooltip)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        last = lines[most - 1]
        lines = [
            *lines[: most - 1],
            (last if len(last) < chars - 1 else last.rsplit(" ", 1)[0]) + " …",
        ]
    return lines or [""]


def _lines(x: float, middle: float, lines: list[str], anchor: str, extra: str) -> str:
    """Lines of text centred on ``middle``, one ``tspan`` each."""
    top = middle - (len(lines) - 1) * LINE_H / 2
    spans = "".join(
        f'<tspan x="{_xy(x)}" y="{_xy(top + i * LINE_H)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}"{extra}>{spans}</text>'
