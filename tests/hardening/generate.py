"""Cases made at test time: files too big to commit, links and pipes git cannot hold.

Each generator takes the repository copy and the target path (already holding the valid
trimmed report) and breaks it in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from plantrack.io.limits import DEFAULT_LIMITS
from tests.hardening.corpus import CASES_DIR

VALID = CASES_DIR / "valid-trimmed-report.yaml"
FIFTY_MB = 50 * 1024 * 1024
MEGABYTE_STRING = 1_000_000


def megabyte_string(root: Path, target: Path) -> None:
    """The report number is a string of a million characters (line 5, column 9)."""
    text = VALID.read_text("utf-8")
    target.write_text(
        text.replace("number: 249/BC-UBND", "number: " + "x" * MEGABYTE_STRING), "utf-8"
    )


def worst_case_under_the_limits(root: Path, target: Path) -> None:
    """The costliest file every limit allows: the report number is a flow list of
    one-character items filling the file to exactly ``max_file_bytes`` (line 5, column 9)."""
    head, rest = VALID.read_bytes().split(b"number: 249/BC-UBND", 1)
    room = DEFAULT_LIMITS.max_file_bytes - len(head) - len(rest) - len(b"number: [1]")
    items = b"1," * (room // 2) + b" " * (room % 2)
    target.write_bytes(head + b"number: [" + items + b"1]" + rest)
    assert target.stat().st_size == DEFAULT_LIMITS.max_file_bytes


def fifty_megabytes(root: Path, target: Path) -> None:
    """A valid report padded to 50 MB: sparse, so it costs no disk and no time to make."""
    target.write_bytes(VALID.read_bytes())
    with target.open("r+b") as handle:
        handle.truncate(FIFTY_MB)


def symlink_outside(root: Path, target: Path) -> None:
    """The report is a link to a (valid) file outside the repository."""
    outside = root.parent / "outside" / "xa-tra-mai.yaml"
    outside.parent.mkdir()
    outside.write_bytes(VALID.read_bytes())
    target.unlink()
    target.symlink_to(outside)


def symlink_loop(root: Path, target: Path) -> None:
    """The report is a link to itself."""
    target.unlink()
    target.symlink_to(target.name)


def fifo(root: Path, target: Path) -> None:
    """A named pipe where the report should be: opening it for reading would wait forever."""
    target.unlink()
    os.mkfifo(target)


def yml_extension(root: Path, target: Path) -> None:
    """The report saved as ``.yml``."""
    target.rename(target.with_suffix(".yml"))


GENERATORS: dict[str, Callable[[Path, Path], None]] = {
    f.__name__: f
    for f in (
        megabyte_string,
        worst_case_under_the_limits,
        fifty_megabytes,
        symlink_outside,
        symlink_loop,
        fifo,
        yml_extension,
    )
}
