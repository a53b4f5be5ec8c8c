"""Progress on the terminal for runs that take more than a moment: a rich bar on stderr,
cleared when the run ends, and silent when stderr is not a terminal (pipes, CI, tests)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Tick = Callable[[int, int], None]


def _silent(done: int, total: int) -> None:
    """The tick of a run that shows no bar."""


@contextmanager
def progress(key: str, lang: str = "vi", *, quiet: bool = False) -> Iterator[Tick]:
    """A bar labelled with the catalogue message ``key``; yields ``tick(done, total)``.

    Until the first tick the bar spins (reading git, loading the plan); ``quiet`` (machine
    output) or a stderr that is not a terminal shows nothing."""
    if quiet or not _may_be_terminal():
        yield _silent  # rich is not even imported: a pre-commit hook starts faster
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from plantrack.i18n import t

    console = Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),  # blank while the total is unknown
        TimeElapsedColumn(),
    )
    disabled = quiet or not console.is_terminal
    with Progress(*columns, console=console, transient=True, disable=disabled) as bar:
        task = bar.add_task(t(key, lang), total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick


def _may_be_terminal() -> bool:
    """Whether rich could take stderr for a terminal: it is one, or the environment says to
    treat it as one (rich's own ``TTY_COMPATIBLE`` and ``FORCE_COLOR``); rich decides then."""
    if os.environ.get("TTY_COMPATIBLE") or os.environ.get("FORCE_COLOR") is not None:
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except ValueError:  # closed
        return False
