"""A synthetic plantrack repository for benchmarks: plan, units, indices and unit reports.

Deterministic for a given seed. Every report answers exactly the tasks assigned to its unit,
with dates inside the period's window, so that ``plantrack check`` finds nothing to say.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from vocab import (
    COMMUNE_SLUGS,
    COMMUNES,
    DIFFICULTIES,
    DOC_KINDS,
    GIVEN,
    INDICATORS,
    OBJECTS,
    OFFICES,
    PAPI,
    PLACES,
    PROPOSALS,
    REMARKS,
    REPORTABLE,
    SIPAS,
    SURNAMES,
    TASK_TITLES,
    VERBS,
)

from plantrack.models.period import Period, PeriodRule, make_period

PERIOD_KINDS = ("Q1", "H1", "Q3", "Y")
FIRST_PERIOD = "2024-Q3"
# The plan reports Q3 as "9 tháng" (cumulative from 15/12), as district plans usually do.
SCHEDULE = {"Q3": {"label": "9 tháng", "start": "12-15", "cutoff": "09-14", "due": "09-15"}}
SCHEMA_HEADER = "# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"


@dataclass
class Spec:
    """What to generate."""

    tasks: int = 40
    units: int = 250
    periods: int = 8
    reports: int = 2000
    seed: int = 20240915
    grouped: bool = False
    """Tasks name groups that units join in their own files (``groups:``) instead of listing
    units in the plan: how a national plan with thousands of units is written."""


@dataclass
class Summary:
    """What was generated."""

    root: Path
    periods: list[Period]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        """A check date after every report's submission."""
        return max(p.due for p in self.periods) + dt.timedelta(days=30)


def period_ids(count: int) -> list[str]:
    """``count`` required periods from ``FIRST_PERIOD`` in order: 2024-Q3, 2024-Y, 2025-Q1 …"""
    year, kind = int(FIRST_PERIOD[:4]), FIRST_PERIOD[5:]
    index = PERIOD_KINDS.index(kind)
    out: list[str] = []
    while len(out) < count:
        out.append(f"{year}-{PERIOD_KINDS[index]}")
        index += 1
        if index == len(PERIOD_KINDS):
            index, year = 0, year + 1
    return out


