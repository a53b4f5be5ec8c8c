"""``form import``: a returned form back into the unit's YAML report, checked like
``check``; written under the write policy, where a file holding the same report (other
comments, other layout) counts as unchanged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack import layout
from plantrack.app.guard import Outcome, write_guarded
from plantrack.errors import PlantrackError
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.validate.loading import load_model
from plantrack.validate.require import Repository, require_plan

if TYPE_CHECKING:
    from plantrack.forms.importer import ImportResult


@dataclass
class Imported:
    """The form's findings and report, and what happened to the YAML file (``None`` when
    nothing was written: errors, or a dry run)."""

    result: ImportResult
    path: Path | None = None
    outcome: Outcome | None = None


def write_report(repo: Repository, result: ImportResult, *, force: bool = False) -> Outcome:
    """Write the imported report to ``data/reports/<period>/<unit>.yaml`` atomically. A file
    holding the same report is left as it is (its comments kept); one holding another report
    is replaced only with ``force``."""
    if result.report is None or result.text is None or result.rel is None:
        raise PlantrackError(code="PT919")
    target = repo.root / result.rel
    reports = (repo.root / layout.REPORTS).resolve()
    if not target.resolve().is_relative_to(reports):  # ids are validated; this is a backstop
        raise PlantrackError(code="PT920", path=result.rel, folder=layout.REPORTS)
    rel, report = result.rel, result.report

    def same(_bytes: bytes) -> bool:
        # the same answers from another copy of the form (another hash) are the same report
        existing, _, _ = load_model(repo.root, DataFile("report", target, rel), Report)
        unsourced = {"form": None}
        return existing is not None and existing.model_copy(update=unsourced) == report.model_copy(
            update=unsourced
        )

    return write_guarded(
        target, result.text, force=force, shown=rel, same=same, advice="advice.form_import"
    )


def import_file(
    root: Path,
    file: Path,
    *,
    today: dt.date,
    unit: str | None = None,
    period: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> Imported:
    """Read the form ``file`` (for ``unit`` and ``period`` when given) and, unless it has
    errors or this is a dry run, write the unit's report."""
    if not file.is_file():
        raise PlantrackError(code="PT918", path=file)
    from plantrack.forms.importer import import_form  # openpyxl: loaded only here

    repo = require_plan(root)
    result = import_form(repo, file, today=today, shown=str(file), unit=unit, period=period)
    if result.errors or result.text is None or result.rel is None or dry_run:
        return Imported(result)
    return Imported(result, root / result.rel, write_report(repo, result, force=force))
