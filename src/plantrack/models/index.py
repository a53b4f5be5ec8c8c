"""An index a plan aims to raise (a national index such as PAR INDEX): components, scale,
yearly observations, targets."""

from pydantic import Field

from plantrack.models.common import (
    Date,
    Id,
    Number,
    Rank,
    ShortText,
    StrictModel,
    Text,
    empty_dict,
    empty_list,
)


class Scale(StrictModel):
    """The range of a score."""

    min: Number = 0
    max: Number = 100
    unit: ShortText = Field("điểm", description="Đơn vị: 'điểm' hoặc '%'.")


class Component(StrictModel):
    """A dimension, sub-dimension or factor of an index."""

    code: Id = Field(description="Mã thành phần, ví dụ D1, D1.2, F3.")
    name: ShortText = Field(description="Tên tiếng Việt.")
    name_en: ShortText | None = Field(None, description="Tên tiếng Anh.")
    scale: Scale | None = None
    components: list["Component"] = Field(default_factory=empty_list, description="Thành phần con.")


class Observation(StrictModel):
    """Published scores for one year and one scope (e.g. one province)."""

    year: int = Field(ge=2000, le=2100)
    scope: ShortText = Field(description="Phạm vi đo, ví dụ 'Tỉnh Bình An'.")
    total: Number | None = Field(None, description="Điểm/tỷ lệ tổng hợp.")
    scores: dict[Id, Number] = Field(
        default_factory=empty_dict, description="Điểm theo mã thành phần."
    )
    rank: Rank | None = Field(None, description="Xếp hạng.")
    rank_of: Rank | None = Field(None, description="Trên tổng số.")
    source: Text = Field(description="Nguồn công bố.")
    published: Date | None = Field(
        None,
        description=(
            "Ngày công bố kết quả; báo cáo chỉ dùng kết quả công bố trước ngày chốt số liệu "
            "(trống: coi như đã công bố)."
        ),
    )
    note: Text | None = None


class Target(StrictModel):
    """A target score for a year."""

    year: int = Field(ge=2000, le=2100)
    total: Number | None = None
    scores: dict[Id, Number] = Field(default_factory=empty_dict)
    rank: Rank | None = None
    source: Text | None = None


class Index(StrictModel):
    """An index definition with its observations."""

    id: Id = Field(description="Mã chỉ số, ví dụ PARINDEX.")
    name: Text = Field(description="Tên tiếng Việt.")
    name_en: ShortText | None = None
    description: Text | None = None
    scale: Scale
    decimals: int | None = Field(
        None,
        ge=0,
        le=6,
        description="Số chữ số thập phân khi công bố (ví dụ 4 hoặc 2; trống: như nhập).",
    )
    components: list["Component"] = Field(default_factory=empty_list)
    observations: list[Observation] = Field(default_factory=empty_list)
    targets: list[Target] = Field(default_factory=empty_list)
    note: Text | None = None

    def component_codes(self) -> set[str]:
        """Every component code at any depth."""
        codes: set[str] = set()
        stack = list(self.components)
        while stack:
            comp = stack.pop()
            codes.add(comp.code)
            stack.extend(comp.components)
        return codes
