"""Publish a folder of outputs: build it beside the target, then swap it in.

plantrack deletes only files it wrote itself: the marker file ``.plantrack-output`` lists
them with each file's SHA-256, and a file is removed only while it still has that content.

- An absent or empty target, or one holding exactly what plantrack last wrote there, is
  replaced as a whole: the new folder is built beside it and swapped in (:mod:`swap`), so
  the path always holds one run's complete folder; the previous folder's files are then
  removed one by one, by the marker.
- A target holding anything else (a user's file, an edited output, a subfolder) needs
  ``force``; the outputs are then written into it file by file, and nothing else in it is
  touched: only files of the previous run that are still unchanged and not written again go.
- Some targets are refused even with ``force``: the repository root or a folder above it, a
  folder inside ``data/`` or ``.git``, a folder holding ``.git``, a file, and a path inside
  the repository that a symbolic link takes elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from plantrack import layout
from plantrack.io import swap
from plantrack.io.atomic import write_atomic

MARKER = ".plantrack-output"
_MARKER_HEAD = "plantrack"
# concurrent runs on one folder: how many times a run retries when another's output lands first
_ATTEMPTS = 20


class OutputExistsError(Exception):
    """The target folder holds files plantrack did not write (or the user edited)."""


class OutputRefusedError(Exception):
    """The target may not be an output folder, with or without ``force``.

    ``reason`` is one of ``repo`` (the repository or above it), ``data`` (inside ``data/``),
    ``git`` (inside ``.git`` or holding one), ``file`` (a file is in the way) and ``link`` (a
    symbolic link takes a path inside the repository outside it).
    """

    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(str(target))
        self.target = target
        self.reason = reason


def check_target(target: Path, *, repo: Path | None = None) -> Path:
    """The real path of the output folder ``target``, or :class:`OutputRefusedError`."""
    lexical = Path(os.path.abspath(target))
    real = lexical.resolve()
    if repo is not None:
        root = repo.resolve()
        if real == root or root.is_relative_to(real):
            raise OutputRefusedError(lexical, "repo")
        if real.is_relative_to(root / layout.DATA):
            raise OutputRefusedError(lexical, "data")
        if real.is_relative_to(root / ".git"):
            raise OutputRefusedError(lexical, "git")
        if lexical.is_relative_to(root) and not real.is_relative_to(root):
            raise OutputRefusedError(lexical, "link")
    if os.path.lexists(real / ".git"):
        raise OutputRefusedError(lexical, "git")
    if real.exists() and not real.is_dir():
        raise OutputRefusedError(lexical, "file")
    return real


def publish(
    target: Path, files: dict[str, bytes], *, force: bool = False, repo: Path | None = None
) -> list[Path]:
    """Write ``files`` (name → bytes) as plantrack's outputs in ``target``; return their paths.

    ``repo`` is the data repository, whose root, ``data/`` and ``.git`` are refused.
    """
    real = check_target(target, repo=repo)
    swap.recover(real)
    _sweep(real)
    for _ in range(_ATTEMPTS):
        previous = _ours(real)
        if previous is None:
            if not force:
                raise OutputExistsError(str(Path(os.path.abspath(target))))
            _write_into(real, files, _read_marker(real))
            break
        if _replace_whole(real, files):
            break
    else:
        raise OSError(errno.EBUSY, "other runs kept replacing it; try again", str(real))
    return [Path(os.path.abspath(target)) / name for name in files]


def _marker(files: dict[str, bytes]) -> str:
    """``plantrack`` then one ``<sha256>  <name>`` line per file written."""
    lines = [f"{hashlib.sha256(payload).hexdigest()}  {name}" for name, payload in files.items()]
    return "\n".join([_MARKER_HEAD, *lines]) + "\n"


def _plain_name(name: str) -> bool:
    """A marker line may only name a file directly in its folder."""
    return bool(name) and name not in (".", "..", MARKER) and not any(c in name for c in "/\\\0")


def _read_marker(folder: Path, dir_fd: int | None = None) -> dict[str, str]:
    """Name → SHA-256 of the files the marker in ``folder`` (or in the open folder
    ``dir_fd``) says plantrack wrote."""
    try:
        if dir_fd is None:
            raw = (folder / MARKER).read_bytes()
        else:
            with _open_at(MARKER, dir_fd) as handle:
                raw = handle.read()
    except OSError:
        return {}
    lines = raw.decode("utf-8", errors="replace").splitlines()
    if not lines or lines[0] != _MARKER_HEAD:
        return {}
    written = {}
    for line in lines[1:]:
        digest, _, name = line.partition("  ")
        if _plain_name(name) and len(digest) == 64:
            written[name] = digest
    return written


def _unchanged(path: Path, digest: str) -> bool:
    """``path`` is a regular file (not a link) still holding the content with ``digest``."""
    if path.is_symlink() or not path.is_file():
        return False
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest() == digest


def _ours(target: Path) -> dict[str, str] | None:
    """What plantrack wrote in ``target`` when that is all it holds, unchanged (an absent or
    empty folder: nothing); ``None`` when it holds anything else.

    The folder is opened once and read through that handle: another run may swap a new
    folder in at ``target`` meanwhile, and reading the listing of one folder and the marker
    of the other would take plantrack's own files for a user's."""
    try:
        dir_fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return {}
    try:
        entries = set(os.listdir(dir_fd))
        if not entries:
            return {}
        if MARKER not in entries:
            return None
        written = _read_marker(target, dir_fd)
        for name in entries - {MARKER}:
            if name not in written or not _unchanged_at(dir_fd, name, written[name]):
                return None  # a user's file, or one of ours the user edited
        return written
    finally:
        os.close(dir_fd)


def _open_at(name: str, dir_fd: int) -> BinaryIO:
    """The regular file ``name`` of the open folder ``dir_fd``, never through a link."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), dir_fd=dir_fd)
    return os.fdopen(fd, "rb")


