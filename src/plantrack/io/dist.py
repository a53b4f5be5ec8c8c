"""Where the running plantrack came from, so that a generated install step installs exactly
this tool: its distribution name, version and, when pip recorded one (PEP 610), its source.

The distribution is ``plantrack-vn``; the bare name ``plantrack`` on the public package index
belongs to an unrelated project, so no generated file may ever install it.
"""

from __future__ import annotations

import json
import os
import shlex
from importlib import metadata

DIST = "plantrack-vn"
ENV = "PLANTRACK_INSTALL"


def installed_version(fallback: str) -> str:
    """The installed distribution's version (``fallback`` when run from a bare source tree)."""
    try:
        return metadata.version(DIST)
    except metadata.PackageNotFoundError:
        return fallback


def _vcs_source() -> str | None:
    """``git+URL@commit`` when this distribution was installed from a version-control URL."""
    try:
        raw = metadata.distribution(DIST).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        info = json.loads(raw or "{}")
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    url = info.get("url") if isinstance(info, dict) else None
    if not isinstance(vcs, dict) or not isinstance(url, str) or vcs.get("vcs") != "git":
        return None
    commit = vcs.get("commit_id")
    return f"git+{url}@{commit}" if isinstance(commit, str) and commit else f"git+{url}"


def install_spec(version: str, override: str | None = None) -> str:
    """The pip requirement that installs this very tool.

    ``override`` (or ``$PLANTRACK_INSTALL``) wins, e.g. a wheel on an internal server or a git
    URL; else the git source pip recorded; else ``plantrack-vn==VERSION``, pinned.
    """
    chosen = (override or os.environ.get(ENV) or "").strip()
    if chosen:
        return chosen
    source = _vcs_source()
    if source:
        return f"{DIST} @ {source}"
    return f"{DIST}=={installed_version(version)}"


def shell_word(spec: str) -> str:
    """``spec`` as one shell word (quoted when it holds spaces or shell characters)."""
    return shlex.quote(spec)


def is_pinned(spec: str) -> bool:
    """Whether ``spec`` names one exact build: a ``==`` pin, a direct URL (``NAME @ URL``,
    ``git+…``, ``https://…``), a local path or an archive; never a bare name."""
    text = spec.strip()
    return (
        "==" in text
        or " @ " in text
        or text.startswith(("git+", "https://", "http://", "file:", "./", "../", "/"))
        or text.endswith((".whl", ".tar.gz", ".zip"))
    )
