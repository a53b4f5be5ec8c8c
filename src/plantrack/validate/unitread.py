"""The unit files of a large repository read on worker processes (a national plan's
thousands): each read once, hashed, parsed and validated where it is read.

A worker sends back, for each file, when its reading started, its digest, its bytes and its
findings, and the models of its chunk pickled once, in the order of the files: the checking
process reads them back and keeps the same bytes for the check cache (``base.py``), so the
models are not pickled a second time there.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from plantrack.io import readlog
from plantrack.io.checkstore import now_ns
from plantrack.io.limits import Limits
from plantrack.io.picklestore import dumps, loads
from plantrack.io.repo import DataFile
from plantrack.io.yamlload import read_bounded
from plantrack.models import Unit
from plantrack.validate.finding import Finding
from plantrack.validate.loading import model_of_bytes
from plantrack.validate.parallel import MOST_PER_CHUNK, chunked, forked_map, workers_for

MODELS = ("plantrack.models", "datetime")
"""What pickled models may build: the model classes (their enums and dates within)."""


class UnitRead(NamedTuple):
    """A unit file read, hashed and loaded on a worker: when its reading started, the digest
    of its bytes, the bytes, the model (``None`` if it does not validate) and the findings
    of its reading and structure."""

    stamped: int
    digest: str
    raw: bytes
    unit: Unit | None
    findings: list[Finding]


class _Sent(NamedTuple):
    stamped: int
    digest: str
    raw: bytes
    findings: list[Finding]


@dataclass
class UnitsRead:
    """The unit files read on workers, by path, and their models as the workers pickled them
    (lists in the order of the files, ``None`` for a file that does not validate)."""

    by_rel: dict[str, UnitRead] = field(default_factory=dict)
    pickled: list[bytes] = field(default_factory=list)

    def covers(self, files: list[DataFile]) -> bool:
        """Whether every unit file among ``files`` was read here (then ``pickled`` holds every
        unit model, in the order of the files)."""
        return bool(self.by_rel) and all(f.rel in self.by_rel for f in files if f.kind == "unit")


def read_units(files: list[DataFile], limits: Limits, jobs: int | None) -> UnitsRead:
    """The unit files among ``files`` read, hashed and loaded on ``jobs`` processes when they
    are many (else none: they are read as they are loaded). Only files the listing saw as
    plain files are read there (the others are looked at more closely when loaded); a file
    that does not read is read again where its findings are made."""
    todo = [f for f in files if f.kind == "unit" and f.stamp is not None]
    workers = workers_for(len(todo), jobs)
    out = UnitsRead()
    if workers <= 1:
        return out
    work = functools.partial(_read_chunk, limits=limits)
    chunks = chunked(todo, workers, MOST_PER_CHUNK)
    for chunk, (sent, pickled) in zip(
        chunks, forked_map(work, chunks, workers, _nothing, ()), strict=True
    ):
        units = loads(pickled, MODELS)
        out.pickled.append(pickled)
        for file, got, unit in zip(chunk, sent, units, strict=True):
            if got is not None:
                stamped, digest, raw, found = got
                out.by_rel[file.rel] = UnitRead(stamped, digest, raw, unit, found)
                readlog.note_digest(file.path, digest)  # read there: not noted here
    return out


def _read_chunk(files: Sequence[DataFile], limits: Limits) -> tuple[list[_Sent | None], bytes]:
    sent: list[_Sent | None] = []
    units: list[Unit | None] = []
    for file in files:
        stamped = now_ns()  # before reading: an edit during the read leaves the stamp stale
        raw, _ = read_bounded(file.path, limits)
        if raw is None:
            sent.append(None)
            units.append(None)
            continue
        unit, _, found = model_of_bytes(file.rel, raw, Unit, limits)
        sent.append(_Sent(stamped, hashlib.sha256(raw).hexdigest(), raw, found))
        units.append(unit)
    return sent, dumps(units)


def _nothing() -> None:
    """Nothing to set up in a worker reading unit files."""
