"""``check``: every finding of a repository, or of some files plus the rules they touch."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import __version__
from plantrack.io.cache import ParseCache
from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.repo import PLAN_PATH, DataFile, classify, list_data_files
from plantrack.models import Index, Plan, Report, Unit
from plantrack.validate.catalogue import CATALOGUE, make
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding, count
from plantrack.validate.loading import load_model, load_model_cached
from plantrack.validate.located import Located
from plantrack.validate.rules_plan import check_index, check_plan, check_units
from plantrack.validate.rules_report import check_report

Progress = Callable[[int, int], None]


@dataclass
class CheckResult:
    """The outcome of a check: findings in file order and how many files were read."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        """Number of findings of severity error."""
        return count(self.findings)[0]

    @property
    def warnings(self) -> int:
        """Number of findings of severity warning."""
        return count(self.findings)[1]


@dataclass
class Loaded:
    """The plan, units and indices of a repository, loaded and checked."""

    context: Context | None
    findings: list[Finding]
    files: int


def load_base(root: Path, files: list[DataFile], limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Load and check the plan, unit files and index files; build the cross-file context."""
    findings: list[Finding] = []
    plans = [f for f in files if f.kind == "plan"]
    plan: Plan | None = None
    plan_where = Located(PLAN_PATH, None)
    if plans:
        plan, plan_where, found = load_model(root, plans[0], Plan, limits)
        findings += found
    else:
        findings.append(make("PT229", PLAN_PATH, None, None))
    units: dict[str, tuple[Unit, Located, str]] = {}
    indices: dict[str, Index] = {}
    # Files that exist but do not load: what refers to them is not "unknown" — their own
    # findings say what is wrong, without a cascade in every file that names them.
    unreadable_units: set[str] = set()
    unreadable_indices: set[str] = set()
    for file in files:
        if file.kind == "unit":
            unit, where, found = load_model(root, file, Unit, limits)
            findings += found
            if unit is None:
                unreadable_units.add(file.stem)
            else:
                if unit.id in units:
                    findings.append(
                        where.at("PT218", ("id",), id=unit.id, what="đơn vị", what_en="unit")
                    )
                else:
                    units[unit.id] = (unit, where, file.stem)
        elif file.kind == "index":
            index, where, found = load_model(root, file, Index, limits)
            findings += found
            if index is None:
                unreadable_indices.add(file.stem.lower())
            else:
                findings += check_index(index, where, file.stem)
                indices[index.id] = index
    findings += check_units(units, unreadable_units)
    if plan is None:
        return Loaded(None, findings, len(files) - sum(f.kind == "report" for f in files))
    context = Context(
        plan,
        {k: v[0] for k, v in units.items()},
        indices,
        unreadable_units=frozenset(unreadable_units),
        unreadable_indices=frozenset(unreadable_indices),
    )
    findings += check_plan(context, plan_where)
    return Loaded(context, findings, len(plans) + len(units) + len(indices))


def check_repository(
    root: Path,
    *,
    today: dt.date,
    only: Iterable[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the repository at ``root``.

    With ``only`` (repo-relative paths, as a pre-commit hook passes them) the findings are
    those of these files; a changed plan, unit or index file also re-checks every report,
    since the rules it touches reach them.
    """
    files, strays = list_data_files(root)
    selected = set(only) if only is not None else None
    base = load_base(root, files, limits)
    findings = list(base.findings)
    findings += [_stray(rel) for rel in strays]
    reports = [f for f in files if f.kind == "report"]
    if selected is not None and not any(
        classify(rel) in ("plan", "unit", "index") for rel in selected
    ):
        reports = [f for f in reports if f.rel in selected]
    cache = ParseCache(root, cache_fingerprint(limits))
    for done, file in enumerate(reports, 1):
        findings += _check_one_report(root, base.context, file, today, limits, cache)
        if progress is not None:
            progress(done, len(reports))
    cache.save()
    if selected is not None and not any(
        classify(rel) in ("plan", "unit", "index") for rel in selected
    ):
        findings = [f for f in findings if f.path in selected]
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings, base.files + len(reports))


def _check_one_report(
    root: Path,
    ctx: Context | None,
    file: DataFile,
    today: dt.date,
    limits: Limits,
    cache: ParseCache,
) -> list[Finding]:
    report, where, findings = load_model_cached(root, file, Report, cache, limits)
    if report is not None and ctx is not None:
        findings += check_report(ctx, report, file, where, today)
    return findings


def _stray(rel: str) -> Finding:
    if rel.endswith(".yml"):
        expected = "tệp dữ liệu phải có đuôi .yaml"
        expected_en = "data files end in .yaml"
    else:
        expected = (
            "chỉ có data/plan.yaml, data/units/<mã>.yaml, data/indices/<mã>.yaml, "
            "data/reports/<kỳ>/<mã đơn vị>.yaml"
        )
        expected_en = (
            "only data/plan.yaml, data/units/<id>.yaml, data/indices/<id>.yaml, "
            "data/reports/<period>/<unit id>.yaml"
        )
    return make("PT019", rel, None, None, name=rel, expected=expected, expected_en=expected_en)


@dataclass
class PeriodReports:
    """The checked reports of one period, by unit id, and their findings."""

    reports: dict[str, Report]
    files: list[DataFile]
    findings: list[Finding]


def load_period(
    root: Path,
    ctx: Context,
    files: list[DataFile],
    period_id: str,
    *,
    today: dt.date,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> PeriodReports:
    """Load and check every report filed under ``data/reports/<period_id>/``."""
    chosen = [f for f in files if f.kind == "report" and f.folder == period_id]
    reports: dict[str, Report] = {}
    findings: list[Finding] = []
    for done, file in enumerate(chosen, 1):
        report, where, found = load_model(root, file, Report, limits)
        findings += found
        if report is not None:
            findings += check_report(ctx, report, file, where, today)
            reports.setdefault(report.unit, report)
        if progress is not None:
            progress(done, len(chosen))
    return PeriodReports(reports, chosen, findings)


def cache_fingerprint(limits: Limits) -> str:
    """What a cached parse depends on besides the file: tool version, limits, the finding
    catalogue and the report model. Any change starts the cache afresh."""
    parts = [
        __version__,
        repr(limits),
        repr(sorted(CATALOGUE.items())),
        json.dumps(Report.model_json_schema(), sort_keys=True),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
