"""The plan: basis, purposes, requirements, unit groups, indicators, reporting rules, tasks."""

from typing import Literal

from pydantic import Field, PositiveInt, field_validator

from plantrack.io.limits import parse_size
from plantrack.models.common import (
    ComponentRef,
    Date,
    Email,
    Id,
    LegalDoc,
    PeriodId,
    ShortText,
    StrictModel,
    Text,
    empty_dict,
    empty_list,
)
from plantrack.models.period import Period, PeriodKind, PeriodRule, make_period
from plantrack.models.rollup import Implements, RollupRule
from plantrack.models.tasktime import TaskTimeField
from plantrack.models.unit import UnitKind
from plantrack.models.vocabulary import UnitKindDef, merged_kinds


class Section(StrictModel):
    """A part of the plan that holds tasks, e.g. Phụ lục I (one index's tasks)."""

    id: Id
    title: ShortText = Field(
        description="Tên phần, ví dụ 'Phụ lục I - Nhiệm vụ cải cách thủ tục hành chính'."
    )
    index: Id | None = Field(
        None, description="Chỉ số mà phần này phục vụ (mã tệp data/indices/<mã>.yaml)."
    )


class UnitGroup(StrictModel):
    """A named set of units: every unit of some kinds alive in a period, and/or listed units."""

    id: Id
    name: ShortText = Field(description="Tên nhóm, ví dụ 'UBND các xã'.")
    kinds: list[UnitKind] = Field(
        default_factory=empty_list, description="Mọi đơn vị thuộc các loại này."
    )
    units: list[Id] = Field(default_factory=empty_list, description="Các đơn vị được liệt kê.")


OverTime = Literal["flow", "cumulative", "stock", "ratio"]


class Indicator(StrictModel):
    """A number units report, and how it is aggregated across units."""

    id: Id
    name: ShortText = Field(description="Tên chỉ tiêu.")
    unit: ShortText = Field(description="Đơn vị tính, ví dụ 'hồ sơ', '%', 'cuộc'.")
    aggregate: Literal["sum", "mean", "ratio"] = Field(
        "sum",
        description="Cách tổng hợp: sum (cộng), mean (bình quân), ratio (tỷ lệ hai chỉ tiêu).",
    )
    numerator: Id | None = Field(None, description="Với ratio: chỉ tiêu tử số.")
    denominator: Id | None = Field(None, description="Với ratio: chỉ tiêu mẫu số.")
    percent: bool = Field(False, description="Với ratio: hiển thị dưới dạng phần trăm.")
    kinds: list[UnitKind] = Field(
        default_factory=empty_list,
        description="Loại đơn vị báo cáo chỉ tiêu này (trống: mọi loại).",
    )
    over_time: OverTime | None = Field(
        None,
        description=(
            "Cách số liệu cộng dồn theo thời gian: flow (phát sinh trong kỳ), cumulative (lũy kế "
            "từ 01/01), stock (số hiện có tại ngày chốt), ratio (tỷ lệ). Trống: ratio với chỉ "
            "tiêu tỷ lệ, flow với chỉ tiêu khác."
        ),
    )

    @property
    def time_kind(self) -> OverTime:
        """How the indicator adds up over time, with the default filled in."""
        if self.over_time is not None:
            return self.over_time
        return "ratio" if self.aggregate == "ratio" else "flow"


