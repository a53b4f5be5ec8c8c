"""``emulation score``: the year's emulation scores from the scheme, the units'
self-assessments and the consolidations of the year's periods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.domain.emulation import EmulationResult, score_year
from plantrack.domain.emulation_facts import unit_facts
from plantrack.domain.viewmodel import Consolidation
from plantrack.io.repo import list_data_files
from plantrack.models.emulation import SelfAssessment
from plantrack.validate.check import load_base
from plantrack.validate.context import Context
from plantrack.validate.emulation_files import YearFiles, data_file, load_year
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.period import load_period
from plantrack.validate.rules_emulation import alive_in


def scheme_exists(root: Path, year: int) -> bool:
    """Whether the repository holds a scheme for ``year``."""
    return (root / layout.emulation(year)).is_file()


# the year's files, loaded and checked as ``check`` does
SchemeInputs = YearFiles
load_inputs = load_year


def required_periods(ctx: Context, year: int) -> list[str]:
    """The periods of ``year`` the plan requires reports for, the annual one last."""
    kinds = ctx.plan.reporting.periods
    ids = [f"{year}-{kind}" for kind in kinds if kind != "Y"]
    ids.append(f"{year}-Y")
    return [pid for pid in ids if ctx.is_required(pid) or pid == f"{year}-Y"]


def score_with(
    root: Path,
    ctx: Context,
    inputs: SchemeInputs,
    annual: Consolidation,
    *,
    as_of: dt.date | None,
    today: dt.date,
) -> tuple[EmulationResult | None, list[Finding]]:
    """Score the year of ``inputs`` from its annual consolidation ``annual`` and the
    consolidations of its other required periods (made here)."""
    from plantrack.app.consolidate import prepare

    scheme = inputs.scheme
    assert scheme is not None
    periods: list[Consolidation] = []
    findings: list[Finding] = []
    for pid in required_periods(ctx, scheme.year)[:-1]:
        period = ctx.period(pid)
        if as_of is not None and as_of < period.start:
            continue
        read = as_of if as_of is not None and as_of < period.due else None
        prepared = prepare(root, pid, as_of=read, today=today)
        if prepared.vm is None:
            return None, prepared.errors
        periods.append(prepared.vm)
    periods.append(annual)
    files, _ = list_data_files(root)
    annual_id = f"{scheme.year}-Y"
    reports = load_period(root, ctx, files, annual_id, today=today).reports
    kinds = {u.id: u.kind for u in ctx.units.values() if alive_in(u, scheme.year)}
    facts = unit_facts(annual, periods, reports, kinds, scheme.year, ctx.plan.indicators)
    return score_year(ctx, scheme, facts, inputs.sheets, annual.as_of), findings


@dataclass
class EmulationScore:
    """``emulation score``: the result, or the findings that prevented it."""

    result: EmulationResult | None
    findings: list[Finding] = field(default_factory=list)
    inputs: SchemeInputs | None = None

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]


def emulation_score(
    root: Path, year: int, *, as_of: dt.date | None = None, today: dt.date | None = None
) -> EmulationScore:
    """The scores of ``year`` at ``as_of`` (default: the annual period's cut-off, with every
    report as finally filed). Errors in the scheme, the self-assessments or the year's
    reports stop it; their findings say where."""
    from plantrack.app.consolidate import prepare

    today = today or dt.date.today()
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        return EmulationScore(None, base.findings)
    ctx = base.context
    inputs = load_inputs(root, ctx, year)
    if inputs.errors or inputs.scheme is None:
        return EmulationScore(None, inputs.findings)
    annual = prepare(root, f"{year}-Y", as_of=as_of, today=today)
    if annual.vm is None:
        return EmulationScore(None, inputs.findings + annual.errors)
    result, found = score_with(root, ctx, inputs, annual.vm, as_of=as_of, today=today)
    return EmulationScore(result, inputs.findings + found, inputs)


def render_documents(
    root: Path,
    result: EmulationResult,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
) -> dict[str, bytes]:
    """File name → bytes of the year's outputs: the workbook (rankings and every unit's
    table) and the two Word documents (Bảng tổng hợp, Bảng chấm điểm)."""
    from plantrack.domain.viewmodel import PlanInfo
    from plantrack.render.docx.emulation import render_emulation_docx
    from plantrack.render.xlsx.emulation import render_emulation_xlsx
    from plantrack.validate.require import require_plan

    ctx = require_plan(root).ctx
    base = layout.emulation_base(result.scheme.year)
    common = {
        "settings": ctx.plan.reporting.document,
        "plan": PlanInfo.of(ctx.plan),
        "sender": ctx.unit_name(ctx.plan.reporting.consolidator),
        "number": number,
        "date": date,
        "signer": signer,
        "repo": root,
    }
    return {
        f"{base}.xlsx": render_emulation_xlsx(result),
        f"bang-tong-hop-{base}.docx": render_emulation_docx(result, "ranking", **common),  # type: ignore[arg-type]
        f"bang-{base}.docx": render_emulation_docx(result, "sheets", **common),  # type: ignore[arg-type]
    }


def write_documents(
    root: Path,
    result: EmulationResult,
    out: Path | None,
    *,
    force: bool = False,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
) -> list[Path]:
    """Render the year's outputs and publish them in ``out`` (default
    ``build/emulation/<year>``) under the output-folder rules of ``consolidate``."""
    from plantrack.app.outputs import write_outputs

    target = out if out is not None else root / layout.emulation_output(result.scheme.year)
    files = render_documents(root, result, number=number, date=date, signer=signer)
    return write_outputs(target, files, force=force, repo=root)


@dataclass
class SelfSheet:
    """``emulation form export``: where a unit's sheet was written, or why it was not."""

    path: Path | None
    findings: list[Finding] = field(default_factory=list)


