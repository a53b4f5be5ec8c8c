"""A returned self-assessment sheet back to the unit's YAML (``data/emulation/<year>/<unit>
.yaml``), with the report form's guarantees: the package is checked before it is parsed,
the hidden metadata must match the scheme, unit and year, every problem is a finding
located at its sheet and cell, and a sheet with errors gives no YAML at all."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from plantrack import layout
from plantrack.forms import cells, sheets
from plantrack.forms.emulation_export import (
    CLAIM_ROWS,
    FIRST_ROW,
    FORMAT,
    INFO_ROWS,
    META_KEYS,
    SHEET_CLAIMS,
    SHEET_INFO,
    SHEET_META,
    SHEET_SCORES,
    SHEETS,
    VERSION,
    meta_checksum,
    scheme_fingerprint,
)
from plantrack.forms.importer import CellLocated
from plantrack.forms.opening import check_container, read_bytes
from plantrack.io.repo import DataFile
from plantrack.io.yamlload import YamlDoc
from plantrack.io.yamlwrite import dump_block
from plantrack.models.emulation import Scheme, SelfAssessment
from plantrack.validate.catalogue import make
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding, count
from plantrack.validate.rules_emulation import LoadedSelf, check_self
from plantrack.validate.schema import error_to_finding

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/self-assessment.schema.json\n"


@dataclass
class SelfImport:
    """What a returned sheet gave: findings and, without errors, the YAML and its path."""

    shown: str
    findings: list[Finding] = field(default_factory=list)
    sheet: SelfAssessment | None = None
    rel: str | None = None
    text: str | None = None

    @property
    def errors(self) -> int:
        """Number of findings of severity error."""
        return count(self.findings)[0]


def _not_form(shown: str, reason: str, reason_en: str) -> list[Finding]:
    return [make("PT302", shown, None, None, SHEET_META, reason=reason, reason_en=reason_en)]


def open_sheet(path: Path, shown: str) -> tuple[Any | None, list[Finding]]:
    """The workbook at ``path`` once its package passed the report form's checks (no
    macros, links, entities or bombs), with every sheet the import reads."""
    raw, findings = read_bytes(path, shown)
    if raw is None:
        return None, findings
    findings = check_container(raw, shown)
    if findings:
        return None, findings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(raw), data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return None, [make("PT301", shown, None, None, "", reason=reason, reason_en=reason)]
    missing = [name for name in SHEETS if name not in wb.sheetnames]
    if missing:
        return None, _not_form(shown, f"thiếu trang '{missing[0]}'", f"no sheet '{missing[0]}'")
    for name in (SHEET_SCORES, SHEET_CLAIMS, SHEET_INFO):
        if (wb[name].max_row or 0) > FIRST_ROW + CLAIM_ROWS + 200:
            return None, _not_form(shown, f"trang '{name}' quá dài", f"sheet '{name}' too long")
    return wb, []


def read_meta(wb: Any, shown: str) -> tuple[dict[str, str] | None, list[Finding]]:
    """The hidden metadata, checked for format, version and hand edits."""
    meta: dict[str, str] = {}
    for key_cell, value_cell in wb[SHEET_META].iter_rows(min_row=1, max_row=20, max_col=2):
        if isinstance(key_cell.value, str):
            meta[key_cell.value] = "" if value_cell.value is None else str(value_cell.value)
    if meta.get("format") != FORMAT or meta.get("version") != VERSION:
        return None, _not_form(
            shown, "không phải bảng tự chấm điểm của plantrack", "not a plantrack self-assessment"
        )
    if meta.get("checksum") != meta_checksum(meta):
        return None, [make("PT306", shown, None, None, SHEET_META)]
    return {k: meta.get(k, "") for k in META_KEYS}, []


def _compare(
    scheme: Scheme, meta: dict[str, str], shown: str, unit: str | None, year: int | None
) -> list[Finding]:
    if meta["scheme"] != scheme_fingerprint(scheme):
        return _not_form(
            shown,
            f"bảng điểm năm {meta['year']} đã thay đổi sau khi xuất bảng tự chấm; xuất lại",
            f"the {meta['year']} scheme changed after the sheet was exported; export it again",
        )
    if (unit and unit != meta["unit"]) or (year and str(year) != meta["year"]):
        return [
            make(
                "PT308",
                shown,
                None,
                None,
                f"{SHEET_INFO}!B{FIRST_ROW}",
                unit=meta["unit"],
                period=meta["year"],
                expected_unit=unit or meta["unit"],
                expected_period=str(year or meta["year"]),
            )
        ]
    return []


def _read(
    out: sheets.Collector, ws: Any, row: int, col: str, kind: str, path: tuple[Any, ...]
) -> Any:
    return sheets.read_value(out, ws.title, ws[f"{col}{row}"], kind, path)


def _scores(out: sheets.Collector, wb: Any, scheme: Scheme) -> list[dict[str, Any]]:
    ws = wb[SHEET_SCORES]
    rows: list[dict[str, Any]] = []
    for index, criterion in enumerate(scheme.criteria):
        row = FIRST_ROW + index
        if ws[f"B{row}"].value != criterion.id:
            out.add(
                "PT315",
                f"{SHEET_SCORES}!B{row}",
                what="tiêu chí",
                what_en="criterion",
                id=criterion.id,
            )
            continue
        path = ("scores", len(rows))
        points = _read(out, ws, row, "G", "number", (*path, "points"))
        note = _read(out, ws, row, "H", "wrap", (*path, "note"))
        out.places[(*path, "criterion")] = f"{SHEET_SCORES}!B{row}"
        rows.append({"criterion": criterion.id, "points": points, "note": note})
    return rows


def _claims(out: sheets.Collector, wb: Any, scheme: Scheme, scores: list[dict[str, Any]]) -> None:
    ws = wb[SHEET_CLAIMS]
    by_title = {cells.fold(c.title): c.id for c in scheme.criteria if c.rule == "manual"}
    index = {s["criterion"]: i for i, s in enumerate(scores)}
    for row in range(FIRST_ROW, FIRST_ROW + CLAIM_ROWS):
        values = [sheets.value_of(out, SHEET_CLAIMS, ws[f"{c}{row}"]) for c in "BCDEFGH"]
        if all(v is None for v in values):
            continue
        title = cells.text(values[0]) or ""
        crit = by_title.get(cells.fold(title))
        if crit is None or crit not in index:
            allowed = ", ".join(f"'{c.title}'" for c in scheme.criteria if c.rule == "manual")
            out.add("PT311", f"{SHEET_CLAIMS}!B{row}", value=title, allowed=allowed or "—")
            continue
        claims = scores[index[crit]].setdefault("adjustments", [])
        path = ("scores", index[crit], "adjustments", len(claims))
        out.places[path] = f"{SHEET_CLAIMS}!C{row}"
        claim: dict[str, Any] = {
            "points": _read(out, ws, row, "C", "number", (*path, "points")),
            "reason": _read(out, ws, row, "D", "wrap", (*path, "reason")),
        }
        doc = {
            "number": _read(out, ws, row, "E", "text", (*path, "evidence", "number")),
            "date": _read(out, ws, row, "F", "date", (*path, "evidence", "date")),
            "issuer": _read(out, ws, row, "G", "text", (*path, "evidence", "issuer")),
            "title": _read(out, ws, row, "H", "wrap", (*path, "evidence", "title")),
        }
        if any(v is not None for v in doc.values()):
            claim["evidence"] = {k: v for k, v in doc.items() if v is not None}
        claims.append({k: v for k, v in claim.items() if v is not None})


def _given(out: sheets.Collector, scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The criteria the unit scored, explained or claimed for; the cells stay registered at
    the criteria's new places in the list."""
    kept = [
        i
        for i, s in enumerate(scores)
        if any(s.get(k) for k in ("note", "adjustments")) or s.get("points") is not None
    ]
    new = {old: index for index, old in enumerate(kept)}
    for key in [k for k in out.places if k[:1] == ("scores",) and len(k) > 1]:
        cell = out.places.pop(key)
        if key[1] in new:
            out.places[("scores", new[key[1]], *key[2:])] = cell
    return [{k: v for k, v in scores[i].items() if v is not None and v != []} for i in kept]


