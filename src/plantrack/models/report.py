"""A unit's periodic report: one entry per assigned task, indicator values and narrative."""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from plantrack.models.common import (
    Count,
    Date,
    Id,
    LegalDoc,
    PeriodId,
    Person,
    ShortText,
    StrictModel,
    Text,
    empty_dict,
    empty_list,
)

TaskState = Literal["not-started", "in-progress", "done"]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class TaskEntry(StrictModel):
    """What a unit reports on one task."""

    task: Id = Field(description="Mã nhiệm vụ trong kế hoạch.")
    state: TaskState = Field(
        description=(
            "Tình trạng: not-started (chưa triển khai), in-progress (đang thực hiện), "
            "done (hoàn thành)."
        )
    )
    completed: Date | None = Field(None, description="Ngày hoàn thành (bắt buộc khi done).")
    progress: int | None = Field(None, ge=0, le=100, description="Tiến độ, % (0–100).")
    carried_out: bool | None = Field(
        None, description="Với nhiệm vụ thường xuyên: có triển khai trong kỳ không."
    )
    results: Text | None = Field(None, description="Kết quả thực hiện.")
    evidence: list[LegalDoc] = Field(
        default_factory=empty_list, description="Văn bản, sản phẩm chứng minh."
    )
    difficulties: Text | None = Field(None, description="Khó khăn, vướng mắc.")
    next_steps: Text | None = Field(None, description="Nhiệm vụ kỳ tới.")


class FixEntry(StrictModel):
    """A fix the unit reports for a finding of an inspection."""

    finding: Id = Field(description="Mã tồn tại (trong data/inspections) đã khắc phục.")
    date: Date = Field(description="Ngày khắc phục xong.")
    evidence: list[LegalDoc] = Field(
        default_factory=empty_list, description="Văn bản, tài liệu chứng minh."
    )
    results: Text | None = Field(None, description="Nội dung đã khắc phục.")


class Narrative(StrictModel):
    """The general part of a report: direction, communication, inspection."""

    direction: Text | None = Field(None, description="Công tác chỉ đạo, điều hành.")
    communication: Text | None = Field(None, description="Công tác tuyên truyền.")
    inspection: Text | None = Field(None, description="Công tác kiểm tra.")


class FormSource(StrictModel):
    """The Excel form a report was imported from: the file's hash ties the report, and the
    commit that added it, to the very file the unit sent."""

    sha256: Sha256 = Field(description="Mã SHA-256 của tệp biểu mẫu Excel đã nhập.")


class Report(StrictModel):
    """One unit's report for one period, at ``data/reports/<period>/<unit>.yaml``."""

    unit: Id = Field(description="Mã đơn vị báo cáo.")
    period: PeriodId
    submitted: Date | None = Field(None, description="Ngày ký, gửi báo cáo.")
    number: ShortText | None = Field(None, description="Số, ký hiệu báo cáo của đơn vị.")
    prepared_by: Person | None = Field(None, description="Người lập.")
    approved_by: Person | None = Field(None, description="Thủ trưởng ký duyệt.")
    tasks: list[TaskEntry] = Field(default_factory=empty_list, description="Kết quả từng nhiệm vụ.")
    # hardening: every indicator counts something (documents, petitions, meetings, %), so a
    # negative value is a typing error, not data to add into the district's totals; and none
    # reaches a million billion (MAX_NUMBER), so totals stay finite
    indicators: dict[Id, Count | None] = Field(
        default_factory=empty_dict, description="Số liệu chỉ tiêu (không âm)."
    )
    fixes: list[FixEntry] = Field(
        default_factory=empty_list, description="Khắc phục tồn tại sau kiểm tra trong kỳ."
    )
    narrative: Narrative | None = None
    difficulties: list[Text] = Field(default_factory=empty_list, description="Khó khăn, vướng mắc.")
    proposals: list[Text] = Field(default_factory=empty_list, description="Đề xuất, kiến nghị.")
    next_tasks: list[Text] = Field(default_factory=empty_list, description="Nhiệm vụ kỳ tới.")
    form: FormSource | None = Field(
        None, description="Biểu mẫu Excel đã nhập thành báo cáo này (plantrack form import ghi)."
    )