def export_self_sheet(
    root: Path,
    unit: str,
    year: int,
    out: Path | None,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> SelfSheet:
    """Write the unit's self-assessment sheet, pre-filled with the computed figures and its
    current self-scores (default ``build/forms/emulation-<year>/<file>``)."""
    from plantrack.app.guard import write_guarded
    from plantrack.errors import PlantrackError
    from plantrack.forms.emulation_export import render_self_form

    scored = emulation_score(root, year, as_of=as_of, today=today)
    if scored.result is None:
        return SelfSheet(None, scored.findings)
    score = scored.result.unit(unit)
    if score is None:
        raise PlantrackError(code="PT945", unit=unit, year=year)
    own = scored.inputs.sheets.get(unit) if scored.inputs else None
    data = render_self_form(scored.result.scheme, score, own, scored.result.as_of)
    name = layout.emulation_form_name(unit, year)
    target = out if out is not None else root / layout.BUILD / "forms" / f"emulation-{year}" / name
    if target.is_dir() or target.suffix.lower() != ".xlsx":
        target = target / name  # a folder, made when missing
    target.parent.mkdir(parents=True, exist_ok=True)
    write_guarded(target, data, force=force, advice="advice.form_export")
    return SelfSheet(target, scored.findings)


@dataclass
class SelfImported:
    """``emulation form import``: the sheet's findings, and the YAML written (if any)."""

    findings: list[Finding]
    rel: str | None = None
    text: str | None = None
    path: Path | None = None
    outcome: str | None = None


def import_self_sheet(
    root: Path,
    file: Path,
    *,
    unit: str | None = None,
    year: int | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> SelfImported:
    """Read a returned sheet and, without errors and unless ``dry_run``, write the unit's
    ``data/emulation/<year>/<unit>.yaml`` (a file holding the same assessment is left as it
    is; another one is replaced only with ``force``). Nothing is written on an error."""
    from plantrack.app.guard import write_guarded
    from plantrack.forms.emulation_import import import_self, open_sheet, read_meta
    from plantrack.validate.require import require_plan

    ctx = require_plan(root).ctx
    shown = str(file)
    wb, found = open_sheet(file, shown)
    meta, more = read_meta(wb, shown) if wb is not None else (None, [])
    if meta is None:
        return SelfImported(found + more)
    inputs = load_inputs(root, ctx, year or int(meta["year"]))
    # the scheme must read; the units' own files are replaced, their errors do not count
    own = layout.emulation_folder(inputs.scheme.year if inputs.scheme else "") + "/"
    errors = [f for f in inputs.errors if not f.path.startswith(own)]
    if inputs.scheme is None or errors:
        return SelfImported(errors or inputs.findings)
    got = import_self(ctx, inputs.scheme, file, shown=shown, unit=unit, year=year)
    if got.sheet is None or got.text is None or got.rel is None or dry_run:
        return SelfImported(got.findings, got.rel, got.text)
    path = root / got.rel
    rel, sheet = got.rel, got.sheet

    def same(_bytes: bytes) -> bool:
        existing, _, _ = load_model(root, data_file(root, rel), SelfAssessment)
        return existing == sheet

    path.parent.mkdir(parents=True, exist_ok=True)
    outcome = write_guarded(
        path, got.text, force=force, shown=rel, same=same, advice="advice.form_import"
    )
    return SelfImported(got.findings, rel, got.text, path, outcome)
