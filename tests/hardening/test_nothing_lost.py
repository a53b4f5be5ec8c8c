"""Nothing lost: interrupted writes keep the previous file, concurrent runs never mix their
outputs, a user's file is never replaced without ``--force``, a failed run writes nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plantrack.io import atomic
from plantrack.io.atomic import write_atomic
from plantrack.io.outdir import MARKER
from tests.hardening.corpus import TODAY, parse_findings, run_cli

OLD = "bản cũ\n".encode()
REPORT = "data/reports/2024-Q3/xa-tra-don.yaml"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- atomic writes --------------------------------------------------------------------


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_bytes(OLD)

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["bao-cao.md"]


def test_a_completed_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_bytes(OLD)
    write_atomic(target, "bản mới\n")
    assert target.read_text("utf-8") == "bản mới\n"
    assert listing(tmp_path) == ["bao-cao.md"]


# The child writes half of a large payload, says so, and waits to be killed.
_CHILD = """
import os, sys, time
from pathlib import Path
from plantrack.io import atomic

class Slow:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        print("half", flush=True)
        time.sleep(60)
    def __getattr__(self, name):
        return getattr(self.handle, name)

real = os.fdopen
atomic.os.fdopen = lambda *a, **k: Slow(real(*a, **k))
atomic.write_atomic(Path(sys.argv[1]), b"x" * 8_000_000)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_process_killed_mid_write_keeps_the_old_file(repo: Path) -> None:
    target = repo / REPORT
    old = target.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "half"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert target.read_bytes() == old
    orphans = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(orphans) == 1 and orphans[0].name.startswith(".xa-tra-don.yaml.")
    assert orphans[0].stat().st_size > 0
    # the orphan is hidden from check: no stray file, no finding, exit 0
    code, out, err = run_cli("check", "--repo", str(repo), "--today", TODAY)
    assert code == 0, out + err
    assert not parse_findings(out)


# --- concurrent runs ------------------------------------------------------------------

AS_OF = ("2024-09-14", "2024-09-01")  # two runs whose outputs differ
AFTER_DUE = "2024-10-01"


def consolidate_args(repo: Path, out: Path, as_of: str) -> list[str]:
    return [
        "consolidate", "--period", "2024-Q3", "--repo", str(repo), "--out", str(out),
        "--format", "md,json,html", "--as-of", as_of,
    ]  # fmt: skip


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name != MARKER
    }


# A run whose renames are slow, so that two runs' renames interleave.
_SLOW_RENAMES = """
import os, random, sys, time
from plantrack.cli.app import main

real = os.replace
def slow(src, dst):
    time.sleep(random.uniform(0, 0.05))
    real(src, dst)
    time.sleep(random.uniform(0, 0.05))

os.replace = slow
main(sys.argv[1:])
"""


def test_two_runs_at_once_never_mix_their_outputs(repo: Path, tmp_path: Path) -> None:
    expected = []
    for as_of in AS_OF:
        alone = tmp_path / f"alone-{as_of}"
        code, out, err = run_cli(*consolidate_args(repo, alone, as_of))
        assert code == 0, err
        expected.append(digests(alone))
    assert expected[0] != expected[1]
    assert expected[0].keys() == expected[1].keys()
    out = tmp_path / "out"
    for _ in range(6):
        children = [
            subprocess.Popen(
                [sys.executable, "-c", _SLOW_RENAMES, *consolidate_args(repo, out, as_of)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for as_of in AS_OF
        ]
        for child in children:
            stdout, stderr = child.communicate(timeout=120)
            assert child.returncode == 0, stderr
            assert "Traceback" not in stdout + stderr
        assert digests(out) in expected  # every file from one run
        # no staging or set-aside folder left beside the output
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- users' files ---------------------------------------------------------------------


def test_a_users_file_in_the_output_folder_needs_force_and_is_kept(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run_cli(*consolidate_args(repo, out, AS_OF[0]))[0] == 0
    note = out / "ghi-chu-cua-toi.txt"
    note.write_text("ghi chú\n", "utf-8")
    before = digests(out)
    code, _, stderr = run_cli(*consolidate_args(repo, out, AS_OF[1]))
    assert code == 2
    assert "--force" in stderr and "Traceback" not in stderr
    assert digests(out) == before
    code, _, stderr = run_cli(*consolidate_args(repo, out, AS_OF[1]), "--force")
    assert code == 0, stderr
    assert note.read_text("utf-8") == "ghi chú\n"  # --force writes beside it, never deletes it


def test_an_edited_output_needs_force(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(*consolidate_args(repo, out, AS_OF[0]))[0] == 0
    (md,) = out.glob("*.md")
    md.write_text(md.read_text("utf-8") + "\nSố: 12/BC-PNV (điền tay)\n", "utf-8")
    edited = md.read_bytes()
    code, _, stderr = run_cli(*consolidate_args(repo, out, AS_OF[0]))
    assert code == 2, stderr
    assert md.read_bytes() == edited
    # an unchanged previous output is replaced without --force
    md.unlink()
    assert run_cli(*consolidate_args(repo, out, AS_OF[0]))[0] == 0


def test_a_reminder_letter_is_not_overwritten_without_force(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["remind", "--period", "2024-Q3", "--as-of", "2024-10-01", "--repo", str(repo)]
    assert run_cli(*args, "--out", str(out), "--format", "md")[0] == 0
    (letter,) = out.iterdir()
    letter.write_text("đã sửa tay\n", "utf-8")
    code, _, stderr = run_cli(*args, "--out", str(out), "--format", "md")
    assert code == 2 and "--force" in stderr
    assert letter.read_text("utf-8") == "đã sửa tay\n"
    assert run_cli(*args, "--out", str(out), "--format", "md", "--force")[0] == 0
    assert letter.read_text("utf-8") != "đã sửa tay\n"


# --- failed runs ----------------------------------------------------------------------


def test_a_failed_consolidation_writes_nothing(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # after the due date the working files are read (before it, the committed ones)
    assert run_cli(*consolidate_args(repo, out, AS_OF[0]))[0] == 0
    before = digests(out)
    report = repo / REPORT
    report.write_text(report.read_text("utf-8").replace("state: done", "state: xong"), "utf-8")
    code, stdout, stderr = run_cli(*consolidate_args(repo, out, AFTER_DUE))
    assert code == 1
    assert "PT104" in stderr and "Traceback" not in stdout + stderr
    assert digests(out) == before
    fresh = tmp_path / "fresh"
    assert run_cli(*consolidate_args(repo, fresh, AFTER_DUE))[0] == 1
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"]


def test_a_write_failing_half_way_keeps_the_previous_output(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run_cli(*consolidate_args(repo, out, AS_OF[0]))[0] == 0
    before = digests(out)
    real = Path.write_bytes
    calls = []

    def failing(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    code, _, stderr = run_cli(*consolidate_args(repo, out, AS_OF[1]))
    assert code == 2 and "Traceback" not in stderr
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_check_never_opens_a_pipe(repo: Path) -> None:
    os.mkfifo(repo / "data" / "reports" / "2024-Q3" / "xa-tra-mai.yaml")
    script = "from plantrack.cli.app import main; import sys; main(sys.argv[1:])"
    args = [sys.executable, "-c", script, "check", "--repo", str(repo), "--today", TODAY]
    # in a child with a timeout: a reader that opens the pipe would wait forever
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    found = parse_findings(done.stdout)
    assert ("data/reports/2024-Q3/xa-tra-mai.yaml", "", "error", "PT001") in found
