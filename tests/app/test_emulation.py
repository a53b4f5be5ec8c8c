"""``emulation score`` on the embedded data (a hand count), on another district's scheme with
other criteria (no code change), and the rules of schemes and self-assessments."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from plantrack.app.emulation import emulation_score

PROJECT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def embedded():  # type: ignore[no-untyped-def]
    result = emulation_score(PROJECT, 2024, today=TODAY)
    assert result.result is not None, [f.message_en for f in result.errors]
    return result.result


def test_embedded_units_ranked_within_their_clusters(embedded) -> None:  # type: ignore[no-untyped-def]
    names = [c.id for c in embedded.clusters]
    assert names == ["khoi-xa", "khoi-phong-ban"]
    communes = embedded.clusters[0].units
    assert {u.kind for u in communes} == {"commune"}
    assert len(communes) == 10
    assert communes[0].unit_id == "xa-tra-mai" and communes[0].rank == 1
    assert {u.kind for u in embedded.clusters[1].units} == {"department", "public-service"}
    # outside the issuer's authority: scored for information, never ranked
    assert {u.unit_id for u in embedded.unranked} == {
        "chi-nhanh-vpdkdd",
        "cong-an-huyen",
        "hoi-lhpn-huyen",
        "hoi-nong-dan-huyen",
        "huyen-doan",
        "ubmttq-huyen",
    }
    assert all(u.rank is None for u in embedded.unranked)
    # units born in 2025 are not scored in 2024
    assert embedded.unit("xa-tra-leng-moi") is None


def test_hand_count_tra_vinh(embedded) -> None:  # type: ignore[no-untyped-def]
    """Trà Vinh, counted by hand from data/: lead tasks due at 14/12/2024 — two done on
    time (pl2-01 hộp thư góp ý, pl3 kế hoạch của xã), one overdue (đối thoại, due
    30/11/2024): 40 × 2/3 = 26.67; reports — 9 months sent 10/09 (due 15/09), the year
    sent 16/12 (due 15/12): 20 − 5 = 15; findings — two fixed before 31/12/2024, one due
    in 2025: 20; indicators — 200/203 = 98.52 % on time ≥ 98, 128/203 = 63.05 % online
    ≥ 50: 10; manual — base 5. Total 76.67, tied with Trà Linh."""
    u = embedded.unit("xa-tra-vinh")
    assert [str(c.verified) for c in u.criteria] == ["26.67", "15.00", "20.00", "10.00", "5.00"]
    assert u.total == Decimal("76.67")
    tasks = u.criteria[0].computed
    assert (tasks.credited, tasks.counted) == (2, 3)
    overdue = [line.event for line in tasks.lines if line.event.kind == "overdue"]
    assert len(overdue) == 1 and overdue[0].deadline == dt.date(2024, 11, 30)
    late = [line for line in u.criteria[1].computed.lines if line.points]
    assert [(line.event.ref, line.points) for line in late] == [("2024-Y", Decimal(-5))]
    values = {line.event.ref: line.event.value for line in u.criteria[3].computed.lines}
    assert values == {"ty-le-dung-han": 98.52, "ty-le-truc-tuyen": 63.05}
    assert (u.rank, u.tied) == (3, True)
    assert embedded.unit("xa-tra-linh").rank == 3
    # its own sheet: 30 + 20 + 20 + 10 + 5
    assert u.own_total == Decimal(85)
    assert u.criteria[1].difference == Decimal(5)


def test_manual_points_verified_against_claims(embedded) -> None:  # type: ignore[no-untyped-def]
    tp = embedded.unit("phong-tu-phap")
    manual = tp.criteria[-1]
    assert (manual.verified, manual.own) == (Decimal("7.00"), Decimal(8))  # claimed +2 +1
    assert [a.points for a in manual.adjustments] == [2]
    assert len(manual.claimed) == 2


OTHER_SCHEME = """\
year: 2024
title: Thang điểm thi đua của một huyện khác
total: 60
decimals: 1
clusters:
  - id: nhom-1
    name: Nhóm một
    units: [xa-tra-mai, xa-tra-don, xa-tra-vinh]
  - id: nhom-2
    name: Nhóm hai
    kinds: [commune, department, public-service]
    exclude: [xa-tra-mai, xa-tra-don, xa-tra-vinh]
