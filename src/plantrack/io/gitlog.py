"""Streaming git history: one ``git log`` pass, and blob reads through one ``git cat-file``.

``iter_log`` runs a single ``git log`` over the examined range and parses its output while
git is still writing it, in chunks, so the raw log is never held in memory. Every commit in
the range is listed (no path limit, so the parent graph is complete and ancestry questions
can be answered without asking git again); only changes under the given prefixes are kept.

Merges: every commit is listed, ordinary commits with their own changes against their parent,
so each change is attributed to the author who made it, and merges with ``-c``
(``--diff-merges=combined``): a merge shows only the files whose merged content differs from
*every* parent, i.e. what the merge itself introduced (a conflict resolution or an "evil"
merge). A plain ``git pull`` merge therefore shows nothing, instead of re-attributing everyone
else's changes to the person who pulled, which is what ``--first-parent`` diffs would do.

Renames are detected (``-M``): a change then carries the old and the new path.

Shallow clones: the commits at the cut (listed in ``.git/shallow``) are flagged ``boundary``;
git shows their whole tree as added, which is a snapshot, not a change.

Blob contents (old and new versions of a file) are read through ``BlobReader``: one
``git cat-file --batch`` process for every read, requests pipelined in batches.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from plantrack import layout
from plantrack.errors import PlantrackError
from plantrack.io.git import output as git_output

_ZERO = "0" * 40
# Header fields, separated by US (0x1f); a record starts with RS (0x1e).
_FORMAT = "%x1e" + "%x1f".join(("%H", "%P", "%an", "%ae", "%aI", "%ce", "%cI", "%G?", "%s"))
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed by one commit.

    ``status`` is git's letter: ``A`` added, ``M`` modified, ``D`` deleted, ``R`` renamed
    (``old_path`` → ``path``), ``C`` copied, ``T`` type changed. A blob id is ``None`` where
    the file does not exist (before an add, after a delete). For a merge the old side is its
    first parent.
    """

    status: str
    path: str
    old_path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit of the examined range, oldest first (``seq``), with its kept changes.

    ``signature`` is git's ``%G?``: G good, U good with unknown validity, X expired
    signature, Y expired key, R revoked key, E cannot be checked, B bad, N none.
    """

    seq: int
    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: dt.datetime
    committer_email: str
    committer_date: dt.datetime
    signature: str
    subject: str
    changes: tuple[Change, ...]
    boundary: bool = False

    @property
    def merge(self) -> bool:
        """Whether the commit has more than one parent."""
        return len(self.parents) > 1


@dataclass(frozen=True, slots=True)
class RepoState:
    """What git says about the repository before reading its history."""

    is_repo: bool
    head: str | None
    shallow: frozenset[str]


def repo_state(root: Path) -> RepoState:
    """Whether ``root`` is in a git work tree, its HEAD commit, and the shallow cut commits."""
    out = git_output(
        root,
        "rev-parse",
        "--is-inside-work-tree",
        "--is-shallow-repository",
        "--git-path",
        "shallow",
    )
    if out is None:
        return RepoState(False, None, frozenset())
    lines = out.splitlines()
    head = (git_output(root, "rev-parse", "--verify", "-q", "HEAD^{commit}") or "").strip() or None
    shallow: frozenset[str] = frozenset()
    if len(lines) >= 3 and lines[1] == "true":
        path = Path(lines[2])
        path = path if path.is_absolute() else root / path
        try:
            shallow = frozenset(path.read_text("ascii").split())
        except OSError:
            shallow = frozenset()
    return RepoState(True, head, shallow)


def resolve(root: Path, rev: str) -> str | None:
    """The full id of the commit ``rev`` names, or ``None``."""
    if rev.startswith("-"):
        return None
    out = git_output(root, "rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}")
    return out.strip() or None if out else None


def top_prefix(root: Path) -> str:
    """``root``'s path inside its git work tree (``""`` at the top, else ending in ``/``)."""
    return (git_output(root, "rev-parse", "--show-prefix") or "").strip()


def commit_date(root: Path, rev: str) -> dt.datetime | None:
    """The committer date of ``rev`` (``None`` when git does not know it)."""
    out = git_output(root, "show", "-s", "--no-show-signature", "--format=%cI", rev, "--")
    text = (out or "").strip()
    return dt.datetime.fromisoformat(text) if text else None


def log_command(since: str | None) -> list[str]:
    """The ``git log`` command line of ``iter_log`` (shown in ``--debug`` and tests)."""
    return [
        "git",
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "-M",
        "--diff-merges=combined",
        "--relative",
        "--topo-order",
        "--reverse",
        "--no-color",
        "--no-use-mailmap",
        "--encoding=UTF-8",
        f"--format={_FORMAT}",
        f"{since}..HEAD" if since else "HEAD",
        "--",
    ]


