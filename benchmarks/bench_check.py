"""Benchmark ``plantrack check`` against libyaml alone on a synthetic repository (DESIGN §7).

Run from the repository root with the project's venv active::

    python benchmarks/bench_check.py --reports 2000 [--profile] [--tools VENV]

It generates a repository (a temporary folder, or ``--keep DIR``), asserts that it checks
clean, then prints the best wall-clock time of ``--repeat`` runs of: libyaml alone over the
same files, ``plantrack.api.check`` in-process, and yamale and check-jsonschema when found.
It also measures peak memory of one check for several report counts. See README.md here.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml
from external import ToolRun, run_tools
from stages import STAGES
from synthrepo import Spec, Summary, generate

from plantrack.api import CheckResult, check
from plantrack.io.repo import list_data_files

TARGET_CPU = 1.15  # CPU of a cold check (every process) / CPU of libyaml in one process
TARGET_WALL = 0.75  # wall time of a cold check on every core / libyaml's in one process
TARGET_YAMALE = 1.0  # a cold check's wall time / yamale's: ahead of it
TARGET_JSONSCHEMA = 1 / 15  # a cold check's wall time / check-jsonschema's: ≥ 15× ahead
LIBYAML = "libyaml alone (yaml.load CSafeLoader)"
CHECK = "plantrack check, cold cache, all cores"
CHECK_ONE = "plantrack check, cache off, 1 process"
Row = tuple[str, int, float, float | None, str]  # what, files, MB, best seconds, note


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=2000, help="report files (≤ units × periods)")
    p.add_argument("--units", type=int, default=250, help="units (communes and offices)")
    p.add_argument("--tasks", type=int, default=40, help="tasks in the plan")
    p.add_argument("--periods", type=int, default=8, help="periods from 2024-Q3 on")
    p.add_argument("--seed", type=int, default=20240915)
    p.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    p.add_argument("--keep", type=Path, help="generate into this (empty) folder and keep it")
    p.add_argument("--profile", action="store_true", help="print a cProfile of one check run")
    p.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    p.add_argument(
        "--memory-sizes",
        default="500,2000",
        help="report counts whose peak memory is measured ('' to skip)",
    )
    p.add_argument(
        "--tools",
        type=Path,
        action="append",
        default=[],
        help="venv (or bin folder) holding yamale / check-jsonschema",
    )
    p.add_argument(
        "--install-tools",
        type=Path,
        metavar="VENV",
        help="create VENV and pip-install missing tools there (60 s limit)",
    )
    p.add_argument("--no-tools", action="store_true", help="skip yamale and check-jsonschema")
    p.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def make_repo(
    spec: Spec, where: Path | None
) -> tuple[Summary, tempfile.TemporaryDirectory[str] | None]:
    """Generate the repository; the temporary folder (if any) must be kept alive by the caller."""
    holder = None
    if where is None:
        holder = tempfile.TemporaryDirectory(prefix="plantrack-bench-")
        where = Path(holder.name)
    elif where.exists() and any(where.iterdir()):
        raise SystemExit(f"--keep {where}: choose a new or empty folder")
    where.mkdir(parents=True, exist_ok=True)
    return generate(where.resolve(), spec), holder


def files_by_kind(root: Path) -> dict[str, list[Path]]:
    """The data files ``check`` reads, by kind, exactly as it lists them."""
    files, _ = list_data_files(root)
    out: dict[str, list[Path]] = {"plan": [], "unit": [], "index": [], "report": []}
    for file in files:
        out[file.kind].append(file.path)
    return out


CPU: dict[str, float] = {}
"""Best CPU seconds of each run of the last ``best_of`` (this process and its workers)."""


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (check's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def best_of(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The shortest wall-clock time of ``repeat`` calls of each run (and, in ``CPU``, the
    least CPU time).

    Rounds are interleaved (every run once per round) so that a busy machine slows all of
    them alike and their ratios stay meaningful.
    """
    best = dict.fromkeys(runs, float("inf"))
    CPU.update(dict.fromkeys(runs, float("inf")))
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            cpu = _cpu()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
            CPU[name] = min(CPU[name], _cpu() - cpu)
    return best


def cold_check(root: Path, today: dt.date) -> None:
    """A check as shipped, on a cache that holds nothing yet (its write included)."""
    with tempfile.TemporaryDirectory(prefix="plantrack-cache-") as cache:
        os.environ["PLANTRACK_CACHE_DIR"] = cache
        try:
            check(root, today=today)
        finally:
            os.environ["PLANTRACK_CACHE_DIR"] = "off"