def _unchanged_at(dir_fd: int, name: str, digest: str) -> bool:
    """``name`` in the open folder ``dir_fd`` is a regular file still holding ``digest``."""
    try:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            return False
        sha = hashlib.sha256()
        with _open_at(name, dir_fd) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
    except OSError:
        return False
    return sha.hexdigest() == digest


def _replace_whole(target: Path, files: dict[str, bytes]) -> bool:
    """Build the new folder beside ``target`` and swap it in; ``False`` when another run's
    folder landed at ``target`` first (the caller checks it again and retries)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tag = swap.run_tag()
    staging = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.{tag}.", suffix=".new", dir=target.parent)
    )
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; outputs are for sharing
    previous: Path | None = None
    try:
        # the marker first: a folder left by a killed run proves which files are plantrack's
        (staging / MARKER).write_text(_marker(files), encoding="utf-8")
        for name, payload in files.items():
            (staging / name).write_bytes(payload)
        try:
            previous = swap.swap_in(staging, target, tag)
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and target.exists():
                return False  # another run published first
            raise
    finally:
        if previous != staging and staging.exists():
            _discard(staging, [MARKER, *files])
    if previous is not None:
        _discard(
            previous, list(_read_marker(previous)), digests=_read_marker(previous), home=target
        )
    return True


def _discard(
    folder: Path,
    names: list[str],
    *,
    digests: dict[str, str] | None = None,
    home: Path | None = None,
) -> None:
    """Remove ``names`` from ``folder`` (with ``digests``: only files still holding that
    content), then the marker and the folder itself if nothing else is left.

    A file someone put into the previous folder while it was being replaced is moved into
    ``home`` rather than lost; failing that the folder stays, under its hidden name.
    """
    for name in names:
        path = folder / name
        if digests is not None and not _unchanged(path, digests.get(name, "")):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
    with contextlib.suppress(OSError):
        (folder / MARKER).unlink()
    with contextlib.suppress(OSError):
        for left in folder.iterdir():
            if home is not None and not os.path.lexists(home / left.name):
                os.rename(left, home / left.name)
        folder.rmdir()


def _sweep(target: Path) -> None:
    """Clear the hidden folders that killed runs left beside ``target``, by their markers."""
    if not target.parent.is_dir():
        return
    for left in target.parent.iterdir():
        if left.is_dir() and not left.is_symlink() and swap.abandoned(left.name, target):
            written = _read_marker(left)
            _discard(left, list(written), digests=written)


def _write_into(target: Path, files: dict[str, bytes], previous: dict[str, str]) -> None:
    """``force`` into a folder holding other files: write ours one by one, atomically, and
    remove only the previous run's files that are unchanged and not written again."""
    for name, payload in files.items():
        write_atomic(target / name, payload)
    for name, digest in previous.items():
        if name not in files and _unchanged(target / name, digest):
            with contextlib.suppress(OSError):
                (target / name).unlink()
    write_atomic(target / MARKER, _marker(files))


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
