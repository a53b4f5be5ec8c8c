"""Object contents through one ``git cat-file --batch`` process, requests pipelined in batches."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from plantrack.errors import PlantrackError

_BATCH = 256


class BlobReader:
    """Object contents through one ``git cat-file --batch`` process.

    A name is anything git accepts: a blob id, or ``REV:path`` as ``git show`` takes it.
    Use as a context manager; the process starts on the first read.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """End the git process."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin:
            proc.stdin.close()
        if proc.stdout:
            proc.stdout.close()
        proc.wait()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            try:
                self._proc = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    cwd=self.root,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as exc:
                raise PlantrackError(code="PT922", reason=exc) from exc
        return self._proc

    def read(self, name: str) -> bytes | None:
        """The content of one object, or ``None`` when git does not have it."""
        for _, data in self.read_many([name]):
            return data
        return None

    def read_many(self, names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        """``(name, content or None)`` for each name, in order; requests go out in batches
        so that git never waits on a full pipe while we wait on it."""
        batch: list[str] = []
        for name in names:
            batch.append(name)
            if len(batch) == _BATCH:
                yield from self._round(batch)
                batch = []
        if batch:
            yield from self._round(batch)

    def _round(self, names: list[str]) -> list[tuple[str, bytes | None]]:
        # every answer of the round is read before any is handed out, so a caller that
        # stops early never leaves answers in the pipe for the next request
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        # a name holding a newline would split the request: ask for an impossible one instead
        lines = [(n if "\n" not in n else "\0invalid") + "\n" for n in names]
        proc.stdin.write("".join(lines).encode("utf-8"))
        proc.stdin.flush()
        answers: list[tuple[str, bytes | None]] = []
        for name in names:
            header = proc.stdout.readline()
            if not header:
                raise PlantrackError(code="PT923", command="cat-file", reason="dừng bất ngờ")
            parts = header.split()
            if len(parts) != 3 or not parts[2].isdigit():  # "<name> missing" / "ambiguous"
                answers.append((name, None))
                continue
            data = proc.stdout.read(int(parts[2]))
            proc.stdout.read(1)  # the newline after the content
            answers.append((name, data))
        return answers
