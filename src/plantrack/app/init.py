"""``init``: a new data repository for any issuer (a commune, a ward, a province or city, a
provincial department, a district of old) from the packaged example files and templates,
filled in from the issuer's profile (``domain.profile``). Nothing here prints."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plantrack import __version__, layout
from plantrack.app.schema import write_schemas
from plantrack.domain.profile import Profile, SampleUnit, profile
from plantrack.errors import PlantrackError
from plantrack.io import dist, scaffold
from plantrack.models.period import DEFAULT_RULES, MONTHS, period_sort_key
from plantrack.render.skeleton_yaml import one_line
from plantrack.validate.check import CheckResult, check_repository
from plantrack.validate.schema_version import stamped

DEFAULT_PERIODS = "Q1,H1,M9,Y"
MAX_NAME = 400
# Shorthands of ``--periods``: every month, quarter or half-year.
_SHORTHANDS = {"M": MONTHS, "Q": ("Q1", "Q2", "Q3", "Q4"), "H": ("H1", "H2")}
_UNIT_FILE = "data/units/@unit@.yaml"
LEVELS = "levels.yaml"  # each level's collecting office, sample units and signing


@dataclass
class Initialised:
    """A new data repository: its root, the files written, git's state and its check."""

    root: Path
    files: list[str]
    git: scaffold.GitState
    check: CheckResult


def default_title(year: int) -> str:
    """The plan title used when none is given."""
    return f"Kế hoạch cải cách hành chính năm {year}"


def parse_periods(spec: str) -> list[str]:
    """``M,Q1,H1,M9,Y`` → the period kinds, in the order of a year (``M`` every month, ``Q``
    every quarter, ``H`` both halves); ``PT980`` for an unknown kind."""
    kinds: list[str] = []
    for word in (w.strip().upper() for w in spec.replace(";", ",").split(",")):
        if not word:
            continue
        if len(word) == 2 and word[0] == "M" and word[1].isdigit() and word != "M9":
            word = f"M0{word[1]}"  # M3 is March, written M03; M9 stays nine months
        found = _SHORTHANDS.get(word) or ((word,) if word in DEFAULT_RULES else None)
        if found is None:
            raise PlantrackError(code="PT980", word=word, spec=spec)
        kinds += [k for k in found if k not in kinds]
    if not kinds:
        raise PlantrackError(code="PT980", word=spec, spec=spec)
    return sorted(kinds, key=lambda k: period_sort_key(f"2000-{k}"))


def _unit_values(unit: SampleUnit) -> dict[str, str]:
    return {
        "unit_id": unit.id,
        "unit_name": unit.name,
        "unit_short": unit.short,
        "unit_kind": unit.kind,
        "unit_head": unit.head,
    }


def _values(
    title: str, who: Profile, periods: list[str], today: dt.date, install: str
) -> dict[str, object]:
    """The placeholders' values; ``json_`` ones are written as JSON (a YAML flow value)."""
    member = who.units[-1]
    first = f"{today.year}-{periods[0]}"
    return {
        "title": title,
        "issuer": who.issuer,
        "place": who.place,
        "year": str(today.year),
        "first": first,
        "deadline": f"Tháng 12/{today.year}",
        "version": dist.installed_version(__version__),
        "install": dist.shell_word(install),
        "office_id": who.office.id,
        "office_name": who.office.name,
        "office_short": who.office.short,
        "member_id": member.id,
        "member_short": member.short,
        "group_id": who.group.id,
        "group_name": who.group.name,
        "issuing_body_line": " / ".join(
            filter(None, (who.parent_body, *who.issuing_body.splitlines()))
        ),
        "json_issuing_body": who.issuing_body,
        "code": who.code,
        "letter_code": who.letter_code,
        "signer_title": who.signer_title,
        "archive": who.archive,
        "report_to": who.superior or "cấp có thẩm quyền",
        "periods_words": ", ".join(periods),
        "json_superior": who.superior,
        "json_parent_body": who.parent_body,
        "json_authority": who.authority,
        "json_recipients": who.recipients,
        "json_periods": periods,
        "json_group_kinds": who.group.kinds,
        "json_support": [u.id for u in who.units if u.kind not in who.group.kinds] + [who.group.id],
    }


