"""Roll-up across repositories at city and national size: a parent and N child repositories
(local bare repositories, each written by one ``git fast-import``), every child with U units
reporting over P periods. Timed, in one process: ``rollup sync`` with an empty cache (cold) and
with every child already mirrored and nothing new (warm); the roll-up consolidation of the
last period (every child's report derived at its pin, then the parent's consolidation in
every format), then again with every child's figures kept from the first (warm); and, side
by side, ``check`` of ONE repository holding the same number of
report files (children × units, the last period) as plantrack ships it. Peak memory is the
high-water mark of this process after the roll-up (git runs in its own processes; the largest
of those, and of check's workers, is printed too).
Run from the repository root with the project's venv:

    python benchmarks/bench_rollup.py --children 100 --units 25 --periods 4    # city
    python benchmarks/bench_rollup.py --children 3300 --units 20 --periods 1   # national
    python benchmarks/bench_rollup.py --children 100 --keep /tmp/city          # keep the files
    python benchmarks/bench_rollup.py --children 100 --keep /tmp/city --warm-only  # reuse them
    python benchmarks/bench_rollup.py --children 100 --profile                 # + cProfile

Not a test: nothing in ``tests/`` times anything. See README.md (roll-up).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_audit import FastImport

from plantrack.app.check import check
from plantrack.app.consolidate import Options, consolidate_period
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_cache import DERIVED
from plantrack.app.rollup_verify import rolled_up
from plantrack.validate.require import require_plan

MINI = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mini"
REPORTS = MINI / "data" / "reports" / "2024-Q3"
PERIODS = ("2024-Q3", "2024-Y", "2025-Q1", "2025-H1", "2025-Q3", "2025-Y")
TZ = dt.timezone(dt.timedelta(hours=7))
TARGET_CITY_WARM_S = 10.0  # 100 children × 25 units × 4 periods: sync warm + consolidate
TARGET_NATIONAL_S = 180.0  # 3,300 children × 20 units × 1 period
TARGET_NATIONAL_MB = 2048.0
_derived: list[Any] = []  # each roll-up's tree, to compare a cached run with a fresh one


def _git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def child_plan(text: str, unit: str) -> str:
    """The mini plan as the plan of ``unit``, its t1 and t3 serving the parent's t1."""
    text = text.replace("id: mini-plan\n", f"id: {unit}-plan\n", 1)
    text = text.replace(
        "    indicators: [ho-so-tiep-nhan, ho-so-dung-han]\n",
        "    indicators: [ho-so-tiep-nhan, ho-so-dung-han]\n    serves: [t1]\n",
        1,
    )
    text = text.replace("    time: 2024-12-31\n", "    time: 2024-12-31\n    serves: [t1]\n", 1)
    return text + f"implements:\n  plan: mini-plan\n  unit: {unit}\n"


def _commune(unit: str, number: int) -> bytes:
    return (
        f"id: {unit}\nname: UBND xã Thử Nghiệm {number}\nkind: commune\n"
        f"authors: [{unit}@example.vn]\n"
    ).encode()


def _report(template: str, unit: str, period: str, submitted: dt.date) -> bytes:
    """A mini report rewritten for ``unit`` and ``period``, sent the day before it is due."""
    lines = []
    for line in template.splitlines():
        if line.startswith("unit: "):
            line = f"unit: {unit}"
        elif line.startswith("period: "):
            line = f"period: {period}"
        elif line.startswith("submitted: "):
            line = f"submitted: {submitted.isoformat()}"
        lines.append(line)
    return ("\n".join(lines) + "\n").encode()


