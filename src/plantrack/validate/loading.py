"""Load one data file into its model, with every reading and schema problem as a finding."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from plantrack.io.cache import ParseCache
from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.repo import DataFile, escapes_repo
from plantrack.io.yamlload import (
    LoadProblem,
    YamlDoc,
    load_yaml_bytes,
    load_yaml_file,
    read_bounded,
)
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
    target = escapes_repo(root, file.path)
    if target is not None:
        return None, Located(file.rel, None), [make("PT013", file.rel, None, None, target=target)]
    doc, problems = load_yaml_file(file.path, limits)
    findings = [problem_to_finding(file.rel, p) for p in problems]
    where = Located(file.rel, doc)
    if doc is None or doc.data is None:
        return None, where, findings
    instance, schema_findings = validate_model(model, doc, file.rel)
    return instance, where, findings + schema_findings


def load_model_cached(
    root: Path,
    file: DataFile,
    model: type[M],
    cache: ParseCache,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[M | None, Located, list[Finding]]:
    """``load_model`` through ``cache``: a file whose bytes are unchanged since the last check
    is not parsed again (its own findings come from the cache; it is re-parsed only if a
    cross-file rule has to place a finding in it)."""
    if not cache.enabled or escapes_repo(root, file.path) is not None:
        return load_model(root, file, model, limits)
    # hardening: read as the loader does (a named pipe is never opened, the size is bounded)
    raw, _ = read_bounded(file.path, limits)
    if raw is None:
        return load_model(root, file, model, limits)
    digest = hashlib.sha256(raw).hexdigest()
    hit = cache.get(file.rel, digest)
    if hit is not None:
        restored = _restore(model, hit)
        if restored is not None:
            return restored[0], Located(file.rel, None, raw), restored[1]
    doc, problems = load_yaml_bytes(raw, limits)
    findings = [problem_to_finding(file.rel, p) for p in problems]
    where = Located(file.rel, doc)
    instance: M | None = None
    if doc is not None and doc.data is not None:
        instance, schema_findings = validate_model(model, doc, file.rel)
        findings += schema_findings
    dumped = instance.model_dump(mode="json") if instance is not None else None
    cache.put(file.rel, digest, {"model": dumped, "findings": [f.to_dict() for f in findings]})
    return instance, where, findings


def _restore(model: type[M], payload: Any) -> tuple[M | None, list[Finding]] | None:
    """A cached payload back as a model and findings; ``None`` if it does not fit."""
    try:
        findings = [Finding(**item) for item in payload["findings"]]
        dumped = payload["model"]
        return (model.model_validate(dumped) if dumped is not None else None), findings
    except (KeyError, TypeError, ValueError):
        return None


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