def iter_log(
    root: Path,
    *,
    since: str | None = None,
    prefixes: Sequence[str] = (f"{layout.DATA}/",),
    shallow: frozenset[str] = frozenset(),
) -> Iterator[Commit]:
    """Every commit of ``since..HEAD`` (all of HEAD's history without ``since``), oldest
    first, with the changes to paths under ``prefixes``. The caller checks that HEAD exists."""
    # stderr goes to a file: a pipe nobody reads until the end could fill and stall git
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(
                log_command(since), cwd=root, stdout=subprocess.PIPE, stderr=errors
            )
        except OSError as exc:
            raise PlantrackError(code="PT922", reason=exc) from exc
        assert proc.stdout is not None
        parser = _Parser(tuple(prefixes), shallow)
        try:
            yield from parser.feed_stream(proc.stdout)
        finally:
            proc.stdout.close()  # a reader that stops early ends git with SIGPIPE
            code = proc.wait()
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
            raise PlantrackError(code="PT923", command="log", reason=f"(mã {code}) {message}")


class _Parser:
    """A state machine over NUL-separated tokens: headers, raw entries and their paths."""

    def __init__(self, prefixes: tuple[str, ...], shallow: frozenset[str]) -> None:
        self.prefixes = prefixes
        self.shallow = shallow
        self.seq = 0
        self.header: list[str] | None = None
        self.changes: list[Change] = []
        self.pending: list[str] = []  # the raw entry's fields, waiting for its paths
        self.wanted = 0  # paths still to read for the pending entry
        self.paths: list[str] = []

    def feed_stream(self, stream: IO[bytes]) -> Iterator[Commit]:
        rest = b""
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            parts = (rest + chunk).split(b"\0")
            rest = parts.pop()
            for part in parts:
                done = self.token(part.decode("utf-8", "replace"))
                if done is not None:
                    yield done
        if rest:
            done = self.token(rest.decode("utf-8", "replace"))
            if done is not None:
                yield done
        last = self.flush()
        if last is not None:
            yield last

    def token(self, text: str) -> Commit | None:
        if self.wanted:
            self.paths.append(text)
            self.wanted -= 1
            if not self.wanted:
                self._entry()
            return None
        text = text.lstrip("\n")
        if not text:
            return None
        if text.startswith("\x1e"):
            done = self.flush()
            self.header = text[1:].split("\x1f", 8)
            return done
        if text.startswith(":"):
            colons = len(text) - len(text.lstrip(":"))
            self.pending = text[colons:].split(" ")
            status = self.pending[-1]
            # an ordinary rename or copy names two paths; a combined (merge) entry one
            self.wanted = 2 if colons == 1 and status[:1] in ("R", "C") else 1
            self.pending.insert(0, str(colons))
        return None

    def _entry(self) -> None:
        colons = int(self.pending[0])
        fields = self.pending[1:]
        shas = fields[colons + 1 : 2 * colons + 2]
        status = fields[-1][:1]
        old_blob, new_blob = shas[0], shas[-1]
        path = self.paths[-1]
        old_path = self.paths[0] if len(self.paths) == 2 else None
        self.paths = []
        if not any(p.startswith(self.prefixes) for p in (path, old_path) if p is not None):
            return
        self.changes.append(
            Change(
                status if status in "AMDRCT" else "M",
                path,
                old_path,
                None if old_blob == _ZERO else old_blob,
                None if new_blob == _ZERO else new_blob,
            )
        )

    def flush(self) -> Commit | None:
        if self.header is None:
            return None
        fields = self.header + [""] * (9 - len(self.header))
        sha, parents, name, email, adate, cemail, cdate, sig, subject = fields
        commit = Commit(
            seq=self.seq,
            sha=sha,
            parents=tuple(parents.split()),
            author_name=name,
            author_email=email,
            author_date=dt.datetime.fromisoformat(adate),
            committer_email=cemail,
            committer_date=dt.datetime.fromisoformat(cdate),
            signature=sig or "N",
            subject=subject,
            changes=tuple(self.changes),
            boundary=sha in self.shallow,
        )
        self.seq += 1
        self.header = None
        self.changes = []
        return commit


# Blob reads live in their own module; re-exported here for the audit's one import.
from plantrack.io.gitblobs import BlobReader  # noqa: E402

__all__ = [
    "BlobReader",
    "Change",
    "Commit",
    "RepoState",
    "commit_date",
    "iter_log",
    "log_command",
    "repo_state",
    "resolve",
    "top_prefix",
]
