"""Pydantic v2 models of the plan, units, reports and indices. No I/O, no cross-file rules."""

from plantrack.models.index import Index
from plantrack.models.plan import Plan, Task
from plantrack.models.report import Report
from plantrack.models.unit import Unit

__all__ = ["Index", "Plan", "Report", "Task", "Unit"]
