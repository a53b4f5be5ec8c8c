"""The data repository's layout: where it is, and which file is a plan, unit, index or report."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

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


class Stamp(NamedTuple):
    """What the file system says of a file without reading it: a changed file changes one of
    these (the check cache trusts them, and hashes the content only when they disagree)."""

    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True, slots=True)
class DataFile:
    """A data file of the repository: its kind, absolute path and repo-relative POSIX path.

    ``stamp`` is set when the listing saw a regular file reached through no link (so it
    cannot point outside the repository); ``None`` means "not known: look again". It is not
    part of the file's identity (two listings of one file are equal).
    """

    kind: FileKind
    path: Path
    rel: str
    stamp: Stamp | None = field(default=None, compare=False)

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


def file_escapes(root: Path, file: DataFile) -> str | None:
    """``escapes_repo`` for a listed file: one the listing saw as a plain file needs no look."""
    return None if file.stamp is not None else escapes_repo(root, file.path)


def list_data_files(root: Path, *, reports: bool = True) -> tuple[list[DataFile], list[str]]:
    """Every data file by kind (sorted), and the repo-relative paths under ``data/`` that fit
    no slot of the layout (misplaced or misnamed files); without ``reports``, nothing under
    ``data/reports`` (a check of one report needs only the plan, units and indices listed).

    Folders are walked as ``os.walk`` does (links to folders are not followed: they are
    listed among the strays, with a final ``/``); each plain file gets its ``Stamp`` from
    the same directory scan, so no file is opened here.
    """
    files: list[DataFile] = []
    strays: list[str] = []
    data = root / layout.DATA
    if not data.is_dir():
        return files, strays
    prefix = relative(root, data)
    # a linked data folder may lead anywhere: its files get no stamp and are looked at again
    # records are read by their own commands, not checked here
    skip: tuple[str, ...] = (_below_data(layout.CONSOLIDATIONS), _below_data(layout.EMULATION))
    if not reports:
        skip += (_below_data(layout.REPORTS),)
    _walk(data, prefix, not data.is_symlink(), files, strays, skip)
    return files, strays


def _walk(
    folder: Path,
    rel: str,
    plain: bool,
    files: list[DataFile],
    strays: list[str],
    skip: tuple[str, ...] = (),
) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            subfolders.append(entry)
            continue
        name = entry.name
        if name.startswith(".") or name.endswith(("~", ".md")):
            continue
        path = _child(folder, name)
        child = f"{rel}/{name}"
        kind = classify(child)
        if kind is None:
            strays.append(child)
        else:
            files.append(DataFile(kind, path, child, _stamp(entry) if plain else None))
    for entry in subfolders:
        if entry.name in skip:
            continue  # only at the top (the records' folder, or the reports')
        if entry.is_symlink():
            # hardening: never followed, never silent: a linked folder is a finding (check)
            strays.append(f"{rel}/{entry.name}/")
        else:
            _walk(folder / entry.name, f"{rel}/{entry.name}", plain, files, strays, ())


def _below_data(folder: str) -> str:
    """The name under the data folder of a layout folder (``data/reports`` → ``reports``)."""
    return folder.removeprefix(f"{layout.DATA}/")


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` without parsing ``name`` again (a third of a warm check's time)."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _stamp(entry: os.DirEntry[str]) -> Stamp | None:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None  # a link, a pipe, a device: read (and refused) the careful way
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ino)


def list_reports(root: Path, rels: Iterable[str]) -> tuple[list[DataFile], list[str]]:
    """What ``list_data_files`` would list of these repo-relative paths under
    ``data/reports``, without walking the folder: the data files (sorted) and the strays."""
    files: list[DataFile] = []
    strays: list[str] = []
    data = root / layout.DATA
    plain_data = not data.is_symlink()
    top = layout.REPORTS.split("/")
    for rel in sorted(set(rels)):
        parts = rel.split("/")
        if parts[: len(top)] != top or len(parts) <= len(top):
            continue
        if any(part in ("", ".", "..") for part in parts):
            continue
        name = parts[-1]
        if name.startswith(".") or name.endswith(("~", ".md")):
            continue
        path = root.joinpath(*parts)
        # the walk does not enter linked folders: what lies behind one is not listed
        if any(root.joinpath(*parts[:depth]).is_symlink() for depth in range(2, len(parts))):
            continue
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) or (stat.S_ISLNK(info.st_mode) and path.is_dir()):
            continue
        kind = classify(rel)
        if kind is None:
            strays.append(rel)
            continue
        regular = stat.S_ISREG(info.st_mode) and plain_data
        stamp = Stamp(info.st_size, info.st_mtime_ns, info.st_ino) if regular else None
        files.append(DataFile(kind, path, rel, stamp))
    return files, strays


def data_file(root: Path, path: Path) -> DataFile | None:
    """The ``DataFile`` for a path given on the command line, or ``None`` if none fits."""
    rel = relative(root, path if path.is_absolute() else Path.cwd() / path)
    kind = classify(rel)
    return DataFile(kind, root / rel, rel) if kind else None
