"""Progress on the terminal for runs that take more than a moment: a rich bar on stderr,
cleared when the run ends, and silent when stderr is not a terminal (pipes, CI, tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Tick = Callable[[int, int], None]


@contextmanager
def progress(key: str, lang: str = "vi", *, quiet: bool = False) -> Iterator[Tick]:
    """A bar labelled with the catalogue message ``key``; yields ``tick(done, total)``.

    Until the first tick the bar spins (reading git, loading the plan); ``quiet`` (machine
    output) or a stderr that is not a terminal shows nothing."""
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
