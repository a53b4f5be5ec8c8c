"""A unit: a department, a commune, a thôn, an organisation…, with its validity window."""

from typing import Literal

from pydantic import Field

from plantrack.models.common import (
    Date,
    Email,
    Id,
    Owner,
    Person,
    ShortText,
    StrictModel,
    Text,
    empty_list,
)
from plantrack.models.rollup import RepositoryLink
from plantrack.models.vocabulary import KIND_DESCRIPTION

UnitKind = Id
Authority = Literal["inside", "outside"]


class Transfer(StrictModel):
    """Tasks a closing unit hands to other units than its ``successors``: a function moving
    on its own (social protection to another office, poverty reduction to agriculture…)."""

    tasks: list[Id] = Field(min_length=1, description="Các nhiệm vụ (mã) được chuyển giao.")
    to: list[Id] = Field(min_length=1, description="Đơn vị tiếp nhận các nhiệm vụ này.")
    note: Text | None = Field(None, description="Căn cứ, nội dung chuyển giao.")


class Unit(StrictModel):
    """A unit that reports on the plan. Units merge and split: see ``successors``."""

    id: Id
    name: ShortText = Field(description="Tên đầy đủ, ví dụ 'UBND xã An Bình'.")
    short: ShortText | None = Field(None, description="Tên ngắn, ví dụ 'An Bình'.")
    kind: UnitKind = Field(description=KIND_DESCRIPTION)
    authority: Authority = Field(
        "inside",
        description=(
            "inside: đơn vị thuộc quyền quản lý của cơ quan ban hành kế hoạch, được đánh giá tỷ lệ "
            "hoàn thành; outside: MTTQ, đoàn thể, cơ quan ngành dọc (Công an, Chi nhánh Văn "
            "phòng Đăng ký đất đai…), chỉ báo cáo phối hợp, không tính tỷ lệ."
        ),
    )
    head: Person | None = Field(None, description="Thủ trưởng đơn vị.")
    contacts: list[Person] = Field(default_factory=empty_list, description="Cán bộ đầu mối.")
    authors: list[Email] = Field(
        default_factory=empty_list, description="Email git được phép sửa báo cáo của đơn vị."
    )
    owners: list[Owner] = Field(
        default_factory=empty_list,
        description=(
            "Người duyệt báo cáo của đơn vị trên nền tảng git (tệp CODEOWNERS): tài khoản "
            "@ten-dang-nhap, nhóm @to-chuc/nhom hoặc email; trống: dùng authors. Gitea chỉ "
            "nhận tài khoản và nhóm, không nhận email."
        ),
    )
    valid_from: Date | None = Field(None, description="Ngày bắt đầu hoạt động (trống: từ trước).")
    valid_until: Date | None = Field(None, description="Ngày cuối cùng hoạt động (trống: còn).")
    successors: list[Id] = Field(
        default_factory=empty_list, description="Đơn vị kế thừa sau khi sáp nhập, chia tách."
    )
    groups: list[Id] = Field(
        default_factory=empty_list,
        description=(
            "Nhóm đơn vị của kế hoạch mà đơn vị này thuộc về: kế hoạch giao việc cho nhóm mà "
            "không phải liệt kê từng đơn vị."
        ),
    )
    transfers: list[Transfer] = Field(
        default_factory=empty_list,
        description=(
            "Nhiệm vụ chuyển cho đơn vị khác với đơn vị kế thừa (theo từng chức năng); "
            "nhiệm vụ không ghi ở đây chuyển cho successors."
        ),
    )
    note: str | None = Field(None, description="Ghi chú (ví dụ căn cứ sáp nhập).")
    repository: RepositoryLink | None = Field(
        None, description="Kho git riêng của đơn vị cấp dưới (tổng hợp từ kho đó: rollup)."
    )

    def successors_for(self, task_id: str | None) -> list[str]:
        """Who takes over ``task_id`` when the unit ends: a transfer naming it, else the
        successors (``None``: the successors)."""
        for transfer in self.transfers:
            if task_id is not None and task_id in transfer.tasks:
                return list(transfer.to)
        return list(self.successors)

    def all_heirs(self) -> list[str]:
        """Every unit taking over something: successors and transfer recipients, once each."""
        out = list(self.successors)
        for transfer in self.transfers:
            out += [u for u in transfer.to if u not in out]
        return out

    def alive_on(self, day: Date) -> bool:
        """Whether the unit exists on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def alive_between(self, start: Date, end: Date) -> bool:
        """Whether the unit exists on some day of ``[start, end]``."""
        after_start = self.valid_until is None or self.valid_until >= start
        before_end = self.valid_from is None or self.valid_from <= end
        return after_start and before_end
