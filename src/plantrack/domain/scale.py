"""How much unit-by-unit detail the official documents carry at a repository's size.

Up to ``DETAIL_LIMIT`` units expected to report, the Word, HTML and Markdown reports name
every unit where they name exceptions and hold the appendix tables by unit and by task
and unit. Above it they become summary documents: counts instead of lists of names, one row
per task instead of one per task and unit, and the unit-by-unit detail in the workbook only
(``docs/decisions.md``, "Summary documents above a size").
"""

from __future__ import annotations

DETAIL_LIMIT = 300
"""Units expected to report above which the documents are summaries (a province after the
2025 reform has fewer; a national plan far more)."""


def detail_in_workbook(units_expected: int) -> bool:
    """Whether the unit-by-unit detail goes to the workbook only (a summary document)."""
    return units_expected > DETAIL_LIMIT
