"""Every run that takes more than a moment shows what it is doing on a terminal, and nothing
when its output goes to a pipe: tried under a pseudo-terminal (``script``) on the embedded
data, as a clerk would run it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EMBEDDED = Path(__file__).resolve().parents[2]
SLOW = [
    (["emulation", "score", "--year", "2024"], "Đang tổng hợp cả năm và chấm điểm thi đua"),
    (["inspection", "status"], "Đang đọc các cuộc kiểm tra"),
    (["handover", "--unit", "xa-tra-dzon"], "Đang lập danh sách bàn giao"),
    (["migrate", "--dry-run"], "Đang chuyển dữ liệu sang dạng hiện hành"),
    (["codeowners"], "Đang kiểm tra tệp"),
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_LANG", "PLANTRACK_REPO")}
    return {**env, "COLUMNS": "120", "TERM": "xterm"}


@pytest.mark.skipif(shutil.which("script") is None, reason="util-linux script not installed")
@pytest.mark.parametrize(("args", "label"), SLOW, ids=lambda a: " ".join(a) if a else "")
def test_a_terminal_sees_the_progress(args: list[str], label: str) -> None:
    command = shlex.join([sys.executable, "-m", "plantrack", *args, "--repo", str(EMBEDDED)])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
        check=False,
    )
    assert label in done.stdout, done.stdout[-2000:]


def test_a_pipe_sees_none() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plantrack", "inspection", "status", "--repo", str(EMBEDDED)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
        check=False,
    )
    label = "Đang đọc các cuộc kiểm tra"
    assert done.returncode == 0
    assert label not in done.stderr and label not in done.stdout
