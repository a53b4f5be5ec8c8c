"""Benchmark ``plantrack audit`` on a large history (issue 6: 10,000 commits and 5,000 report
files must audit "in seconds").

Run from the repository root with the project's venv active::

    python benchmarks/bench_audit.py [--commits 10000] [--reports 5000] [--keep DIR]

It writes the synthetic plan, units and reports of ``synthrepo.py`` (as ``bench_check.py``
does), then builds their history with ``git fast-import`` in one process: the plan and
units by the clerk, each report added by its unit's author on its submission date, edits
(some late, about 1 % by an outsider), task deadlines moved in the plan, and consolidation
records for some periods with edits after them. It then times ``run_audit`` in-process, best
of ``--repeat``, and prints the findings by code.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import datetime as dt
import hashlib
import pstats
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from synthrepo import Spec, generate

from plantrack.app.audit import run_audit
from plantrack.io.yamlwrite import dump_yaml

TZ = dt.timezone(dt.timedelta(hours=7))
CLERK = "clerk@example.vn"
OUTSIDER = "outsider@example.com"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--commits", type=int, default=10_000, help="commits in the history")
    p.add_argument("--reports", type=int, default=5_000, help="report files")
    p.add_argument("--units", type=int, default=250, help="units (communes and offices)")
    p.add_argument("--plan-edits", type=int, default=20, help="commits moving a deadline")
    p.add_argument("--records", type=int, default=3, help="periods with a consolidation record")
    p.add_argument("--repeat", type=int, default=3, help="runs; the best counts")
    p.add_argument("--keep", type=Path, help="build into DIR (new or empty) and leave it")
    p.add_argument("--profile", action="store_true", help="cProfile one audit run")
    p.add_argument("--seed", type=int, default=6)
    return p.parse_args(argv)


class FastImport:
    """One ``git fast-import`` process writing commits to ``refs/heads/main``."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out: IO[bytes] = self.proc.stdin
        self.answers: IO[bytes] = self.proc.stdout
        self.mark = 0
        self.commits = 0

    def commit(
        self,
        email: str,
        when: dt.datetime,
        message: str,
        files: dict[str, bytes | None],
    ) -> int:
        """A commit setting (bytes) or deleting (None) ``files``; its mark."""
        self.mark += 1
        stamp = f"{int(when.timestamp())} +0700"
        who = f"{email.split('@')[0]} <{email}> {stamp}"
        msg = message.encode("utf-8")
        head = f"commit refs/heads/main\nmark :{self.mark}\nauthor {who}\ncommitter {who}\n"
        parts = [head.encode(), b"data %d\n" % len(msg), msg, b"\n"]
        if self.mark > 1:
            parts.append(b"from :%d\n" % (self.mark - 1))
        for path, data in files.items():
            if data is None:
                parts.append(f"D {path}\n".encode())
            else:
                parts += [f"M 100644 inline {path}\n".encode(), b"data %d\n" % len(data), data]
                parts.append(b"\n")
        self.out.write(b"".join(parts) + b"\n")
        self.commits += 1
        return self.mark

    def sha(self, mark: int) -> str:
        """The commit id of ``mark``, asked of fast-import while it runs."""
        self.out.write(b"get-mark :%d\n" % mark)
        self.out.flush()
        return self.answers.readline().decode().strip()

    def done(self) -> None:
        """Finish the import."""
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise SystemExit("git fast-import failed")


def _day(text: str, hour: int) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(hour), TZ)


Event = tuple[dt.datetime, int, str, Any]  # when, kind (1 report, 2 edit, 3 plan, 4 record), key


