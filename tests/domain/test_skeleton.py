"""Report skeletons: which entries, what is carried forward (from the unit's previous report
and, for a successor, its predecessors'), and the YAML text they become.

Read-only on the embedded Nam Trà My repository (this checkout's ``data/``)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plantrack.domain.skeleton import Skeleton, build_skeleton, lineage, refusal
from plantrack.io.repo import DataFile, list_data_files
from plantrack.models import Report, Unit
from plantrack.render.skeleton_yaml import SCHEMA_LINE, render_skeleton
from plantrack.validate.check import load_base
from plantrack.validate.context import Context
from plantrack.validate.loading import load_model

ROOT = Path(__file__).resolve().parents[2]
NNMT = "phong-nong-nghiep-moi-truong"
NNPTNT = "phong-nong-nghiep-ptnt"
TNMT = "phong-tai-nguyen-moi-truong"


@pytest.fixture(scope="module")
def ctx() -> Context:
    files, _ = list_data_files(ROOT)
    context = load_base(ROOT, files).context
    assert context is not None
    return context


def report(period: str, unit: str) -> Report:
    rel = f"data/reports/{period}/{unit}.yaml"
    loaded, _, findings = load_model(ROOT, DataFile("report", ROOT / rel, rel), Report)
    assert loaded is not None, findings
    return loaded


def skeleton(ctx: Context, unit: str, period: str, previous: dict[str, Report]) -> Skeleton:
    return build_skeleton(ctx, unit, ctx.period(period), previous)


def test_commune_entries_are_its_assigned_tasks_in_plan_order(ctx: Context) -> None:
    sk = skeleton(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": report("2024-Y", "xa-tra-mai")})
    assigned = ctx.assigned_to("xa-tra-mai", ctx.period("2025-Q1"))
    assert [e.task.id for e in sk.entries] == [a.task.id for a in assigned]
    assert [e.role for e in sk.entries] == [a.role for a in assigned]
    assert sk.prepared_by is not None and sk.prepared_by.name == "Nguyễn Thị Diệu"
    assert sk.approved_by is not None and sk.approved_by.title == "Chủ tịch UBND xã"


def test_commune_carries_forward_last_periods_answers(ctx: Context) -> None:
    last = report("2024-Y", "xa-tra-mai")
    sk = skeleton(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": last})
    before = {e.task: e for e in last.tasks}
    assert sk.carried_entries == len(sk.entries) == len(before)
    for entry in sk.entries:
        old = before[entry.task.id]
        assert (entry.state, entry.completed, entry.progress, entry.carried_out) == (
            old.state,
            old.completed,
            old.progress,
            old.carried_out,
        )
        assert entry.evidence == old.evidence
        assert [p.text for p in entry.past_results] == [old.results]
        assert all(p.period == "2024-Y" and p.author is None for p in entry.past_results)
    assert [p.text for p in sk.past_next_tasks] == last.next_tasks
    assert sk.sources == [("xa-tra-mai", "2024-Y")]


def test_commune_indicators_are_its_tasks_entered_indicators(ctx: Context) -> None:
    last = report("2024-Y", "xa-tra-mai")
    sk = skeleton(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": last})
    ids = [i.indicator.id for i in sk.indicators]
    assert set(ids) == set(last.indicators)  # the commune reported exactly these last year
    assert {i.id for i in sk.computed} == {"ty-le-dung-han", "ty-le-truc-tuyen"}
    assert not set(ids) & {i.id for i in sk.computed}
    values = {i.indicator.id: [v.value for v in i.previous] for i in sk.indicators}
    assert values["ho-so-tiep-nhan"] == [648]


def test_successor_department_carries_its_predecessors_tasks_and_answers(ctx: Context) -> None:
    labour = "phong-lao-dong-tbxh"  # handed over poverty reduction (pl2-05) on its own
    assert set(lineage(ctx, NNMT)) == {NNMT, NNPTNT, TNMT, labour}
    previous = {NNPTNT: report("2024-Y", NNPTNT), TNMT: report("2024-Y", TNMT)}
    sk = skeleton(ctx, NNMT, "2025-Q1", previous)
    inherited = {e.task for r in previous.values() for e in r.tasks}
    assert {e.task.id for e in sk.entries} == inherited | {"pl2-05"}
    assert all(e.via in (NNPTNT, TNMT, labour) for e in sk.entries)
    for entry in sk.entries:
        answers = [e for r in previous.values() for e in r.tasks if e.task == entry.task.id]
        assert entry.carried_from == sorted(
            uid for uid, r in previous.items() if any(e.task == entry.task.id for e in r.tasks)
        )
        if len(answers) == 1:
            (old,) = answers
            assert (entry.state, entry.completed, entry.progress, entry.evidence) == (
                old.state,
                old.completed,
                old.progress,
                old.evidence,
            )
            assert [p.text for p in entry.past_results] == [old.results]
            assert entry.past_results[0].author in (NNPTNT, TNMT)
    # both former departments answered pl2-23: the least advanced answer is carried
    merged = next(e for e in sk.entries if e.task.id == "pl2-23")
    assert merged.carried_from == [NNPTNT, TNMT]
    assert (merged.state, merged.progress) == ("in-progress", 60)
    assert len(merged.past_results) == 2


def test_own_report_beats_an_older_or_equal_predecessor_report(ctx: Context) -> None:
    own = report("2025-Q1", NNMT)
    older = report("2024-Y", TNMT)
    sk = skeleton(ctx, NNMT, "2025-H1", {NNMT: own, TNMT: older})
    task = next(e for e in sk.entries if e.task.id == "pl2-07")
    assert task.carried_from == [NNMT]
    assert (task.state, task.completed) == ("done", dt.date(2025, 2, 14))
    assert sk.indicators[0].previous[0].author is None  # own values only


def _entry(task: str, **values: Any) -> dict[str, Any]:
    return {"task": task, **values}


def _report(unit: str, period: str, *entries: dict[str, Any]) -> Report:
    return Report.model_validate({"unit": unit, "period": period, "tasks": list(entries)})


def test_merged_communes_answers_merge_conservatively(ctx: Context) -> None:
    doc = {"number": "1/TB", "date": "2025-01-02", "title": "Thông báo"}
    mai = _report(
        "xa-tra-mai",
        "2025-Q1",
        _entry("pl1-06", state="done", completed="2025-01-10", progress=100, evidence=[doc]),
        _entry("pl2-06", state="done", completed="2025-02-01", progress=100),
        _entry("pl1-02", state="in-progress", carried_out=False),
    )
    don = _report(
        "xa-tra-don",
        "2025-Q1",
        _entry("pl1-06", state="done", completed="2025-03-01", progress=100, evidence=[doc]),
        _entry("pl2-06", state="in-progress", progress=40),
        _entry("pl1-02", state="in-progress", carried_out=True),
    )
    # the merged commune exists from 1/7/2025 (Nghị quyết 1659/NQ-UBTVQH15)
    sk = skeleton(ctx, "xa-nam-tra-my-moi", "2025-Y", {"xa-tra-mai": mai, "xa-tra-don": don})
    by_task = {e.task.id: e for e in sk.entries}
    both_done = by_task["pl1-06"]
    assert (both_done.state, both_done.completed, both_done.progress) == (
        "done",
        dt.date(2025, 3, 1),
        100,
    )
    assert len(both_done.evidence) == 1  # the same document once
    one_open = by_task["pl2-06"]
    assert (one_open.state, one_open.completed, one_open.progress) == ("in-progress", None, 40)
    assert by_task["pl1-02"].carried_out is True
    assert by_task["pl1-02"].carried_from == ["xa-tra-don", "xa-tra-mai"]
    # a task nobody answered starts from scratch
    fresh = [e for e in sk.entries if not e.carried]
    assert fresh and all(e.state == "not-started" and e.progress is None for e in fresh)


def test_reports_of_the_period_itself_or_later_are_ignored(ctx: Context) -> None:
    same = report("2025-Q1", "xa-tra-mai")
    sk = skeleton(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": same})
    assert sk.carried_entries == 0 and sk.sources == []


def test_refusals_name_the_reason(ctx: Context) -> None:
    q1 = ctx.period("2025-Q1")
    assert refusal(ctx, "xa-tra-mai", q1) is None
    unknown = refusal(ctx, "xa-tra-mia", q1)
    assert unknown is not None and "'xa-tra-mai'" in unknown
    gone = refusal(ctx, NNPTNT, q1)
    assert gone is not None and NNMT in gone and "14/03/2025" in gone
    idle = Unit(id="ban-moi", name="Ban mới", kind="office")
    lonely = Context(ctx.plan, {**ctx.units, "ban-moi": idle})
    assert "không được giao nhiệm vụ" in (refusal(lonely, "ban-moi", q1) or "")


# ── the YAML text ────────────────────────────────────────────────────────────────────────


def _text(ctx: Context, unit: str, period: str, previous: dict[str, Report]) -> str:
    rel = f"data/reports/{period}/{unit}.yaml"
    return render_skeleton(skeleton(ctx, unit, period, previous), rel)


def test_yaml_reads_back_as_the_skeleton(ctx: Context) -> None:
    last = report("2024-Y", "xa-tra-mai")
    text = _text(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": last})
    assert text.splitlines()[0] == SCHEMA_LINE
    assert unicodedata.is_normalized("NFC", text)
    data = yaml.safe_load(text)
    parsed = Report.model_validate(data)
    assert (parsed.unit, parsed.period, parsed.submitted) == ("xa-tra-mai", "2025-Q1", None)
    before = {e.task: e for e in last.tasks}
    for entry in parsed.tasks:
        old = before[entry.task]
        assert (entry.state, entry.completed, entry.progress, entry.carried_out) == (
            old.state,
            old.completed,
            old.progress,
            old.carried_out,
        )
        assert entry.results is None and entry.difficulties is None
    assert set(parsed.indicators) == set(last.indicators)
    assert all(v is None for v in parsed.indicators.values())
    assert (parsed.difficulties, parsed.proposals, parsed.next_tasks) == ([], [], [])
    assert parsed.narrative is not None and parsed.narrative.direction is None


def test_yaml_comments_carry_titles_deadlines_roles_and_last_texts(ctx: Context) -> None:
    last = report("2024-Y", "xa-tra-mai")
    text = _text(ctx, "xa-tra-mai", "2025-Q1", {"xa-tra-mai": last})
    assert "# ── pl1-06 · Chủ trì · Thời hạn: Tháng 12/2024" in text
    assert "# ── pl2-22 · Phối hợp · Thời hạn: Thường xuyên" in text
    assert "# Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực" in text
    assert "# Kết quả kỳ 2024-Y: Hoàn thành ngày 12/12/2024" in text
    assert "# Số hồ sơ thủ tục hành chính tiếp nhận (đơn vị tính: hồ sơ); kỳ 2024-Y: 648" in text
    assert "ty-le-dung-han (" in text and "\n  ty-le-dung-han:" not in text
    assert all(len(line) <= 100 for line in text.splitlines() if line.lstrip().startswith("#"))


def test_successor_yaml_names_where_values_came_from(ctx: Context) -> None:
    previous = {NNPTNT: report("2024-Y", NNPTNT), TNMT: report("2024-Y", TNMT)}
    text = _text(ctx, NNMT, "2025-Q1", previous)
    assert "Kế thừa từ Phòng Tài nguyên và Môi trường" in text
    assert "# Giá trị dưới đây lấy từ báo cáo của Phòng Nông nghiệp và PTNT" in text
    assert "# Kết quả kỳ 2024-Y của Phòng Tài nguyên và Môi trường: " in text


def test_no_previous_report_gives_a_clean_start(ctx: Context) -> None:
    text = _text(ctx, "xa-tra-van", "2024-Q3", {})
    parsed = Report.model_validate(yaml.safe_load(text))
    assert {e.state for e in parsed.tasks} == {"not-started"}
    assert "Chưa có báo cáo kỳ trước" in text


_HOSTILE = st.text(st.characters(codec="utf-8"), min_size=1, max_size=80).filter(
    lambda s: s.strip() != ""
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(results=_HOSTILE, title=_HOSTILE, name=_HOSTILE)
@example(results="x\u2028tasks: []", title="a\x85unit: b\r\n- c", name="Lê #1: 'x\"")
@example(results="e\u0301\tb", title="\ufeff# not a key", name="  - task: pl1-01")
def test_any_text_stays_inside_comments(ctx: Context, results: str, title: str, name: str) -> None:
    """Line breaks (including U+2028, NEL), '#', ': ' or quotes in earlier text, a task title
    or a person's name never leak into the YAML structure."""
    task = ctx.tasks["pl1-06"].model_copy(update={"title": title})
    plan = ctx.plan.model_copy(
        update={"tasks": [task if t.id == "pl1-06" else t for t in ctx.plan.tasks]}
    )
    mai = ctx.units["xa-tra-mai"]
    head = mai.head.model_copy(update={"name": name}) if mai.head else None
    units = {**ctx.units, "xa-tra-mai": mai.model_copy(update={"head": head})}
    hostile = Context(plan, units)
    last = _report("xa-tra-mai", "2024-Y", _entry("pl1-06", state="in-progress", results=results))
    text = render_skeleton(
        build_skeleton(hostile, "xa-tra-mai", hostile.period("2025-Q1"), {"xa-tra-mai": last}),
        "data/reports/2025-Q1/xa-tra-mai.yaml",
    )
    data = yaml.safe_load(text)
    assert set(data) == {
        "unit",
        "period",
        "submitted",
        "number",
        "prepared_by",
        "approved_by",
        "tasks",
        "indicators",
        "narrative",
        "difficulties",
        "proposals",
        "next_tasks",
    }
    assert data["approved_by"]["name"] == unicodedata.normalize("NFC", name)
    entry = next(e for e in data["tasks"] if e["task"] == "pl1-06")
    assert entry["state"] == "in-progress" and entry["results"] is None
    Report.model_validate(data)
