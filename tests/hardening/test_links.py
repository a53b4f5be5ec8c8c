"""Symbolic links: one inside the repository that leaves it is a finding wherever it is
(report folders included), and nothing is ever written through one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.hardening.conftest import tree
from tests.hardening.corpus import TODAY, parse_findings, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


def test_a_linked_report_folder_leaving_the_repository_is_a_finding(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(repo / "data" / "reports" / "2024-Q3", outside)
    (repo / "data" / "reports" / "2024-Q4").symlink_to(outside, target_is_directory=True)
    code, out, err = run_cli("check", "--repo", str(repo), "--today", TODAY)
    assert code == 1, out + err
    assert ("data/reports/2024-Q4", "", "error", "PT013") in parse_findings(out)


def test_a_linked_folder_inside_the_repository_is_not_read_silently(repo: Path) -> None:
    (repo / "data" / "reports" / "2024-Q4").symlink_to(
        repo / "data" / "reports" / "2024-Q3", target_is_directory=True
    )
    code, out, err = run_cli("check", "--repo", str(repo), "--today", TODAY)
    assert code == 1, out + err
    assert ("data/reports/2024-Q4", "", "error", "PT019") in parse_findings(out)


def test_report_new_never_writes_through_a_link_leaving_the_repository(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "data" / "reports" / "2025-Q1").symlink_to(outside, target_is_directory=True)
    before = tree(repo)
    args = ["report", "new", "--unit", "xa-tra-don", "--period", "2025-Q1", "--repo", str(repo)]
    code, out, err = run_cli(*args)
    assert code == 2, out + err
    assert "(PT968)" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []
    assert tree(repo) == before


def test_a_template_linked_outside_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu: 123456\n", "utf-8")
    folder = repo / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "consolidated.txt.j2").symlink_to(secret)
    out = tmp_path / "out"
    args = ["consolidate", "-p", "2024-Q3", "--repo", str(repo), "--format", "md"]
    code, stdout, err = run_cli(*args, "--out", str(out), "--today", TODAY)
    assert code == 2, stdout + err
    assert "(PT970)" in err and "templates/consolidated.txt.j2" in err
    assert "Traceback" not in err and not out.exists()
