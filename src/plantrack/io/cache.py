"""A cache of parsed report files, so a re-check after one edit parses only that file.

Entries are keyed by each file's SHA-256, so an edited file is always parsed again. The cache
lives outside the repository (``$PLANTRACK_CACHE_DIR``, else ``$XDG_CACHE_HOME/plantrack``,
else ``~/.cache/plantrack``; ``PLANTRACK_CACHE_DIR=off`` turns it off) and is plain JSON,
never pickle: a cache file must not be able to run code. Any problem with it is ignored —
the cache can make a check faster, never different.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from plantrack.io.atomic import write_atomic


def cache_dir() -> Path | None:
    """Where caches live, or ``None`` when caching is off."""
    chosen = os.environ.get("PLANTRACK_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plantrack"


class ParseCache:
    """Parsed payloads of one repository's files, by repo-relative path and content digest."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        folder = cache_dir()
        key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
        self.path = folder / f"{key}.json" if folder is not None else None
        self.fingerprint = fingerprint
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}
        self._dirty = False

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    @property
    def enabled(self) -> bool:
        """Whether caching is on (``PLANTRACK_CACHE_DIR=off`` turns it off)."""
        return self.path is not None

    def get(self, rel: str, digest: str) -> Any:
        """The payload stored for ``rel`` with this exact content, or ``None``."""
        entry = self._old.get(rel)
        if isinstance(entry, dict) and entry.get("digest") == digest:
            self._new[rel] = entry
            return entry.get("payload")
        return None

    def put(self, rel: str, digest: str, payload: Any) -> None:
        """Remember ``payload`` for ``rel`` at this content."""
        self._new[rel] = {"digest": digest, "payload": payload}
        self._dirty = True

    def save(self) -> None:
        """Write the entries used or added in this run (dropping files no longer seen)."""
        if self.path is None or not (self._dirty or set(self._old) != set(self._new)):
            return
        payload = {"fingerprint": self.fingerprint, "entries": self._new}
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