unranked:
  - kinds: [office, organisation]
    reason: Không thuộc diện xếp hạng
criteria:
  - id: gui-bao-cao
    title: Tỷ lệ báo cáo gửi đúng hạn
    max: 20
    rule: reports
    schedule:
      kind: thresholds
      steps:
        - {at_least: 100, points: 20}
        - {at_least: 50, points: 8}
  - id: ton-tai
    title: Tỷ lệ tồn tại khắc phục đúng hạn
    max: 15
    rule: findings
    schedule: {kind: proportional, empty: zero}
  - id: qua-han
    title: Hồ sơ quá hạn không quá 2
    max: 15
    rule: indicator-targets
    targets:
      - {indicator: ho-so-qua-han, at_most: 2, kinds: [commune]}
    schedule:
      kind: deductions
      per: {missed: 15, not-reported: 5}
  - id: uy-tin
    title: Đánh giá của lãnh đạo
    max: 10
    rule: manual
    base: 10
bands:
  - {id: dat, name: Đạt, at_least: 40}
  - {id: chua-dat, name: Chưa đạt, at_least: 0}
verified:
  - unit: xa-tra-don
    criterion: uy-tin
    points: -2.5
    reason: Chậm triển khai chỉ đạo
    evidence: {number: 9/TB-UBND, title: Thông báo kết luận}