def _fill(rel: str, text: str, values: dict[str, object]) -> str:
    """Replace ``@name@`` placeholders; in YAML files they sit inside double quotes, so the
    value is escaped as a double-quoted scalar's body; ``@json_name@`` is a JSON value."""
    yaml_file = rel.endswith((".yaml", ".yml"))
    for name, value in values.items():
        if name.startswith("json_"):
            body = json.dumps(value, ensure_ascii=False)
        else:
            body = json.dumps(value, ensure_ascii=False)[1:-1] if yaml_file else str(value)
        text = text.replace(f"@{name}@", body)
    return text


def _files(
    packaged: Path,
    title: str,
    who: Profile,
    periods: list[str],
    day: dt.date,
    install: str,
    *,
    with_templates: bool = False,
) -> dict[str, bytes]:
    """Every file of a new repository: the example data filled in, one file per sample unit,
    and (``with_templates``) a copy of the default templates. Without them the repository
    follows the installed plantrack's templates, improvements included: a repository's own
    copy of a template always wins, so a copy nobody edits only freezes old wording."""
    values = _values(title, who, periods, day, install)
    files: dict[str, bytes] = {}
    for rel, text in scaffold.read_texts(packaged / "init").items():
        if rel == _UNIT_FILE:
            for unit in (who.office, *who.units):
                filled = _fill(rel, text, {**_unit_values(unit), **values})
                files[f"{layout.UNITS}/{unit.id}.yaml"] = filled.encode("utf-8")
            continue
        files[rel] = _fill(rel, text, values).encode("utf-8")
    files[layout.PLAN] = stamped(files[layout.PLAN].decode("utf-8")).encode("utf-8")
    files[f"{layout.REPORTS}/.gitkeep"] = b""
    if with_templates:
        copies = scaffold.read_tree(packaged, skip=("init", LEVELS))
        files.update({f"templates/{rel}": data for rel, data in copies.items()})
    return files


def _levels(packaged: Path) -> dict[str, Any]:
    """The packaged ``levels.yaml`` (read by ``init`` only: a repository does not override
    it, it edits the units ``init`` wrote)."""
    data = yaml.safe_load((packaged / LEVELS).read_text("utf-8"))
    assert isinstance(data, dict), LEVELS  # a packaged file, checked by the tests
    return data


def _names(issuer: str, superior: str | None, title: str) -> tuple[str, str | None, str]:
    """The three names on one line each, checked: PT913 when empty, PT914 when too long."""
    issuer, title = one_line(issuer), one_line(title)
    above = one_line(superior) if superior else None
    if not issuer or not title:
        raise PlantrackError(code="PT913")
    if max(len(issuer), len(above or ""), len(title)) > MAX_NAME:
        raise PlantrackError(code="PT914", limit=MAX_NAME)
    return issuer, above or None, title


def init_repository(
    target: Path,
    *,
    issuer: str,
    superior: str | None = None,
    title: str | None = None,
    periods: str = DEFAULT_PERIODS,
    today: dt.date | None = None,
    install: str | None = None,
    with_templates: bool = False,
) -> Initialised:
    """Make a new data repository at ``target`` (absent or empty) for a plan of ``issuer``
    (reporting to ``superior``), ``git init`` it, commit when a git identity is configured,
    and check it.

    ``periods`` are the period kinds to report (``parse_periods``); ``install`` is the pip
    requirement every generated install step uses (default: this very plantrack, pinned; see
    ``io.dist.install_spec``); ``with_templates`` copies the default templates into
    ``templates/`` to be edited there."""
    from plantrack.render.templating import default_templates

    day = today or dt.date.today()
    issuer, superior, title = _names(issuer, superior, title or default_title(day.year))
    kinds = parse_periods(periods)
    spec = dist.install_spec(__version__, install)
    if not dist.is_pinned(spec):
        raise PlantrackError(code="PT949", spec=spec, dist=dist.DIST)
    who = profile(issuer, _levels(default_templates()), superior)
    try:
        scaffold.ensure_empty(target)
        files = _files(
            default_templates(), title, who, kinds, day, spec, with_templates=with_templates
        )
        written = scaffold.write_tree(target, files)
    except scaffold.NotEmptyError as exc:
        raise PlantrackError(code="PT915", path=exc) from exc
    written += [p.relative_to(target).as_posix() for p in write_schemas(target / layout.SCHEMAS)]
    state = scaffold.git_init(target, "Khởi tạo kho dữ liệu plantrack")
    result = check_repository(target, today=day)
    return Initialised(target, sorted(written), state, result)
