"""A child repository written for another form of the data files than this plantrack's
(``schema_version``): an older one is read through the migration steps of ``migrate``,
computed in memory and laid over a copy of the pinned commit's files in the cache (never the
mirror, never the child's repository; no copy when no step edits a file between the two
forms); one this plantrack cannot migrate (a newer form, or no readable version) is named
(PT710), never read as if it were current."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.app.migrate import data_changes, edits_between
from plantrack.errors import PlantrackError
from plantrack.models.plan import SCHEMA_VERSION
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.schema_version import declared_version


@dataclass(frozen=True)
class Readable:
    """The folder to read a child's data from (``None``: it cannot be read), and the form
    its plan declares (``None``: no whole number)."""

    folder: Path | None
    version: int | None


def readable(folder: Path) -> Readable:
    """The child's data at ``folder`` (a pinned commit's files) as this plantrack reads them:
    the folder itself when written for the current form; for an older form a migrated copy
    beside it (``<commit>-v<current>``, made once); ``None`` when it cannot be migrated."""
    try:
        text = (folder / layout.PLAN).read_text("utf-8")
    except (OSError, UnicodeError):
        return Readable(folder, None)  # reading the plan says why, with its own finding
    found, _ = declared_version(text)
    if found == SCHEMA_VERSION:
        return Readable(folder, found)
    if found is None or found < 1 or found > SCHEMA_VERSION:
        return Readable(None, found)
    if not edits_between(found):
        return Readable(folder, found)  # only the version stamp would change: read as is
    target = folder.with_name(f"{folder.name}-v{SCHEMA_VERSION}")
    if target.is_dir():
        return Readable(target, found)
    try:
        changes = data_changes(folder)
    except PlantrackError:
        return Readable(None, found)
    staging = Path(tempfile.mkdtemp(prefix=".migrated-", dir=folder.parent))
    try:
        copy = staging / "tree"
        shutil.copytree(folder, copy, symlinks=True)
        for change in changes:
            (copy / change.rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / change.rel).write_text(change.after, "utf-8")
        with contextlib.suppress(OSError):  # another run got there first: keep its copy
            os.rename(copy, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Readable(target if target.is_dir() else None, found)


def unreadable(where: Located, unit: str, commit: str, form: Readable) -> Finding:
    """PT710 for the child ``unit`` whose data at ``commit`` this plantrack cannot read
    (``form.folder`` is ``None``), placed at ``where`` (the parent's file of the unit)."""
    version = str(form.version) if form.version is not None else "?"
    return where.at(
        "PT710",
        ("repository",),
        unit=unit,
        commit=commit[:12],
        version=version,
        current=SCHEMA_VERSION,
    )
