"""``init``: a new data repository for another district or another plan, from the packaged
example files and templates. Nothing here prints."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from plantrack import __version__, layout
from plantrack.app.schema import write_schemas
from plantrack.errors import PlantrackError
from plantrack.io import dist, scaffold
from plantrack.render.skeleton_yaml import one_line
from plantrack.validate.check import CheckResult, check_repository
from plantrack.validate.schema_version import stamped

_PREFIXES = ("thành phố ", "thị xã ", "huyện ", "quận ", "tỉnh ", "xã ", "phường ", "thị trấn ")
DEFAULT_TITLE = "Kế hoạch nâng cao Chỉ số SIPAS và Chỉ số PAPI"
DEFAULT_DISTRICT = "huyện Mẫu"
MAX_DISTRICT = 400


@dataclass
class Initialised:
    """A new data repository: its root, the files written, git's state and its check."""

    root: Path
    files: list[str]
    git: scaffold.GitState
    check: CheckResult


def _values(title: str, district: str, today: dt.date, install: str) -> dict[str, str]:
    place = district
    for prefix in _PREFIXES:
        if place.lower().startswith(prefix):
            place = place[len(prefix) :]
            break
    return {
        "title": title,
        "district": district,
        "issuer": f"UBND {district}",
        "place": place,
        "parent_body": f"UBND {district}".upper(),
        "unit_name": f"Phòng Nội vụ {district}",
        "year": str(today.year),
        "first": f"{today.year}-Q1",
        "deadline": f"Tháng 12/{today.year}",
        "version": dist.installed_version(__version__),
        "install": dist.shell_word(install),
    }


def _fill(rel: str, text: str, values: dict[str, str]) -> str:
    """Replace ``@name@`` placeholders; in YAML files they sit inside double quotes, so the
    value is escaped as a double-quoted scalar's body."""
    yaml_file = rel.endswith((".yaml", ".yml"))
    for name, value in values.items():
        body = json.dumps(value, ensure_ascii=False)[1:-1] if yaml_file else value
        text = text.replace(f"@{name}@", body)
    return text


def _files(
    packaged: Path, title: str, district: str, day: dt.date, install: str
) -> dict[str, bytes]:
    """Every file of a new repository: the example data filled in, and the templates."""
    values = _values(title, district, day, install)
    files = {
        rel: _fill(rel, text, values).encode("utf-8")
        for rel, text in scaffold.read_texts(packaged / "init").items()
    }
    files[layout.PLAN] = stamped(files[layout.PLAN].decode("utf-8")).encode("utf-8")
    files[f"{layout.REPORTS}/.gitkeep"] = b""
    copies = scaffold.read_tree(packaged, skip=("init",))
    files.update({f"templates/{rel}": data for rel, data in copies.items()})
    return files


def init_repository(
    target: Path,
    *,
    title: str = DEFAULT_TITLE,
    district: str = DEFAULT_DISTRICT,
    today: dt.date | None = None,
    install: str | None = None,
) -> Initialised:
    """Make a new data repository at ``target`` (absent or empty), ``git init`` it, commit
    when a git identity is configured, and check it.

    ``install`` is the pip requirement every generated install step uses (default: this very
    plantrack, pinned; see ``io.dist.install_spec``)."""
    from plantrack.render.templating import default_templates

    title, district = one_line(title), one_line(district)
    if not title or not district:
        raise PlantrackError(code="PT913")
    if len(district) > MAX_DISTRICT:
        raise PlantrackError(code="PT914", limit=MAX_DISTRICT)
    spec = dist.install_spec(__version__, install)
    if not dist.is_pinned(spec):
        raise PlantrackError(code="PT949", spec=spec, dist=dist.DIST)
    day = today or dt.date.today()
    try:
        scaffold.ensure_empty(target)
        files = _files(default_templates(), title, district, day, spec)
        written = scaffold.write_tree(target, files)
    except scaffold.NotEmptyError as exc:
        raise PlantrackError(code="PT915", path=exc) from exc
    written += [p.relative_to(target).as_posix() for p in write_schemas(target / layout.SCHEMAS)]
    state = scaffold.git_init(target, "Khởi tạo kho dữ liệu plantrack")
    result = check_repository(target, today=day)
    return Initialised(target, sorted(written), state, result)
