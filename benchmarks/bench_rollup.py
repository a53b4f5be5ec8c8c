"""Roll-up across repositories at city size: a parent and N children (local bare repositories
built from ``tests/fixtures/mini``), timed for ``rollup sync`` with an empty cache (cold), with
every child already mirrored and nothing new (warm), and for deriving every child's report
(``rollup verify``). Run from the repository root with the project's venv:

    python benchmarks/bench_rollup.py --children 100
    python benchmarks/bench_rollup.py --children 100 --keep /tmp/city   # keep what it generated

Not a test: nothing in ``tests/`` times anything.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_verify import verify

MINI = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mini"
PERIOD = "2024-Q3"
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.vn",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.vn",
    "GIT_AUTHOR_DATE": "2024-09-18T10:00:00+07:00",
    "GIT_COMMITTER_DATE": "2024-09-18T10:00:00+07:00",
}


def _git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)


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


def generate(base: Path, children: int) -> Path:
    """The parent repository and ``children`` bare child repositories under ``base``."""
    parent = base / "parent"
    shutil.copytree(MINI, parent)
    plan_text = (MINI / "data/plan.yaml").read_text("utf-8")
    for n in range(children):
        unit = f"xa-{n:04d}"
        work = base / "work" / unit
        shutil.copytree(MINI / "data", work / "data")
        (work / "data/plan.yaml").write_text(child_plan(plan_text, unit), "utf-8")
        bare = base / "served" / f"{unit}.git"
        _git("init", "-q", "--bare", "-b", "main", str(bare))
        _git(f"--git-dir={bare}", f"--work-tree={work}", "add", "-A")
        _git(f"--git-dir={bare}", f"--work-tree={work}", "commit", "-q", "-m", "dữ liệu")
        (parent / f"data/units/{unit}.yaml").write_text(
            f"id: {unit}\nname: UBND xã {n}\nkind: commune\n"
            f"repository:\n  url: {bare}\n  branch: main\n",
            "utf-8",
        )
    return parent


def _timed(label: str, run: object) -> float:
    start = time.perf_counter()
    result = run()  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<40} {took:8.2f} s")
    return result  # type: ignore[no-any-return]


def main() -> None:
    """Generate, then time cold sync, warm sync and deriving every child's report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-rollup-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        parent = generate(base, args.children)
        print(f"generated {args.children} children in {time.perf_counter() - start:.1f} s")
        how = Fetching(base / "cache", jobs=args.jobs, timeout=120, retries=0)
        cold = _timed("rollup sync, cold (empty cache)", lambda: sync(parent, PERIOD, how))
        assert cold.pinned == args.children, [f.message_en for f in cold.findings[:3]]
        _timed("rollup sync, warm (all mirrored)", lambda: sync(parent, PERIOD, how, force=True))
        derive = lambda: verify(parent, PERIOD, how.cache)  # noqa: E731
        checked = _timed("derive every child's report (verify)", derive)
        unexpected = [f for f in checked.findings if f.code not in ("PT708",)]
        assert not unexpected, [f.message_en for f in unexpected[:3]]
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {own:.0f} MB (the plantrack process; git runs in its own)")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
