"""A loaded file with its repo-relative path: makes findings located at a key path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plantrack.io.yamlload import PathKey, YamlDoc, load_yaml_bytes
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding, format_key


@dataclass(frozen=True, slots=True)
class Located:
    """A file's repo-relative path and its node graph, for placing findings.

    A file taken from the parse cache carries its bytes instead: it is parsed again only if
    a finding has to be placed in it.
    """

    rel: str
    doc: YamlDoc | None
    raw: bytes | None = None

    def at(
        self, code: str, key_path: tuple[PathKey, ...], *, on_key: bool = False, **params: Any
    ) -> Finding:
        """The finding ``code`` placed at the value (or, ``on_key``, the key) at ``key_path``."""
        doc = self.doc
        if doc is None and self.raw is not None:
            doc = load_yaml_bytes(self.raw)[0]
            object.__setattr__(self, "doc", doc)  # parsed once, on the first finding
        where = doc.locate(key_path, key=on_key) if doc is not None else None
        line, column = where if where is not None else (None, None)
        return make(code, self.rel, line, column, format_key(key_path), **params)
