"""'Did you mean …' hints for misspelt ids and keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TypedDict


class Suggestion(TypedDict):
    """Catalogue params naming the closest known id."""

    suggestion: str
    suggestion_en: str


def suggestion(wrong: str, known: Iterable[str]) -> Suggestion:
    """Params ``suggestion``/``suggestion_en`` naming the closest known id, if any."""
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    if not close:
        return Suggestion(suggestion="", suggestion_en="")
    return Suggestion(
        suggestion=f"Có phải ý bạn là '{close[0]}'?",
        suggestion_en=f"Did you mean '{close[0]}'?",
    )


def fold_id(identifier: str) -> str:
    """An id with case and separators removed: ``Xa_Tra_Don`` → ``xatradon``."""
    return "".join(ch for ch in identifier.lower() if ch.isalnum())
