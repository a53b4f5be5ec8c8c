"""Which unit and period a returned form is for, as the unit saw it.

The hidden ``_meta`` sheet's checksum is a plain hash anyone can recompute, so it only shows
slips, never intent. What the unit saw and signed off is the visible text: the unit and period
cells of the general sheet, each answer sheet's title and the instructions' unit line. Every
one of them must name the unit and period of the hidden metadata; any that does not is a
located finding and the form is not imported.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from plantrack.forms.cells import fold, show
from plantrack.forms.layout import (
    FIRST_ROW,
    GENERAL_ROWS,
    SHEET_GENERAL,
    SHEET_HELP,
    SHEET_TITLES,
    UNIT_LINE,
    period_cell,
    sheet_title,
    unit_cell,
)
from plantrack.render.office.tables import clean_text
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding
from plantrack.validate.require import Repository

_ID_AT_END = re.compile(r"\(([^()]*)\)$")
# the name 'form export' gives a unit's form (layout.form_name)
_EXPORTED_NAME = re.compile(r"bieu-mau-(?P<period>\d{4}-[A-Z0-9]+)-(?P<unit>[A-Za-z0-9._-]+)\.xlsx")
_HELP_ROWS = 12  # the unit line is among the instructions' first lines


def _plain(value: Any) -> str:
    """A cell's text as compared: NFC, single spaces."""
    text = "" if value is None else str(value)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _expected(repo: Repository, meta: dict[str, str]) -> tuple[str | None, str | None]:
    """The unit's name and the period's title, when the repository knows them."""
    unit = repo.ctx.units.get(meta["unit"])
    try:
        title: str | None = repo.ctx.period(meta["period"]).title
    except (ValueError, KeyError):
        title = None  # an unknown period is the metadata's problem, reported by 'check'
    return (unit.name if unit is not None else None), title


def named_for(file_name: str, repo: Repository) -> tuple[str | None, str | None]:
    """The unit and period a file keeping the name ``form export`` gave it is for (both
    ``None`` for any other name): a form sent back under another unit's name is suspect."""
    match = _EXPORTED_NAME.fullmatch(file_name)
    if match is None or match.group("unit") not in repo.ctx.units:
        return None, None
    return match.group("unit"), match.group("period")


def visible_mismatches(
    wb: Any, repo: Repository, meta: dict[str, str], shown: str
) -> list[Finding]:
    """A PT325 finding at every visible cell that names another unit or period than the
    hidden metadata (or names none where the form names one)."""
    name, title = _expected(repo, meta)
    places = _general_cells(wb, name, title, meta)
    if name is not None and title is not None:
        places += _titles(wb, name, title)
    findings = []
    for key, value, wanted in places:
        seen = _plain(value)
        if wanted(seen) if callable(wanted) else seen == _plain(clean_text(wanted)):
            continue
        findings.append(
            make(
                "PT325",
                shown,
                None,
                None,
                key,
                seen=show(seen) if seen else "",
                unit=meta["unit"],
                period=meta["period"],
            )
        )
    return findings


Place = tuple[str, Any, Any]  # cell key, its value, the text it must hold (or a test)


def _general_cells(
    wb: Any, name: str | None, title: str | None, meta: dict[str, str]
) -> list[Place]:
    """The general sheet's unit and period cells, found by their labels as the import does."""
    ws = wb[SHEET_GENERAL]
    rows: dict[str, int] = {}
    for number in range(FIRST_ROW, ws.max_row + 1):
        label = ws.cell(row=number, column=1).value
        if isinstance(label, str):
            rows.setdefault(fold(label), number)
    unit_spec, period_spec = GENERAL_ROWS[0], GENERAL_ROWS[1]
    wanted: list[tuple[str, Any]] = [
        (unit_spec.label, unit_cell(name, meta["unit"]) if name else _ends_with(meta["unit"])),
        (
            period_spec.label,
            period_cell(title, meta["period"]) if title else _ends_with(meta["period"]),
        ),
    ]
    places: list[Place] = []
    for label, expected in wanted:
        row = rows.get(fold(label))
        if row is None:
            places.append((SHEET_GENERAL, None, expected))
        else:
            places.append((f"{SHEET_GENERAL}!B{row}", ws.cell(row=row, column=2).value, expected))
    return places


def _ends_with(identifier: str) -> Any:
    """A test that a cell's text ends with ``(identifier)``."""

    def test(seen: str) -> bool:
        match = _ID_AT_END.search(seen)
        return match is not None and match.group(1).strip() == identifier

    return test


def _titles(wb: Any, name: str, title: str) -> list[Place]:
    """Each answer sheet's title row, and the instructions' line naming the unit."""
    places: list[Place] = []
    for sheet in SHEET_TITLES:
        if sheet in wb.sheetnames:
            cell = wb[sheet].cell(row=1, column=1)
            places.append((f"{sheet}!A1", cell.value, sheet_title(sheet, name, title)))
    if SHEET_HELP in wb.sheetnames:
        ws = wb[SHEET_HELP]
        marker = fold(UNIT_LINE)
        for number in range(1, min(ws.max_row, _HELP_ROWS) + 1):
            value = ws.cell(row=number, column=1).value
            if isinstance(value, str) and fold(value).startswith(marker):
                places.append((f"{SHEET_HELP}!A{number}", value, UNIT_LINE + name))
    return places