def build(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Generate the files, then their history; a summary of what was built."""
    rng = random.Random(args.seed)
    periods = max(1, -(-args.reports // args.units))
    summary = generate(root, Spec(units=args.units, periods=periods, reports=args.reports))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    data = root / "data"
    base = {p.relative_to(root).as_posix(): p.read_bytes() for p in data.rglob("*.yaml")}
    reports = {k: v for k, v in base.items() if k.startswith("data/reports/")}
    current = {k: v for k, v in base.items() if k not in reports}
    events = _events(rng, reports, summary, args)
    fi = FastImport(root)
    first = summary.periods[0].start
    fi.commit(CLERK, _day(str(first - dt.timedelta(days=30)), 8), "Kế hoạch và đơn vị", current)
    for event in events:
        _replay(fi, rng, event, current, summary)
    commits = fi.commits
    fi.done()
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
    return {"commits": commits, "reports": len(reports), "periods": len(summary.periods)}


def _events(
    rng: random.Random, reports: dict[str, bytes], summary: Any, args: argparse.Namespace
) -> list[Event]:
    """Every commit after the first, in history order."""
    events: list[Event] = []
    added: dict[str, dt.datetime] = {}
    for path, content in reports.items():
        submitted = re.search(rb"^submitted: '?(\d{4}-\d{2}-\d{2})", content, re.MULTILINE)
        assert submitted is not None
        added[path] = _day(submitted.group(1).decode(), 9)
        events.append((added[path], 1, path, content))
    edits = args.commits - 1 - len(reports) - args.plan_edits - args.records
    paths = sorted(reports)
    for i in range(max(0, edits)):
        # a correction within ten days of the report, so some come after the due date
        path = rng.choice(paths)
        when = added[path] + dt.timedelta(days=rng.randint(0, 10), hours=5, minutes=i % 600)
        events.append((when, 2, path, i))
    first, last = summary.periods[0].start, summary.periods[-1].due
    span = (last - first).days
    for i in range(args.plan_edits):
        events.append((_day(str(first + dt.timedelta(days=span * i // 20)), 11), 3, "plan", i))
    for period in summary.periods[1 : 1 + args.records]:
        events.append((_day(str(period.due + dt.timedelta(days=10)), 16), 4, period.id, None))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return events


PLAN_TIMES = re.compile(rb"^( +time: )(.*)$", re.MULTILINE)


def _replay(
    fi: FastImport, rng: random.Random, event: Event, current: dict[str, bytes], summary: Any
) -> None:
    """One commit: a report added, a report edited, a deadline moved, or a record."""
    when, kind, key, payload = event
    if kind == 1:
        current[key] = payload
        unit = key.rsplit("/", 1)[-1].removesuffix(".yaml")
        fi.commit(f"{unit}@example.vn", when, f"Báo cáo {key}", {key: payload})
    elif kind == 2:
        number = b"number: %d/BC-UBND" % payload
        text = re.sub(rb"^number: .*$", number, current[key], count=1, flags=re.M)
        current[key] = text
        unit = key.rsplit("/", 1)[-1].removesuffix(".yaml")
        email = OUTSIDER if rng.random() < 0.01 else f"{unit}@example.vn"
        fi.commit(email, when, f"Sửa {key}", {key: text})
    elif kind == 3:
        plan = current["data/plan.yaml"]
        found = list(PLAN_TIMES.finditer(plan))
        hit = found[payload % len(found)]
        value = b"'2026-12-31'" if hit.group(2) != b"'2026-12-31'" else "Thường xuyên".encode()
        plan = plan[: hit.start(2)] + value + plan[hit.end(2) :]
        current["data/plan.yaml"] = plan
        fi.commit(CLERK, when, "Điều chỉnh thời hạn", {"data/plan.yaml": plan})
    else:
        previous = fi.sha(fi.mark)
        record = _record(key, previous, when - dt.timedelta(hours=1), current, summary)
        fi.commit(CLERK, when, f"Ghi nhận tổng hợp {key}", {record[0]: record[1]})


def _record(
    period_id: str, data_commit: str, when: dt.datetime, current: dict[str, bytes], summary: Any
) -> tuple[str, bytes]:
    ids = [p.id for p in summary.periods]
    previous = ids[ids.index(period_id) - 1] if ids.index(period_id) else None
    inputs = sorted(
        path
        for path in current
        if not path.startswith("data/reports/") or path.split("/")[2] in (period_id, previous)
    )
    data = {
        "period": period_id,
        "as_of": next(p.cutoff for p in summary.periods if p.id == period_id).isoformat(),
        "tool": "plantrack",
        "version": "bench",
        "data_commit": data_commit,
        "data_commit_date": when.isoformat(),
        "files": [{"path": p, "sha256": hashlib.sha256(current[p]).hexdigest()} for p in inputs],
    }
    return f"data/consolidations/{period_id}.yaml", dump_yaml(data).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build, then time the audit."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        root = args.keep or Path(tmp) / "repo"
        root.mkdir(parents=True, exist_ok=True)
        if any(root.iterdir()):
            raise SystemExit(f"{root} is not empty")
        start = time.perf_counter()
        built = build(root, args)
        built_in = time.perf_counter() - start
        print(
            f"built {built['commits']} commits, {built['reports']} report files over "
            f"{built['periods']} periods in {built_in:.1f} s ({root})"
        )
        times = []
        result = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = run_audit(root)
            times.append(time.perf_counter() - start)
        assert result is not None
        by_code = collections.Counter(f.finding.code for f in result.findings)
        print(f"audit: {result.commits} commits examined, best {min(times):.2f} s ", end="")
        print(f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
        print("findings: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(run_audit, root)
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
