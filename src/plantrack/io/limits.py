"""Named limits on input size and shape, so hostile files are refused quickly.

Each limit has its finding; SECURITY.md and docs/decisions.md ("Limits") give the values.
The worst file under every limit (a 1 MiB flow list of one-character items) loads in about
2 s with a peak of about 230 MB; real plans and reports are tens of kilobytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

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
            outgrows 1 MiB; ``$PLANTRACK_MAX_PLAN_SIZE`` raises it, and so may the plan
            itself up to ``PLAN_CEILING`` (``for_plan``, ``declared_plan_size``).
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 50
    max_aliases: int = 100
    max_nodes: int = 500_000
    max_string_chars: int = 100_000
    max_plan_bytes: int = 1024 * 1024

    def for_plan(self, declared: int | None = None) -> Limits:
        """The bounds of the plan file: its own size limit, and the bound on values scaled
        with it, so that time and memory per byte of input stay those of every other file.
        ``declared``: the size the plan asks for itself (``declared_plan_size``), granted up
        to ``PLAN_CEILING`` only; it never lowers the limit the run was given."""
        size = self.max_plan_bytes
        if declared is not None:
            size = max(size, min(declared, PLAN_CEILING))
        scale = max(1.0, size / self.max_file_bytes)
        return replace(self, max_file_bytes=size, max_nodes=int(self.max_nodes * scale))


DEFAULT_LIMITS = Limits()

PLAN_CEILING = 4 * 1024 * 1024
"""The most a plan may grant itself (``limits: {max_size: …}``): anyone who can commit can
write the plan, so what it asks for is bounded (at worst about 4× the time and memory of the
worst 1 MiB file); above it, only whoever runs the check decides (``$PLANTRACK_MAX_PLAN_SIZE``)."""
PLAN_HEAD_BYTES = 4096
"""Where a plan's own size limit is looked for: its first bytes, read before the whole file."""

_SIZE = re.compile(r"^\s*(\d+)\s*(|k|kb|kib|m|mb|mib)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024**2, "mb": 1000**2, "mib": 1024**2}


def parse_size(text: str) -> int | None:
    """A size written as bytes or with K/KB/KiB/M/MB/MiB (``None``: not a size, or zero)."""
    match = _SIZE.match(text)
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1]) * _UNIT[match[2].lower()]


# ``limits: {max_size: 4MiB}`` or ``limits:`` then an indented ``max_size: 4MiB``, at the top
_FLOW = re.compile(r"^limits:[ \t]*\{[^}\n]*?\bmax_size:[ \t]*[\"']?([0-9][^\"',}\n]*)", re.M)
_BLOCK = re.compile(
    r"^limits:[ \t]*(?:#[^\n]*)?\n(?:[ \t]+[^\n]*\n)*?[ \t]+max_size:[ \t]*[\"']?([0-9][^\"'\n#]*)",
    re.M,
)


def declared_plan_size(path: Path) -> int | None:
    """The size limit a plan file declares for itself in its first ``PLAN_HEAD_BYTES``
    (``limits: {max_size: 4MiB}``, read before the file is parsed), or ``None``. Only a
    regular file is opened; the parse then validates the key as any other."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with path.open("rb") as handle:
            head = handle.read(PLAN_HEAD_BYTES).decode("utf-8", "ignore").lstrip("\ufeff")
    except OSError:
        return None
    head = head.replace("\r\n", "\n")
    match = _FLOW.search(head) or _BLOCK.search(head)
    return parse_size(match[1].strip()) if match is not None else None


def configured_limits(environ: dict[str, str] | None = None) -> Limits:
    """The limits of this run: the defaults, with the plan's size from
    ``$PLANTRACK_MAX_PLAN_SIZE`` (bytes, or with K/KB/KiB/M/MB/MiB) when set."""
    chosen = (os.environ if environ is None else environ).get("PLANTRACK_MAX_PLAN_SIZE", "")
    if not chosen.strip():
        return DEFAULT_LIMITS
    size = parse_size(chosen)
    if size is None:
        raise PlantrackError(
            f"PLANTRACK_MAX_PLAN_SIZE={chosen!r} không phải kích thước hợp lệ "
            "(ví dụ 4MiB, 8000000)."
        )
    return replace(DEFAULT_LIMITS, max_plan_bytes=size)
