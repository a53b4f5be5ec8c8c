"""The check cache opened for a consolidation: reports a check has seen are not parsed again
(see ``validate/period.py`` for the rule)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

from plantrack.io import readlog
from plantrack.io.checkstore import CheckStore
from plantrack.io.limits import Limits, configured_limits
from plantrack.io.repo import DataFile
from plantrack.validate.base import base_digest
from plantrack.validate.check import cache_fingerprint
from plantrack.validate.period import Cached


@contextlib.contextmanager
def check_cache(
    root: Path, files: list[DataFile], limits: Limits | None = None
) -> Iterator[Cached | None]:
    """The check cache of ``root`` for this run (``None`` when caching is off), with the
    digest of its plan, units and indices as this run read them (from the run's ledger)."""
    store = CheckStore(root, cache_fingerprint(limits or configured_limits()))
    try:
        if not store.enabled:
            yield None
            return
        yield Cached(store, _base(files) or "")
    finally:
        store.close()


def _base(files: list[DataFile]) -> str | None:
    """The digest of the base files as read in this run (hashed now if not read yet)."""
    ledger = readlog.current()
    digests: dict[str, str] = {}
    for file in files:
        if file.kind == "report":
            continue
        known = ledger.digest(file.path) if ledger is not None else None
        if known is None:
            try:
                known = hashlib.sha256(file.path.read_bytes()).hexdigest()
            except OSError:
                return None
        digests[file.rel] = known
    return base_digest(files, digests)
