"""The data repository's layout: where it is, and which file is a plan, unit, index or report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.errors import RepoNotFoundError
from plantrack.layout import FileKind, classify

__all__ = [
    "PLAN_PATH",
    "DataFile",
    "FileKind",
    "classify",
    "data_file",
    "escapes_repo",
    "find_repo",
    "list_data_files",
    "relative",
]

PLAN_PATH = layout.PLAN


@dataclass(frozen=True, slots=True)
class DataFile:
    """A data file of the repository: its kind, absolute path and repo-relative POSIX path."""

    kind: FileKind
    path: Path
    rel: str

    @property
    def stem(self) -> str:
        """The file name without ``.yaml``: a unit or index id, or a report's unit id."""
        return self.path.name.removesuffix(".yaml")

    @property
    def folder(self) -> str:
        """The parent folder's name: a report's period."""
        return self.path.parent.name


def find_repo(start: Path | None = None, explicit: str | Path | None = None) -> Path:
    """The repository root: ``explicit`` (or ``$PLANTRACK_REPO``), else the first folder
    upwards from ``start`` holding ``data/plan.yaml``."""
    chosen = explicit or os.environ.get("PLANTRACK_REPO")
    if chosen:
        root = Path(chosen).resolve()
        if not (root / PLAN_PATH).is_file():
            raise RepoNotFoundError(code="PT902", root=root, plan=PLAN_PATH)
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLAN_PATH).is_file():
            return folder
    raise RepoNotFoundError(code="PT901", plan=PLAN_PATH, start=here)


def relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (as findings print it)."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def escapes_repo(root: Path, path: Path) -> str | None:
    """Where ``path`` really points when a link takes it outside ``root``; else ``None``."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        # hardening: a link loop goes nowhere, not outside; reading it reports PT001
        return None
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return str(target)
    return None


def list_data_files(root: Path) -> tuple[list[DataFile], list[str]]:
    """Every data file by kind (sorted), and the repo-relative paths under ``data/`` that fit
    no slot of the layout (misplaced or misnamed files)."""
    files: list[DataFile] = []
    strays: list[str] = []
    data = root / layout.DATA
    for folder, dirs, names in os.walk(data):
        dirs.sort()
        if Path(folder) == data:  # records are read by their own commands, not checked here
            dirs[:] = [d for d in dirs if f"{layout.DATA}/{d}" != layout.CONSOLIDATIONS]
        for name in sorted(names):
            if name.startswith(".") or name.endswith(("~", ".md")):
                continue
            path = Path(folder) / name
            rel = relative(root, path)
            kind = classify(rel)
            if kind is None:
                strays.append(rel)
            else:
                files.append(DataFile(kind, path, rel))
    return files, strays


def data_file(root: Path, path: Path) -> DataFile | None:
    """The ``DataFile`` for a path given on the command line, or ``None`` if none fits."""
    rel = relative(root, path if path.is_absolute() else Path.cwd() / path)
    kind = classify(rel)
    return DataFile(kind, root / rel, rel) if kind else None
