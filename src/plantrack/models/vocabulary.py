"""The vocabulary of unit kinds: what a kind is called, alone and as a collective in a letter.

A plan may declare its own kinds (``unit_kinds``); these defaults cover the usual local
government of Việt Nam before and after 1/7/2025 (DOMAIN.md §8), so a plan needs to declare
only what is missing or worded differently.
"""

from pydantic import Field

from plantrack.models.common import Id, ShortText, StrictModel


class UnitKindDef(StrictModel):
    """One kind of unit: its name and its plural collective, e.g. ``thôn`` / ``các thôn``."""

    id: Id = Field(description="Mã loại đơn vị, dùng trong trường kind của tệp đơn vị.")
    name: ShortText = Field(description="Tên loại, ví dụ 'thôn', 'phòng chuyên môn'.")
    plural: ShortText = Field(
        description="Tên gọi chung trong công văn, ví dụ 'các thôn', 'UBND các xã'."
    )
    territorial: bool = Field(
        False,
        description=(
            "Đơn vị theo địa bàn (xã, phường, thôn…): công văn gọi chung theo tên gọi chung; "
            "các loại khác gọi chung là 'các cơ quan, đơn vị'."
        ),
    )


def _kinds(*rows: tuple[str, str, str]) -> dict[str, UnitKindDef]:
    # built without validation (the values are ours and valid): validating them would build
    # the model's validator when the module is imported, time every command start would pay
    return {
        i: UnitKindDef.model_construct(id=i, name=n, plural=p, territorial=i in _TERRITORIAL)
        for i, n, p in rows
    }


_TERRITORIAL = frozenset(
    (
        "province",
        "district",
        "commune",
        "ward",
        "special-zone",
        "town",
        "hamlet",
        "residential-group",
    )
)


DEFAULT_UNIT_KINDS: dict[str, UnitKindDef] = _kinds(
    ("department", "phòng chuyên môn", "các phòng, ban"),
    ("provincial-department", "sở, ban, ngành", "các sở, ban, ngành"),
    ("board", "ban", "các ban"),
    ("province", "tỉnh, thành phố", "UBND các tỉnh, thành phố"),
    ("district", "huyện, thị xã, thành phố thuộc tỉnh", "UBND các huyện, thị xã, thành phố"),
    ("commune", "xã", "UBND các xã"),
    ("ward", "phường", "UBND các phường"),
    ("special-zone", "đặc khu", "UBND các đặc khu"),
    ("town", "thị trấn", "UBND các thị trấn"),
    ("hamlet", "thôn", "các thôn"),
    ("residential-group", "tổ dân phố", "các tổ dân phố"),
    ("public-service", "đơn vị sự nghiệp", "các đơn vị sự nghiệp"),
    ("organisation", "MTTQ, đoàn thể", "Ủy ban MTTQ Việt Nam và các đoàn thể"),
    ("office", "cơ quan khác", "các cơ quan"),
)

KIND_DESCRIPTION = (
    "Loại đơn vị: một mã khai báo trong unit_kinds của kế hoạch, hoặc mặc định: "
    + ", ".join(f"{k.id} ({k.name})" for k in DEFAULT_UNIT_KINDS.values())
    + "."
)


def merged_kinds(declared: list[UnitKindDef]) -> dict[str, UnitKindDef]:
    """The defaults, with the plan's own declarations added or worded anew (by id)."""
    out = dict(DEFAULT_UNIT_KINDS)
    out.update({kind.id: kind for kind in declared})
    return out
