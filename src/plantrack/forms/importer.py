"""``form import``: a returned form back to the unit's YAML report, checked by the same rules
as ``check`` (the ``Report`` model, then ``check_report``), every finding located at the
form's sheet and cell. A form with errors writes nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from plantrack.forms import sheets
from plantrack.forms.content import meta_checksum, plan_fingerprint, report_rel
from plantrack.forms.identity import named_for, visible_mismatches
from plantrack.forms.layout import (
    FIRST_ROW,
    FORMAT,
    FORMAT_VERSION,
    META_KEYS,
    SHEET_FIXES,
    SHEET_GENERAL,
    SHEET_INDICATORS,
    SHEET_META,
    SHEET_ORDER,
    SHEET_TASKS,
    SUPPORTED_VERSIONS,
)
from plantrack.forms.opening import open_form
from plantrack.forms.report_yaml import report_yaml
from plantrack.io.repo import DataFile
from plantrack.io.yamlload import PathKey, YamlDoc
from plantrack.models import Report
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding, count
from plantrack.validate.located import Located
from plantrack.validate.require import Repository
from plantrack.validate.rules_report import check_report
from plantrack.validate.schema import error_to_finding

_KEY = re.compile(r"^(?P<sheet>[^!]*)(?:!(?P<col>[A-Z]+)(?P<row>\d+))?")


@dataclass
class ImportResult:
    """What a form gave: its findings and, when it has no errors, the report and its YAML."""

    shown: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    rel: str | None = None
    text: str | None = None
    sha256: str = ""  # of the form's bytes as read ("" when the file could not be read)

    @property
    def errors(self) -> int:
        """Number of findings of severity error."""
        return count(self.findings)[0]


@dataclass(frozen=True, slots=True)
class CellLocated(Located):
    """``check_report``'s findings placed at the form's cells instead of YAML lines."""

    cells: sheets.Collector | None = None

    def at(
        self, code: str, key_path: tuple[PathKey, ...], *, on_key: bool = False, **params: Any
    ) -> Finding:
        """The finding ``code`` at the cell the value at ``key_path`` was read from."""
        key = self.cells.locate(key_path, params.get("task")) if self.cells else ""
        return make(code, self.rel, None, None, key, **params)


def import_form(
    repo: Repository,
    path: Path,
    *,
    today: dt.date,
    shown: str | None = None,
    unit: str | None = None,
    period: str | None = None,
) -> ImportResult:
    """Read the form at ``path``; ``unit`` and ``period``, when given, are what the form
    must be for. Nothing is written here: see ``plantrack.app.form_import``."""
    name = shown or str(path)
    wb, findings, digest = open_form(path, name)
    if wb is None:
        return ImportResult(name, findings, sha256=digest)
    meta, findings = read_meta(wb, name)
    if meta is None:
        return ImportResult(name, findings, sha256=digest)
    # what the unit saw first: a form whose visible sheets name another unit is not theirs;
    # then the unit and period the office expects, else those the file's exported name says
    by_name = named_for(path.name, repo) if unit is None and period is None else (None, None)
    findings = visible_mismatches(wb, repo, meta, name) + compare_meta(
        repo, meta, name, unit or by_name[0], period or by_name[1]
    )
    if findings:
        return ImportResult(name, findings, sha256=digest)
    out = sheets.Collector(name)
    data = _read(out, wb, repo, meta) | {"form": {"sha256": digest}}
    cell = out.places.get(("submitted",))
    if "submitted" not in data and cell is not None and cell not in out.flagged:
        out.add("PT327", cell)  # counted as sent on the day it is entered, then
    report, found = _validate(out, data)
    found = out.findings + found
    rel = report_rel(meta["unit"], meta["period"])
    if report is not None:
        file = DataFile("report", repo.root / rel, rel)
        found += check_report(repo.ctx, report, file, CellLocated(name, None, cells=out), today)
    found.sort(key=_order)
    if count(found)[0]:
        return ImportResult(name, found, None, rel, sha256=digest)
    text = report_yaml(report) if report else None
    return ImportResult(name, found, report, rel, text, sha256=digest)


def read_meta(wb: Any, shown: str) -> tuple[dict[str, str] | None, list[Finding]]:
    """The hidden metadata, checked for format, version and hand edits."""
    ws = wb[SHEET_META]
    meta: dict[str, str] = {}
    for key_cell, value_cell in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=2):
        if "f" in (key_cell.data_type, value_cell.data_type):
            return None, _not_form(shown, "dữ liệu ẩn có công thức", "the hidden data has formulas")
        if isinstance(key_cell.value, str):
            value = value_cell.value
            meta[key_cell.value] = "" if value is None else str(value)
    if meta.get("format") != FORMAT:
        return None, _not_form(
            shown, "trang _meta không phải của plantrack", "the _meta sheet is not plantrack's"
        )
    version = meta.get("format_version", "")
    if version not in SUPPORTED_VERSIONS:
        return None, _not_form(
            shown,
            f"phiên bản biểu mẫu '{version}' không được hỗ trợ (cần {FORMAT_VERSION})",
            f"form format version '{version}' is not supported (expected {FORMAT_VERSION})",
        )
    if meta.get("checksum") != meta_checksum(meta):
        return None, [make("PT306", shown, None, None, SHEET_META)]
    return {key: meta.get(key, "") for key in META_KEYS}, []  # "fixes" empty in version 1


def _not_form(shown: str, reason: str, reason_en: str) -> list[Finding]:
    return [make("PT302", shown, None, None, SHEET_META, reason=reason, reason_en=reason_en)]


def compare_meta(
    repo: Repository, meta: dict[str, str], shown: str, unit: str | None, period: str | None
) -> list[Finding]:
    """The form belongs to this repository's plan version, and to the expected unit and
    period when the caller names them."""
    plan = repo.ctx.plan
    findings = []
    same_plan = meta["plan_id"] == plan.id and meta["plan_version"] == str(plan.version)
    if not same_plan or meta["plan_fingerprint"] != plan_fingerprint(plan):
        changed = same_plan  # same id and version, yet the tasks differ
        findings.append(
            make(
                "PT307",
                shown,
                None,
                None,
                SHEET_META,
                form_plan=meta["plan_id"],
                form_version=meta["plan_version"],
                plan=plan.id,
                version=plan.version,
                changed=" (danh sách nhiệm vụ đã thay đổi)" if changed else "",
                changed_en=" (its task list has changed)" if changed else "",
            )
        )
    if (unit and unit != meta["unit"]) or (period and period != meta["period"]):
        findings.append(
            make(
                "PT308",
                shown,
                None,
                None,
                f"{SHEET_GENERAL}!B{FIRST_ROW}",
                unit=meta["unit"],
                period=meta["period"],
                expected_unit=unit or meta["unit"],
                expected_period=period or meta["period"],
            )
        )
    return findings


def _read(out: sheets.Collector, wb: Any, repo: Repository, meta: dict[str, str]) -> dict[str, Any]:
    out.places[("unit",)] = f"{SHEET_GENERAL}!B{FIRST_ROW}"
    out.places[("period",)] = f"{SHEET_GENERAL}!B{FIRST_ROW + 1}"
    titles = {task.id: task.title for task in repo.ctx.plan.tasks}
    data: dict[str, Any] = {"unit": meta["unit"], "period": meta["period"]}
    data |= sheets.read_general(out, wb[SHEET_GENERAL], meta["narrative"] == "1")
    data["tasks"] = sheets.read_tasks(out, wb[SHEET_TASKS], meta["tasks"].split(), titles)
    data["indicators"] = sheets.read_indicators(
        out, wb[SHEET_INDICATORS], meta["indicators"].split(), set(meta["null_indicators"].split())
    )
    if SHEET_FIXES in wb.sheetnames:  # a version 1 form has none
        data["fixes"] = sheets.read_fixes(out, wb[SHEET_FIXES], meta["fixes"].split())
    return data


def _validate(out: sheets.Collector, data: dict[str, Any]) -> tuple[Report | None, list[Finding]]:
    """The ``Report`` model's own rules, each error at its cell (once per cell)."""
    try:
        return Report.model_validate(data), []
    except ValidationError as exc:
        findings = []
        for err in exc.errors():
            cell = out.locate(p for p in err["loc"] if p != "[key]")
            if cell in out.flagged:
                continue  # the cell's own finding says it better
            finding = error_to_finding(Report, YamlDoc(data, None), out.shown, err)
            findings.append(replace(finding, key=cell))
        return None, findings


def _order(finding: Finding) -> tuple[int, int, int, str]:
    match = _KEY.match(finding.key)
    sheet = match.group("sheet") if match else ""
    index = SHEET_ORDER.index(sheet) if sheet in SHEET_ORDER else -1
    row = int(match.group("row")) if match and match.group("row") else 0
    col = match.group("col") if match and match.group("col") else ""
    return (
        index,
        row,
        sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(col))),
        finding.code,
    )
