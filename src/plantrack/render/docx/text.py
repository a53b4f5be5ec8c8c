"""Plain-text pieces of an official document (Nghị định 30/2020/NĐ-CP), free of python-docx:
the number line, the place-and-date line, text cleaning and a width estimate for rules."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plantrack.domain.voice import issuer_signs

if TYPE_CHECKING:
    from plantrack.domain.viewmodel import PlanInfo
    from plantrack.models.plan import DocumentSettings

# Characters XML 1.0 refuses (lxml raises on them): C0 controls but tab, LF, CR; DEL is
# allowed by XML but is never meant in a report, and non-characters.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

NUMBER_BLANK = "      "  # left for the office to fill in by hand
DAY_BLANK = "    "


def clean(text: object) -> str:
    """Text safe for WordprocessingML: NFC (Vietnamese diacritics composed), no control
    characters, CR and CRLF turned into LF."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _INVALID.sub("", value))


def padded(number: str) -> str:
    """A document number under 10 takes a leading zero (``5`` → ``05``)."""
    return f"0{number}" if number.isdigit() and int(number) < 10 and len(number) == 1 else number


def number_line(number: str | None, code: str) -> str:
    """``Số: 12/BC-UBND``; a number already holding ``/`` is taken whole; an unset number is
    left blank for the office (``Số:      /BC-UBND``), never invented."""
    number = clean(number).strip() if number is not None else ""
    if "/" in number:
        return f"Số: {number}"
    suffix = f"/{code}"
    if not number:
        return f"Số:{NUMBER_BLANK}{suffix}"
    return f"Số: {padded(number)}{suffix}"


def day_text(day: int) -> str:
    """Days under 10 take a leading zero."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero; months 3 to 12 do not (Nghị định 30/2020)."""
    return f"{month:02d}" if month < 3 else str(month)


def date_words(date: dt.date | None, year: int) -> str:
    """``ngày 05 tháng 01 năm 2025``; without a date the day and month are left blank."""
    if date is None:
        return f"ngày{DAY_BLANK}tháng{DAY_BLANK}năm {year}"
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def place_date(place: str, date: dt.date | None, year: int) -> str:
    """``Hòa Bình, ngày 05 tháng 01 năm 2026`` (the place is omitted when unknown)."""
    words = date_words(date, year)
    return f"{clean(place)}, {words}" if place else words[:1].upper() + words[1:]


def topic_in_period(topic: str, period_title: str, year: int) -> str:
    """The plan's topic followed by the period, without saying the year twice:
    ``Kế hoạch X 9 tháng năm 2026``; ``Kế hoạch X năm 2026, 9 tháng``; the yearly report of a
    one-year plan is the topic alone; a topic naming other years keeps the period whole
    after a comma (``Kế hoạch X giai đoạn 2026-2030, Quý I năm 2027``)."""
    topic = clean(topic).strip()
    if period_title.casefold() in topic.casefold():
        return topic
    years = set(_YEAR.findall(topic))
    if not years:
        return f"{topic} {period_title}"
    if years != {str(year)} or _SPAN.search(topic):
        return f"{topic}, {period_title}"
    if period_title == f"năm {year}":
        return topic
    head = period_title.removesuffix(f" {year}")
    if not head.endswith((" đầu năm", " cuối năm")):
        head = head.removesuffix(" năm")
    return f"{topic}, {head}"


def keywords(topic: str, index_ids: list[str]) -> str:
    """A document's keywords (file properties): the plan's indices, else its topic."""
    return "; ".join(index_ids) or clean(topic).strip()


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A plan over several years: its title's year is where it starts, not the period's year.
_SPAN = re.compile(r"tiếp theo|giai đoạn|đến năm", re.IGNORECASE)


# Advance widths (1/1000 em) of Times Roman and Times Bold, which Times New Roman and
# Liberation Serif share; enough to size a rule under a line of text.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ROMAN_WIDTHS = (
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 "
    "944 722 722 611 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 "
    "389 278 500 500 722 500 500 444"
)
_BOLD_WIDTHS = (
    "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 "
    "1000 722 722 667 500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 "
    "389 333 556 500 722 500 500 444"
)
_ROMAN = dict(zip(_LETTERS, map(int, _ROMAN_WIDTHS.split()), strict=True))
_BOLD = dict(zip(_LETTERS, map(int, _BOLD_WIDTHS.split()), strict=True))
_OTHER = {" ": 250, "-": 333, ",": 250, ".": 250, ":": 278, "/": 278, "(": 333, ")": 333}


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Estimated printed width of ``text`` in points (Vietnamese letters as their base)."""
    table = _BOLD if bold else _ROMAN
    total = 0
    for char in unicodedata.normalize("NFC", text):
        base = {"Đ": "D", "đ": "d"}.get(char) or unicodedata.normalize("NFD", char)[:1]
        total += table.get(base, _OTHER.get(base, 500))
        if char in "ƠơƯư":  # the horn adds a little
            total += 60
    return total * size_pt / 1000


@dataclass(frozen=True)
class Letterhead:
    """What surrounds the body of an official document: the two header columns, the
    signature block and the recipients."""

    parent_body: str
    issuing_body: str
    number: str
    place_date: str
    authority: str
    signer_title: str | None
    signer_name: str | None
    recipients: list[str]
    archive: str


def letterhead(
    settings: DocumentSettings | None,
    plan: PlanInfo,
    *,
    letter: bool,
    number: str | None,
    date: dt.date | None,
    signer: str | None,
    year: int,
) -> Letterhead:
    """The letterhead from the plan's document settings (``vm.document``) and the overrides;
    what is unknown stays blank rather than invented."""
    s = settings
    own = issuer_signs(plan.issuer, s)
    # the parent line: the settings', else the plan's issuer unless the issuer itself signs
    # (a People's Committee's letterhead has no parent line)
    parent = (s.parent_body if s else None) or ("" if own else plan.issuer)
    report_to = (plan.superior or "") if own else plan.issuer
    return Letterhead(
        parent_body=clean(parent).upper(),
        issuing_body=clean(s.issuing_body if s else "").upper(),
        number=number_line(number, clean(_code(s, letter=letter))),
        place_date=place_date((s.place if s else None) or plan.place or "", date, year),
        authority=clean(s.signer_authority if s else "").upper(),
        signer_title=clean(s.signer_title).upper() if s and s.signer_title else None,
        signer_name=clean(signer or (s.signer_name if s else None) or "") or None,
        recipients=_recipients(s, letter=letter, superior=report_to),
        archive=clean((s.archive if s else None) or "VT").strip().rstrip("."),
    )


def _code(settings: DocumentSettings | None, *, letter: bool) -> str:
    """The number code: the report's (``BC-…``), or for a letter the office's own (``PNV``),
    never the report's."""
    code = (settings.code if settings else None) or "BC"
    if not letter:
        return code
    own = settings.letter_code if settings else None
    return own or (code[3:] if code.startswith("BC-") else "")


def _recipients(settings: DocumentSettings | None, *, letter: bool, superior: str) -> list[str]:
    """The recipients; a letter's addressees are "Như trên", and of the settings' recipients
    only those informed (b/c) remain. A report whose plan lists none goes to the body it
    reports to: the plan's issuer, or its superior when the issuer signs."""
    listed = [
        clean(r).strip().rstrip(";.").strip() for r in (settings.recipients if settings else [])
    ]
    if not listed and not letter and superior:
        listed = [f"{clean(superior).strip()} (b/c)"]
    if letter:
        listed = ["Như trên", *[r for r in listed if r.lower().endswith("(b/c)")]]
    return [r for r in listed if r]
