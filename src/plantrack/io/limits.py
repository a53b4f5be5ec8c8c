"""Named limits on input size and shape, so hostile files are refused quickly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied to every YAML file the loader reads.

    Real plans and reports are a few hundred kilobytes at most; these bounds leave a wide
    margin while keeping time and memory small on hostile input.
    """

    max_file_bytes: int = 2 * 1024 * 1024
    max_depth: int = 50
    max_aliases: int = 100
    max_nodes: int = 500_000
    max_string_chars: int = 100_000


DEFAULT_LIMITS = Limits()
