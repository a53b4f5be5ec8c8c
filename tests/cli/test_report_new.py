"""``plantrack report new``: a pre-filled skeleton on a copy of the embedded repository,
checked by ``plantrack check``; never clobbering a unit's work without ``--force``."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from plantrack.app.report_new import new_report
from plantrack.io.repo import list_data_files
from plantrack.validate.check import check_repository, load_base
from tests.cli.conftest import Run

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2025-07-01"
MAI = "data/reports/2025-Q1/xa-tra-mai.yaml"
NNMT = "data/reports/2025-Q1/phong-nong-nghiep-moi-truong.yaml"

Cli = Callable[..., Run]


@pytest.fixture
def embedded(tmp_path: Path) -> Path:
    """A copy of the embedded repository (``data/``, ``schemas/``) without the 2025-Q1 reports
    of Trà Mai and of the Agriculture and Environment department."""
    root = tmp_path / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / MAI).unlink()
    (root / NNMT).unlink()
    return root


def load(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def entries(data: dict[str, object]) -> dict[str, dict[str, object]]:
    tasks = data["tasks"]
    assert isinstance(tasks, list)
    return {e["task"]: e for e in tasks}


def test_commune_skeleton_carries_forward_last_period(cli: Cli, embedded: Path) -> None:
    run = cli("report", "new", "--unit", "xa-tra-mai", "--period", "2025-Q1", "--repo", embedded)
    assert run.code == 0, run.err
    assert run.out.strip().endswith(MAI)
    assert "15 nhiệm vụ (15 lấy từ báo cáo kỳ trước), 10 chỉ tiêu" in run.err
    text = (embedded / MAI).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/report.schema.json\n")
    new, last = load(embedded, MAI), load(embedded, "data/reports/2024-Y/xa-tra-mai.yaml")
    assert (new["unit"], new["period"], new["submitted"]) == ("xa-tra-mai", "2025-Q1", None)
    assert new["prepared_by"] == last["prepared_by"]
    assert new["approved_by"] == last["approved_by"]
    old = entries(last)
    assert list(entries(new)) == list(old)
    for task, entry in entries(new).items():
        for key in ("state", "completed", "progress", "carried_out"):
            assert entry.get(key) == old[task].get(key), (task, key)
        assert entry["evidence"] == old[task].get("evidence", [])
        assert entry["results"] is None
    indicators = new["indicators"]
    assert isinstance(indicators, dict) and isinstance(last["indicators"], dict)
    assert set(indicators) == set(last["indicators"]) and set(indicators.values()) == {None}


def test_successor_department_skeleton_holds_its_predecessors_tasks(
    cli: Cli, embedded: Path
) -> None:
    run = cli(
        "report", "new", "-u", "phong-nong-nghiep-moi-truong", "-p", "2025-Q1", "--repo", embedded
    )
    assert run.code == 0, run.err
    new = entries(load(embedded, NNMT))
    agri = entries(load(embedded, "data/reports/2024-Y/phong-nong-nghiep-ptnt.yaml"))
    env = entries(load(embedded, "data/reports/2024-Y/phong-tai-nguyen-moi-truong.yaml"))
    # poverty reduction came over on its own from the labour office (a transfer)
    labour = entries(load(embedded, "data/reports/2024-Y/phong-lao-dong-tbxh.yaml"))
    assert set(new) == set(agri) | set(env) | {"pl2-05"}
    for task, entry in new.items():
        if task in agri and task in env:
            continue  # merged: see the domain tests
        old = agri.get(task) or env.get(task) or labour[task]
        assert (entry["state"], entry.get("progress"), entry["completed"]) == (
            old["state"],
            old.get("progress"),
            old.get("completed"),
        )
    text = (embedded / NNMT).read_text("utf-8")
    assert "Kế thừa từ Phòng Tài nguyên và Môi trường" in text
    assert "Kế thừa từ Phòng Nông nghiệp và PTNT" in text


def test_skeleton_checks_without_errors_as_written(cli: Cli, embedded: Path) -> None:
    for unit in ("xa-tra-mai", "phong-nong-nghiep-moi-truong"):
        assert cli("report", "new", "-u", unit, "-p", "2025-Q1", "--repo", embedded).code == 0
    run = cli("check", "--repo", embedded, "--today", TODAY, embedded / MAI, embedded / NNMT)
    assert run.code == 0, run.out
    assert ": lỗi PT" not in run.out


def fill(text: str) -> str:
    """What a unit does: submission date, every result written, states moved, numbers in."""
    text = re.sub(r"(?m)^submitted: null.*$", "submitted: 2025-03-14", text)
    text = re.sub(r"(?m)^number: null.*$", "number: 25/BC-UBND", text)
    text = re.sub(r"(?m)^(\s+)results: null.*$", r"\1results: Đã triển khai trong kỳ.", text)
    text = re.sub(r"(?m)^(\s+)carried_out: null.*$", r"\1carried_out: true", text)
    text = re.sub(
        r"(?m)^(\s+)state: not-started.*\n(\s+)completed: null.*\n(\s+)progress: null.*$",
        r"\1state: done\n\2completed: 2025-03-10\n\3progress: 100",
        text,
    )
    text = re.sub(r"(?m)^(  [a-z0-9-]+): null$", r"\1: 12", text)  # indicators
    text = re.sub(r"(?m)^  direction: null.*$", "  direction: Chỉ đạo sát sao.", text)
    return text.replace("proposals: []", "proposals:\n  - Bổ sung kinh phí.")


def test_filled_skeleton_passes_check(cli: Cli, embedded: Path) -> None:
    for unit in ("xa-tra-mai", "phong-nong-nghiep-moi-truong"):
        assert cli("report", "new", "-u", unit, "-p", "2025-Q1", "--repo", embedded).code == 0
    for rel in (MAI, NNMT):
        path = embedded / rel
        path.write_text(fill(path.read_text("utf-8")), "utf-8")
        data = load(embedded, rel)
        assert data["submitted"] is not None
        assert all(e["results"] for e in entries(data).values())
    run = cli(
        "check", "--strict", "--repo", embedded, "--today", TODAY, embedded / MAI, embedded / NNMT
    )
    assert run.code == 0, run.out


def test_every_expected_unit_gets_a_skeleton_without_errors(cli: Cli, embedded: Path) -> None:
    """All units of 2025-Q1, overwriting their real reports: the whole repository checks."""
    ctx = load_base(embedded, list_data_files(embedded)[0]).context
    assert ctx is not None
    units = ctx.expected_units(ctx.period("2025-Q1"))
    assert len(units) > 20
    for unit in units:
        made = new_report(embedded, unit, "2025-Q1", force=True, today=dt.date(2025, 7, 1))
        assert made.check.errors == 0, [f.message_en for f in made.check.findings]
    errors = [
        f
        for f in check_repository(embedded, today=dt.date(2025, 7, 1)).findings
        if f.severity == "error"
    ]
    assert errors == []


def test_an_existing_report_needs_force(cli: Cli, embedded: Path) -> None:
    real = embedded / "data/reports/2025-Q1/xa-tra-cang.yaml"
    before = real.read_bytes()
    run = cli("report", "new", "-u", "xa-tra-cang", "-p", "2025-Q1", "--repo", embedded)
    assert run.code == 2
    assert "đã có" in run.err and "--force" in run.err
    assert real.read_bytes() == before
    assert [p.name for p in real.parent.iterdir() if p.name.startswith(".")] == []
    run = cli("report", "new", "-u", "xa-tra-cang", "-p", "2025-Q1", "--force", "--repo", embedded)
    assert run.code == 0, run.err
    assert real.read_bytes() != before
    assert load(embedded, str(real.relative_to(embedded)))["submitted"] is None


@pytest.mark.parametrize(
    ("unit", "period", "says"),
    [
        ("phong-nong-nghiep-ptnt", "2025-Q1", "phong-nong-nghiep-moi-truong"),  # merged away
        ("xa-tra-mia", "2025-Q1", "'xa-tra-mai'"),  # unknown, with a suggestion
        ("xa-tra-mai", "2025-Q2", "không yêu cầu báo cáo kỳ 2025-Q2"),  # not a required period
        ("xa-tra-mai", "2024-Q1", "không yêu cầu báo cáo kỳ 2024-Q1"),  # before the first
        ("xa-tra-mai", "2025-5", "không phải kỳ báo cáo"),
        ("xa-nam-tra-my-moi", "2025-Q1", "ngày chốt số liệu 14/03/2025"),  # not yet founded
    ],
)
def test_refuses_units_and_periods_that_owe_no_report(
    cli: Cli, embedded: Path, unit: str, period: str, says: str
) -> None:
    run = cli("report", "new", "-u", unit, "-p", period, "--repo", embedded)
    assert run.code == 2
    assert says in run.err
    assert not (embedded / "data" / "reports" / period / f"{unit}.yaml").exists()


def test_prints_the_path_relative_to_the_working_folder(
    cli: Cli, embedded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(embedded / "data")
    run = cli("report", "new", "-u", "xa-tra-mai", "-p", "2025-Q1")
    assert run.code == 0, run.err
    assert run.out == "reports/2025-Q1/xa-tra-mai.yaml\n"
