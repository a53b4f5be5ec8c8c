"""Who a document speaks as, where units send their reports, and whom the report goes to.

All three come from the plan (``issuer``, ``superior``, ``reporting.consolidator``) and its
document settings (``sender``); nothing is guessed from a unit's name. Two practices are
covered (docs/decisions.md, "Issuer and consolidator"):

- an office of the issuer signs for itself (a district's Home Affairs office): it reports to
  the plan's issuer;
- the issuer itself signs (``TM. ỦY BAN NHÂN DÂN``: ``sender`` is the plan's issuer) and its
  office only collects: the report goes to the issuer's superior.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from plantrack.models.plan import DocumentSettings

# When the issuer speaks and names no superior, the report asks the authority above it.
COMPETENT = "cấp có thẩm quyền"


# How a body's name is abbreviated in letterheads and sentences.
_WORDS = {"ubnd": "ủy ban nhân dân", "uỷ": "ủy", "hđnd": "hội đồng nhân dân"}


def _words(name: str) -> str:

    words = unicodedata.normalize("NFC", name).casefold().split()
    return " ".join(_WORDS.get(w, w) for w in words)


def same_body(a: str, b: str) -> bool:
    """Whether two names write the same body (``UBND xã A`` and ``ỦY BAN NHÂN DÂN XÃ A``)."""
    return _words(a) == _words(b)


def issuer_signs(issuer: str, document: DocumentSettings | None) -> bool:
    """Whether the documents are the issuer's own: their ``sender`` or issuing body is the
    plan's issuer (``UBND xã A`` issuing as ``UBND XÃ A``, signed ``TM. ỦY BAN NHÂN DÂN``)."""
    if document is None:
        return False
    return same_body(document.sender or "", issuer) or same_body(document.issuing_body, issuer)


@dataclass(frozen=True)
class Voice:
    """``speaker``: who the letter and report say "đề nghị" as; ``collector``: where the
    units send their reports; ``report_to``: whom the report is for, asked to decide."""

    speaker: str
    collector: str
    report_to: str
    # the issuer signs: what it can order its own units is its own task, not a proposal
    own: bool = False


def voice(
    issuer: str,
    superior: str | None,
    document: DocumentSettings | None,
    consolidator_name: str | None,
) -> Voice:
    """The voice of the documents of a plan issued by ``issuer`` and consolidated by the
    unit named ``consolidator_name``."""
    sender = (document.sender if document else None) or None
    collector = consolidator_name or sender or issuer
    speaker = sender or collector
    own = issuer_signs(issuer, document) or same_body(speaker, issuer)
    report_to = (superior or COMPETENT) if own else issuer
    return Voice(speaker=speaker, collector=collector, report_to=report_to, own=own)