class Shapes:
    """The files every generated repository shares, read once from the mini fixture, and the
    periods' due dates (from the mini plan, through plantrack)."""

    def __init__(self, parent: Path, periods: int) -> None:
        self.plan = (MINI / "data/plan.yaml").read_text("utf-8")
        self.fixed = {
            f"data/{p.relative_to(MINI / 'data')}": p.read_bytes()
            for p in (MINI / "data").rglob("*.yaml")
            if "reports" not in p.parts and p.name != "plan.yaml"
        }
        self.templates = {p.stem: p.read_text("utf-8") for p in REPORTS.glob("*.yaml")}
        ctx = require_plan(parent).ctx
        self.periods = PERIODS[:periods]
        self.due = {p: ctx.period(p).due for p in self.periods}

    def units(self, count: int, prefix: str) -> list[str]:
        """The unit ids of a repository of ``count`` units: the mini ones, then communes."""
        return ["phong-noi-vu", "xa-tra-don", "xa-tra-dzon"][:count] + [
            f"{prefix}{n:03d}" for n in range(max(0, count - 3))
        ]

    def reports(self, units: list[str], periods: tuple[str, ...]) -> dict[str, bytes]:
        """Every unit's report for each of ``periods`` (communes as the mini's second one)."""
        out: dict[str, bytes] = {}
        for period in periods:
            sent = self.due[period] - dt.timedelta(days=1)
            for unit in units:
                template = self.templates.get(unit, self.templates["xa-tra-dzon"])
                rel = f"data/reports/{period}/{unit}.yaml"
                out[rel] = _report(template, unit, period, sent)
        return out

    def repository(self, plan: str, units: list[str], periods: tuple[str, ...]) -> dict[str, bytes]:
        """The files of a repository with ``plan``, ``units`` and their reports."""
        files = dict(self.fixed)
        files["data/plan.yaml"] = plan.encode()
        for n, unit in enumerate(units):
            rel = f"data/units/{unit}.yaml"
            if rel not in files:
                files[rel] = _commune(unit, n)
        files.update(self.reports(units, periods))
        return files


def _bare(path: Path, files: dict[str, bytes], when: dt.datetime) -> None:
    """A bare repository at ``path`` with one commit holding ``files``."""
    _git("init", "-q", "--bare", "-b", "main", str(path))
    fast = FastImport(path)
    fast.commit("clerk@example.vn", when, "Dữ liệu của đơn vị", dict(files))
    fast.done()


def generate(base: Path, children: int, units: int, periods: int) -> tuple[Path, Shapes]:
    """The parent repository (a working folder) and ``children`` bare child repositories;
    those of an earlier run with ``--keep`` into the same folder and the same sizes are
    reused (``base/shape`` names the sizes)."""
    parent = base / "parent"
    shape = f"{children} {units} {periods}\n"
    if (base / "shape").is_file() and (base / "shape").read_text() == shape:
        return parent, Shapes(parent, periods)
    if parent.exists():
        raise SystemExit(f"{base} holds another size: give an empty folder to --keep")
    shutil.copytree(MINI, parent)
    shapes = Shapes(parent, periods)
    last = shapes.periods[-1]
    when = dt.datetime.combine(shapes.due[last], dt.time(9), TZ)
    for n in range(children):
        unit = f"xa-{n:04d}"
        files = shapes.repository(
            child_plan(shapes.plan, unit), shapes.units(units, "thon-"), shapes.periods
        )
        bare = base / "served" / f"{unit}.git"
        bare.parent.mkdir(parents=True, exist_ok=True)
        _bare(bare, files, when)
        (parent / f"data/units/{unit}.yaml").write_text(
            f"id: {unit}\nname: UBND xã {n}\nkind: commune\n"
            f"repository:\n  url: {bare}\n  branch: main\n",
            "utf-8",
        )
    (base / "shape").write_text(shape)
    return parent, shapes


def single_repository(base: Path, shapes: Shapes, reports: int) -> Path:
    """One repository holding ``reports`` units reporting for the last period: the same
    report files the roll-up reads for that period, in one place (kept from an earlier run
    with ``--keep``)."""
    root = base / "single"
    if (root / "data/plan.yaml").is_file():
        return root
    last = shapes.periods[-1]
    files = shapes.repository(shapes.plan, shapes.units(reports, "xa-"), (last,))
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process (every thread) and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _timed(label: str, run: Callable[[], Any], rows: list[tuple[str, float]]) -> Any:
    """Run and print wall time and CPU time (this process; git and worker processes)."""
    start, (own, children) = time.perf_counter(), _cpu()
    result = run()
    took = time.perf_counter() - start
    own_after, children_after = _cpu()
    rows.append((label, took))
    print(
        f"{label:<52} {took:8.2f} s wall, {own_after - own:7.2f} s CPU "
        f"(+ {children_after - children:6.2f} s in child processes)",
        flush=True,
    )
    return result


def _rollup_consolidate(parent: Path, period: str, cache: Path, out: Path, jobs: int | None) -> Any:
    rolled, findings = rolled_up(parent, period, cache, jobs=jobs)
    _derived.append(rolled)
    unexpected = [f for f in findings if f.severity == "error"]
    assert not unexpected, [f.message_en for f in unexpected[:3]]
    assert len(rolled.reports) == len(rolled.children), "a child was not derived"
    done = consolidate_period(parent, period, Options(out=out, rollup=rolled, force=True))
    assert done.prepared.vm is not None, [f.message_en for f in done.prepared.errors[:3]]
    return done


