"""What an issuing body implies for a new repository: its level, where it is, which office
collects the units' reports, a few sample units and how its documents are headed and signed.

``init`` builds the first plan from this (docs/decisions.md, "init for any level"); a user
edits the result, so these are sensible defaults of the practice, not rules the checks
enforce. Levels after the 2025 reform (DOMAIN.md §8): a commune, ward or special zone
(UBND xã/phường/đặc khu: its office, the Văn phòng HĐND và UBND, collects from its own
departments and its thôn or tổ dân phố), a province or centrally-run city (UBND tỉnh/thành
phố: the Sở Nội vụ collects from the sở), a provincial department (Sở …: its office collects
from its phòng); and, for plans from before 1/7/2025, a district (UBND huyện/quận/thị xã).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A People's Committee as written in full and abbreviated.
_COMMITTEE = re.compile(r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)
# The level words a committee's name starts with, longest first, and the level they mean.
_LEVELS = (
    ("thành phố", "province"),
    ("đặc khu", "special-zone"),
    ("thị trấn", "town"),
    ("thị xã", "district"),
    ("phường", "ward"),
    ("huyện", "district"),
    ("quận", "district"),
    ("tỉnh", "province"),
    ("xã", "commune"),
)
# An agency's head by the first word(s) of its name (Nghị định 30/2020: "KT." before it).
_HEADS = (
    ("sở", "Giám đốc"),
    ("trung tâm", "Giám đốc"),
    ("ban", "Trưởng ban"),
    ("chi cục", "Chi cục trưởng"),
    ("cục", "Cục trưởng"),
    ("văn phòng", "Chánh Văn phòng"),
    ("phòng", "Trưởng phòng"),
)


@dataclass(frozen=True)
class SampleUnit:
    """A unit file ``init`` writes: the collecting office or a sample reporting unit."""

    id: str
    name: str
    short: str
    kind: str
    head: str


@dataclass(frozen=True)
class Group:
    """The sample group of reporting units (``Các thôn``)."""

    id: str
    name: str
    kinds: list[str]


@dataclass(frozen=True)
class Profile:
    """Everything ``init`` derives from the issuer's name and its superior."""

    level: str
    issuer: str
    superior: str | None
    place: str
    office: SampleUnit
    units: list[SampleUnit]
    group: Group
    parent_body: str | None
    issuing_body: str
    code: str
    letter_code: str
    authority: str
    signer_title: str
    archive: str
    recipients: list[str] = field(default_factory=list)

    @property
    def committee(self) -> bool:
        """Whether a People's Committee issues the plan (and signs ``TM. ỦY BAN NHÂN DÂN``)."""
        return self.level in ("commune", "ward", "special-zone", "town", "province", "district")


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def level_of(issuer: str, superior: str | None = None) -> tuple[str, str]:
    """The level of ``issuer`` and the name of its place: ``UBND xã Trà Linh`` →
    ``("commune", "xã Trà Linh")``; ``Sở Nội vụ`` → ``("department", "Sở Nội vụ")``. A
    ``thành phố`` under a province (its superior a UBND tỉnh) is a district of old."""
    name = _nfc(issuer)
    match = _COMMITTEE.match(name)
    if match is None:
        first = name.casefold()
        return ("department" if first.startswith("sở ") else "agency"), name
    rest = name[match.end() :]
    low = rest.casefold()
    for words, level in _LEVELS:
        if low.startswith(words + " "):
            above = _nfc(superior or "").casefold()
            if words == "thành phố" and "tỉnh" in above.split():
                level = "district"
            return level, rest
    return "agency", name


def place_of(area: str) -> str:
    """``xã Trà Linh`` → ``Trà Linh``: the place name the date line uses."""
    low = area.casefold()
    for words, _ in _LEVELS:
        if low.startswith(words + " "):
            return area[len(words) + 1 :].strip()
    return area


def initials(name: str) -> str:
    """``Sở Khoa học và Công nghệ`` → ``SKHCN``: a document symbol's letters (``và`` and
    ``-`` left out, ``Đ`` kept)."""
    words = [w for w in re.split(r"[\s,\-–]+", _nfc(name)) if w and w.casefold() != "và"]
    return "".join(w[0].upper() for w in words)


def kind_word(name: str) -> str:
    """The word naming an agency's kind as its name writes it: ``Sở`` of ``Sở Nội vụ``
    (empty when none is known)."""
    text = _nfc(name)
    low = text.casefold()
    for words, _ in _HEADS:
        if low.startswith(words + " "):
            return text[: len(words)]
    return ""


