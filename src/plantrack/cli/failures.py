"""Failures of the machine, not of the data or of plantrack: a full disk, a read-only file
system, a refused permission, a file in the way, Ctrl-C. Each gets its catalogued message
(``PT960``–``PT965`` in ``plantrack/i18n/errors.yaml``) instead of an internal error."""

from __future__ import annotations

import errno

from plantrack.errors import PlantrackError

_CODES = {
    errno.ENOSPC: "PT960",
    errno.EDQUOT: "PT960",
    errno.EROFS: "PT961",
    errno.EACCES: "PT962",
    errno.EPERM: "PT962",
    errno.EEXIST: "PT963",
    errno.EISDIR: "PT963",
    errno.ENOTDIR: "PT963",
    errno.ENOTEMPTY: "PT963",
    errno.EIO: "PT965",
    errno.ENAMETOOLONG: "PT965",
    errno.ELOOP: "PT965",
    errno.EMFILE: "PT965",
    errno.ENFILE: "PT965",
}
INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C (128 + SIGINT)


def from_os_error(exc: OSError) -> PlantrackError | None:
    """The catalogued fatal error for ``exc``; ``None`` for one plantrack does not expect
    (still reported, as an internal error)."""
    code = _CODES.get(exc.errno or 0)
    if code is None:
        return None
    path = exc.filename if exc.filename is not None else ""
    return PlantrackError(code=code, path=path, reason=exc.strerror or str(exc))


def interrupted() -> PlantrackError:
    """The message for Ctrl-C: what was written is whole (writes are atomic)."""
    return PlantrackError(code="PT964")


def from_template_error(exc: Exception) -> PlantrackError | None:
    """PT967 when a data repository's template reached for what the sandbox forbids."""
    if type(exc).__name__ != "SecurityError" or not type(exc).__module__.startswith("jinja2"):
        return None
    return PlantrackError(code="PT967", reason=str(exc))