class DocumentSettings(StrictModel):
    """What the official consolidated report carries: bodies, number code, signer, recipients."""

    parent_body: ShortText | None = Field(
        None,
        description="Cơ quan chủ quản (trống nếu cơ quan ban hành không có cấp trên trực tiếp).",
    )
    issuing_body: ShortText = Field(
        description="Cơ quan ban hành, ví dụ 'ỦY BAN NHÂN DÂN XÃ HÒA BÌNH', 'SỞ NỘI VỤ'."
    )
    code: ShortText = Field(description="Ký hiệu báo cáo, ví dụ 'BC-UBND'.")
    letter_code: ShortText | None = Field(None, description="Ký hiệu công văn, ví dụ 'UBND'.")
    sender: ShortText | None = Field(
        None,
        description=(
            "Cơ quan ban hành như viết trong câu văn của công văn, ví dụ 'UBND xã'; "
            "trống: tên đơn vị tổng hợp."
        ),
    )
    place: ShortText = Field(description="Địa danh ghi ở dòng ngày tháng.")
    signer_authority: ShortText = Field(
        description=(
            "Quyền hạn ký: 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'TL. GIÁM ĐỐC', "
            "'Q. TRƯỞNG PHÒNG' hoặc chức vụ người đứng đầu."
        )
    )
    signer_title: ShortText | None = Field(None, description="Chức vụ người ký.")
    signer_name: ShortText | None = Field(None, description="Họ tên người ký.")
    recipients: list[ShortText] = Field(default_factory=empty_list, description="Nơi nhận.")
    archive: ShortText = Field("VT", description="Lưu: ví dụ 'VT, NV'.")


class ReportingRules(StrictModel):
    """Who consolidates, which periods are required, their dates, and the document settings."""

    consolidator: Id = Field(description="Đơn vị tổng hợp (mã đơn vị, ví dụ van-phong).")
    maintainers: list[Email] = Field(
        default_factory=empty_list, description="Email git của cán bộ tổng hợp, được sửa mọi tệp."
    )
    periods: list[PeriodKind] = Field(
        description="Các loại kỳ phải báo cáo, ví dụ [Q1, H1, Q3, Y]."
    )
    first: PeriodId = Field(description="Kỳ báo cáo đầu tiên.")
    last: PeriodId | None = Field(None, description="Kỳ báo cáo cuối cùng (trống: chưa kết thúc).")
    schedule: dict[PeriodKind, PeriodRule] = Field(
        default_factory=empty_dict,
        description="Ghi đè ngày đầu kỳ, ngày chốt số liệu, hạn nộp (mặc định: Nghị định 09/2019).",
    )
    document: DocumentSettings | None = None

    def period(self, period_id: str) -> Period:
        """The dates of ``period_id`` under these rules."""
        return make_period(period_id, {str(kind): rule for kind, rule in self.schedule.items()})


class Task(StrictModel):
    """One task of the plan, with its lead and supporting units and its time."""

    id: Id
    section: Id = Field(description="Phần của kế hoạch chứa nhiệm vụ (id của sections).")
    title: Text = Field(description="Tên nhiệm vụ.")
    description: Text | None = Field(None, description="Nội dung chi tiết.")
    targets: list[ComponentRef] = Field(
        default_factory=empty_list,
        description="Thành phần chỉ số nhiệm vụ phục vụ, ví dụ PARINDEX.F3, PCI.D5.",
    )
    lead: list[Id] = Field(min_length=1, description="Đơn vị (hoặc nhóm) chủ trì.")
    support: list[Id] = Field(
        default_factory=empty_list, description="Đơn vị (hoặc nhóm) phối hợp."
    )
    time: TaskTimeField
    extended_to: Date | None = Field(None, description="Hạn mới nếu được gia hạn.")
    output: Text | None = Field(None, description="Sản phẩm.")
    indicators: list[Id] = Field(default_factory=empty_list, description="Chỉ tiêu đơn vị báo cáo.")
    serves: list[Id] = Field(
        default_factory=empty_list,
        description="Nhiệm vụ của kế hoạch cấp trên (mã) mà nhiệm vụ này triển khai.",
    )


# The form of the data files this plantrack reads and writes. A repository records the one it
# was written for (``schema_version`` in data/plan.yaml; absent: 1); ``plantrack migrate``
# rewrites an older one (app/migrate.py holds one step per version).
SCHEMA_VERSION = 2


