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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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


def profile(issuer: str, levels: Mapping[str, Any], superior: str | None = None) -> Profile:
    """The profile of a plan issued by ``issuer`` (and reporting to ``superior``), worded by
    ``levels`` (the packaged ``templates/levels.yaml``: offices, sample units and signing
    for each level)."""
    issuer, superior = _nfc(issuer), (_nfc(superior) if superior else None)
    level, area = level_of(issuer, superior)
    words = {"area": area, "AREA": area.upper(), "issuer": issuer}
    if level in ("department", "agency"):
        head = head_of(issuer).upper()
        words |= {"short": issuer.split(" ", 1)[0], "letters": initials(issuer), "head": head}
        above = level_of(superior)[1] if superior and _COMMITTEE.match(superior) else ""
        place, signing = (place_of(above) if above else ""), levels["agency"]
        parent_body, issuing_body = (superior.upper() if superior else None), issuer.upper()
    else:
        place, signing = place_of(area), levels["committee"]
        parent_body, issuing_body = None, _worded(signing["issuing_body"], words)
    sample = levels["levels"][level]
    return Profile(
        level=level,
        issuer=issuer,
        superior=superior,
        place=place,
        office=_unit(sample["office"], words),
        units=[_unit(u, words) for u in sample["units"]],
        group=Group(
            sample["group"]["id"],
            _worded(sample["group"]["name"], words),
            list(sample["group"]["kinds"]),
        ),
        parent_body=parent_body,
        issuing_body=issuing_body,
        code=_worded(signing["code"], words),
        letter_code=_worded(signing["letter_code"], words),
        authority=_worded(signing["authority"], words),
        signer_title=_worded(signing["signer_title"], words),
        archive=signing["archive"],
        recipients=[f"{superior} (b/c)"] if superior else [],
    )


def _worded(text: str, words: Mapping[str, str]) -> str:
    """``text`` with its ``{area}``-style placeholders filled in."""
    return str(text).format_map(words)


def _unit(data: Mapping[str, str], words: Mapping[str, str]) -> SampleUnit:
    """A sample unit of ``levels.yaml`` with its name worded for the issuer."""
    return SampleUnit(
        data["id"], _worded(data["name"], words), data["short"], data["kind"], data["head"]
    )
