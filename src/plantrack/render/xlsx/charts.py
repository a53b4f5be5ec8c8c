"""Native Excel charts for the appendix: status distribution, completion rate by unit, and
index components baseline against latest. Charts read their numbers from the sheet's cells."""

from __future__ import annotations

import math
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)

from plantrack.domain.indices import IndexRow
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS

CHART_HEIGHT = 13  # cm: 25 rows of 15 points
# A unit's name takes up to three lines beside its bar: at most this many units share a
# chart of UNIT_CHART_HEIGHT (the page's room under the titles) before a printer
# (LibreOffice) starts leaving names out
UNITS_PER_CHART = 10
UNIT_CHART_HEIGHT = 15


def _bar(title: str, horizontal: bool) -> Any:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.style = 10
    # Newer Excel hides axes openpyxl leaves without an explicit ``delete`` flag.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    # a chart prints on a page of its own: as wide as the page's room beside the name
    # columns, tall enough to fill most of it at 70 %
    chart.width, chart.height = 24, CHART_HEIGHT
    return chart


def status_chart(ws: Any, header_row: int, data_row: int, first_col: int) -> Any:
    """Bars of the overall status counts, one bar per status in its colour."""
    chart = _bar("Phân bố tình trạng nhiệm vụ (số lượt nhiệm vụ × đơn vị)", horizontal=True)
    last_col = first_col + len(STATUS_LABELS) - 1
    data = Reference(ws, min_col=first_col, max_col=last_col, min_row=data_row)
    cats = Reference(ws, min_col=first_col, max_col=last_col, min_row=header_row)
    chart.add_data(data, from_rows=True, titles_from_data=False)
    chart.set_categories(cats)
    series = chart.series[0]
    series.tx = SeriesLabel(v="Số lượt")
    for index, status in enumerate(STATUS_LABELS):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = STATUS_COLOURS[status].lstrip("#").upper()
        series.dPt.append(point)
    # Only the value: LibreOffice shows series and category names unless told not to.
    series.dLbls = DataLabelList(
        showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
    )
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # first status at the top
    chart.y_axis.crosses = "max"  # keeps the value axis at the bottom once categories flip
    chart.y_axis.number_format = "#,##0"
    chart.y_axis.majorGridlines = None
    chart.x_axis.tickLblSkip = 1  # every status named, none skipped for room
    return chart


def unit_charts(ws: Any, first_row: int, last_row: int, name_col: int, rate_col: int) -> list[Any]:
    """Horizontal bars of each unit's completion rate (0–100 %), every unit named: one chart
    of a page's height for at most ``UNITS_PER_CHART`` units, else as few charts as that
    allows, the units shared evenly and in the table's order (``docs/decisions.md``)."""
    count = last_row - first_row + 1
    charts = max(1, math.ceil(count / UNITS_PER_CHART))
    title = "Tỷ lệ hoàn thành nhiệm vụ đến hạn theo đơn vị"
    out: list[Any] = []
    for part in range(charts):
        start = first_row + part * count // charts
        end = first_row + (part + 1) * count // charts - 1
        # which units a chart shows, by their number in the table, when there are several
        span = f" (đơn vị {start - first_row + 1}–{end - first_row + 1}/{count})"
        out.append(_unit_chart(ws, start, end, name_col, rate_col, title + span * (charts > 1)))
    return out


def _unit_chart(
    ws: Any, first_row: int, last_row: int, name_col: int, rate_col: int, title: str
) -> Any:
    chart = _bar(title, horizontal=True)
    data = Reference(ws, min_col=rate_col, min_row=first_row, max_row=last_row)
    cats = Reference(ws, min_col=name_col, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(cats)
    chart.series[0].tx = SeriesLabel(v="Tỷ lệ hoàn thành")
    chart.series[0].graphicalProperties.solidFill = STATUS_COLOURS["done-on-time"].lstrip("#")
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # units top to bottom as in the table
    chart.y_axis.crosses = "max"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.tickLblSkip = 1
    chart.gapWidth = 40  # bars thick enough to read
    chart.height = UNIT_CHART_HEIGHT
    # the names in 10 points: long ones wrap rather than crowd each other out
    chart.x_axis.txPr = RichText(
        bodyPr=RichTextProperties(),
        p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=1000)))],
    )
    return chart


def index_chart(
    ws: Any, idx: IndexRow, first_row: int, last_row: int, code_col: int, base_col: int
) -> Any:
    """Columns of each component's baseline and latest score (one series when the index
    has a single observation); the latest score sits two columns right of the baseline."""
    chart = _bar(f"Chỉ số {idx.id}: điểm các thành phần", horizontal=False)
    series: list[tuple[int, str]] = []
    if idx.baseline is not None and idx.baseline is not idx.latest:
        series.append((base_col, f"Năm gốc {idx.baseline.year}"))
    if idx.latest is not None:
        series.append((base_col + 2, f"Mới nhất {idx.latest.year}"))
    for col, label in series:
        chart.add_data(Reference(ws, min_col=col, min_row=first_row, max_row=last_row))
        chart.series[-1].tx = SeriesLabel(v=label)
    chart.set_categories(Reference(ws, min_col=code_col, min_row=first_row, max_row=last_row))
    chart.y_axis.title = idx.unit
    chart.y_axis.number_format = "0.00"
    return chart
