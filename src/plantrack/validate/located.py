"""A loaded file with its repo-relative path: makes findings located at a key path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.yamlload import PathKey, YamlDoc, load_yaml_bytes, read_bounded
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding, format_key


@dataclass(frozen=True, slots=True)
class Located:
    """A file's repo-relative path and its node graph, for placing findings.

    A file taken from the check cache carries its bytes, or the path to read them from,
    instead: it is read and parsed again only if a finding has to be placed in it.
    """

    rel: str
    doc: YamlDoc | None
    raw: bytes | None = None
    source: Path | None = None
    limits: Limits = DEFAULT_LIMITS
    """The bounds the file is read and parsed again under."""

    def at(
        self, code: str, key_path: tuple[PathKey, ...], *, on_key: bool = False, **params: Any
    ) -> Finding:
        """The finding ``code`` placed at the value (or, ``on_key``, the key) at ``key_path``."""
        doc = self.doc
        if doc is None and self.raw is None and self.source is not None:
            object.__setattr__(self, "raw", read_bounded(self.source, self.limits)[0])
        if doc is None and self.raw is not None:
            doc = load_yaml_bytes(self.raw, self.limits)[0]
            object.__setattr__(self, "doc", doc)  # parsed once, on the first finding
        where = doc.locate(key_path, key=on_key) if doc is not None else None
        line, column = where if where is not None else (None, None)
        return make(code, self.rel, line, column, format_key(key_path), **params)
