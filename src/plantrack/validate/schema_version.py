"""Which form of the data files a repository was written for, and what ``check`` says when it
is not this plantrack's: a newer one is an error (update plantrack); an older one whose files
hold keys a later version retired gets the way out (``plantrack migrate``) beside the
unknown-key errors, instead of those errors alone. A mistyped key is no version's business."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from plantrack import layout
from plantrack.io.yamllines import set_top_scalar, top_scalar
from plantrack.models.plan import SCHEMA_VERSION
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding

KEY = "schema_version"
UNKNOWN_KEY = "PT101"
UNSTAMPED = 1  # a repository that does not say was written before versions were recorded
# The keys each version no longer accepts (renamed or removed; ``app/migrate.py`` has the
# step that rewrites them). Version 2 only added optional keys.
RETIRED: dict[int, frozenset[str]] = {2: frozenset()}
_INDEX = re.compile(r"\[[^\]]*\]")


def declared_version(text: str) -> tuple[int | None, int | None]:
    """The version ``data/plan.yaml``'s text declares (``UNSTAMPED`` when it says none;
    ``None`` when the value is no whole number) and its line."""
    value, line = top_scalar(text, KEY)
    if value is None:
        return UNSTAMPED, None
    return (int(value) if value.isdigit() and len(value) <= 6 else None), line


def stamped(plan_text: str) -> str:
    """``data/plan.yaml``'s text recording this plantrack's version (one line changed)."""
    return set_top_scalar(plan_text, KEY, str(SCHEMA_VERSION))


def version_findings(root: Path, findings: Sequence[Finding]) -> list[Finding]:
    """PT021 for a repository written for a newer plantrack; PT022 for an older one whose
    files hold keys a later version retired (the model catches a value that is no number)."""
    try:
        text = (root / layout.PLAN).read_text("utf-8")
    except (OSError, UnicodeError):
        return []  # the plan's own findings say why it cannot be read
    version, line = declared_version(text)
    if version is None:
        return []
    words = {"version": version, "current": SCHEMA_VERSION}
    if version > SCHEMA_VERSION:
        return [make("PT021", layout.PLAN, line, 1 if line else None, KEY, **words)]
    retired: set[str] = set()
    for later in range(version + 1, SCHEMA_VERSION + 1):
        retired |= RETIRED.get(later, frozenset())
    if any(f.code == UNKNOWN_KEY and _last_key(f.key) in retired for f in findings):
        return [make("PT022", layout.PLAN, line, 1 if line else None, KEY, **words)]
    return []


def _last_key(key_path: str) -> str:
    """``tasks[0].progres`` → ``progres``."""
    return _INDEX.sub("", key_path).rsplit(".", 1)[-1]