"""


@pytest.fixture
def other(tmp_path: Path) -> Path:
    root = tmp_path / "other"
    shutil.copytree(PROJECT / "data", root / "data", ignore=shutil.ignore_patterns("emulation"))
    (root / "data" / "emulation").mkdir()
    (root / "data" / "emulation" / "2024.yaml").write_text(OTHER_SCHEME, "utf-8")
    return root


def test_another_districts_scheme_needs_no_code(other: Path) -> None:
    got = emulation_score(other, 2024, today=TODAY)
    assert got.result is not None, [f.message_en for f in got.errors]
    result = got.result
    assert [u.unit_id for u in result.clusters[0].units] == sorted(
        ["xa-tra-mai", "xa-tra-don", "xa-tra-vinh"],
        key=lambda i: [u.unit_id for u in result.clusters[0].units].index(i),
    )
    assert {u.unit_id for u in result.clusters[0].units} == {
        "xa-tra-mai",
        "xa-tra-don",
        "xa-tra-vinh",
    }
    vinh = result.unit("xa-tra-vinh")
    # one of two reports on time: 50 % → 8; two findings fixed on time of two: 15;
    # 1 file overdue ≤ 2: 15; manual 10 → 48
    assert [str(c.verified) for c in vinh.criteria] == ["8.0", "15.0", "15.0", "10.0"]
    assert vinh.band.id == "dat"
    don = result.unit("xa-tra-don")
    assert don.points("uy-tin") == Decimal("7.5")
    assert don.points("ton-tai") == Decimal("0.0")  # no finding: the scheme says zero
    tap = result.unit("xa-tra-tap")
    assert tap.cluster == "nhom-2"
    assert tap.points("qua-han") == Decimal("0.0")  # 3 files overdue > 2
    assert {u.unit_id for u in result.unranked} >= {"cong-an-huyen", "ubmttq-huyen"}


def _codes(root: Path) -> list[tuple[str, str, int | None]]:
    got = emulation_score(root, 2024, today=TODAY)
    assert got.result is None
    return [(f.code, f.path, f.line) for f in got.errors]


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "data" / "emulation" / "2024.yaml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def test_no_scheme(other: Path) -> None:
    (other / "data" / "emulation" / "2024.yaml").unlink()
    assert _codes(other) == [("PT611", "data/emulation/2024.yaml", None)]


def test_points_not_adding_up(other: Path) -> None:
    _edit(other, "total: 60", "total: 100")
    assert _codes(other) == [("PT601", "data/emulation/2024.yaml", 3)]


def test_unit_in_two_clusters_or_none(other: Path) -> None:
    _edit(
        other, "exclude: [xa-tra-mai, xa-tra-don, xa-tra-vinh]", "exclude: [xa-tra-mai, xa-tra-don]"
    )
    _edit(other, "kinds: [office, organisation]", "kinds: [organisation]")
    codes = [c for c, _, _ in _codes(other)]
    assert codes.count("PT603") == 1  # xa-tra-vinh
    assert codes.count("PT604") == 2  # the two offices


def test_manual_adjustment_without_evidence(other: Path) -> None:
    _edit(other, "    evidence: {number: 9/TB-UBND, title: Thông báo kết luận}\n", "")
    line = OTHER_SCHEME[: OTHER_SCHEME.index("points: -2.5")].count("\n") + 1
    assert _codes(other) == [("PT602", "data/emulation/2024.yaml", line)]


def test_schedule_that_does_not_fit_its_rule(other: Path) -> None:
    _edit(other, "per: {missed: 15, not-reported: 5}", "per: {missed: 15, late: 5}")
    assert [c for c, _, _ in _codes(other)] == ["PT608"]


def _self(root: Path, unit: str, body: str, name: str | None = None) -> str:
    rel = f"data/emulation/2024/{name or unit}.yaml"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"unit: {unit}\nyear: 2024\nscores:\n{body}", "utf-8")
    return rel


def test_self_assessment_rules(other: Path) -> None:
    over = _self(other, "xa-tra-mai", "  - criterion: gui-bao-cao\n    points: 21\n")
    gone = _self(other, "xa-tra-leng-moi", "  - criterion: gui-bao-cao\n    points: 5\n")
    named = _self(other, "xa-tra-don", "  - criterion: gui-bao-coa\n    points: 5\n", "xa-tra-vinh")
    computed = _self(
        other,
        "xa-tra-tap",
        "  - criterion: ton-tai\n    adjustments:\n      - points: 1\n        reason: x\n"
        "        evidence: {title: y}\n",
    )
    got = sorted(_codes(other))
    assert got == sorted(
        [
            ("PT605", over, 5),
            ("PT606", gone, 1),
            ("PT610", named, 1),
            ("PT607", named, 4),
            ("PT609", computed, 6),
        ]
    )


def test_score_is_deterministic_and_json_ready(other: Path) -> None:
    from plantrack.render.emulation import render_emulation_json

    first = emulation_score(other, 2024, today=TODAY).result
    again = emulation_score(other, 2024, today=TODAY).result
    assert first is not None and again is not None
    text = render_emulation_json(first)
    assert text == render_emulation_json(again)
    data = yaml.safe_load(text)
    unit = data["clusters"][0]["units"][0]
    assert {"rank", "total", "criteria"} <= set(unit)
    assert all("sources" in c for c in unit["criteria"])


def test_annual_report_carries_a_paragraph(other: Path) -> None:
    from plantrack.app.consolidate import prepare
    from plantrack.render.documents import render_markdown

    annual = prepare(PROJECT, "2024-Y", today=TODAY).vm
    assert annual is not None and annual.emulation is not None
    text = render_markdown(annual, PROJECT)
    assert "**Chấm điểm thi đua năm 2024:**" in text
    assert "(dẫn đầu: UBND xã Trà Mai 98 điểm)" in text
    assert "6 cơ quan, tổ chức ngoài thẩm quyền quản lý" in text
    quarter = prepare(PROJECT, "2024-Q3", today=TODAY).vm
    assert quarter is not None and quarter.emulation is None
    # another district's scheme speaks with its own words; no scheme, no paragraph
    elsewhere = prepare(other, "2024-Y", today=TODAY).vm
    assert elsewhere is not None and elsewhere.emulation is not None
    assert "nhóm một có 3 đơn vị" in render_markdown(elsewhere, other)
    (other / "data/emulation/2024.yaml").unlink()
    plain = prepare(other, "2024-Y", today=TODAY).vm
    assert plain is not None and plain.emulation is None
    assert "Chấm điểm thi đua" not in render_markdown(plain, other)


def test_check_reports_the_emulation_files(other: Path) -> None:
    from plantrack.validate.check import check_repository

    clean = check_repository(other, today=TODAY).findings
    assert not [f for f in clean if f.code.startswith("PT6")]
    rel = _self(other, "xa-tra-mai", "  - criterion: gui-bao-cao\n    points: 21\n")
    found = [f for f in check_repository(other, today=TODAY).findings if f.code.startswith("PT6")]
    assert [(f.code, f.path, f.line) for f in found] == [("PT605", rel, 5)]
    # as a pre-commit hook passes the changed file alone
    only = check_repository(other, today=TODAY, only=[rel]).findings
    assert [(f.code, f.path) for f in only] == [("PT605", rel)]
