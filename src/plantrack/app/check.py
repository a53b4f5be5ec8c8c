"""``check``: located findings for the whole repository, or for some files plus the rules
across files they touch."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from plantrack.errors import PlantrackError
from plantrack.io.repo import relative
from plantrack.validate.check import CheckResult, Progress, check_repository

__all__ = ["CheckResult", "check"]


def _selected(repo: Path, paths: Iterable[Path]) -> list[str] | None:
    """The repo-relative files named by ``paths`` (folders expand); ``None`` for all."""
    given = list(paths)
    if not given:
        return None
    selected: list[str] = []
    for path in given:
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not os.path.lexists(absolute):  # a typo must not read as "no errors"
            raise PlantrackError(code="PT966", path=path)
        if absolute.is_dir():
            selected += [relative(repo, p) for p in sorted(absolute.rglob("*")) if p.is_file()]
        else:
            selected.append(relative(repo, absolute))
    return selected


def check(
    repo: Path,
    paths: Iterable[Path] = (),
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the repository at ``repo``; with ``paths``, only those files (folders expand)
    plus the cross-file rules they touch."""
    only = _selected(repo, paths)
    return check_repository(repo, today=today or dt.date.today(), only=only, progress=progress)
