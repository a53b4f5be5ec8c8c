"""Named limits on input size and shape, so hostile files are refused quickly.

Each limit has its finding; SECURITY.md and docs/decisions.md ("Limits") give the values.
The worst file under every limit (a 1 MiB flow list of one-character items) loads in about
2 s with a peak of about 230 MB; real plans and reports are tens of kilobytes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from plantrack.errors import PlantrackError


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
        max_plan_bytes: Size of ``data/plan.yaml`` (PT007). The plan is the one file the
            consolidating office writes, and a national plan that lists units by hand
            outgrows 1 MiB; ``$PLANTRACK_MAX_PLAN_SIZE`` raises it (``for_plan``).
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 50
    max_aliases: int = 100
    max_nodes: int = 500_000
    max_string_chars: int = 100_000
    max_plan_bytes: int = 1024 * 1024

    def for_plan(self) -> Limits:
        """The bounds of the plan file: its own size limit, and the bound on values scaled
        with it, so that time and memory per byte of input stay those of every other file."""
        scale = max(1.0, self.max_plan_bytes / self.max_file_bytes)
        return replace(
            self, max_file_bytes=self.max_plan_bytes, max_nodes=int(self.max_nodes * scale)
        )


DEFAULT_LIMITS = Limits()

_SIZE = re.compile(r"^\s*(\d+)\s*(|k|kb|kib|m|mb|mib)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024**2, "mb": 1000**2, "mib": 1024**2}


def configured_limits(environ: dict[str, str] | None = None) -> Limits:
    """The limits of this run: the defaults, with the plan's size from
    ``$PLANTRACK_MAX_PLAN_SIZE`` (bytes, or with K/KB/KiB/M/MB/MiB) when set."""
    chosen = (os.environ if environ is None else environ).get("PLANTRACK_MAX_PLAN_SIZE", "")
    if not chosen.strip():
        return DEFAULT_LIMITS
    match = _SIZE.match(chosen)
    if match is None or int(match[1]) == 0:
        raise PlantrackError(
            f"PLANTRACK_MAX_PLAN_SIZE={chosen!r} không phải kích thước hợp lệ "
            "(ví dụ 4MiB, 8000000)."
        )
    return replace(DEFAULT_LIMITS, max_plan_bytes=int(match[1]) * _UNIT[match[2].lower()])
