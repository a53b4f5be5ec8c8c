"""Failures a clerk understands: a full disk, a read-only disk, a refused permission, a file
in the way, Ctrl-C, a missing path, a template reaching for Python internals. Each is one
catalogued paragraph (exit 2; 130 for Ctrl-C), never an internal error or a traceback, and
the repository is unchanged."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hardening.conftest import tree
from tests.hardening.corpus import TODAY, run_cli

CONSOLIDATE = ["consolidate", "--period", "2024-Q3", "--format", "md,json"]


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.ENOSPC, "PT960"),
        (errno.EROFS, "PT961"),
        (errno.EACCES, "PT962"),
        (errno.EISDIR, "PT963"),
    ],
)
def test_a_failing_disk_is_named_not_an_internal_error(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, code: str
) -> None:
    def failing(self: Path, data: bytes) -> int:
        raise OSError(number, os.strerror(number), str(self))

    monkeypatch.setattr(Path, "write_bytes", failing)
    before = tree(repo)
    out = tmp_path / "out"
    status, stdout, stderr = run_cli(*CONSOLIDATE, "--repo", str(repo), "--out", str(out))
    assert status == 2, stdout + stderr
    assert f"({code})" in stderr and "nội bộ" not in stderr and "Traceback" not in stderr
    assert tree(repo) == before
    assert not out.exists()


def test_ctrl_c_is_named_and_exits_130(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plantrack.app import check as check_use_case

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_use_case, "check_repository", interrupted)
    status, _, stderr = run_cli("check", "--repo", str(repo), "--today", TODAY)
    assert status == 130
    assert "(PT964)" in stderr and "Traceback" not in stderr


_SLOW_CHECK = """
import signal, sys, time
from plantrack.app import check as use_case
# a clerk's terminal delivers Ctrl-C to a process that neither ignores nor blocks it; a test
# runner's process may hand both down to its children, so the child starts as a shell's would
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
def slow(*args, **kwargs):
    print("ready", file=sys.stderr, flush=True)
    time.sleep(60)
use_case.check_repository = slow
from plantrack.cli.app import main
main(sys.argv[1:])
"""


def test_a_real_ctrl_c_is_named_and_exits_130(repo: Path) -> None:
    """The signal itself, delivered to a running process, not an exception raised in-process."""
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_CHECK, "check", "--repo", str(repo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    assert child.stderr.readline().strip() == "ready"
    child.send_signal(signal.SIGINT)
    try:
        stdout, stderr = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        state = _signal_state(child.pid)
        child.kill()
        child.communicate()
        pytest.fail(f"Ctrl-C did not stop the check within 30 s; its signal state: {state}")
    assert child.returncode == 130, stdout + stderr
    assert "(PT964)" in stderr and "Traceback" not in stderr


def _signal_state(pid: int) -> str:
    """The signal lines of a process's status (pending, blocked, ignored, caught masks)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text("utf-8").splitlines()
    except OSError:
        return "unknown"
    return "; ".join(line for line in lines if line.startswith(("State", "Sig", "Shd")))


def test_check_of_a_missing_path_is_a_usage_error(repo: Path) -> None:
    status, stdout, stderr = run_cli(
        "check", "--repo", str(repo), str(repo / "data" / "reports" / "khong-co.yaml")
    )
    assert status == 2, stdout
    assert "(PT966)" in stderr


@pytest.mark.parametrize(
    "reach",
    [
        "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ vm.__class__.__init__.__globals__ }}",
    ],
)
def test_a_repository_template_reaching_for_python_fails_cleanly(
    repo: Path, tmp_path: Path, reach: str
) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    for name in ("consolidated.txt.j2", "consolidated.md.j2", "consolidated.html.j2"):
        (repo / "templates" / name).write_text(reach + "\n", "utf-8")
    out = tmp_path / "out"
    status, stdout, stderr = run_cli(
        "consolidate", "--period", "2024-Q3", "--format", "md", "--repo", str(repo),
        "--out", str(out),
    )  # fmt: skip
    assert status == 2, stdout + stderr
    assert "(PT967)" in stderr and "Traceback" not in stderr
    assert not out.exists()
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()


@pytest.mark.skipif(not hasattr(os, "umask"), reason="no umask")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(repo: Path, umask: int, mode: int) -> None:
    script = (
        "import os, sys; os.umask(int(sys.argv[1], 8)); "
        "from plantrack.cli.app import main; main(sys.argv[2:])"
    )
    args = ["report", "new", "--unit", "xa-tra-don", "--period", "2025-Q1", "--repo", str(repo)]
    done = subprocess.run(
        [sys.executable, "-c", script, oct(umask)[2:], *args], capture_output=True, text=True
    )
    written = repo / "data" / "reports" / "2025-Q1" / "xa-tra-don.yaml"
    assert written.exists(), done.stdout + done.stderr
    assert stat.S_IMODE(written.stat().st_mode) == mode
