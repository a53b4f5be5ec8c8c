"""The one exception family for failures that stop a run (not data findings)."""

from __future__ import annotations

from typing import Any

from plantrack.i18n import error_text


class PlantrackError(Exception):
    """A fatal problem: no repository, unreadable configuration, bad usage.

    The CLI turns it into a one-paragraph message and exit code 2; data problems are
    never raised, they are returned as findings. Raised with a catalogue ``code``
    (``PT9xx``, see ``plantrack/i18n/errors.yaml``) and its values, the message exists in
    Vietnamese (``str(error)``) and English (``error.text("en")``).
    """

    def __init__(self, message: str = "", *, code: str | None = None, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(message or (error_text(code, "vi", **values) if code else ""))

    def text(self, lang: str = "vi") -> str:
        """The message in ``lang``, followed by its code."""
        if self.code is None:
            return str(self)
        return f"{error_text(self.code, lang, **self.values)} ({self.code})"


class RepoNotFoundError(PlantrackError):
    """No folder holding ``data/plan.yaml`` was found."""
