"""The yearly emulation scoring (thi đua): the scheme the office issues, and a unit's
self-assessment against it.

The scheme is one file per year at ``data/emulation/<year>.yaml``: clusters of units (khối
thi đua), criteria with maximum points — each computed from the data by a named rule with a
point schedule, or manual (bonus and penalty points with a reason and an evidence
document) —, the declared total, the grading bands, the tie rule, and the office's verified
manual adjustments. A unit's self-assessment (bảng tự chấm điểm) is one file at
``data/emulation/<year>/<unit>.yaml``. Every criterion, point and band is data: nothing
here names a district's own rules. Scores are derived by ``plantrack.domain.emulation``.
"""

from typing import Annotated, Literal

from pydantic import Field

from plantrack.models.common import (
    Date,
    Id,
    LegalDoc,
    Person,
    ShortText,
    StrictModel,
    Text,
    empty_dict,
    empty_list,
)
from plantrack.models.unit import Authority

# The rules a computed criterion may use, and the events each one counts.
Rule = Literal["lead-tasks", "reports", "findings", "indicator-targets", "manual"]
ScheduleKind = Literal["proportional", "thresholds", "deductions"]

RULE_EVENTS: dict[str, tuple[str, ...]] = {
    "lead-tasks": ("done-on-time", "done-late", "overdue", "recurring-missed"),
    "reports": ("on-time", "late", "missing"),
    "findings": ("fixed-on-time", "fixed-late", "overdue", "failed-recheck"),
    "indicator-targets": ("met", "missed", "not-reported"),
}
# The events that earn the rate its numerator (the rest of the counted events are its
# denominator's remainder); ``recurring-missed`` is a deduction event only, outside the rate.
RULE_CREDIT: dict[str, tuple[str, ...]] = {
    "lead-tasks": ("done-on-time",),
    "reports": ("on-time",),
    "findings": ("fixed-on-time",),
    "indicator-targets": ("met",),
}
RULE_OUTSIDE_RATE: dict[str, tuple[str, ...]] = {"lead-tasks": ("recurring-missed",)}

Points = Annotated[float, Field(ge=-1000, le=1000)]
Percent = Annotated[float, Field(ge=0, le=100)]


class Selector(StrictModel):
    """Units picked by kind, by authority and by name (any that matches), minus exceptions."""

    kinds: list[Id] = Field(
        default_factory=empty_list, description="Loại đơn vị (commune, department…)."
    )
    authority: Authority | None = Field(
        None, description="inside (thuộc quyền quản lý) hoặc outside (ngoài quyền quản lý)."
    )
    units: list[Id] = Field(
        default_factory=empty_list, description="Mã đơn vị, liệt kê tường minh."
    )
    exclude: list[Id] = Field(default_factory=empty_list, description="Đơn vị loại trừ.")


class Cluster(Selector):
    """A cluster of units ranked together (khối thi đua)."""

    id: Id = Field(description="Mã khối thi đua.")
    name: ShortText = Field(description="Tên khối, ví dụ 'Khối các xã'.")


class Unranked(Selector):
    """Units scored for information but not ranked, and why."""

    reason: ShortText = Field(description="Lý do không xếp hạng.")


class Step(StrictModel):
    """A threshold: a rate at least ``at_least`` percent earns ``points``."""

    at_least: Percent = Field(description="Tỷ lệ tối thiểu (%).")
    points: Points = Field(description="Điểm đạt được.")


class Schedule(StrictModel):
    """How a computed criterion turns counted events into points."""

    kind: ScheduleKind = Field(
        description=(
            "proportional: điểm tối đa × tỷ lệ; thresholds: theo bậc tỷ lệ; deductions: điểm "
            "tối đa trừ điểm theo từng trường hợp."
        )
    )
    steps: list[Step] = Field(default_factory=empty_list, description="Các bậc (với thresholds).")
    per: dict[Id, Points] = Field(
        default_factory=empty_dict,
        description="Điểm trừ mỗi trường hợp, theo loại (với deductions).",
    )
    floor: bool = Field(True, description="Không trừ dưới 0 điểm (với deductions).")
    empty: Literal["max", "zero"] = Field(
        "max", description="Khi không có gì để tính tỷ lệ: max (đủ điểm) hoặc zero (0 điểm)."
    )


class Target(StrictModel):
    """An indicator target a unit's annual report is held to."""

    indicator: Id = Field(description="Mã chỉ tiêu của kế hoạch.")
    at_least: float | None = Field(None, description="Giá trị tối thiểu.")
    at_most: float | None = Field(None, description="Giá trị tối đa.")
    kinds: list[Id] = Field(
        default_factory=empty_list,
        description="Chỉ áp dụng cho các loại đơn vị này (trống: tất cả).",
    )


