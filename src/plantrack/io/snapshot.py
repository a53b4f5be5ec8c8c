"""The data as it stood on a day, so that a consolidation ``--as-of`` a day before the due
date reads only what existed then, and checks it against the plan and units of that day.

Inside git: the plan, units, indices and reports in the last commit made on or before that
day (the committer's own calendar day), with their committed contents, so that yesterday's
reports are never checked against today's plan. Inspection files are taken as they stand
now: they record dated facts (visits, deadlines, re-inspections) that the inspection rules
already read at the cut-off by their dates. Without git the plan's history is unknown: the
period's reports are those last modified on or before that day, checked against the files
as they are.
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
from plantrack.io.repo import DataFile, list_data_files


def commit_on(root: Path, day: dt.date) -> str | None:
    """The last commit of HEAD's first-parent line made on or before ``day``, or ``None``."""
    out = git.output(root, "log", "--first-parent", "--format=%H %cI", "HEAD")
    for line in (out or "").splitlines():
        sha, _, stamp = line.partition(" ")
        if dt.datetime.fromisoformat(stamp).date() <= day:
            return sha
    return None


@contextmanager
def data_on(
    root: Path, files: list[DataFile], period_id: str, day: dt.date | None
) -> Iterator[tuple[Path, list[DataFile]]]:
    """The root to load from and its data files, as they stood on ``day`` (``None``: as
    they stand now). Committed contents are written to a temporary folder that is removed
    on exit; outside git only ``period_id``'s reports are filtered, by modification day."""
    if day is None:
        yield root, files
    elif git.head_commit(root) is None:
        folder = layout.report_folder(period_id) + "/"
        yield (
            root,
            [
                f
                for f in files
                if not (f.kind == "report" and f.rel.startswith(folder))
                or _modified_on(f.path) <= day
            ],
        )
    else:
        tmp = Path(tempfile.mkdtemp(prefix="plantrack-as-of-"))
        try:
            _write_committed(root, tmp, commit_on(root, day))
            for file in files:
                if file.kind == "inspection":
                    target = tmp / file.rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file.path, target)
            yield tmp, list_data_files(tmp)[0]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _write_committed(root: Path, tmp: Path, commit: str | None) -> None:
    """The YAML files under ``data/`` in ``commit`` but its inspections, written under
    ``tmp`` at their paths."""
    if commit is None:
        return
    listed = git.output(root, "ls-tree", "-r", "-z", "--name-only", commit, f"{layout.DATA}/")
    # ls-tree names paths relative to the current folder, which is the repository root here
    inspections = layout.INSPECTIONS + "/"
    rels = sorted(
        p
        for p in (listed or "").split("\0")
        if p.endswith(".yaml") and not p.startswith(inspections)
    )
    with BlobReader(root) as blobs:
        for rel, data in blobs.read_many(f"{commit}:./{rel}" for rel in rels):
            if data is None:
                continue
            path = tmp / rel.split(":./", 1)[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _modified_on(path: Path) -> dt.date:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).date()
