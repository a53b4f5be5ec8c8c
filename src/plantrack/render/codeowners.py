"""The CODEOWNERS file of one git forge, never one the forge would reject.

- GitHub: gitignore-style paths; owners ``@user``, ``@org/team`` or an email.
- GitLab: the same paths; owners ``@user``, ``@group`` or ``@group/subgroup/…``, or an email.
- Gitea: each rule is a regular expression matched against the whole path (``^…$``), with
  ``\\``, ``#`` and spaces escaped by a backslash in the file; owners are ``@user`` or
  ``@org/team`` only — no email.

An owner a forge cannot express is left out of its rule with a comment and a warning (PT244);
a rule left with no owner, or whose path the forge cannot express, is written as a comment
only (PT245). The last matching rule wins on GitHub and GitLab, so each unit's rule lists the
owners of everything too; Gitea adds up every matching rule, which the same file also suits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from plantrack import layout
from plantrack.domain.codeowners import OwnerRule
from plantrack.render.safetext import terminal_lines
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding

Forge = Literal["github", "gitlab", "gitea"]
FORGES: tuple[Forge, ...] = ("github", "gitlab", "gitea")
FORGE_NAMES = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_TEAM_DEPTH = {"github": 1, "gitlab": 99, "gitea": 1}  # slashes allowed in @org/team
_GLOB_SAFE = re.compile(r"^[\w./-]*$")  # a folder prefix every forge reads as written
_REGEX_SPECIAL = re.compile(r"([.+*?()|\[\]{}^$\\!])")  # '!' first would negate a rule


def expressible(owner: str, forge: Forge) -> bool:
    """Whether ``forge`` accepts ``owner`` in its CODEOWNERS file."""
    if _EMAIL.match(owner):
        return forge != "gitea"
    return owner.startswith("@") and owner.count("/") <= _TEAM_DEPTH[forge]


def gitea_regex(path_regex: str) -> str:
    """A regular expression as Gitea's file holds it: backslash, ``#`` and space escaped."""
    return path_regex.replace("\\", "\\\\").replace("#", "\\#").replace(" ", "\\ ")


def _literal(text: str) -> str:
    """``text`` matched literally by Go's, .NET's and Python's regular expressions alike."""
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def pattern(unit: str | None, prefix: str, forge: Forge) -> str | None:
    """The path pattern of a rule's reports; ``None`` when ``forge`` cannot express the
    folder. On Gitea one expression covers the unit's reports and self-assessments."""
    if forge == "gitea":
        if unit is None:
            return ".*"
        reports = _literal(f"{prefix}{layout.REPORTS}/")
        assessed = _literal(f"{prefix}{layout.EMULATION}/")
        return gitea_regex(f"({reports}|{assessed})[^/]+/{_literal(unit)}\\.yaml")
    if unit is None:
        return "*"
    if not _GLOB_SAFE.match(prefix):  # spaces, '#', glob characters: no portable escape
        return None
    return f"/{prefix}{layout.REPORTS}/**/{unit}.yaml"


def patterns(unit: str | None, prefix: str, forge: Forge) -> list[str] | None:
    """Every path pattern of a rule: a unit owns its reports and its self-assessments
    (``data/emulation/<year>/<unit>.yaml``); ``None`` when ``forge`` cannot express them."""
    first = pattern(unit, prefix, forge)
    if first is None or unit is None or forge == "gitea":
        return None if first is None else [first]
    return [first, f"/{prefix}{layout.EMULATION}/*/{unit}.yaml"]


def render_codeowners(
    rules: Sequence[OwnerRule], prefix: str = "", forge: Forge = "github"
) -> tuple[str, list[Finding]]:
    """The file's text for ``forge`` and the warnings about what it had to leave out."""
    name = FORGE_NAMES[forge]
    # the comments speak to the clerk who keeps the repository, in Vietnamese as its files do
    lines = [
        f"# CODEOWNERS cho {name}, do lệnh plantrack codeowners viết từ data/units/*.yaml",
        "# (owners, không có thì authors) và data/plan.yaml (reporting.maintainers). Đừng sửa",
        "# tay: chạy lại plantrack codeowners.",
    ]
    if forge == "gitea":
        lines.append("# Mỗi quy tắc là một biểu thức chính quy trên cả đường dẫn; Gitea mời người")
        lines.append("# duyệt của mọi quy tắc khớp.")
    else:
        lines.append("# Quy tắc khớp sau cùng được áp dụng, nên quy tắc của mỗi đơn vị ghi cả cán")
        lines.append("# bộ tổng hợp.")
    findings: list[Finding] = []
    for rule in rules:
        lines.append("")
        lines += _rule_lines(rule, prefix, forge, findings)
    once = {(f.code, f.path, f.key): f for f in reversed(findings)}  # an owner named once
    return terminal_lines(lines), sorted(once.values(), key=findings.index)


def _rule_lines(rule: OwnerRule, prefix: str, forge: Forge, findings: list[Finding]) -> list[str]:
    what = f"báo cáo của đơn vị '{rule.unit}'" if rule.unit else "mọi tệp"
    what_en = f"the reports of unit '{rule.unit}'" if rule.unit else "every file"
    words = {"what": what, "what_en": what_en, "forge": FORGE_NAMES[forge]}
    name = FORGE_NAMES[forge]
    paths = patterns(rule.unit, prefix, forge)
    if paths is None:
        reason = f"thư mục '{prefix}' có ký tự {name} không đọc được"
        reason_en = f"{name} cannot read the folder '{prefix}' as written"
        findings.append(_left_out(rule.unit, words, reason, reason_en))
        return [f"# {prefix}{layout.REPORTS}/…/{rule.unit}.yaml: left out, {reason_en}"]
    path = paths[0]
    if not rule.owners:
        return [f"# {p}: no owner listed" for p in paths]
    lines = []
    for ref in rule.owners:
        if not expressible(ref.value, forge):
            findings.append(make("PT244", ref.file, None, None, ref.key, owner=ref.value, **words))
            lines.append(f"# {ref.value} left out: {name} does not accept it")
    kept = [ref.value for ref in rule.owners if expressible(ref.value, forge)]
    if kept:
        return [*lines, *(f"{p} {' '.join(kept)}" for p in paths)]
    reason, reason_en = f"không người duyệt nào {name} nhận", f"no owner {name} accepts"
    findings.append(_left_out(rule.unit, words, reason, reason_en))
    return [*lines, f"# {path}: left out, {reason_en}"]


def _left_out(unit: str | None, words: dict[str, str], reason: str, reason_en: str) -> Finding:
    """PT245 at the file that names the rule's owners: the unit's, or the plan's maintainers."""
    path, key = (layout.unit(unit), "owners") if unit else (layout.PLAN, "reporting.maintainers")
    return make("PT245", path, None, None, key, **words, reason=reason, reason_en=reason_en)
