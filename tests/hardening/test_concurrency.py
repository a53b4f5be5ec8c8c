"""Several processes at once: two units' clerks importing two different forms for the same
report, or creating the same skeleton, never replace each other silently. Exactly one new
report is written; every other process is refused with a catalogued message (or finds the
very same content already there), and the file holds one whole version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.hardening.corpus import TODAY

PERIOD, UNIT = "2024-Y", "xa-tra-don"
REPORT = f"data/reports/{PERIOD}/{UNIT}.yaml"
ROUNDS = 3


def _cli(repo: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "plantrack", *args, "--repo", str(repo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(children: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    done = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert "Traceback" not in out + err
        done.append((child.returncode, out + err))
    return done


def _form(repo: Path, tmp_path: Path, name: str, submitted: str) -> Path:
    """The unit's form for the period, filled with a submission date of its own."""
    path = tmp_path / f"{name}.xlsx"
    export = _cli(repo, "form", "export", "-p", PERIOD, "-u", UNIT, "--out", str(path))
    assert _finish([export])[0][0] == 0
    wb = load_workbook(path)
    sheet = wb["Thông tin chung"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "Ngày gửi báo cáo (dd/mm/yyyy)":
                sheet.cell(cell.row, cell.column + 1, submitted)
    wb.save(path)
    return path


def test_two_imports_at_once_write_one_whole_report(repo: Path, tmp_path: Path) -> None:
    forms = [_form(repo, tmp_path, f"form-{n}", f"1{n}/12/2024") for n in (1, 2)]
    alone = []
    for form in forms:
        assert _finish([_cli(repo, "form", "import", str(form), "--today", TODAY)])[0][0] == 0
        alone.append((repo / REPORT).read_bytes())
        (repo / REPORT).unlink()
    assert alone[0] != alone[1]
    for _ in range(ROUNDS):
        children = [_cli(repo, "form", "import", str(f), "--today", TODAY) for f in forms]
        results = _finish(children)
        assert sorted(code for code, _ in results) == [0, 2], results
        refused = next(text for code, text in results if code != 0)
        assert "PT906" in refused and "không ghi đè" in refused
        assert (repo / REPORT).read_bytes() in alone  # one whole version, never a mixture
        assert not [p for p in (repo / REPORT).parent.iterdir() if p.name.startswith(".")]
        (repo / REPORT).unlink()


def test_the_same_skeleton_created_at_once_is_written_once(repo: Path) -> None:
    for _ in range(ROUNDS):
        children = [_cli(repo, "report", "new", "-p", PERIOD, "-u", UNIT) for _ in range(4)]
        results = _finish(children)
        assert [code for code, _ in results] == [0, 0, 0, 0], results
        written = [text for _, text in results if "giữ nguyên" not in text]
        assert len(written) == 1, results  # the others found the very same skeleton
        assert (repo / REPORT).read_text("utf-8").startswith("# yaml-language-server")
        (repo / REPORT).unlink()
