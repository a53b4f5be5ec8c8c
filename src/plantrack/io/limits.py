"""Named limits on input size and shape, so hostile files are refused quickly.

Each limit has its finding; SECURITY.md and docs/decisions.md ("Limits") give the values.
The worst file under every limit (a 1 MiB flow list of one-character items) loads in about
2 s with a peak of about 230 MB; real plans and reports are tens of kilobytes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied to every YAML file the loader reads.

    Attributes:
        max_file_bytes: Size of a file on disk (PT007, checked before reading it). 1 MiB:
            the node graph libyaml builds costs up to ~200 bytes of memory per byte of input.
        max_depth: Nesting of lists and mappings (PT011); libyaml stops at 1000 by itself.
        max_aliases: ``*alias`` uses in one file (PT006).
        max_nodes: Values once aliases are expanded (PT006): the "billion laughs" bound.
        max_string_chars: Characters in one key or value (PT014); the models then allow
            20,000 for a text and 500 for a short text (PT110).
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 50
    max_aliases: int = 100
    max_nodes: int = 500_000
    max_string_chars: int = 100_000


DEFAULT_LIMITS = Limits()
