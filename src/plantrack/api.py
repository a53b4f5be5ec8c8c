"""The library surface the CLI calls and Python users import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from plantrack.io.atomic import write_atomic
from plantrack.io.repo import find_repo, relative
from plantrack.models.jsonschema import json_schemas
from plantrack.validate.check import CheckResult, Progress, check_repository

__all__ = ["CheckResult", "check", "find_repo", "write_schemas"]


def check(repo: Path, paths: Iterable[Path] = (), *, today: dt.date | None = None,
          progress: Progress | None = None) -> CheckResult:
    """Check the repository at ``repo``; with ``paths``, only those files (folders expand)
    plus the cross-file rules they touch."""
    selected: list[str] | None = None
    given = list(paths)
    if given:
        selected = []
        for path in given:
            absolute = path if path.is_absolute() else Path.cwd() / path
            if absolute.is_dir():
                selected += [relative(repo, p) for p in sorted(absolute.rglob("*")) if p.is_file()]
            else:
                selected.append(relative(repo, absolute))
    return check_repository(repo, today=today or dt.date.today(), only=selected, progress=progress)


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the JSON Schemas of every file kind into ``out_dir``; return the paths written."""
    written = []
    for name, schema in json_schemas().items():
        target = out_dir / name
        write_atomic(target, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        written.append(target)
    return written
