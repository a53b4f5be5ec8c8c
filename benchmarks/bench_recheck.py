"""Benchmark the incremental check: a re-check after one edit in a 4,000-report repository.

Run from the repository root with the project's venv active::

    python benchmarks/bench_recheck.py                    # 250 units x 16 periods = 4,000 reports
    python benchmarks/bench_recheck.py --repo DIR         # an existing repository instead

Every figure is the best of ``--repeat`` runs of ``python -m plantrack check`` as a whole
process (interpreter start-up and imports included; peak RSS from the kernel), and the same
check in-process (what the command itself costs). Files are dated an hour back first, as in a
checkout made earlier: a file edited within the last two seconds is hashed even when its stamp
agrees (see ``io/checkstore.py``). Targets come from the issue that set them; see README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthrepo import Spec, generate

from plantrack.validate.check import check_repository

TARGET_EDIT_S = 0.3
TARGET_EDIT_MB = 150.0
TARGET_FILE_S = 0.2


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=4000)
    p.add_argument("--units", type=int, default=250)
    p.add_argument("--periods", type=int, default=16)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--keep", type=Path, help="generate into this (empty) folder and keep it")
    p.add_argument("--repo", type=Path, help="use this repository instead of generating one")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None)
    return p.parse_args(argv)


def age(root: Path) -> None:
    """Date every data file an hour back."""
    past = time.time() - 3600
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))


CPU: list[float] = []
"""CPU seconds of each run, in order (the machine may be shared: wall time then waits)."""


def run_process(root: Path, today: dt.date, *files: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``plantrack check`` process."""
    command = [sys.executable, "-m", "plantrack", "check", "--repo", str(root)]
    command += ["--today", today.isoformat(), *map(str, files)]
    # bytecode as an installed package has it (the cold run writes it, if it is missing)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    CPU.append(usage.ru_utime + usage.ru_stime)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"check failed: {child.stderr.read().decode() if child.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def best(
    repeat: int, before: Callable[[int], None], run: Callable[[], tuple[float, float]]
) -> tuple[float, float]:
    """Least wall time and least peak RSS of ``repeat`` runs, ``before(i)`` ahead of each."""
    walls, peaks = [], []
    CPU.clear()
    for i in range(repeat):
        before(i)
        wall, peak = run()
        walls.append(wall)
        peaks.append(peak)
    return min(walls), min(peaks)


def in_process(root: Path, today: dt.date, *only: str) -> tuple[float, float]:
    """Wall seconds of one in-process check (no peak: the process holds the benchmark too)."""
    start, cpu = time.perf_counter(), time.process_time()
    check_repository(root, today=today, only=list(only) or None)
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, 0.0


def line(what: str, seconds: float, mb: float | None, target: str, ok: bool | None) -> None:
    """One row of the result table."""
    shown_mb = f"{mb:8.1f}" if mb else f"{'—':>8}"
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    cpu = min(CPU) if CPU else float("nan")
    print(f"{what:<46} {seconds:7.3f} {cpu:7.3f} {shown_mb}  {target:<19} {verdict}")


class Edits:
    """The report and the unit file the runs edit, restored at the end."""

    def __init__(self, root: Path) -> None:
        reports = sorted((root / "data" / "reports").rglob("*.yaml"))
        self.count = len(reports)
        self.report = reports[len(reports) // 2]
        self.unit = sorted((root / "data" / "units").glob("*.yaml"))[0]
        self.texts = {p: p.read_text(encoding="utf-8") for p in (self.report, self.unit)}
        self.rel = self.report.relative_to(root).as_posix()

    def _edit(self, path: Path, i: int) -> None:
        path.write_text(self.texts[path] + f"# sửa lần {i} {time.time_ns()}\n", encoding="utf-8")

    def edit(self, i: int) -> None:
        """Change the report (a comment: the findings stay the same)."""
        self._edit(self.report, i)

    def edit_unit(self, i: int) -> None:
        """Change the unit file (every report's cross-file rules run again)."""
        self._edit(self.unit, i)

    def restore(self) -> None:
        """Put both files back."""
        for path, text in self.texts.items():
            path.write_text(text, encoding="utf-8")


def nothing(_: int) -> None:
    """No edit before a run."""


def measure(root: Path, today: dt.date, repeat: int, edits: Edits) -> None:
    """Every figure, on a cache filled by the first (cold) run."""
    print(f"{'what':<46} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  {'target':<19}")
    CPU.clear()
    cold = run_process(root, today)
    line("cold check, whole process (fills the cache)", cold[0], cold[1], "", None)
    wall, peak = best(repeat, nothing, lambda: run_process(root, today))
    line("warm check, no edit, whole process", wall, peak, "", None)
    wall, peak = best(repeat, edits.edit, lambda: run_process(root, today))
    ok = wall < TARGET_EDIT_S and peak < TARGET_EDIT_MB
    line("re-check after one edit, whole process", wall, peak, "< 0.3 s, < 150 MB", ok)
    wall, peak = best(repeat, edits.edit, lambda: run_process(root, today, edits.report))
    line("check FILE after its edit, whole process", wall, peak, "< 0.2 s", wall < TARGET_FILE_S)
    wall, _ = best(repeat, nothing, lambda: in_process(root, today))
    line("warm check, no edit, in-process", wall, None, "", None)
    wall, _ = best(repeat, edits.edit, lambda: in_process(root, today))
    line("re-check after one edit, in-process", wall, None, "< 0.3 s", wall < TARGET_EDIT_S)
    wall, _ = best(repeat, edits.edit, lambda: in_process(root, today, edits.rel))
    line("check FILE after its edit, in-process", wall, None, "< 0.2 s", wall < TARGET_FILE_S)
    wall, _ = best(repeat, edits.edit_unit, lambda: in_process(root, today))
    line("re-check after a unit file edit, in-process", wall, None, "(rules re-run)", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import plantrack.cli.app"], check=True)
    print(
        f"(python start-up and CLI imports alone: {time.perf_counter() - start:.3f} s; "
        f"load average {os.getloadavg()[0]:.2f} at the end)"
    )


def main(argv: list[str] | None = None) -> int:
    """Generate (or take) the repository, prime the cache, and time the re-checks."""
    args = parse_args(argv)
    holder = None
    if args.repo is not None:
        root, today = args.repo.resolve(), args.today or dt.date.today()
    else:
        if args.keep is None:
            holder = tempfile.TemporaryDirectory(prefix="plantrack-bench-")
        where = args.keep or Path(holder.name)  # type: ignore[union-attr]
        spec = Spec(units=args.units, periods=args.periods, reports=args.reports)
        summary = generate(where.resolve(), spec)
        root, today = summary.root, args.today or summary.today
    edits = Edits(root)
    age(root)
    print(f"{root}: {edits.count} reports; load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory(prefix="plantrack-cache-") as cache:
        os.environ["PLANTRACK_CACHE_DIR"] = cache
        try:
            measure(root, today, args.repeat, edits)
        finally:
            edits.restore()
    if holder is not None:
        holder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