def _info(out: sheets.Collector, wb: Any) -> dict[str, Any]:
    ws = wb[SHEET_INFO]
    got = {}
    for offset, (key, _) in enumerate(INFO_ROWS):
        kind = "date" if key == "submitted" else "text"
        got[key] = _read(out, ws, FIRST_ROW + offset, "B", kind, (key,))
    data: dict[str, Any] = {"submitted": got["submitted"]}
    for who in ("prepared", "approved"):
        if got[f"{who}_name"] is not None:
            person = {"name": got[f"{who}_name"], "title": got[f"{who}_title"]}
            data[f"{who}_by"] = {k: v for k, v in person.items() if v is not None}
            out.places[(f"{who}_by",)] = out.places[(f"{who}_name",)]
    return {k: v for k, v in data.items() if v is not None}


def _validate(
    out: sheets.Collector, data: dict[str, Any]
) -> tuple[SelfAssessment | None, list[Finding]]:
    try:
        return SelfAssessment.model_validate(data), []
    except ValidationError as exc:
        found = []
        for err in exc.errors():
            cell = out.locate(err["loc"])
            if cell in out.flagged:
                continue
            finding = error_to_finding(SelfAssessment, YamlDoc(data, None), out.shown, err)
            found.append(replace(finding, key=cell))
        return None, found


def self_yaml(sheet: SelfAssessment) -> str:
    """The self-assessment as the YAML file a unit would write (empty values left out)."""
    data = sheet.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    data = _whole({"unit": sheet.unit, "year": sheet.year, **data})
    return SCHEMA_LINE + dump_block(data)


def _whole(value: Any) -> Any:
    """Points as people write them: ``30``, not ``30.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def import_self(
    ctx: Context,
    scheme: Scheme,
    path: Path,
    *,
    shown: str | None = None,
    unit: str | None = None,
    year: int | None = None,
) -> SelfImport:
    """Read the sheet at ``path`` against ``scheme``; nothing is written here."""
    name = shown or str(path)
    wb, findings = open_sheet(path, name)
    if wb is None:
        return SelfImport(name, findings)
    meta, findings = read_meta(wb, name)
    if meta is None:
        return SelfImport(name, findings)
    findings = _compare(scheme, meta, name, unit, year)
    if findings:
        return SelfImport(name, findings)
    out = sheets.Collector(name)
    scores = _scores(out, wb, scheme)
    _claims(out, wb, scheme, scores)
    data = {"unit": meta["unit"], "year": int(meta["year"]), **_info(out, wb)}
    data["scores"] = _given(out, scores)
    sheet, found = _validate(out, data)
    found = out.findings + found
    rel = layout.self_assessment(meta["year"], meta["unit"])
    if sheet is not None:
        file = DataFile("emulation", Path(rel), rel)
        found += check_self(
            ctx, scheme, LoadedSelf(sheet, CellLocated(name, None, cells=out), file)
        )
    if count(found)[0]:
        return SelfImport(name, found, None, rel)
    return SelfImport(name, found, sheet, rel, self_yaml(sheet) if sheet else None)