class Criterion(StrictModel):
    """One line of the scoring table: its maximum points and how they are scored."""

    id: Id = Field(description="Mã tiêu chí.")
    title: Text = Field(description="Nội dung tiêu chí.")
    max: Points = Field(description="Điểm tối đa.")
    rule: Rule = Field(
        description=(
            "lead-tasks (nhiệm vụ chủ trì), reports (báo cáo định kỳ), findings (khắc phục "
            "tồn tại sau kiểm tra), indicator-targets (chỉ tiêu), manual (chấm thủ công)."
        )
    )
    schedule: Schedule | None = Field(None, description="Cách tính điểm (tiêu chí tính tự động).")
    targets: list[Target] = Field(
        default_factory=empty_list, description="Chỉ tiêu (indicator-targets)."
    )
    base: Points = Field(0, description="Điểm nền trước điểm thưởng, điểm trừ (manual).")
    guidance: Text | None = Field(None, description="Hướng dẫn chấm.")


class Band(StrictModel):
    """A grade: a total of at least ``at_least`` points."""

    id: Id
    name: ShortText = Field(description="Ví dụ 'Hoàn thành xuất sắc nhiệm vụ'.")
    at_least: Points = Field(description="Tổng điểm tối thiểu.")


class Adjustment(StrictModel):
    """A bonus (positive) or penalty (negative) on a manual criterion, with its grounds."""

    points: Points = Field(description="Điểm cộng (dương) hoặc điểm trừ (âm).")
    reason: Text | None = Field(None, description="Lý do.")
    evidence: LegalDoc | None = Field(None, description="Văn bản, tài liệu chứng minh.")


class Verified(Adjustment):
    """An adjustment the office verified for one unit and one manual criterion."""

    unit: Id = Field(description="Mã đơn vị.")
    criterion: Id = Field(description="Mã tiêu chí chấm thủ công.")


class Scheme(StrictModel):
    """The emulation scoring scheme of one year."""

    year: int = Field(ge=1900, le=2999, description="Năm đánh giá.")
    title: Text = Field(description="Tên bảng điểm.")
    basis: list[LegalDoc] = Field(
        default_factory=empty_list, description="Văn bản ban hành thang điểm."
    )
    illustrative: bool = Field(False, description="Dữ liệu minh họa, không phải bản chính thức.")
    note: Text | None = None
    total: Points = Field(description="Tổng điểm tối đa (tổng điểm tối đa các tiêu chí).")
    decimals: int = Field(2, ge=0, le=4, description="Số chữ số thập phân khi làm tròn điểm.")
    clusters: list[Cluster] = Field(min_length=1, description="Các khối thi đua.")
    unranked: list[Unranked] = Field(
        default_factory=empty_list, description="Đơn vị không xếp hạng."
    )
    criteria: list[Criterion] = Field(min_length=1, description="Các tiêu chí chấm điểm.")
    bands: list[Band] = Field(default_factory=empty_list, description="Xếp loại theo tổng điểm.")
    tie_break: list[Id] = Field(
        default_factory=empty_list,
        description=(
            "Khi bằng tổng điểm: so điểm các tiêu chí này theo thứ tự; còn bằng thì đồng hạng."
        ),
    )
    verified: list[Verified] = Field(
        default_factory=empty_list, description="Điểm thưởng, điểm trừ đã được cơ quan thẩm định."
    )


class SelfScore(StrictModel):
    """A unit's own score for one criterion."""

    criterion: Id = Field(description="Mã tiêu chí.")
    points: Points | None = Field(None, description="Điểm tự chấm.")
    note: Text | None = Field(None, description="Giải trình.")
    adjustments: list[Adjustment] = Field(
        default_factory=empty_list, description="Điểm thưởng, điểm trừ đề nghị (tiêu chí thủ công)."
    )


class SelfAssessment(StrictModel):
    """A unit's self-assessment (bảng tự chấm điểm) for one year."""

    unit: Id = Field(description="Mã đơn vị, trùng tên tệp.")
    year: int = Field(ge=1900, le=2999, description="Năm đánh giá, trùng tên thư mục.")
    submitted: Date | None = Field(None, description="Ngày gửi.")
    prepared_by: Person | None = Field(None, description="Người lập.")
    approved_by: Person | None = Field(None, description="Thủ trưởng đơn vị.")
    scores: list[SelfScore] = Field(
        default_factory=empty_list, description="Điểm tự chấm từng tiêu chí."
    )
