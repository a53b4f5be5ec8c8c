"""Load one data file into its model, with every reading and schema problem as a finding."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.repo import DataFile, file_escapes
from plantrack.io.yamlload import LoadProblem, YamlDoc, load_yaml_bytes, read_bounded
from plantrack.models import Report
from plantrack.models.period import parse_period_id, period_sort_key
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding, format_key
from plantrack.validate.located import Located
from plantrack.validate.schema import validate_model

M = TypeVar("M", bound=BaseModel)


def problem_to_finding(rel: str, problem: LoadProblem) -> Finding:
    """A loader problem as a catalogue finding."""
    return make(
        problem.code,
        rel,
        problem.line,
        problem.column,
        format_key(problem.key_path),
        **problem.params,
    )


def load_model(
    root: Path, file: DataFile, model: type[M], limits: Limits = DEFAULT_LIMITS
) -> tuple[M | None, Located, list[Finding]]:
    """Read ``file`` and validate it as ``model``: the instance (or ``None``), where it came
    from, and every finding of reading and structure."""
    target = file_escapes(root, file)
    if target is not None:
        return None, Located(file.rel, None), [make("PT013", file.rel, None, None, target=target)]
    raw, problems = read_bounded(file.path, limits)
    if raw is None:
        return None, Located(file.rel, None), [problem_to_finding(file.rel, p) for p in problems]
    return model_of_bytes(file.rel, raw, model, limits)


def model_of_bytes(
    rel: str, raw: bytes, model: type[M], limits: Limits = DEFAULT_LIMITS
) -> tuple[M | None, Located, list[Finding]]:
    """``load_model`` of the bytes read from the file at ``rel``."""
    doc, problems = load_yaml_bytes(raw, limits)
    findings = [problem_to_finding(rel, p) for p in problems]
    where = Located(rel, doc)
    if doc is None or doc.data is None:
        return None, where, findings
    instance, schema_findings = validate_model(model, doc, rel)
    return instance, where, findings + schema_findings


def release(where: Located) -> Located:
    """Drop the node graph once a file's findings are made, keeping memory flat."""
    return Located(where.rel, YamlDoc(None, None)) if where.doc is not None else where


def latest_reports_before(
    root: Path, files: list[DataFile], units: list[str], period_id: str
) -> dict[str, Report]:
    """Each unit's latest report filed before ``period_id`` that reads without errors (what
    skeletons and forms carry forward)."""
    key = period_sort_key(period_id)
    out: dict[str, Report] = {}
    for unit_id in units:
        earlier = [
            f
            for f in files
            if f.kind == "report"
            and f.stem == unit_id
            and parse_period_id(f.folder)
            and period_sort_key(f.folder) < key
        ]
        for file in sorted(earlier, key=lambda f: period_sort_key(f.folder), reverse=True):
            report, _, _ = load_model(root, file, Report)
            if report is not None:
                out[unit_id] = report
                break
    return out
