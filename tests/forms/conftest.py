"""Helpers for the Excel form tests: a copy of the mini repository, exporting a unit's form,
damaging it with openpyxl the way people do, and importing it back.

Pytest imports this file as ``tests.forms.conftest``; test modules take the helpers with
``from tests.forms.conftest import …``.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from plantrack.cli import form_cmd
from plantrack.cli.app import app, main
from plantrack.forms.export import make_form
from plantrack.forms.importer import ImportResult, import_form
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.require import Repository
from plantrack.validate.require import require_plan as open_repository

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TODAY = dt.date(2024, 10, 1)
PERIOD = "2024-Q3"
DON = "xa-tra-don"
REPORT_DON = f"data/reports/{PERIOD}/{DON}.yaml"


def copy_mini(target: Path) -> Path:
    """A writable copy of the mini repository at ``target``."""
    shutil.copytree(MINI, target)
    return target


def load_report(root: Path, rel: str) -> Report:
    """The report at ``rel`` as ``check`` reads it (fails when it does not validate)."""
    report, _, findings = load_model(root, DataFile("report", root / rel, rel), Report)
    assert report is not None, findings
    return report


def answers(report: Report | None) -> dict[str, Any]:
    """What a report says, without the record of the form it came from (each copy of a
    form has its own hash)."""
    assert report is not None
    return report.model_dump(exclude={"form"})


def export(root: Path, unit: str = DON, period: str = PERIOD, name: str | None = None) -> Path:
    """Export ``unit``'s form into ``root/../forms/`` and return its path."""
    data, findings = make_form(open_repository(root), unit, period)
    assert data is not None, findings
    folder = root.parent / "forms"
    folder.mkdir(exist_ok=True)
    path = folder / (name or f"{unit}-{period}.xlsx")
    path.write_bytes(data)
    return path


def damage(path: Path, change: Callable[[Any], None], target: Path | None = None) -> Path:
    """Open the form with openpyxl, let ``change`` edit the workbook, save it (to ``target``
    when given, a path whose suffix openpyxl accepts)."""
    wb = load_workbook(path)
    change(wb)
    out = target or path
    wb.save(out)
    return out


def rezip(path: Path, extra: dict[str, bytes], target: Path | None = None) -> Path:
    """Copy the form's zip with ``extra`` entries added (a vbaProject, an external link)."""
    out = target or path
    source = path.read_bytes()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        for name, data in extra.items():
            new.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out


def run_import(root: Path, path: Path, **options: Any) -> ImportResult:
    """Import the form at ``path`` into the repository at ``root`` (nothing written)."""
    repo: Repository = open_repository(root)
    return import_form(repo, path, today=options.pop("today", TODAY), **options)


def only(result: ImportResult, code: str) -> Finding:
    """The one finding ``code`` of an import."""
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [(f.code, f.key, f.message_en) for f in result.findings]
    return found[0]


def keys(result: ImportResult) -> list[tuple[str, str]]:
    """``(code, key)`` of every finding."""
    return [(f.code, f.key) for f in result.findings]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the mini repository."""
    return copy_mini(tmp_path / "repo")


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``plantrack …``; ``form`` is added here until the lead wires it into the app."""
    monkeypatch.delenv("PLANTRACK_REPO", raising=False)
    if not any(group.name == "form" for group in app.registered_groups):
        monkeypatch.setattr(app, "registered_groups", [*app.registered_groups])
        app.add_typer(form_cmd.form_app, name="form")

    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        with pytest.raises(SystemExit) as caught:
            main([str(a) for a in args])
        out, err = capsys.readouterr()
        code = caught.value.code
        return (code if isinstance(code, int) else 0), out, err

    return run
