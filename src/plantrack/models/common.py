"""Shared base model and ``Annotated`` types used by every model."""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$"
PERIOD_PATTERN = r"^(\d{4})-(Q[1-4]|H[12]|M9|M0[1-9]|M1[0-2]|Y)$"
COMPONENT_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$"


def empty_list() -> list[Any]:
    """A new empty list: the default of a list field.

    ``list`` itself would make the same default, but pydantic reads the signature of a
    default factory when it builds a model's validator, and ``inspect.signature(list)``
    parses and compiles text: a quarter of a millisecond per field, paid on every run.
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty dict: the default of a mapping field (see ``empty_list``)."""
    return {}


class StrictModel(BaseModel):
    """Base of every data model: unknown keys are errors, NaN and infinity are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, defer_build=True)


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(
        description=(
            "Mã định danh: chữ ASCII, số, nối bằng '-', '_' hoặc '.'; đặt tường minh, "
            "không suy ra từ tên bằng cách bỏ dấu."
        )
    ),
]
PeriodId = Annotated[
    str,
    StringConstraints(pattern=PERIOD_PATTERN),
    Field(
        description=(
            "Kỳ báo cáo: NĂM-Q1..Q4 (quý), NĂM-H1/H2 (6 tháng), NĂM-M9 (9 tháng), "
            "NĂM-M01..M12 (tháng), NĂM-Y (năm)."
        )
    ),
]
ComponentRef = Annotated[
    str,
    StringConstraints(pattern=COMPONENT_PATTERN),
    Field(description="Thành phần chỉ số, ví dụ PARINDEX.F3 hoặc PCI.D5 hoặc PCI.D5.2."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$", max_length=254), Field(description="Email")
]
# A code owner on a git forge: an account (@user), a team or group (@org/team, on GitLab
# also @group/subgroup/…), or an email; which of these a forge accepts is render/codeowners'.
Owner = Annotated[
    str,
    StringConstraints(
        pattern=r"^(?:@[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*|[^@\s]+@[^@\s]+)$",
        max_length=254,
    ),
    Field(description="Tài khoản @ten-dang-nhap, nhóm @to-chuc/nhom, hoặc email"),
]
Date = dt.date
# hardening: every number a plan holds (a count, an amount in đồng, a score, a rank) is far
# below this; a larger one is a typing error, and a sum over all units stays finite
MAX_NUMBER = 1e15
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Count = Annotated[float, Field(ge=0, le=MAX_NUMBER)]
Rank = Annotated[int, Field(ge=1, le=1_000_000)]


class LegalDoc(StrictModel):
    """A legal or administrative document: number, date, issuer, title."""

    number: ShortText | None = Field(None, description="Số, ký hiệu (ví dụ 4770/KH-UBND).")
    date: Date | None = Field(None, description="Ngày ban hành.")
    issuer: ShortText | None = Field(None, description="Cơ quan ban hành.")
    title: Text = Field(description="Trích yếu nội dung.")


class Person(StrictModel):
    """A named person with a title and optional contacts."""

    name: ShortText = Field(description="Họ và tên.")
    title: ShortText | None = Field(None, description="Chức vụ.")
    phone: ShortText | None = Field(None, description="Điện thoại.")
    email: Email | None = None