def _single_check(root: Path, today: dt.date) -> None:
    """``check`` as shipped: a cold cache, every core."""
    with tempfile.TemporaryDirectory(prefix="plantrack-cache-") as cache:
        os.environ["PLANTRACK_CACHE_DIR"] = cache
        try:
            result = check(root, today=today)
        finally:
            os.environ.pop("PLANTRACK_CACHE_DIR", None)
    errors = [f for f in result.findings if f.severity == "error"]
    assert not errors, [f.message_en for f in errors[:3]]


def _mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100)
    parser.add_argument("--units", type=int, default=25, help="units of each child")
    parser.add_argument("--periods", type=int, default=4, choices=range(1, len(PERIODS) + 1))
    parser.add_argument("--jobs", type=int, default=8, help="children fetched at once")
    parser.add_argument(
        "--derive-jobs", type=int, default=None, help="processes deriving children (every core)"
    )
    parser.add_argument("--no-single", action="store_true", help="skip the single-repo check")
    parser.add_argument("--profile", action="store_true", help="cProfile the consolidation")
    parser.add_argument(
        "--keep", type=Path, help="generate into this folder and keep it; reused when run again"
    )
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="with --keep: keep the mirrors of the earlier run (no cold sync)",
    )
    return parser.parse_args()


def _rollups(
    args: argparse.Namespace, base: Path, parent: Path, period: str, rows: list[tuple[str, float]]
) -> tuple[float, float]:
    """Time the syncs and the two roll-up consolidations (every child derived, then every
    child kept); the peak memory after the first and the wall seconds of a warm roll-up."""
    how = Fetching(base / "cache", jobs=args.jobs, timeout=120, retries=0)
    if not (args.warm_only and (how.cache / "trees").is_dir()):
        shutil.rmtree(how.cache, ignore_errors=True)
        cold = _timed("rollup sync, cold (empty cache)", lambda: sync(parent, period, how), rows)
        assert cold.pinned == args.children, [f.message_en for f in cold.findings[:3]]
    warm = lambda: sync(parent, period, how, force=True)  # noqa: E731
    _timed("rollup sync, warm (all mirrored, nothing new)", warm, rows)
    synced = rows[-1][1]
    shutil.rmtree(how.cache / DERIVED, ignore_errors=True)
    out = base / "out"
    run = lambda: _rollup_consolidate(parent, period, how.cache, out, args.derive_jobs)  # noqa: E731
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    _timed(f"consolidate --rollup {period}, every child derived", run, rows)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    rolled_mb = _mb(resource.RUSAGE_SELF)
    _timed(f"consolidate --rollup {period}, children kept (warm)", run, rows)
    kept_s = rows[-1][1]
    fresh, kept = _derived
    assert kept.reports == fresh.reports and kept.children == fresh.children
    return rolled_mb, synced + kept_s


def main() -> None:
    """Generate; time cold sync, warm sync, the roll-up consolidation and the single check."""
    args = parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-rollup-"))
    base.mkdir(parents=True, exist_ok=True)
    reports = args.children * args.units
    print(
        f"{args.children} children × {args.units} units × {args.periods} periods "
        f"({reports * args.periods} child reports); load average at start "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        flush=True,
    )
    rows: list[tuple[str, float]] = []
    try:
        start = time.perf_counter()
        parent, shapes = generate(base, args.children, args.units, args.periods)
        period = shapes.periods[-1]
        print(f"generated in {time.perf_counter() - start:.1f} s", flush=True)
        rolled_mb, warm_total = _rollups(args, base, parent, period, rows)
        if not args.no_single:
            single = single_repository(base, shapes, reports)
            today = shapes.due[period] + dt.timedelta(days=30)
            label = f"check of one repository, {reports} reports (cold cache)"
            _timed(label, lambda: _single_check(single, today), rows)
        print(f"peak memory of this process: {rolled_mb:.0f} MB after the roll-up", flush=True)
        print(
            f"largest child process (git, check's workers): {_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
        print(f"load average at end {os.getloadavg()[0]:.2f}")
        print(f"warm roll-up (sync warm + consolidate warm): {warm_total:.2f} s wall")
        per = {label: took / args.children * 1000 for label, took in rows}
        for label, ms in per.items():
            print(f"  {label:<50} {ms:8.1f} ms per child")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