def uncached_one_process(root: Path, today: dt.date) -> None:
    """A check without the cache on one process: the stages below are parts of this one."""
    os.environ["PLANTRACK_JOBS"] = "1"
    try:
        check(root, today=today)
    finally:
        del os.environ["PLANTRACK_JOBS"]


def libyaml_alone(paths: list[Path]) -> None:
    """Read every file from disk and parse it with libyaml: the floor check is held to."""
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def assert_clean(result: CheckResult) -> None:
    """Stop when the generated repository is not clean: the numbers would mean nothing."""
    if result.errors:
        for f in result.findings[:10]:
            print(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message_en}")
        raise SystemExit(f"generated repository has {result.errors} errors; fix synthrepo.py")
    if result.warnings:
        codes = sorted({f.code for f in result.findings})
        print(f"note: {result.warnings} warnings ({', '.join(codes)})")


def print_table(rows: list[Row], floor: float) -> None:
    """Files, MB, best seconds and the ratio to libyaml for each measurement."""
    print(f"{'what':<44} {'files':>6} {'MB':>7} {'best s':>8} {'× libyaml':>10}  note")
    for name, files, mb, seconds, note in rows:
        shown = (
            f"{seconds:8.3f} {seconds / floor:10.2f}"
            if seconds is not None
            else f"{'—':>8} {'—':>10}"
        )
        print(f"{name:<44} {files:>6} {mb:>7.2f} {shown}  {note}")


def tool_row(run: ToolRun, files: int, mb: float) -> Row:
    """A table row for an external tool."""
    if run.startup is None:
        return run.name, files, mb, None, run.note
    note = "; ".join(filter(None, [f"start-up {run.startup:.2f} s of it", run.note]))
    return f"{run.name} ({run.calls} calls, 1 per kind)", files, mb, run.seconds, note


def print_stages(best: dict[str, float]) -> None:
    """Best times of cumulative stages of check (see stages.py), against libyaml and check."""
    head = "stage (each includes the ones above)"
    print(f"\n{head:<44} {'best s':>8} {'× libyaml':>10} {'of check':>9}")
    floor, checked = best[LIBYAML], best[CHECK_ONE]
    rows = [(label, best[label]) for label, _ in STAGES]
    rows.append(("full check, 1 process (+ listing, cross-file)", checked))
    for label, seconds in rows:
        print(f"{label:<44} {seconds:8.3f} {seconds / floor:10.2f} {seconds / checked:9.0%}")


