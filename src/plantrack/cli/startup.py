"""A run's start-up: the cycle collector paused while the code of the command loads.

Loading the libraries and building the model classes makes a few hundred thousand objects
that live as long as the process. The cycle collector, set off every few hundred new objects,
would walk that ever-growing heap again and again (and once more at exit) and find no
garbage in it: a tenth of a pre-commit hook's ``plantrack check FILE``. So the collector is
paused while a command's code loads (``loading``); when the process is the run's own
(``own_process``: the entry point, not a caller that runs commands in its own process, such as
the tests), what exists then is frozen (``gc.freeze``: never walked again, not even at exit)
as the collector resumes for the command's work, which may make cyclic garbage of its own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_owned = [False]


def own_process() -> None:
    """Say that this process runs one command and ends: what is loaded may be frozen."""
    _owned[0] = True


@contextmanager
def loading() -> Iterator[None]:
    """Pause the cycle collector while the block loads code; resume it afterwards (as it
    was), first freezing what exists if the process is the run's own."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if _owned[0]:
                gc.freeze()
            gc.enable()
