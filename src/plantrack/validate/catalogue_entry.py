"""One entry of the finding catalogue (``catalogue.yaml``), built when the catalogue is first
read: a class made with ``dataclass`` costs its module's import a few million instructions,
paid by every run, and a check that finds nothing never reads the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from plantrack.validate.finding import Severity


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry; messages are ``str.format`` templates over the finding's params."""

    code: str
    severity: Severity
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""
