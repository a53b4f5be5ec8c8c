"""Bare mirrors of child repositories in a local cache: clone once, fetch after; which commit a
branch points to; whether a pinned commit is still on it; a commit's data extracted to a folder.

Every function runs git in a child process with a time limit (the whole process group is
killed when it is over), no terminal prompt, and only the transports listed in ``PROTOCOLS``:
a URL comes from data, and git's ``ext::`` transport would run any command it names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROTOCOLS = "file:git:http:https:ssh"
_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ALLOW_PROTOCOL": PROTOCOLS,
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "LC_ALL": "C",
}


@dataclass(frozen=True)
class GitRun:
    """What one git process gave: its exit code (``None`` on time-out), output and last error."""

    code: int | None
    out: bytes
    error: str

    @property
    def ok(self) -> bool:
        """The process ended in time with exit code 0."""
        return self.code == 0


def _git(args: list[str], cwd: Path | None, timeout: float) -> GitRun:
    """Run ``git ARGS``; on time-out kill the process group (git's helpers too)."""
    env = {**os.environ, **_ENV}
    try:
        proc = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        return GitRun(127, b"", str(exc))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return GitRun(None, b"", "")
    return GitRun(proc.returncode, out, _last_line(err))


def _last_line(err: bytes) -> str:
    """The last non-empty line of git's error output: the one saying why."""
    lines = [line.strip() for line in err.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    return lines[-1][:300] if lines else ""


def mirror_path(cache: Path, url: str) -> Path:
    """The folder of the mirror of ``url`` in ``cache``: a readable stem and a digest, so two
    URLs never share a mirror and a URL never names a path outside the cache."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", url.rstrip("/").rsplit("/", 1)[-1])[:40].strip(".-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return cache / f"{stem or 'repo'}-{digest}.git"


def fetch(cache: Path, url: str, timeout: float) -> GitRun:
    """Bring the mirror of ``url`` up to date: ``git clone --mirror`` the first time (into a
    temporary folder renamed into place, so a broken clone never looks like a mirror), then
    ``git fetch --prune``."""
    if url.startswith("-"):  # never read as an option
        return GitRun(2, b"", f"invalid url: {url}")
    target = mirror_path(cache, url)
    if (target / "HEAD").is_file():
        return _git(["fetch", "--quiet", "--prune", "origin"], target, timeout)
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clone-", dir=cache))
    try:
        done = _git(["clone", "--mirror", "--quiet", "--", url, str(staging)], None, timeout)
        if done.ok:
            with contextlib.suppress(OSError):  # another run got there first: keep its mirror
                os.rename(staging, target)
        return done
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def branch_commit(mirror: Path, branch: str, timeout: float = 30) -> str | None:
    """The commit ``branch`` points to in ``mirror``, or ``None`` when it has no such branch."""
    done = _git(["rev-parse", "--verify", "-q", f"refs/heads/{branch}^{{commit}}"], mirror, timeout)
    return done.out.decode().strip() or None if done.ok else None


def has_commit(mirror: Path, commit: str, timeout: float = 30) -> bool:
    """Whether ``mirror`` holds the commit ``commit``."""
    return _git(["cat-file", "-e", f"{commit}^{{commit}}"], mirror, timeout).ok


def is_ancestor(mirror: Path, old: str, new: str, timeout: float = 30) -> bool:
    """Whether ``old`` is ``new`` or lies in its history (``False`` when ``old`` is gone: the
    branch was rewritten and the commit pruned)."""
    return _git(["merge-base", "--is-ancestor", old, new], mirror, timeout).ok


def last_change(repo: Path, rev: str, path: str, timeout: float = 30) -> dt.datetime | None:
    """The committer time (in the committer's own zone) of the last commit at or before
    ``rev`` (a commit id, or ``HEAD``) that changed ``path``; ``None`` when none did or git
    cannot tell. ``repo`` is a mirror or a working repository."""
    if rev != "HEAD" and not is_commit_id(rev):
        return None
    done = _git(["log", "-1", "--format=%cI", rev, "--", path], repo, timeout)
    text = done.out.decode().strip() if done.ok else ""
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def is_commit_id(text: str) -> bool:
    """Whether ``text`` is a full commit id (SHA-1 or SHA-256), never an option or a path."""
    return COMMIT.fullmatch(text) is not None


def tree(mirror: Path, commit: str, trees: Path, folder: str, timeout: float = 60) -> Path | None:
    """The files under ``folder`` at ``commit``, extracted once into ``trees/<commit>`` and
    reused (a commit never changes); ``None`` when git cannot give them. The folder is made
    an empty git repository, so git run there never reads a repository around the cache."""
    if not is_commit_id(commit):
        return None
    target = trees / commit
    if target.is_dir():
        return target
    trees.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tree-", dir=trees))
    try:
        if not extract(mirror, commit, staging, folder, timeout):
            return None
        if not _git(["init", "--quiet", str(staging)], None, timeout).ok:
            return None
        with contextlib.suppress(OSError):  # another run got there first: keep its tree
            os.rename(staging, target)
        return target if target.is_dir() else None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def extract(mirror: Path, commit: str, dest: Path, folder: str, timeout: float = 60) -> bool:
    """Write the files under ``folder`` at ``commit`` of ``mirror`` into ``dest`` (``git
    archive``); ``False`` when git cannot give them. Only regular files and folders are
    written, never outside ``dest`` (the tar ``data`` filter)."""
    done = _git(["archive", "--format=tar", commit, "--", folder], mirror, timeout)
    if not done.ok:
        return False
    with tarfile.open(fileobj=io.BytesIO(done.out)) as archive:
        members = [m for m in archive.getmembers() if m.isfile() or m.isdir()]
        archive.extractall(dest, members=members, filter="data")
    return True
