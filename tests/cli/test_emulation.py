"""``plantrack emulation score`` on the embedded data: the ranking, one unit's sources, JSON,
and a broken scheme stopping with a located, coded message."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run

PROJECT = Path(__file__).resolve().parents[2]
TODAY = "2026-01-01"


def test_score_ranks_the_clusters(cli: Callable[..., Run]) -> None:
    run = cli("emulation", "score", "--year", "2024", "--today", TODAY, "--repo", PROJECT)
    assert run.code == 0, run.err
    assert "Khối các xã" in run.out and "Không xếp hạng" in run.out
    assert "UBND xã Trà Mai" in run.out


def test_unit_sheet_names_every_source(cli: Callable[..., Run]) -> None:
    run = cli(
        "emulation",
        "score",
        "--year",
        "2024",
        "--unit",
        "xa-tra-vinh",
        "--today",
        TODAY,
        "--repo",
        PROJECT,
    )
    assert run.code == 0, run.err
    assert "40 điểm × 2/3 (66,66%) = 26,67" in run.out
    assert "gửi trễ hạn (hạn 15/12/2024; gửi 16/12/2024): −5" in run.out


def test_json(cli: Callable[..., Run]) -> None:
    run = cli(
        "emulation",
        "score",
        "--year",
        "2024",
        "--format",
        "json",
        "--today",
        TODAY,
        "--repo",
        PROJECT,
    )
    data = json.loads(run.out)
    assert data["clusters"][0]["units"][0]["unit"] == "xa-tra-mai"


def test_broken_scheme_and_unknown_unit(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "data", root / "data")
    scheme = root / "data/emulation/2024.yaml"
    scheme.write_text(scheme.read_text("utf-8").replace("total: 100", "total: 90"), "utf-8")
    run = cli("emulation", "score", "--year", "2024", "--today", TODAY, "--repo", root)
    assert run.code == 1
    assert "data/emulation/2024.yaml:14:8: lỗi PT601" in run.err
    run = cli("emulation", "score", "--year", "2024", "--unit", "xa-khong-co", "--repo", PROJECT)
    assert run.code == 2 and "PT945" in run.err