def _dump(path: Path, data: dict[str, Any], kind: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    up = "../" * (len(path.parts) - path.parts.index("data") - 1)
    body = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
    text = SCHEMA_HEADER.format(up=up, kind=kind) + body
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _head_title(unit: dict[str, Any]) -> str:
    return "Chủ tịch UBND xã" if unit["kind"] == "commune" else "Thủ trưởng đơn vị"


def _person(rng: random.Random, title: str) -> dict[str, Any]:
    return {
        "name": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
        "title": title,
        "phone": f"0235 38{rng.randrange(10000, 99999)}",
    }


def make_units(count: int) -> list[dict[str, Any]]:
    """``count`` units: the offices (phong-noi-vu first) and numbered communes."""
    offices = max(len(OFFICES) // 2, count // 5)
    units: list[dict[str, Any]] = []
    for i in range(min(offices, count)):
        uid, name, kind = OFFICES[i % len(OFFICES)]
        suffix = i // len(OFFICES)
        units.append(
            {
                "id": f"{uid}-{suffix}" if suffix else uid,
                "name": f"{name} {suffix}" if suffix else name,
                "kind": kind,
            }
        )
    for i in range(count - len(units)):
        slug, name = COMMUNE_SLUGS[i % len(COMMUNES)], COMMUNES[i % len(COMMUNES)]
        number = i // len(COMMUNES) + 1
        units.append(
            {
                "id": f"xa-{slug}-{number:02d}",
                "name": f"UBND xã {name} {number}",
                "short": f"{name} {number}",
                "kind": "commune",
            }
        )
    return units


def make_tasks(
    rng: random.Random, count: int, units: list[dict[str, Any]], grouped: bool = False
) -> list[dict[str, Any]]:
    """Tasks led by groups or by listed units, so that each unit answers for about 8–15.

    ``grouped``: instead of listing units, a task names a group per role, and each unit's
    ``groups`` (set here on the unit dicts) says which of them it belongs to.
    """
    times = (
        "Thường xuyên",
        "Quý III/2024",
        "2025-06-30",
        "Năm 2025",
        "6 tháng đầu năm 2026",
        "Tháng 12/2025",
        "Thường xuyên",
        "30/9/2026",
    )
    group_tasks = {i for i in range(count) if i % 8 in (0, 4)}
    listed = [i for i in range(count) if i not in group_tasks]
    chosen: dict[int, list[str]] = {i: [] for i in listed}
    for unit in units:
        for i in rng.sample(listed, k=min(len(listed), rng.randint(3, 10))):
            chosen[i].append(unit["id"])
    tasks = []
    memberships: dict[str, list[str]] = {}
    for i in range(count):
        section = ("pl1", "pl2", "pl3")[i % 3]
        task: dict[str, Any] = {
            "id": f"t{i + 1:02d}",
            "section": section,
            "title": f"{TASK_TITLES[i % len(TASK_TITLES)]} (nội dung {i + 1})",
            "description": "Thực hiện theo hướng dẫn của UBND tỉnh và Sở Nội vụ; " + REMARKS[i % 5],
        }
        if section != "pl3":
            codes, index = (SIPAS, "SIPAS") if section == "pl1" else (PAPI, "PAPI")
            task["targets"] = [f"{index}.{code}" for code in rng.sample(codes, k=2)]
        if i in group_tasks:
            task["lead"] = ["cac-xa"] if i % 8 == 0 else ["cac-co-quan"]
            task["support"] = ["phong-noi-vu"] if i % 8 == 4 else []
        else:
            ids = chosen[i] or ["phong-noi-vu"]
            task["lead"], task["support"] = (
                ids[: max(1, len(ids) // 3)],
                ids[max(1, len(ids) // 3) :],
            )
            if grouped:
                for role, word in (("lead", "chu-tri"), ("support", "phoi-hop")):
                    if task[role]:
                        group = f"{task['id']}-{word}"
                        for uid in task[role]:
                            memberships.setdefault(uid, []).append(group)
                        task[role] = [group]
        task["time"] = times[i % len(times)]
        task["output"] = "Báo cáo kết quả thực hiện gửi Phòng Nội vụ tổng hợp."
        task["indicators"] = rng.sample(REPORTABLE, k=rng.randint(0, 2)) + (
            ["ty-le-dung-han"] if i % 10 == 3 else []
        )
        tasks.append(task)
    for unit in units:
        if unit["id"] in memberships:
            unit["groups"] = memberships[unit["id"]]
    return tasks


def make_plan(rng: random.Random, spec: Spec, units: list[dict[str, Any]]) -> dict[str, Any]:
    """The plan file's content."""
    tasks = make_tasks(rng, spec.tasks, units, spec.grouped)
    declared = sorted({g for u in units for g in u.get("groups", ())})
    return {
        "id": "ke-hoach-bench",
        "number": "4770/KH-UBND",
        "title": "Kế hoạch nâng cao Chỉ số SIPAS, PAPI và PAR INDEX giai đoạn 2024–2026",
        "note": "Dữ liệu tổng hợp, sinh tự động cho đo hiệu năng.",
        "issuer": "UBND huyện Thử Nghiệm",
        "place": "Thử Nghiệm",
        "issued": dt.date(2024, 7, 1),
        "basis": [
            {
                "number": "76/NQ-CP",
                "date": dt.date(2021, 7, 15),
                "issuer": "Chính phủ",
                "title": "Nghị quyết ban hành Chương trình tổng thể cải cách hành chính nhà nước",
            }
        ],
        "purposes": ["Nâng cao chất lượng phục vụ người dân, tổ chức.", REMARKS[1]],
        "requirements": ["Các đơn vị báo cáo đúng hạn, đầy đủ nội dung.", REMARKS[4]],
        "sections": [
            {"id": "pl1", "title": "Phụ lục I - Nâng cao Chỉ số SIPAS", "index": "SIPAS"},
            {"id": "pl2", "title": "Phụ lục II - Nâng cao Chỉ số PAPI", "index": "PAPI"},
            {"id": "pl3", "title": "Phụ lục III - Nhiệm vụ khác"},
        ],
        "groups": [
            {"id": "cac-xa", "name": "UBND các xã", "kinds": ["commune"]},
            {
                "id": "cac-co-quan",
                "name": "Các cơ quan, đơn vị cấp huyện",
                "kinds": ["department", "office", "public-service", "organisation"],
            },
            *(
                {
                    "id": g,
                    "name": f"Đơn vị {'chủ trì' if 'chu-tri' in g else 'phối hợp'} "
                    f"nhiệm vụ {g.split('-')[0]}",
                }
                for g in declared
            ),
        ],
        "indicators": list(INDICATORS),
        "reporting": {
            "consolidator": "phong-noi-vu",
            "maintainers": ["clerk@example.vn"],
            "periods": list(PERIOD_KINDS),
            "first": FIRST_PERIOD,
            "schedule": SCHEDULE,
        },
        "tasks": tasks,
    }


def _index(iid: str, name: str, codes: tuple[str, ...], low: float, high: float) -> dict[str, Any]:
    return {
        "id": iid,
        "name": name,
        "scale": {"min": 0, "max": 100, "unit": "%"},
        "components": [
            {"code": c, "name": f"Thành phần {c}", "scale": {"min": low, "max": high}}
            for c in codes
        ],
        "observations": [
            {
                "year": 2023,
                "scope": "Tỉnh Thử Nghiệm",
                "total": 78.4,
                "scores": {c: round((low + high) / 2, 2) for c in codes},
                "source": "Bộ Nội vụ",
            }
        ],
    }


def assignments(
    plan: dict[str, Any], units: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Tasks each unit answers for (every unit alive throughout, so one answer for all periods)."""
    groups = {g["id"]: set(g.get("kinds", ())) for g in plan["groups"]}
    declared: dict[str, list[str]] = {}
    for unit in units:
        for group in unit.get("groups", ()):
            declared.setdefault(group, []).append(unit["id"])
    out: dict[str, list[dict[str, Any]]] = {u["id"]: [] for u in units}
    for task in plan["tasks"]:
        seen: set[str] = set()
        for ref in task["lead"] + task["support"]:
            members = (
                [u["id"] for u in units if u["kind"] in groups[ref]] + declared.get(ref, [])
                if ref in groups
                else [ref]
            )
            for uid in members:
                if uid not in seen:
                    seen.add(uid)
                    out[uid].append(task)
    return out


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _evidence(rng: random.Random, period: Period) -> list[dict[str, Any]]:
    docs = []
    for _ in range(rng.randint(1, 2)):
        code, title = rng.choice(DOC_KINDS)
        docs.append(
            {
                "number": f"{rng.randint(1, 999)}/{code}-UBND",
                "date": _day_in(rng, period.start, period.cutoff),
                "title": f"{title} {rng.choice(OBJECTS)} năm {period.year}",
            }
        )
    return docs


def _results(rng: random.Random) -> str:
    said = (
        f"{rng.choice(VERBS)} {rng.randint(2, 240)} {rng.choice(OBJECTS)} tại {rng.choice(PLACES)}."
    )
    return f"{said} {rng.choice(REMARKS)}" if rng.random() < 0.6 else said


def _entry(
    rng: random.Random, task: dict[str, Any], period: Period, done_on: dt.date
) -> dict[str, Any]:
    entry: dict[str, Any] = {"task": task["id"]}
    if task["time"] == "Thường xuyên":
        entry.update(state="in-progress", carried_out=rng.random() < 0.9)
    elif done_on <= period.cutoff:
        entry.update(state="done", completed=done_on, progress=100)
    else:
        entry.update(state="in-progress", progress=rng.randrange(10, 95, 5))
    entry["results"] = _results(rng)
    entry["evidence"] = _evidence(rng, period)
    if rng.random() < 0.3:
        entry["difficulties"] = rng.choice(DIFFICULTIES)
    if rng.random() < 0.2:
        entry["next_steps"] = "Tiếp tục " + rng.choice(OBJECTS) + " trong kỳ tới."
    return entry


def make_report(
    rng: random.Random,
    unit: dict[str, Any],
    period: Period,
    tasks: list[dict[str, Any]],
    done_on: dict[str, dt.date],
) -> dict[str, Any]:
    """One unit's report for one period, answering every assigned task."""
    submitted = _day_in(rng, period.cutoff, period.due + dt.timedelta(days=5))
    wanted = sorted({ind for t in tasks for ind in t["indicators"] if ind in REPORTABLE})
    return {
        "unit": unit["id"],
        "period": period.id,
        "submitted": submitted,
        "number": f"{rng.randint(1, 300)}/BC-UBND",
        "prepared_by": _person(rng, "Công chức Văn phòng - Thống kê"),
        "approved_by": _person(rng, _head_title(unit)),
        "tasks": [_entry(rng, t, period, done_on[t["id"]]) for t in tasks],
        "indicators": {ind: rng.randint(0, 500) for ind in wanted},
        "narrative": {
            "direction": "Ban hành kế hoạch, phân công nhiệm vụ cụ thể cho từng công chức. "
            + rng.choice(REMARKS),
            "communication": f"Tuyên truyền {rng.randint(5, 60)} lượt trên loa truyền thanh "
            f"và {rng.randint(1, 12)} tin, bài trên Trang thông tin điện tử.",
        },
        "difficulties": rng.sample(DIFFICULTIES, k=rng.randint(1, 2)),
        "proposals": rng.sample(PROPOSALS, k=rng.randint(1, 2)),
        "next_tasks": [
            "Tiếp tục thực hiện các nhiệm vụ được giao theo Kế hoạch.",
            rng.choice(REMARKS),
        ],
    }


def generate(root: Path, spec: Spec) -> Summary:
    """Write the repository under ``root`` (which should be empty) and summarise it."""
    rng = random.Random(spec.seed)
    data = root / "data"
    units = make_units(spec.units)
    plan = make_plan(rng, spec, units)
    rules = {k: PeriodRule(**v) for k, v in SCHEDULE.items()}
    periods = [make_period(pid, rules) for pid in period_ids(spec.periods)]
    if spec.reports > len(units) * len(periods):
        raise SystemExit(
            f"--reports {spec.reports} > units × periods = {len(units) * len(periods)}"
        )
    summary = Summary(root, periods, {"plan": 1, "unit": len(units), "index": 2, "report": 0})
    _dump(data / "plan.yaml", plan, "plan")
    for unit in units:
        _dump(
            data / "units" / f"{unit['id']}.yaml",
            {
                **unit,
                "head": _person(rng, _head_title(unit)),
                "authors": [f"{unit['id']}@example.vn"],
            },
            "unit",
        )
    _dump(
        data / "indices" / "sipas.yaml",
        _index("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính", SIPAS, 0, 100),
        "index",
    )
    _dump(
        data / "indices" / "papi.yaml",
        _index("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh", PAPI, 1, 10),
        "index",
    )
    assigned = assignments(plan, units)
    end = periods[-1].cutoff + dt.timedelta(days=120)
    done_on = {
        (u["id"], t["id"]): _day_in(rng, periods[0].start + dt.timedelta(days=60), end)
        for u in units
        for t in assigned[u["id"]]
    }
    per_period = [
        spec.reports // len(periods) + (i < spec.reports % len(periods))
        for i in range(len(periods))
    ]
    for period, count in zip(periods, per_period, strict=True):
        for unit in units[:count]:
            tasks = assigned[unit["id"]]
            dates = {t["id"]: done_on[unit["id"], t["id"]] for t in tasks}
            report = make_report(rng, unit, period, tasks, dates)
            _dump(data / "reports" / period.id / f"{unit['id']}.yaml", report, "report")
            summary.counts["report"] += 1
    return summary
