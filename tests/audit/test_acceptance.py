"""The issue's acceptance scenario on a repository like the project: its ``data/`` committed
into a fresh repository, the plan by a maintainer, each report by its unit's own email on
its submission date."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from plantrack import api
from plantrack.app.audit import run_audit
from plantrack.app.history import run_history
from plantrack.app.record import record_consolidation
from plantrack.domain.history import TaskHistory
from plantrack.models.period import period_sort_key
from tests.audit.conftest import OUTSIDER, PROJECT_DATA, Repo, Run

COMMUNE = "data/reports/2025-Q1/xa-tra-mai.yaml"
COMMUNE_AUTHOR = "xa-tra-mai@namtramy.example.vn"


def _plan() -> dict[str, object]:
    data = yaml.safe_load((PROJECT_DATA / "plan.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _maintainer() -> str:
    reporting = _plan()["reporting"]
    assert isinstance(reporting, dict)
    return str(reporting["maintainers"][0])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's data with a history like the project's own (built once)."""
    root = tmp_path_factory.mktemp("project") / "repo"
    repo = Repo(root).init()
    for part in ("plan.yaml", "units", "indices", "inspections"):
        source = PROJECT_DATA / part
        target = root / "data" / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    repo.commit("2024-07-01", _maintainer(), "Kế hoạch, đơn vị, chỉ số", ("data",))
    dated = []
    for path in sorted((PROJECT_DATA / "reports").glob("*/*.yaml")):
        text = path.read_text("utf-8")
        match = re.search(r"^submitted: (\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
        unit = yaml.safe_load((PROJECT_DATA / "units" / path.name).read_text("utf-8"))
        email = (unit.get("authors") or [_maintainer()])[0]
        dated.append((match.group(1) if match else "2025-06-01", str(path), email, text))
    for day, path, email, text in sorted(dated):
        rel = Path(path).relative_to(PROJECT_DATA.parent).as_posix()
        repo.write(rel, text)
        repo.commit(day, email, f"Báo cáo {rel}", (rel,))
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Repo:
    """A clone of the built repository that a test may change."""
    root = tmp_path / "clone"
    Repo(tmp_path).git("clone", "-q", str(built), str(root))
    repo = Repo(root)
    repo.git("config", "user.email", "tester@example.vn")
    repo.git("config", "user.name", "Người thử")
    return repo


def test_an_outsider_edit_of_a_commune_report_fails_audit_since(
    project: Repo, cli: Callable[..., Run]
) -> None:
    before = project.head()
    assert run_audit(project.root, since=before).findings == []
    project.edit(COMMUNE, "submitted: 2025-03-13", "submitted: 2025-03-10")
    bad = project.commit("2025-03-14", OUTSIDER, "Sửa báo cáo xã Trà Mai")
    run = cli("audit", "--since", before, "--repo", project.root, "--lang", "en")
    assert run.code == 1
    assert "ERRORS (1)" in run.out and "Report for quý I năm 2025 of" in run.out
    assert f"as {OUTSIDER}" in run.out and "submitted: 2025-03-13 → 2025-03-10" in run.out
    assert bad[:12] not in run.out  # git facts only with --verbose
    verbose = cli("audit", "--since", before, "--repo", project.root, "--lang", "en", "-v")
    assert f"[commit {bad[:12]}, {OUTSIDER}, {COMMUNE}]" in verbose.out
    # the units' own history holds no error
    assert run_audit(project.root, since=f"{bad}~1").errors == 1
    assert run_audit(project.root).errors == 1


def test_a_moved_deadline_is_reported_with_old_and_new_values(project: Repo) -> None:
    text = project.read("data/plan.yaml")
    start = text.index("- id: pl1-01")
    line = re.compile(r"^(\s+time: )(.+)$", re.MULTILINE).search(text, start)
    assert line is not None
    old = line.group(2).strip().strip("'\"")
    project.write("data/plan.yaml", text[: line.start(2)] + "Quý II/2025" + text[line.end(2) :])
    moved = project.commit("2025-01-05", OUTSIDER, "Lùi hạn pl1-01")
    (f,) = [f for f in run_audit(project.root).findings if f.finding.code == "PT404"]
    assert f.commit == moved and f.author_email == OUTSIDER
    assert f.details["old"]["time"] == old and f.details["new"]["time"] == "Quý II/2025"
    assert f"time: {old} → Quý II/2025" in f.finding.message_en
    assert "pl1-01" not in f.finding.message_vi  # the task by its title


def test_a_report_edited_after_consolidate_record_is_flagged(
    project: Repo, cli: Callable[..., Run]
) -> None:
    prepared = api.prepare_consolidation(project.root, "2025-Q1", today=dt.date(2025, 4, 1))
    assert prepared.vm is not None, prepared.errors
    path = record_consolidation(project.root, prepared.vm)
    project.commit("2025-03-25", _maintainer(), "Ghi nhận tổng hợp 2025-Q1", (str(path),))
    assert cli("audit", "--repo", project.root, "--period", "2025-Q1").code == 0
    project.edit(COMMUNE, "submitted: 2025-03-13", "submitted: 2025-03-12")
    edited = project.commit("2025-03-26", COMMUNE_AUTHOR, "Sửa sau tổng hợp")
    run = cli("audit", "--repo", project.root, "--period", "2025-Q1", "--lang", "en")
    assert run.code == 1
    assert "ERRORS (1)" in run.out and "26/03/2025 — Report for quý I năm 2025" in run.out
    assert "after the period quý I năm 2025 was consolidated (as of" in run.out
    assert edited[:12] in cli("audit", "--repo", project.root, "-p", "2025-Q1", "-v").out


def test_history_of_a_task_lists_every_period(project: Repo, cli: Callable[..., Run]) -> None:
    h = run_history(project.root, "pl1-01")
    assert isinstance(h, TaskHistory)
    periods = [b.period for b in h.periods]
    reporting = _plan()["reporting"]
    assert isinstance(reporting, dict)
    folders = {p.name for p in (PROJECT_DATA / "reports").iterdir() if p.is_dir()}
    assert folders <= set(periods)
    assert periods[0] == reporting["first"]
    assert periods == sorted(periods, key=period_sort_key)
    if reporting.get("last"):
        assert periods[-1] == reporting["last"]
    for block in h.periods:
        assert block.lines, block.period  # every period names its responsible units
    reported = [line for block in h.periods for line in block.lines if line.set_by]
    assert reported and all(line.set_by.commit for line in reported)  # type: ignore[union-attr]
    run = cli("history", "pl1-01", "--repo", project.root, "--ids")
    assert run.code == 0
    assert all(f" ({p}) (hạn " in run.out for p in periods)
