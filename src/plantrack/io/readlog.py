"""What a run read: the SHA-256 of each file's bytes as they were read.

An output's provenance must name the content that was used, not a later read of the same
file: a report rewritten while ``consolidate`` runs would otherwise get the digest of text
that never reached the output. ``recorded`` turns the ledger on for one call; every read
through ``io.yamlload.read_bounded`` notes its digest; a file read twice with different
bytes is marked changed, so the caller can refuse rather than describe a mixture.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Ledger:
    """Digests of the files read, by absolute path, and the paths read with two contents."""

    digests: dict[str, str] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    def note(self, path: Path, raw: bytes) -> str:
        """Record the digest of ``raw`` read from ``path``; the digest."""
        return self.note_digest(path, hashlib.sha256(raw).hexdigest())

    def note_digest(self, path: Path, digest: str) -> str:
        """Record ``digest``, the SHA-256 of bytes read from ``path`` (by a worker process);
        the digest first recorded."""
        key = _key(path)
        first = self.digests.setdefault(key, digest)
        if first != digest:
            self.changed.add(key)
        return first

    def digest(self, path: Path) -> str | None:
        """The digest of ``path`` as first read in this run, or ``None`` if it was not read."""
        return self.digests.get(_key(path))

    def was_changed(self, path: Path) -> bool:
        """Whether ``path`` was read twice in this run with different bytes."""
        return _key(path) in self.changed


_CURRENT: ContextVar[Ledger | None] = ContextVar("plantrack_read_ledger", default=None)


def _key(path: Path) -> str:
    return str(path.absolute())


def note(path: Path, raw: bytes) -> None:
    """Record a read in the current ledger (nothing when no ledger is on)."""
    ledger = _CURRENT.get()
    if ledger is not None:
        ledger.note(path, raw)


def note_digest(path: Path, digest: str) -> None:
    """Record in the current ledger the digest of a read made elsewhere (a worker process)."""
    ledger = _CURRENT.get()
    if ledger is not None:
        ledger.note_digest(path, digest)


def current() -> Ledger | None:
    """The ledger of the call in progress, if one is recording."""
    return _CURRENT.get()


def recorded(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with a fresh ledger (kept when one is already recording)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if _CURRENT.get() is not None:
            return func(*args, **kwargs)
        token = _CURRENT.set(Ledger())
        try:
            return func(*args, **kwargs)
        finally:
            _CURRENT.reset(token)

    return wrapper
