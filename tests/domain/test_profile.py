"""What an issuer's name implies for a new repository: level, place, office, symbols, signer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plantrack.domain import profile as profiles
from plantrack.domain.profile import head_of, initials, level_of

LEVELS = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "templates" / "levels.yaml").read_text("utf-8")
)


def profile(issuer: str, superior: str | None = None) -> Any:
    """The profile worded by the packaged ``templates/levels.yaml``."""
    return profiles.profile(issuer, LEVELS, superior)


@pytest.mark.parametrize(
    ("issuer", "superior", "level", "area"),
    [
        ("UBND xã Trà Linh", "UBND thành phố Đà Nẵng", "commune", "xã Trà Linh"),
        ("Ủy ban nhân dân phường An Phú", None, "ward", "phường An Phú"),
        ("UBND đặc khu Lý Sơn", None, "special-zone", "đặc khu Lý Sơn"),
        ("UBND thành phố Đà Nẵng", None, "province", "thành phố Đà Nẵng"),
        ("UBND thành phố Hội An", "UBND tỉnh Quảng Bình", "district", "thành phố Hội An"),
        ("UBND tỉnh Bình An", None, "province", "tỉnh Bình An"),
        ("UBND huyện Mẫu Sơn", "UBND tỉnh Bình An", "district", "huyện Mẫu Sơn"),
        ("Sở Nội vụ", "UBND thành phố Đà Nẵng", "department", "Sở Nội vụ"),
        ("Ban Quản lý khu kinh tế", None, "agency", "Ban Quản lý khu kinh tế"),
    ],
)
def test_the_level_is_read_from_the_name(
    issuer: str, superior: str | None, level: str, area: str
) -> None:
    assert level_of(issuer, superior) == (level, area)


def test_symbols_and_heads() -> None:
    assert initials("Sở Nội vụ") == "SNV"
    assert initials("Sở Khoa học và Công nghệ") == "SKHCN"
    assert initials("Sở Giáo dục và Đào tạo") == "SGDĐT"
    assert head_of("Sở Tài chính") == "Giám đốc"
    assert head_of("Ban Dân tộc") == "Trưởng ban"
    assert head_of("Hội Nông dân") == "Thủ trưởng"


def test_a_commune_signs_for_its_committee_and_its_office_collects() -> None:
    p = profile("UBND xã Trà Linh", "UBND thành phố Đà Nẵng")
    assert (p.place, p.parent_body, p.code, p.letter_code) == ("Trà Linh", None, "BC-UBND", "UBND")
    assert p.issuing_body == "ỦY BAN NHÂN DÂN\nXÃ TRÀ LINH"
    assert p.authority == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" and p.signer_title == "PHÓ CHỦ TỊCH"
    assert p.office.name == "Văn phòng HĐND và UBND xã Trà Linh"
    assert [u.kind for u in p.units] == ["department", "hamlet"]
    assert (p.group.name, p.group.kinds) == ("Các thôn", ["hamlet"])
    assert p.recipients == ["UBND thành phố Đà Nẵng (b/c)"]


def test_a_ward_has_residential_groups() -> None:
    p = profile("UBND phường An Phú", "UBND thành phố Hồ Chí Minh")
    assert p.units[-1].kind == "residential-group" and p.group.id == "cac-to-dan-pho"


def test_a_provincial_department_signs_as_its_director() -> None:
    p = profile("Sở Nội vụ", "UBND thành phố Đà Nẵng")
    assert (p.level, p.place) == ("department", "Đà Nẵng")
    assert (p.parent_body, p.issuing_body) == ("UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ NỘI VỤ")
    assert (p.code, p.letter_code) == ("BC-SNV", "SNV")
    assert (p.authority, p.signer_title) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert p.office.name == "Văn phòng Sở Nội vụ"


def test_a_province_is_collected_by_its_home_affairs_department() -> None:
    p = profile("UBND tỉnh Bình An")
    assert (p.office.id, p.office.kind) == ("so-noi-vu", "provincial-department")
    assert p.recipients == [] and p.place == "Bình An"


def test_the_vocabulary_names_the_plans_issuer() -> None:
    from plantrack.domain.grouping import AddresseeRule, Vocabulary, addressee_of, with_issuer

    rules = (AddresseeRule("Cơ quan ban hành", (), True), AddresseeRule("Các sở", ("Sở",)))
    vocabulary = Vocabulary(addressees=rules)
    commune = with_issuer(vocabulary, "UBND xã Trà Linh")
    assert commune.addressees[0].match == (
        "UBND xã Trà Linh",
        "UBND xã",
        "Ủy ban nhân dân xã",
        "xã",
    )
    department = with_issuer(vocabulary, "Sở Nội vụ")
    found = addressee_of("Đề nghị Sở bổ sung biên chế", department)
    assert found is not None and found.superior


@pytest.mark.parametrize(
    "level",
    ["province", "district", "commune", "special-zone", "ward", "town", "department", "agency"],
)
def test_every_level_has_its_office_units_and_group(level: str) -> None:
    sample = LEVELS["levels"][level]
    assert sample["office"]["id"] and sample["units"] and sample["group"]["kinds"]


def test_a_district_of_old_is_collected_by_its_home_affairs_office() -> None:
    p = profile("UBND huyện Mẫu Sơn", "UBND tỉnh Bình An")
    assert (p.office.id, p.office.short) == ("phong-noi-vu", "Phòng Nội vụ")
    assert p.office.name == "Phòng Nội vụ huyện Mẫu Sơn"
    assert [u.name for u in p.units] == ["Văn phòng HĐND và UBND huyện Mẫu Sơn"]
