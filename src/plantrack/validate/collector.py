"""The cycle collector set aside while many models are built.

Loading a repository builds hundreds of thousands of small objects (models, their lists and
dicts) that hold no reference cycles: reference counting frees them. CPython's cycle
collector still runs every 700 allocations, and each of its full passes walks every object
kept so far, so a load that keeps what it builds pays again and again for what it already has
(a third of a national consolidation's CPU time, half of the loading of 12,000 unit files).
``paused`` turns the collector off while such a load runs; with ``freeze``, what is alive at
the end is moved out of its reach for the rest of the run (``gc.freeze``: only cycles made
before would outlive their use). See ``docs/decisions.md``.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """Run the body with the cycle collector off (as it was after); ``freeze``: then set
    aside every object alive."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()
