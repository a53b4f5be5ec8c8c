"""A period's report files as they stood on a day, so that a consolidation ``--as-of`` a day
before the due date reads only what existed then.

Inside git: the files of the last commit made on or before that day (the committer's own
calendar day), their committed contents. Without git: the files last modified on or before
that day.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plantrack import layout
from plantrack.io import git
from plantrack.io.gitblobs import BlobReader
from plantrack.io.repo import DataFile


def commit_on(root: Path, day: dt.date) -> str | None:
    """The last commit of HEAD's first-parent line made on or before ``day``, or ``None``."""
    out = git.output(root, "log", "--first-parent", "--format=%H %cI", "HEAD")
    for line in (out or "").splitlines():
        sha, _, stamp = line.partition(" ")
        if dt.datetime.fromisoformat(stamp).date() <= day:
            return sha
    return None


@contextmanager
def reports_on(
    root: Path, files: list[DataFile], period_id: str, day: dt.date | None
) -> Iterator[tuple[Path, list[DataFile]]]:
    """The root to load ``period_id``'s reports from and those report files, as they stood on
    ``day`` (``None``: as they stand now). Committed contents are written to a temporary
    folder that is removed on exit."""
    folder = layout.report_folder(period_id)
    now = [f for f in files if f.kind == "report" and f.rel.startswith(folder + "/")]
    if day is None:
        yield root, now
    elif git.head_commit(root) is None:
        yield root, [f for f in now if _modified_on(f.path) <= day]
    else:
        tmp = Path(tempfile.mkdtemp(prefix="plantrack-as-of-"))
        try:
            yield tmp, _committed_files(root, tmp, folder, commit_on(root, day))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _committed_files(root: Path, tmp: Path, folder: str, commit: str | None) -> list[DataFile]:
    """The YAML files of ``folder`` in ``commit``, written under ``tmp`` at their paths."""
    if commit is None:
        return []
    listed = git.output(root, "ls-tree", "-z", "--name-only", commit, f"{folder}/") or ""
    # ls-tree names paths relative to the current folder, which is the repository root here
    rels = sorted(p for p in listed.split("\0") if p.endswith(".yaml"))
    out = []
    with BlobReader(root) as blobs:
        for rel, data in blobs.read_many(f"{commit}:./{rel}" for rel in rels):
            if data is None:
                continue
            path = tmp / rel.split(":./", 1)[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            out.append(DataFile("report", path, path.relative_to(tmp).as_posix()))
    return out


def _modified_on(path: Path) -> dt.date:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).date()