def profile(root: Path, today: dt.date, top: int) -> None:
    """Print the functions one check run spends most time in, by own and cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    check(root, today=today)
    prof.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats(order).print_stats(top)
        text = out.getvalue()
        for prefix in sorted({str(Path(p).parent) for p in sys.path if p}, key=len, reverse=True):
            text = text.replace(prefix + "/", "")
        print(f"\n--- cProfile of one check run, top {top} by {order} ---")
        print(text[text.find("   ncalls") :].rstrip())


def _proc_kib(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status, in KiB (Linux only)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_child(root: Path, today: dt.date) -> None:
    """In a fresh process: RSS after imports, and the peak RSS during one check (KiB).

    The kernel's high-water mark is reset first (``/proc/self/clear_refs``), so the peak is
    that of the check, not of importing pydantic; without /proc, ``ru_maxrss`` is used.
    """
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        before = _proc_kib("VmRSS")
    except OSError:
        before = None
    result = check(root, today=today)
    peak = _proc_kib("VmHWM") if before is not None else None
    if before is None or peak is None:
        before = peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"before": before, "after": peak, "files": result.files}))


def memory(spec: Spec, sizes: list[int], main: Summary) -> None:
    """Peak memory of one check for each report count: Python heap and process RSS."""
    print(
        f"\n{'reports':>7} {'files':>6} {'MB':>7} {'heap peak MiB':>14} {'RSS before':>13}"
        f" {'RSS peak in check':>17} {'RSS growth':>11}"
    )
    for size in sizes:
        holder = None
        summary = main
        if size != spec.reports:
            summary, holder = make_repo(
                Spec(spec.tasks, spec.units, spec.periods, size, spec.seed), None
            )
        paths = [p for group in files_by_kind(summary.root).values() for p in group]
        mb = sum(p.stat().st_size for p in paths) / 1e6
        gc.collect()
        tracemalloc.start()
        check(summary.root, today=summary.today)
        heap = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--rss-child",
                str(summary.root),
                "--today",
                summary.today.isoformat(),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rss = json.loads(child.stdout)
        before, after = rss["before"] / 1024, rss["after"] / 1024
        print(
            f"{size:>7} {len(paths):>6} {mb:>7.2f} {heap:>14.1f} {before:>9.1f} MiB"
            f" {after:>13.1f} MiB {after - before:>7.1f} MiB"
        )
        if holder is not None:
            holder.cleanup()


def recheck_after_one_edit(root: Path, today: dt.date, repeat: int, cache: Path) -> float:
    """Best time of a check with a warm parse cache after one report file was edited."""
    os.environ["PLANTRACK_CACHE_DIR"] = str(cache)
    check(root, today=today)  # warm the cache
    target = sorted((root / "data" / "reports").rglob("*.yaml"))[0]
    original = target.read_text(encoding="utf-8")
    best = float("inf")
    for run in range(repeat):
        target.write_text(original + f"# sửa lần {run}\n", encoding="utf-8")
        started = time.perf_counter()
        check(root, today=today)
        best = min(best, time.perf_counter() - started)
    target.write_text(original, encoding="utf-8")
    os.environ["PLANTRACK_CACHE_DIR"] = "off"
    return best


def main(argv: list[str] | None = None) -> int:
    """Generate, check clean, time, compare, and optionally profile and measure memory."""
    args = parse_args(argv)
    # Cold runs: the parse cache would otherwise answer every run after the first.
    os.environ["PLANTRACK_CACHE_DIR"] = "off"
    if args.rss_child is not None:
        rss_child(args.rss_child, args.today)
        return 0
    spec = Spec(args.tasks, args.units, args.periods, args.reports, args.seed)
    started = time.perf_counter()
    summary, holder = make_repo(spec, args.keep)
    root, today = summary.root, summary.today
    by_kind = files_by_kind(root)
    paths = [p for group in by_kind.values() for p in group]
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(
        f"generated {root} in {time.perf_counter() - started:.1f} s: {spec.units} units, "
        f"{spec.tasks} tasks, {len(summary.periods)} periods "
        f"({summary.periods[0].id} … {summary.periods[-1].id}), {len(by_kind['report'])} reports; "
        f"{len(paths)} files, {mb:.2f} MB; check --today {today}"
    )
    result = check(root, today=today)
    assert_clean(result)
    print(
        f"check: {result.files} files, {result.errors} errors, {result.warnings} warnings; "
        f"best of {args.repeat}, single process\n"
    )
    runs: dict[str, Callable[[], object]] = {
        LIBYAML: lambda: libyaml_alone(paths),
        CHECK: lambda: cold_check(root, today),
        CHECK_ONE: lambda: uncached_one_process(root, today),
    }
    runs.update({label: partial(stage, by_kind) for label, stage in STAGES})
    best = best_of(args.repeat, runs)
    floor, checked = best[LIBYAML], best[CHECK]
    rows: list[Row] = [
        (LIBYAML, len(paths), mb, floor, f"CPU {CPU[LIBYAML]:.2f} s"),
        (CHECK, result.files, mb, checked, f"CPU {CPU[CHECK]:.2f} s"),
        (CHECK_ONE, result.files, mb, best[CHECK_ONE], f"CPU {CPU[CHECK_ONE]:.2f} s"),
    ]
    tools: dict[str, float] = {}
    if not args.no_tools:
        for run in run_tools(root, by_kind, args.repeat, args.tools, args.install_tools):
            rows.append(tool_row(run, len(paths), mb))
            if run.seconds is not None:
                tools[run.name] = run.seconds
    print_table(rows, floor)
    print(f"\nmachine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")
    verdicts = [
        ("cold check CPU / libyaml CPU", CPU[CHECK] / CPU[LIBYAML], TARGET_CPU),
        ("cold check wall / libyaml wall", checked / floor, TARGET_WALL),
    ]
    for name, ratio in (("yamale", TARGET_YAMALE), ("check-jsonschema", TARGET_JSONSCHEMA)):
        found = next((s for n, s in tools.items() if n.startswith(name)), None)
        if found is not None:
            verdicts.append((f"cold check wall / {name} wall", checked / found, ratio))
    for what, value, target in verdicts:
        verdict = "met" if value <= target else "MISSED"
        print(f"{what:<40} {value:6.2f}   target ≤ {target:.2f} → {verdict}")
    with tempfile.TemporaryDirectory() as cache:
        warm = recheck_after_one_edit(root, today, args.repeat, Path(cache))
    print(
        f"re-check after editing one report (warm cache, in-process): {warm:.3f} s "
        f"= {warm / floor:.2f}× libyaml on all files (bench_recheck.py: the target run)"
    )
    print_stages(best)
    if args.profile:
        profile(root, today, args.top)
    sizes = [int(s) for s in args.memory_sizes.split(",") if s.strip()]
    if sizes:
        memory(spec, sizes, summary)
    if holder is not None:
        holder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
