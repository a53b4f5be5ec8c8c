"""The round-trip law on the real Nam Trà My data this project embeds: a commune's form,
exported and imported unchanged through the CLI, gives its report back; and so does every
report of every period, through the library."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack.forms.export import make_form
from plantrack.forms.importer import import_form
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.validate.loading import load_model
from plantrack.validate.require import require_plan as open_repository
from tests.forms.conftest import Run, answers, load_report

PROJECT = Path(__file__).resolve().parents[2]
COMMUNE = "xa-tra-van"
PERIOD = "2025-Q1"
REPORT = f"data/reports/{PERIOD}/{COMMUNE}.yaml"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def embedded(tmp_path: Path) -> Path:
    """A copy of the embedded data and schemas."""
    root = tmp_path / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(PROJECT / folder, root / folder)
    return root


def test_a_commune_form_imported_unchanged_is_its_report(
    cli: Run,
    embedded: Path,
    tmp_path: Path,
) -> None:
    form = tmp_path / "form.xlsx"
    code, _, err = cli(
        "form", "export", "--repo", embedded, "-u", COMMUNE, "-p", PERIOD, "--out", form
    )
    assert code == 0, err
    before = (embedded / REPORT).read_bytes()
    code, yaml_text, err = cli(
        "form", "import", form, "--repo", embedded, "--today", TODAY, "--dry-run"
    )
    assert code == 0, err
    (embedded / "imported.yaml").write_text(yaml_text, "utf-8")
    # the dry run's YAML, read as 'check' reads reports, is the commune's report
    rel = "imported.yaml"
    back, _, findings = load_model(embedded, DataFile("report", embedded / rel, rel), Report)
    assert back is not None, findings
    assert answers(back) == answers(load_report(embedded, REPORT))
    code, _, err = cli("form", "import", form, "--repo", embedded, "--today", TODAY)
    assert code == 0 and "không thay đổi" in err
    assert (embedded / REPORT).read_bytes() == before


def test_every_embedded_report_survives_the_round_trip(embedded: Path, tmp_path: Path) -> None:
    repo = open_repository(embedded)
    reports = [f for f in repo.files if f.kind == "report"]
    assert len(reports) > 50
    for file in reports:
        data, findings = make_form(repo, file.stem, file.folder)
        assert data is not None, findings
        form = tmp_path / f"{file.folder}-{file.stem}.xlsx"
        form.write_bytes(data)
        result = import_form(repo, form, today=TODAY)
        assert result.report is not None, (file.rel, result.findings)
        assert answers(result.report) == answers(load_report(embedded, file.rel)), file.rel