def head_of(name: str) -> str:
    """The head of an agency by its name (``Sở …`` → ``Giám đốc``); ``Thủ trưởng`` else."""
    low = _nfc(name).casefold()
    for words, head in _HEADS:
        if low.startswith(words + " "):
            return head
    return "Thủ trưởng"


def profile(issuer: str, superior: str | None = None) -> Profile:
    """The profile of a plan issued by ``issuer`` (and reporting to ``superior``)."""
    issuer, superior = _nfc(issuer), (_nfc(superior) if superior else None)
    level, area = level_of(issuer, superior)
    if level in ("department", "agency"):
        return _agency(issuer, superior, level)
    return _committee(issuer, superior, level, area)


def _office(area: str) -> SampleUnit:
    """The Văn phòng HĐND và UBND of a commune, ward or district."""
    return SampleUnit(
        "van-phong",
        f"Văn phòng HĐND và UBND {area}",
        "Văn phòng HĐND và UBND",
        "department",
        "Chánh Văn phòng",
    )


def _committee_units(level: str, area: str) -> tuple[SampleUnit, list[SampleUnit], Group]:
    """The collecting office, the sample units and their group of a committee's plan."""
    if level == "province":
        office = SampleUnit("so-noi-vu", "Sở Nội vụ", "Sở Nội vụ", _SO, "Giám đốc")
        member = SampleUnit("so-tai-chinh", "Sở Tài chính", "Sở Tài chính", _SO, "Giám đốc")
        return office, [member], Group("cac-so", "Các sở, ban, ngành", [_SO])
    if level == "district":
        name = f"Phòng Nội vụ {area}"
        office = SampleUnit("phong-noi-vu", name, "Phòng Nội vụ", "department", "Trưởng phòng")
        return office, [_office(area)], Group("cac-phong", "Các phòng, ban", ["department"])
    department = SampleUnit(
        "phong-van-hoa-xa-hoi",
        f"Phòng Văn hóa - Xã hội {area}",
        "Phòng Văn hóa - Xã hội",
        "department",
        "Trưởng phòng",
    )
    if level in ("ward", "town"):
        group = Group("cac-to-dan-pho", "Các tổ dân phố", ["residential-group"])
        member = SampleUnit("to-dan-pho-1", "Tổ dân phố 1", "Tổ dân phố 1", *_GROUP_HEAD)
    else:
        group = Group("cac-thon", "Các thôn", ["hamlet"])
        member = SampleUnit("thon-1", "Thôn 1", "Thôn 1", "hamlet", "Trưởng thôn")
    return _office(area), [department, member], group


_SO = "provincial-department"
_GROUP_HEAD = ("residential-group", "Tổ trưởng")


def _recipients(superior: str | None) -> list[str]:
    return [f"{superior} (b/c)"] if superior else []


def _committee(issuer: str, superior: str | None, level: str, area: str) -> Profile:
    """A People's Committee signs its reports itself; its office collects."""
    office, units, group = _committee_units(level, area)
    return Profile(
        level=level,
        issuer=issuer,
        superior=superior,
        place=place_of(area),
        office=office,
        units=units,
        group=group,
        parent_body=None,
        issuing_body=f"ỦY BAN NHÂN DÂN\n{area.upper()}",
        code="BC-UBND",
        letter_code="UBND",
        authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        archive="VT, VP",
        recipients=_recipients(superior),
    )


def _agency(issuer: str, superior: str | None, level: str) -> Profile:
    """A department or other agency signs as its head (``KT. GIÁM ĐỐC``); its office
    collects from its own divisions."""
    head = head_of(issuer).upper()
    letters = initials(issuer)
    above = level_of(superior)[1] if superior and _COMMITTEE.match(superior) else ""
    short = issuer.split(" ", 1)[0]  # "Sở", "Ban", "Trung tâm"…
    name = f"Văn phòng {issuer}"
    member = SampleUnit(
        "phong-ke-hoach-tai-chinh",
        "Phòng Kế hoạch - Tài chính",
        "Phòng Kế hoạch - Tài chính",
        "department",
        "Trưởng phòng",
    )
    kinds = ["department", "public-service"]
    return Profile(
        level=level,
        issuer=issuer,
        superior=superior,
        place=place_of(above) if above else "",
        office=SampleUnit("van-phong", name, "Văn phòng", "department", "Chánh Văn phòng"),
        units=[member],
        group=Group("cac-phong", f"Các phòng, đơn vị thuộc {short}", kinds),
        parent_body=superior.upper() if superior else None,
        issuing_body=issuer.upper(),
        code=f"BC-{letters}",
        letter_code=letters,
        authority=f"KT. {head}",
        signer_title=f"PHÓ {head}",
        archive="VT, VP",
        recipients=_recipients(superior),
    )
