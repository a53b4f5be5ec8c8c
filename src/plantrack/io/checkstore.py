"""The check cache: what a check learnt of each data file, so a re-check reads only what changed.

One SQLite file per repository, outside it (``$PLANTRACK_CACHE_DIR``, else
``$XDG_CACHE_HOME/plantrack``, else ``~/.cache/plantrack``; ``PLANTRACK_CACHE_DIR=off`` turns
it off). A row per file holds its ``Stamp`` (size, mtime, inode), the SHA-256 of its bytes, its
own findings (reading and structure), the cross-file findings with the digest of the plan,
units and indices they were made under, and the report as validated (its model's JSON): the
cross-file rules run again on it when the plan, units or indices change, and a consolidation
takes it in place of parsing the file again. A file whose stamp is unchanged is not read at
all; when the stamp differs, the content digest decides (a ``touch`` costs a hash, not a
parse). Rows hold JSON text, and bytes a caller made: a report's model compressed, and the
plan, units and indices pickled, which ``validate/base.py`` reads back only through the
restricted unpickler of ``io/picklestore.py`` (a cache file must not be able to run code).
Any problem with the cache is ignored: it can make a check faster, never different.

SQLite gives what a cache shared by concurrent runs needs: a run reads one consistent state, a
write is one transaction (all rows or none), and two writers wait for each other (a writer that
waits too long gives up its write, not the check).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack.io.modelpack import unpack_model
from plantrack.io.repo import Stamp

SCHEMA = 7
BUSY_SECONDS = 5.0
"""How long a run waits for another one's write before it gives its own up (its findings
stand; only the cache misses what it learnt)."""
_RACY_NS = 2_000_000_000
"""A file modified less than this before it was stamped may change again within the same
mtime tick (as git's "racily clean" entries): its stamp alone is never trusted."""


def cache_dir() -> Path | None:
    """Where caches live, or ``None`` when caching is off."""
    chosen = os.environ.get("PLANTRACK_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plantrack"


@dataclass(slots=True)
class Entry:
    """What one check learnt of one file (the JSON columns are text, ``""`` when empty)."""

    rel: str
    stamp: Stamp
    stamped_ns: int
    digest: str
    own: str
    base: str
    cross: str
    dated: str = ""
    """The date the day-dependent rule compares with the day of a check (ISO, or ``""``)."""
    filled: str = ""
    """Warnings on the report's own words (``check_filled``), kept apart from ``cross``: the
    rules re-run on the stored model without them (they read the file's words)."""
    model: bytes = b""
    """The validated report as stored (``io.modelpack.pack_model`` of its model's JSON;
    ``b""`` when it did not validate), packed where it is made (in the worker of a cold
    check, not in the process that writes it): what the cross-file rules re-run on, and what
    a consolidation reads instead of the file."""

    def fresh(self, stamp: Stamp | None) -> bool:
        """Whether ``stamp`` proves the file unchanged since this entry (no read needed)."""
        return (
            stamp is not None
            and stamp == self.stamp
            and self.stamp.mtime_ns < self.stamped_ns - _RACY_NS
        )


class CheckStore:
    """The cache of one repository for one version of the rules (``fingerprint``)."""

    def __init__(self, root: Path, fingerprint: str, rels: Iterable[str] | None = None) -> None:
        """The cache of ``root``; with ``rels``, only the rows of those files are read (a
        check of some files never reads the thousands of rows of the others)."""
        folder = cache_dir()
        key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
        self.path = folder / f"{key}.sqlite" if folder is not None else None
        self.fingerprint = fingerprint
        self._db: sqlite3.Connection | None = None
        self._rows: dict[str, tuple[Any, ...]] = {}
        self._only = None if rels is None else sorted(set(rels))
        self._stale = False
        if self.path is not None:
            try:
                self._open(self.path)
            except sqlite3.DatabaseError:
                # not a database (a broken or foreign file): start a new one in its place
                with contextlib.suppress(sqlite3.Error, OSError):
                    self.path.unlink()
                    self._open(self.path)
            except (sqlite3.Error, OSError):
                pass

    @property
    def enabled(self) -> bool:
        """Whether caching is on."""
        return self.path is not None

    def _open(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=OFF")  # a cache: a lost write costs a parse, no more
            # pages of 16 KiB for a new file: a row of some 2 KB (most of it the model) would
            # take a whole page of the default 4 KiB; 16 KiB pages hold seven, a third less file
            db.execute("PRAGMA page_size=16384")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            columns = tuple(row[1] for row in db.execute("PRAGMA table_info(files)"))
            if columns and columns != _COLUMNS:
                db.execute("DROP TABLE files")  # another version's layout: no row of it fits
            db.execute(f"CREATE TABLE IF NOT EXISTS files ({_TABLE})")
            db.execute("CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, value TEXT)")
            found = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'fp')"))
            if found == {"schema": str(SCHEMA), "fp": self.fingerprint}:
                self._rows = _read_rows(db, self._only)
            else:
                self._stale = True  # another version of the rules: start afresh on save
        except sqlite3.Error:
            db.close()
            raise
        self._db = db

    def get(self, rel: str) -> Entry | None:
        """The stored entry of ``rel`` (its ``model`` still to be fetched), or ``None``."""
        row = self._rows.get(rel)
        if row is None:
            return None
        return Entry(rel, Stamp(*row[1:4]), *row[4:11])

    def models(self, rels: Iterable[str]) -> dict[str, bytes]:
        """The stored models (JSON, UTF-8) of these files, ``b""`` for a file stored without
        one (it did not validate); a file without a row, or whose model does not unpack, is
        left out (its caller reads the file)."""
        wanted = list(rels)
        if self._db is None or not wanted:
            return {}
        out: dict[str, bytes] = {}
        with contextlib.suppress(sqlite3.Error):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT rel, model FROM files WHERE rel IN ({marks})"
                for rel, value in self._db.execute(query, chunk):
                    model = unpack_model(value)
                    if model is not None:
                        out[rel] = model
        return out

    def blobs(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored values by git blob id (content-addressed: they never go stale)."""
        wanted = sorted(set(ids))
        if self._db is None or self._stale or not wanted:
            return {}
        out: dict[str, str] = {}
        with contextlib.suppress(sqlite3.Error):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id, value FROM blobs WHERE id IN ({marks})"
                out.update(self._db.execute(query, chunk).fetchall())
        return out

    def meta(self, key: str) -> str | None:
        """A stored text of this fingerprint (such as the commits that added the reports)."""
        found = self._meta(key)
        return found if isinstance(found, str) else None

    def meta_bytes(self, key: str) -> bytes | None:
        """A stored value of this fingerprint kept as bytes (such as the plan, units and
        indices, pickled)."""
        found = self._meta(key)
        return found if isinstance(found, bytes) else None

    def _meta(self, key: str) -> object:
        if self._db is None or self._stale:
            return None
        with contextlib.suppress(sqlite3.Error):
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return None if row is None else row[0]
        return None

    def save(
        self,
        entries: Iterable[Entry],
        *,
        restamped: Iterable[Entry] = (),
        rerun: Iterable[tuple[str, str, str, str]] = (),
        meta: Mapping[str, str | bytes] | None = None,
        keep: set[str] | None = None,
        blobs: dict[str, str] | None = None,
    ) -> None:
        """Store in one transaction: new ``entries``; the new stamps of files found unchanged
        (``restamped``); the cross-file findings made again under another base (``rerun``:
        path, base digest, findings, date of the dated rule); ``meta``. With ``keep`` (every
        file a full check saw) rows of files gone are dropped; without it the rows of other
        files stay: a check of some files merges into the cache, it never replaces it."""
        write = _Write(
            [_row(e) for e in entries],
            [(*e.stamp, e.stamped_ns, e.rel) for e in restamped],
            [(base, cross, dated, rel) for rel, base, cross, dated in rerun],
            meta or {},
            [] if keep is None else [(rel,) for rel in self._stored_rels() if rel not in keep],
            list((blobs or {}).items()),
        )
        if self._db is None or not (write or self._stale):
            return
        try:
            self._write(self._db, write)
        except sqlite3.Error:
            return  # busy for too long, read-only, full disk: the check stands without it

    def _stored_rels(self) -> list[str]:
        """Every file with a row, even when only some rows were read."""
        if self._only is None or self._db is None:
            return list(self._rows)
        with contextlib.suppress(sqlite3.Error):
            return [rel for (rel,) in self._db.execute("SELECT rel FROM files")]
        return list(self._rows)

    def _write(self, db: sqlite3.Connection, write: _Write) -> None:
        meta = write.meta
        db.execute("BEGIN IMMEDIATE")
        try:
            if self._stale:
                db.execute("DELETE FROM files")
                db.execute("DELETE FROM meta")
                db.execute("DELETE FROM blobs")
                meta = {**meta, "schema": str(SCHEMA), "fp": self.fingerprint}
            db.executemany("DELETE FROM files WHERE rel = ?", write.gone)
            db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", write.rows
            )
            db.executemany(
                "UPDATE files SET size = ?, mtime = ?, inode = ?, stamped = ? WHERE rel = ?",
                write.restamped,
            )
            db.executemany(
                "UPDATE files SET base = ?, cross_ = ?, dated = ? WHERE rel = ?", write.rerun
            )
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)", write.blobs)
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        self._stale = False

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


@dataclass(slots=True)
class _Write:
    rows: list[tuple[object, ...]]
    restamped: list[tuple[object, ...]]
    rerun: list[tuple[str, str, str, str]]
    meta: Mapping[str, str | bytes]
    gone: list[tuple[str]]
    blobs: list[tuple[str, str]]

    def __bool__(self) -> bool:
        return bool(
            self.rows or self.restamped or self.rerun or self.meta or self.gone or self.blobs
        )


_LAYOUT = (
    ("rel", "TEXT PRIMARY KEY"), ("size", "INT"), ("mtime", "INT"), ("inode", "INT"),
    ("stamped", "INT"), ("digest", "TEXT"), ("own", "TEXT"), ("base", "TEXT"),
    ("cross_", "TEXT"), ("dated", "TEXT"), ("filled", "TEXT"), ("model", "BLOB"),
)  # fmt: skip
"""The columns of a file's row, in the order ``_row`` gives them."""
_COLUMNS = tuple(name for name, _ in _LAYOUT)
_TABLE = ", ".join(f"{name} {kind}" for name, kind in _LAYOUT)
_READ = ", ".join(name for name in _COLUMNS if name != "model")
"""The columns of a row as ``get`` reads it: not the model (read only where it is used)."""


def _read_rows(db: sqlite3.Connection, only: list[str] | None) -> dict[str, tuple[Any, ...]]:
    """The rows by file: every row, or those of the files ``only``. They stay tuples until
    asked for: most of a warm check of a whole repository is this loop."""
    if only is None:
        return {row[0]: row for row in db.execute(f"SELECT {_READ} FROM files")}
    rows: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(only), 500):
        chunk = only[start : start + 500]
        query = f"SELECT {_READ} FROM files WHERE rel IN ({','.join('?' * len(chunk))})"
        rows.update((row[0], row) for row in db.execute(query, chunk))
    return rows


def _row(e: Entry) -> tuple[object, ...]:
    return (
        e.rel, *e.stamp, e.stamped_ns, e.digest, e.own, e.base, e.cross, e.dated, e.filled,
        e.model,
    )  # fmt: skip


def now_ns() -> int:
    """The clock entries are stamped with (taken before the file is read)."""
    return time.time_ns()
