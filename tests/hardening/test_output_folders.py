"""Output folders: plantrack deletes only what it wrote, refuses folders it must never write
into, and its swap leaves the previous or the new folder complete at every instant."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plantrack.io import swap
from plantrack.io.outdir import MARKER, OutputExistsError, publish
from tests.hardening.conftest import tree
from tests.hardening.corpus import run_cli

OLD = {"a.md": b"old a\n", "b.json": b"{}\n", "c.html": b"<p>old</p>\n"}
NEW = {"a.md": b"new a\n" * 1000, "b.json": b'{"x": 1}\n', "d.xlsx": b"PK new"}


@pytest.fixture
def git_repo(repo: Path) -> Path:
    """The mini repository with a ``.git`` of its own."""
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def content(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != MARKER}


# --- folders refused with or without --force --------------------------------------------

REFUSED = [
    ("data", "data/"),
    ("data/reports", "data/"),
    ("data/reports/2024-Q3", "data/"),
    (".", "gốc"),
    ("..", "gốc"),
    (".git", ".git"),
    (".git/objects", ".git"),
]


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(("out", "said"), REFUSED)
def test_an_output_folder_inside_data_or_above_the_repository_is_refused(
    git_repo: Path, out: str, said: str, force: bool
) -> None:
    repo = git_repo
    before = tree(repo.parent)
    args = ["consolidate", "--period", "2024-Q3", "--repo", str(repo), "--format", "md"]
    args += ["--out", str(repo / out), "--record"] + (["--force"] if force else [])
    code, stdout, stderr = run_cli(*args)
    assert code == 2, stdout + stderr
    assert said in stderr and "Traceback" not in stderr
    assert tree(repo.parent) == before  # nothing written, nothing deleted, no record


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_holding_git_or_a_file_in_the_way_is_refused(
    repo: Path, tmp_path: Path, force: bool
) -> None:
    other = tmp_path / "other-repo"
    (other / ".git").mkdir(parents=True)
    (other / "notes.txt").write_text("x\n", "utf-8")
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("y\n", "utf-8")
    before = tree(tmp_path)
    for out in (other, a_file):
        args = ["consolidate", "--period", "2024-Q3", "--repo", str(repo), "--format", "md"]
        args += ["--out", str(out)] + (["--force"] if force else [])
        code, stdout, stderr = run_cli(*args)
        assert code == 2, stdout + stderr
        assert "Traceback" not in stderr
    assert tree(tmp_path) == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_an_output_folder_reached_through_a_link_leaving_the_repository_is_refused(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "build").symlink_to(outside, target_is_directory=True)
    args = ["consolidate", "--period", "2024-Q3", "--repo", str(repo), "--format", "md"]
    code, stdout, stderr = run_cli(*args, "--force")
    assert code == 2, stdout + stderr
    assert "liên kết" in stderr
    assert list(outside.iterdir()) == []


# --- --force writes beside other files and deletes only its own -------------------------


def test_force_writes_beside_a_users_files_and_removes_only_its_own_unchanged_ones(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    publish(out, OLD)
    (out / "ghi-chu.txt").write_text("của tôi\n", "utf-8")
    (out / "ảnh").mkdir()
    (out / "ảnh" / "x.png").write_bytes(b"png")
    (out / "c.html").write_bytes(b"<p>sua tay</p>\n")  # one of ours, edited: now the user's
    with pytest.raises(OutputExistsError):
        publish(out, NEW)
    publish(out, NEW, force=True)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*NEW, MARKER, "ghi-chu.txt", "ảnh", "c.html"])
    assert (out / "c.html").read_bytes() == b"<p>sua tay</p>\n"
    assert (out / "ảnh" / "x.png").read_bytes() == b"png"
    assert all((out / name).read_bytes() == payload for name, payload in NEW.items())


def test_a_forged_marker_never_deletes_outside_its_folder(tmp_path: Path) -> None:
    victim = tmp_path / "plan.yaml"
    victim.write_bytes(b"plan\n")
    digest = hashlib.sha256(b"plan\n").hexdigest()
    out = tmp_path / "out"
    out.mkdir()
    lines = ["plantrack", f"{digest}  ../plan.yaml", f"{digest}  {victim}", f"{digest}  .."]
    (out / MARKER).write_text("\n".join(lines) + "\n", "utf-8")
    publish(out, NEW)
    publish(out, OLD)
    assert victim.read_bytes() == b"plan\n"
    assert content(out) == OLD


def test_a_folder_of_plantracks_own_unchanged_files_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(out, OLD)
    publish(out, NEW)
    assert content(out) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- killed at each step ------------------------------------------------------------------

# The child publishes NEW over OLD and kills itself with SIGKILL at step K (before or after
# each file-system call the publication makes); it exits 0 when it ran out of steps.
_CHILD = (
    """
import os, signal, sys
from pathlib import Path
from plantrack.io import outdir, swap

target, kill_at, fallback = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
count = 0

def step():
    global count
    count += 1
    if count == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def hooked(real):
    def call(*args, **kwargs):
        step()
        result = real(*args, **kwargs)
        step()
        return result
    return call

for name in ("write_bytes", "write_text", "unlink", "rmdir"):
    setattr(Path, name, hooked(getattr(Path, name)))
os.rename = hooked(os.rename)
os.replace = hooked(os.replace)
swap.exchange = hooked(swap.exchange)
if fallback:
    swap._EXCHANGE = None
"""
    + f"outdir.publish(target, {NEW!r})\n"
)


def _complete(folder: Path) -> str | None:
    """``old`` or ``new`` when ``folder`` holds exactly that run's files and marker."""
    if not folder.is_dir():
        return None
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    for label, wanted in (("old", OLD), ("new", NEW)):
        if files.keys() == {*wanted, MARKER} and all(files[k] == v for k, v in wanted.items()):
            return label
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "two-renames"])
def test_killed_at_each_step_the_folder_is_the_old_or_the_new_one(
    tmp_path: Path, fallback: bool
) -> None:
    if not fallback and swap._EXCHANGE is None:
        pytest.skip("no renameat2 on this system")
    seen = set()
    for kill_at in range(1, 200):
        base = tmp_path / str(kill_at)
        out = base / "out"
        publish(out, OLD)
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(out), str(kill_at), "1" if fallback else "0"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        state = _complete(out)
        if fallback and state is None:
            # killed between the two renames: the previous folder waits beside the target
            assert not out.exists()
            swap.recover(out)
            state = _complete(out)
        assert state is not None, (kill_at, done.stderr, sorted(os.listdir(base)))
        seen.add(state)
        # the next run clears what the killed one left, by its marker, and publishes
        publish(out, NEW)
        assert _complete(out) == "new"
        assert sorted(os.listdir(base)) == ["out"], kill_at
        if done.returncode == 0:
            break
        assert done.returncode == -9, done.stderr
    else:
        pytest.fail("the publication never completed")
    assert seen == {"old", "new"}
