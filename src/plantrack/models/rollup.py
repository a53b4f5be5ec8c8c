"""Links between repositories for a roll-up: where a child body keeps its repository (named by
the parent), which parent plan a child plan implements (named by the child), and how the
parent adds up the tasks a child's tasks serve."""

from typing import Literal

from pydantic import Field

from plantrack.models.common import Id, ShortText, StrictModel, empty_dict

DoneWhen = Literal["all", "any"]


class RepositoryLink(StrictModel):
    """The git repository a child body keeps its own plan and reports in."""

    url: ShortText = Field(
        description=(
            "Địa chỉ kho git của đơn vị cấp dưới (https://…, git://…, ssh://… hoặc đường dẫn "
            "một kho trên máy)."
        )
    )
    branch: ShortText = Field("main", description="Nhánh chứa dữ liệu đã thống nhất.")


class Implements(StrictModel):
    """The parent plan a child plan implements, and the child's place in the parent."""

    plan: Id = Field(description="Mã kế hoạch cấp trên mà kế hoạch này triển khai.")
    unit: Id = Field(description="Mã đơn vị của cơ quan ban hành kế hoạch này trong kho cấp trên.")
    indicators: dict[Id, Id] = Field(
        default_factory=empty_dict,
        description=(
            "Chỉ tiêu của kế hoạch này (khóa) cộng vào chỉ tiêu nào của kế hoạch cấp trên "
            "(giá trị); chỉ tiêu không ghi ở đây cộng vào chỉ tiêu cùng mã."
        ),
    )


class RollupRule(StrictModel):
    """How a parent task's state is read from the child tasks serving it."""

    done_when: DoneWhen = Field(
        "all",
        description=(
            "all: nhiệm vụ cấp trên hoàn thành khi mọi nhiệm vụ cấp dưới phục vụ nó hoàn thành; "
            "any: khi có ít nhất một nhiệm vụ hoàn thành."
        ),
    )
