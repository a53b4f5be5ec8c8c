"""The Jinja environment: templates from the data repository's ``templates/`` first, then the
packaged defaults; strict undefined; autoescape for HTML; Vietnamese formatting filters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from plantrack.errors import PlantrackError
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS, finding_label, unread_label


def default_templates() -> Path:
    """The packaged templates folder (in a wheel) or the source checkout's ``templates/``."""
    packaged = Path(str(resources.files("plantrack"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def template_path(name: str, repo: Path | None = None) -> Path:
    """The file a template name resolves to: the data repository's own, else the default."""
    if repo is not None and (repo / "templates" / name).is_file():
        return inside_repo(repo / "templates" / name, repo)
    return default_templates() / name


def inside_repo(path: Path, repo: Path) -> Path:
    """``path`` when it stays inside ``repo`` once links are followed; a template linked to a
    file elsewhere would put that file's content into an official document (PT970)."""
    target = path.resolve()
    if not target.is_relative_to(repo.resolve()):
        rel = path.relative_to(repo).as_posix() if path.is_relative_to(repo) else str(path)
        raise PlantrackError(code="PT970", path=rel, target=str(target))
    return path


class _RepoLoader(jinja2.FileSystemLoader):
    """Templates from ``repo/templates`` (then the defaults), never through a link that
    leaves the repository."""

    def __init__(self, search: list[str], repo: Path | None) -> None:
        super().__init__(search, followlinks=False)
        self.repo = repo

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if self.repo is not None and Path(filename).is_relative_to(self.repo / "templates"):
            inside_repo(Path(filename), self.repo)
        return source, filename, uptodate


def environment(repo: Path | None = None) -> jinja2.Environment:
    """A sandboxed Jinja environment searching ``repo/templates`` before the defaults; every
    value a template prints loses its control characters (:func:`clean_output`)."""
    search = [str(repo / "templates")] if repo is not None and (repo / "templates").is_dir() else []
    search.append(str(default_templates()))
    # a data repository's own templates are code from another trust level than plantrack's:
    # sandboxed, they cannot reach Python internals (__globals__, os, file access)
    env = SandboxedEnvironment(
        loader=_RepoLoader(search, repo),
        finalize=clean_output,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "svg.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        vdate=vn_date,
        pct=percent,
        num=number,
        status_label=lambda s: STATUS_LABELS[s][0],
        status_colour=lambda s: STATUS_COLOURS[s],
        finding_label=finding_label,
        unread=unread_label,
        md=markdown_escape,
        cell=markdown_cell,
    )
    return env


def vn_date(value: dt.date | str | None) -> str:
    """``2024-09-05`` → ``05/09/2024``; empty for ``None``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def number(value: float | int | None, decimals: int = 2) -> str:
    """Vietnamese number format: ``1.234,5``; integers without decimals; ``—`` for none."""
    if value is None:
        return "—"
    if float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", ".")
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | None) -> str:
    """``98.62`` → ``98,62%``; ``—`` for none."""
    return "—" if value is None else number(value) + "%"


_MD_SPECIAL = "\\`*_[]<>|#"
# C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a reader
# sees; tab and line breaks stay (each format decides what a line break becomes)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# a bare address a Markdown viewer would turn into a link: the escaped ':' or '.' stops it
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")


def clean_output(value: Any) -> Any:
    """A printed value without control characters (text from YAML escapes may hold them)."""
    if isinstance(value, Markup):
        return Markup(_CONTROL.sub("", str(value)))
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


_LINE_BREAK = re.compile(r"\s*[\r\n]\s*")


def markdown_escape(value: Any) -> str:
    """Escape Markdown's special characters in text taken from reports.

    Line breaks become spaces: a line of report text must not start a Markdown block of its
    own (a list item posing as another unit's words, a code fence swallowing the rest).
    """
    text = _LINE_BREAK.sub(" ", _CONTROL.sub("", "" if value is None else str(value)))
    text = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    return _AUTOLINK.sub(lambda m: f"{m[1] or m[3]}\\{m[2] or m[4]}", text)


def markdown_cell(value: Any) -> str:
    """Escaped text safe inside a Markdown table cell (no line breaks, pipes escaped)."""
    return " ".join(markdown_escape(value).split())
