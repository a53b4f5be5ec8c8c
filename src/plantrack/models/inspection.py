"""An inspection (kiểm tra, phúc tra) and its findings with fix deadlines.

One file per inspection at ``data/inspections/<year>/<id>.yaml``: the decision establishing
the team, the visits (one minutes per visited unit), the conclusion notice and the findings
(tồn tại, hạn chế), each with its deadline, the fixes reported, the re-inspections that
checked it and the accountability actions taken. Status is derived at a cut-off by
``plantrack.domain.findings_status``, never stored.
"""

from typing import Literal

from pydantic import Field

from plantrack.models.common import (
    ComponentRef,
    Date,
    Id,
    LegalDoc,
    Person,
    ShortText,
    StrictModel,
    Text,
    empty_list,
)

InspectionKind = Literal["theo-ke-hoach", "dot-xuat", "phuc-tra"]
RecheckResult = Literal["dat", "chua-dat"]
ActionKind = Literal["kiem-diem", "ky-luat"]


class TeamMember(Person):
    """A member of the inspection team and the unit they come from."""

    unit: Id | None = Field(None, description="Đơn vị công tác của thành viên.")
    role: ShortText | None = Field(None, description="Vai trò trong Đoàn, ví dụ 'Trưởng đoàn'.")


class Visit(StrictModel):
    """The team's work at one unit, with its minutes (biên bản kiểm tra)."""

    unit: Id = Field(description="Mã đơn vị được kiểm tra.")
    date: Date = Field(description="Ngày kiểm tra tại đơn vị.")
    minutes: ShortText | None = Field(None, description="Số biên bản kiểm tra.")


class Fix(StrictModel):
    """A fix of a finding, as reported by the unit and registered by the office."""

    date: Date = Field(description="Ngày khắc phục xong.")
    evidence: LegalDoc | None = Field(None, description="Văn bản, tài liệu chứng minh.")
    note: Text | None = Field(None, description="Nội dung khắc phục.")


class Recheck(StrictModel):
    """A re-inspection (phúc tra) of one finding and its result."""

    inspection: Id = Field(description="Mã cuộc phúc tra (tệp trong data/inspections).")
    date: Date = Field(description="Ngày phúc tra tại đơn vị.")
    result: RecheckResult = Field(description="Kết quả: dat (đạt), chua-dat (chưa đạt).")
    new_fix_by: Date | None = Field(
        None, description="Khi chưa đạt: thời hạn khắc phục mới (nếu kết luận phúc tra có ghi)."
    )
    note: Text | None = Field(None, description="Nhận xét của Đoàn phúc tra.")


class Action(StrictModel):
    """An accountability action (kiểm điểm, kỷ luật) taken over a finding."""

    kind: ActionKind = Field(description="Hình thức: kiem-diem (kiểm điểm), ky-luat (kỷ luật).")
    date: Date = Field(description="Ngày thực hiện hoặc ngày quyết định.")
    decision: LegalDoc | None = Field(None, description="Quyết định, biên bản kèm theo.")
    note: Text | None = Field(None, description="Người, tập thể chịu trách nhiệm; mức xử lý.")


class Finding(StrictModel):
    """A shortcoming found at one unit, with the deadline to fix it."""

    id: Id = Field(description="Mã tồn tại, duy nhất trong kho (đơn vị ghi khi báo cáo khắc phục).")
    unit: Id = Field(description="Mã đơn vị phải khắc phục.")
    task: Id | None = Field(None, description="Nhiệm vụ của kế hoạch liên quan (nếu có).")
    component: ComponentRef | None = Field(
        None, description="Thành phần chỉ số liên quan, ví dụ PARINDEX.F3, PCI.D5."
    )
    category: ShortText = Field(description="Nhóm tồn tại, ví dụ 'Kỷ luật, kỷ cương hành chính'.")
    text: Text = Field(description="Nội dung tồn tại, hạn chế.")
    fix_by: Date = Field(description="Thời hạn khắc phục.")
    fixes: list[Fix] = Field(
        default_factory=empty_list, description="Kết quả khắc phục đã ghi nhận."
    )
    rechecks: list[Recheck] = Field(default_factory=empty_list, description="Kết quả phúc tra.")
    actions: list[Action] = Field(default_factory=empty_list, description="Kiểm điểm, kỷ luật.")


class Inspection(StrictModel):
    """One inspection: the team, the visits, the conclusion and the findings."""

    id: Id = Field(description="Mã cuộc kiểm tra, trùng tên tệp, ví dụ kt-2026-01.")
    kind: InspectionKind = Field(
        description="Loại: theo-ke-hoach (theo kế hoạch), dot-xuat (đột xuất), phuc-tra (phúc tra)."
    )
    title: Text = Field(description="Nội dung kiểm tra.")
    note: Text | None = Field(None, description="Ghi chú về nguồn dữ liệu.")
    decision: LegalDoc | None = Field(None, description="Quyết định thành lập Đoàn kiểm tra.")
    lead: Id = Field(description="Đơn vị chủ trì Đoàn kiểm tra.")
    members: list[TeamMember] = Field(default_factory=empty_list, description="Thành viên Đoàn.")
    visits: list[Visit] = Field(default_factory=empty_list, description="Các đơn vị được kiểm tra.")
    conclusion: LegalDoc | None = Field(None, description="Thông báo kết luận kiểm tra.")
    findings: list[Finding] = Field(default_factory=empty_list, description="Tồn tại, hạn chế.")
