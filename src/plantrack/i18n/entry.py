"""One fatal error of the catalogue (``errors.yaml``), built when the first is shown: a class
made with ``dataclass`` costs its module's import a few million instructions, paid by every run,
and most runs show no fatal error."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One fatal error of the catalogue; messages are ``str.format`` templates."""

    code: str
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""

    def title(self, lang: str = "vi") -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_vi

    def message(self, lang: str = "vi") -> str:
        """The message template in ``lang``."""
        return self.message_en if lang == "en" else self.message_vi

    def hint(self, lang: str = "vi") -> str:
        """The hint in ``lang`` (may be empty)."""
        return self.hint_en if lang == "en" else self.hint_vi
