"""One report through the check: read, hash, parse, validate and apply the cross-file rules.

The same function runs in the checking process and in the workers of a cold check of a large
repository; what it returns is plain data (findings and the cache entry to store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from plantrack.io.checkstore import Entry, now_ns
from plantrack.io.limits import Limits
from plantrack.io.modelpack import pack_model
from plantrack.io.repo import DataFile, file_escapes
from plantrack.io.yamlload import load_yaml_bytes, read_bounded
from plantrack.models import Report
from plantrack.validate.catalogue import make
from plantrack.validate.collector import paused
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.loading import problem_to_finding
from plantrack.validate.located import Located
from plantrack.validate.rules_report import dated_rules, report_rules, with_dated
from plantrack.validate.schema import validate_model


@dataclass(frozen=True, slots=True)
class Setting:
    """What every report of one check is examined against."""

    root: Path
    ctx: Context | None
    base: str
    """Digest of the plan, units and indices the cross-file rules run under."""
    today: dt.date
    limits: Limits
    caching: bool


@dataclass(slots=True)
class Outcome:
    """A report's findings, its model and digest, and its cache entry; ``same`` when its
    bytes are those the cache already holds (the caller then takes the findings from there)."""

    rel: str
    findings: list[Finding]
    entry: Entry | None = None
    same: bool = False
    report: Report | None = None
    digest: str = ""


def examine(setting: Setting, file: DataFile, known: str = "") -> Outcome:
    """Check one report file; ``known`` is the content digest the cache holds for it. The
    cycle collector is paused while it runs (``validate/collector.py``): it would walk the
    objects of one parse dozens of times; after it, it collects what the file left once."""
    with paused():
        return _examine(setting, file, known)


def _examine(setting: Setting, file: DataFile, known: str = "") -> Outcome:
    stamped = now_ns()  # before reading: an edit during the read leaves the stamp stale
    target = file_escapes(setting.root, file)
    if target is not None:
        return Outcome(file.rel, [make("PT013", file.rel, None, None, target=target)])
    raw, problems = read_bounded(file.path, setting.limits)
    if raw is None:
        # not cached: a permission change or a growing file may leave the stamp as it was
        return Outcome(file.rel, [problem_to_finding(file.rel, p) for p in problems])
    digest = hashlib.sha256(raw).hexdigest()
    if known and digest == known and file.stamp is not None:
        return Outcome(file.rel, [], _restamp(file, stamped, digest), same=True, digest=digest)
    return _parsed(setting, file, raw, digest, stamped)


def _parsed(setting: Setting, file: DataFile, raw: bytes, digest: str, stamped: int) -> Outcome:
    doc, problems = load_yaml_bytes(raw, setting.limits)
    own = [problem_to_finding(file.rel, p) for p in problems]
    where = Located(file.rel, doc)
    report: Report | None = None
    if doc is not None and doc.data is not None:
        report, schema = validate_model(Report, doc, file.rel)
        own += schema
    cross: list[Finding] = []
    at = None
    if report is not None and setting.ctx is not None:
        cross, at = report_rules(setting.ctx, report, file, where)
    submitted = report.submitted if report is not None and at is not None else None
    late = dated_rules(submitted, where, setting.today)
    entry = None
    if setting.caching and file.stamp is not None:
        base = setting.base if setting.ctx is not None else ""
        dated = submitted.isoformat() if submitted is not None else ""
        words = [f for f in cross if f.code in FILLED_CODES]
        rules = [f for f in cross if f.code not in FILLED_CODES]
        model = b""
        if report is not None:
            model = pack_model(report.__pydantic_serializer__.to_json(report))
        entry = Entry(
            file.rel, file.stamp, stamped, digest, dump(own), base, dump(rules), dated,
            dump(words), model,
        )  # fmt: skip
    return Outcome(file.rel, own + with_dated(cross, at, late), entry, False, report, digest)


FILLED_CODES = frozenset({"PT240", "PT241", "PT242"})
"""The codes of ``check_filled``: warnings on a report's own words, stored apart."""


def _restamp(file: DataFile, stamped: int, digest: str) -> Entry:
    """A placeholder carrying the new stamp of an unchanged file (the rest stays stored)."""
    assert file.stamp is not None
    return Entry(file.rel, file.stamp, stamped, digest, "", "", "")


def rerun_rules(
    setting: Setting, file: DataFile, model: bytes | None, filled: str = ""
) -> tuple[list[Finding], str, str] | None:
    """The cross-file rules again for an unchanged report, from its stored model (the file is
    read only if a finding must be placed in it): the findings, their stored form and the
    date of the dated rule; ``None`` if the stored model is missing or no longer fits (then
    the file is checked afresh)."""
    if model is None:
        return None
    if setting.ctx is None or not model:
        return [], "", ""  # no plan, or the report does not validate: no rule runs on it
    try:
        report = Report.model_validate_json(model)
    except ValueError:
        return None
    where = Located(file.rel, None, source=file.path)
    # the warnings on the report's words are the stored ones: they depend on the file alone
    cross, at = report_rules(setting.ctx, report, file, where, words=False)
    words = load(filled) if at is not None else []
    submitted = report.submitted if at is not None else None
    late = dated_rules(submitted, where, setting.today)
    dated = submitted.isoformat() if submitted is not None else ""
    return cross + words + late, dump(cross), dated


def cached_findings(setting: Setting, file: DataFile, entry: Entry) -> list[Finding]:
    """A report's findings from its cache entry (own, cross-file, and the dated rule now)."""
    out = load(entry.own) + load(entry.cross) + load(entry.filled)
    if entry.dated and entry.dated > setting.today.isoformat():
        submitted = dt.date.fromisoformat(entry.dated)
        out += dated_rules(submitted, Located(file.rel, None, source=file.path), setting.today)
    return out


def dump(findings: list[Finding]) -> str:
    """Findings as stored (``""`` for none)."""
    if not findings:
        return ""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False)


def load(stored: str) -> list[Finding]:
    """Stored findings back as findings."""
    return [Finding(**item) for item in json.loads(stored)] if stored else []
