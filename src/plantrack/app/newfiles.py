"""Glue for the commands that create files: ``report new`` (a unit's report skeleton) and
``init`` (a new data repository). Used by the CLI; nothing here prints."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from plantrack import __version__
from plantrack.domain.skeleton import Skeleton, build_skeleton, lineage, refusal
from plantrack.errors import PlantrackError
from plantrack.io import scaffold
from plantrack.io.atomic import write_atomic
from plantrack.io.repo import list_data_files
from plantrack.models.period import parse_period_id
from plantrack.render.skeleton_yaml import one_line, render_skeleton
from plantrack.validate.check import CheckResult, check_repository, load_base
from plantrack.validate.loading import latest_reports_before


@dataclass
class NewReport:
    """A skeleton written: where, what it holds, and its own check."""

    path: Path
    rel: str
    skeleton: Skeleton
    check: CheckResult


def new_report(
    root: Path, unit_id: str, period_id: str, *, force: bool = False, today: dt.date | None = None
) -> NewReport:
    """Write the skeleton of ``unit_id``'s report for ``period_id`` and check it.

    Raises ``PlantrackError`` for a malformed or unrequired period, a unit that owes no report
    for it, an unreadable plan, or an existing file without ``force``.
    """
    if parse_period_id(period_id) is None:
        raise PlantrackError(
            f"'{period_id}' không phải kỳ báo cáo (ví dụ 2024-Q3, 2024-H1, 2024-Y)."
        )
    files, _ = list_data_files(root)
    ctx = load_base(root, files).context
    if ctx is None:
        raise PlantrackError(
            "Không đọc được kế hoạch (data/plan.yaml); chạy 'plantrack check' và sửa lỗi trước."
        )
    if not ctx.is_required(period_id):
        rules = ctx.plan.reporting
        raise PlantrackError(
            f"Kế hoạch không yêu cầu báo cáo kỳ {period_id} (các kỳ: {', '.join(rules.periods)}, "
            f"từ {rules.first}{f' đến {rules.last}' if rules.last else ''})."
        )
    period = ctx.period(period_id)
    reason = refusal(ctx, unit_id, period)
    if reason is not None:
        raise PlantrackError(reason)
    rel = f"data/reports/{period_id}/{unit_id}.yaml"
    target = root / rel
    if target.exists() and not force:
        raise PlantrackError(
            f"Tệp {rel} đã có; không ghi đè. Sửa trực tiếp tệp đó, hoặc dùng --force để thay "
            "bằng khung mới (nội dung hiện có sẽ mất)."
        )
    previous = latest_reports_before(root, files, lineage(ctx, unit_id), period_id)
    skeleton = build_skeleton(ctx, unit_id, period, previous)
    write_atomic(target, render_skeleton(skeleton, rel))
    result = check_repository(root, today=today or dt.date.today(), only=[rel])
    return NewReport(target, rel, skeleton, result)


# ── init ──────────────────────────────────────────────────────────────────────────────────

_PREFIXES = ("thành phố ", "thị xã ", "huyện ", "quận ", "tỉnh ", "xã ", "phường ", "thị trấn ")
DEFAULT_TITLE = "Kế hoạch nâng cao Chỉ số SIPAS và Chỉ số PAPI"
DEFAULT_DISTRICT = "huyện Mẫu"


@dataclass
class Initialised:
    """A new data repository: its root, the files written, git's state and its check."""

    root: Path
    files: list[str]
    git: scaffold.GitState
    check: CheckResult


def _values(title: str, district: str, today: dt.date) -> dict[str, str]:
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
        "version": __version__,
    }


def _fill(rel: str, text: str, values: dict[str, str]) -> str:
    """Replace ``@name@`` placeholders; in YAML files they sit inside double quotes, so the
    value is escaped as a double-quoted scalar's body."""
    yaml_file = rel.endswith((".yaml", ".yml"))
    for name, value in values.items():
        body = json.dumps(value, ensure_ascii=False)[1:-1] if yaml_file else value
        text = text.replace(f"@{name}@", body)
    return text


def init_repository(
    target: Path,
    *,
    title: str = DEFAULT_TITLE,
    district: str = DEFAULT_DISTRICT,
    today: dt.date | None = None,
) -> Initialised:
    """Make a new data repository at ``target`` (absent or empty), ``git init`` it, commit
    when a git identity is configured, and check it."""
    from plantrack.api import write_schemas
    from plantrack.render.templating import default_templates

    title, district = one_line(title), one_line(district)
    if not title or not district:
        raise PlantrackError("--title và --district không được để trống.")
    if len(district) > 400:
        raise PlantrackError("--district quá dài (tối đa 400 ký tự).")
    try:
        scaffold.ensure_empty(target)
    except scaffold.NotEmptyError as exc:
        raise PlantrackError(
            f"Thư mục {exc} đã có nội dung; 'plantrack init' chỉ tạo kho trong thư mục trống "
            "hoặc chưa có."
        ) from exc
    day = today or dt.date.today()
    values = _values(title, district, day)
    packaged = default_templates()
    files = {
        rel: _fill(rel, text, values).encode("utf-8")
        for rel, text in scaffold.read_texts(packaged / "init").items()
    }
    files["data/reports/.gitkeep"] = b""
    copies = scaffold.read_tree(packaged, skip=("init",))
    files.update({f"templates/{rel}": data for rel, data in copies.items()})
    written = scaffold.write_tree(target, files)
    written += [p.relative_to(target).as_posix() for p in write_schemas(target / "schemas")]
    state = scaffold.git_init(target, "Khởi tạo kho dữ liệu plantrack")
    result = check_repository(target, today=day)
    return Initialised(target, sorted(written), state, result)