class PlanLimits(StrictModel):
    """Limits the plan sets for itself (read from the file's first 4 KiB, before the parse)."""

    max_size: int | str = Field(
        description=(
            "Dung lượng tối đa của tệp kế hoạch (ví dụ 4MiB; tối đa 4MiB, lớn hơn: biến môi "
            "trường PLANTRACK_MAX_PLAN_SIZE). Viết ở đầu tệp để được đọc trước."
        ),
        json_schema_extra={"pattern": r"^\s*[0-9]+\s*([kKmM]([bB]|i[bB])?)?\s*$"},
    )

    @field_validator("max_size")
    @classmethod
    def _a_size(cls, value: int | str) -> int | str:
        if parse_size(str(value)) is None:
            raise ValueError("không phải kích thước hợp lệ (ví dụ 4MiB, 8000000)")
        return value


class Plan(StrictModel):
    """The plan being tracked."""

    schema_version: int | None = Field(
        None,
        ge=1,
        le=1_000,
        description=(
            "Phiên bản dạng dữ liệu mà kho được viết theo (trống: 1). Kho cũ hơn: chạy "
            "'plantrack migrate'."
        ),
    )
    limits: PlanLimits | None = Field(
        None, description="Giới hạn riêng của kế hoạch (một kế hoạch toàn quốc lớn hơn 1 MiB)."
    )
    id: Id
    number: ShortText | None = Field(None, description="Số ký hiệu (trống nếu chưa rõ).")
    title: Text = Field(description="Tên kế hoạch.")
    short_title: ShortText | None = Field(
        None,
        description=(
            "Tên gọi ngắn dùng trong trích yếu báo cáo, công văn (trống: tên kế hoạch, "
            "giữ nguyên như viết)."
        ),
    )
    issuer: ShortText = Field(description="Cơ quan ban hành kế hoạch.")
    superior: ShortText | None = Field(
        None, description="Cấp trên nhận báo cáo của cơ quan ban hành kế hoạch (nếu có)."
    )
    place: ShortText | None = Field(None, description="Địa danh.")
    issued: Date | None = Field(None, description="Ngày ban hành.")
    note: Text | None = Field(None, description="Ghi chú về nguồn dữ liệu.")
    illustrative: bool = Field(
        False,
        description="Dữ liệu minh họa (tái dựng, mô phỏng): mọi văn bản in 'DỮ LIỆU MINH HỌA'.",
    )
    version: PositiveInt = Field(1, description="Phiên bản dữ liệu kế hoạch.")
    basis: list[LegalDoc] = Field(default_factory=empty_list, description="Căn cứ.")
    purposes: list[Text] = Field(default_factory=empty_list, description="Mục đích.")
    requirements: list[Text] = Field(default_factory=empty_list, description="Yêu cầu.")
    sections: list[Section] = Field(min_length=1, description="Các phần chứa nhiệm vụ.")
    unit_kinds: list[UnitKindDef] = Field(
        default_factory=empty_list,
        description="Loại đơn vị riêng của kế hoạch, thêm vào (hoặc đặt tên lại) loại mặc định.",
    )
    groups: list[UnitGroup] = Field(default_factory=empty_list, description="Nhóm đơn vị.")
    indicators: list[Indicator] = Field(default_factory=empty_list, description="Chỉ tiêu.")
    reporting: ReportingRules
    tasks: list[Task] = Field(default_factory=empty_list, description="Nhiệm vụ.")
    implements: Implements | None = Field(
        None, description="Kế hoạch cấp trên mà kế hoạch này triển khai (báo cáo lên cấp trên)."
    )
    rollup: RollupRule | None = Field(
        None,
        description=(
            "Cách tổng hợp nhiệm vụ từ kế hoạch của các đơn vị cấp dưới (trống: hoàn thành khi "
            "mọi nhiệm vụ phục vụ đã hoàn thành)."
        ),
    )

    def kinds(self) -> dict[str, UnitKindDef]:
        """Every unit kind the plan knows: the defaults and its own declarations."""
        return merged_kinds(self.unit_kinds)
