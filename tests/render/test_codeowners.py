"""CODEOWNERS per forge: GitHub and GitLab paths, Gitea regular expressions (read back the way
Gitea reads them: backslash escapes, then ``^…$``), and owners each forge accepts; what a
forge cannot take is left out with a comment and a warning, never written."""

from __future__ import annotations

import re

import pytest

from plantrack.domain.codeowners import OwnerRef, OwnerRule
from plantrack.render.codeowners import FORGES, Forge, expressible, render_codeowners

PLAN = "data/plan.yaml"


def _rule(unit: str | None, *owners: str) -> OwnerRule:
    where = f"data/units/{unit}.yaml" if unit else PLAN
    return OwnerRule(unit, tuple(OwnerRef(o, where, f"owners[{i}]") for i, o in enumerate(owners)))


RULES = [
    _rule(None, "@van-phong/tong-hop"),
    _rule("xa-tra-don", "@nguyen-van-a", "don@example.vn", "@van-phong/tong-hop"),
    _rule("xa-tra-dzon", "@huyen/phong/to", "@van-phong/tong-hop"),
]


def gitea_rules(text: str) -> list[tuple[str, list[str]]]:
    """The rules of a Gitea CODEOWNERS file as Gitea tokenizes them: a backslash escapes
    the next character, an unescaped space separates tokens, an unescaped '#' starts a
    comment."""
    rules = []
    for line in text.splitlines():
        tokens: list[str] = []
        current, escaped = "", False
        for char in line:
            if escaped:
                current, escaped = current + char, False
            elif char == "\\":
                escaped = True
            elif char == "#":
                break
            elif char == " ":
                if current:
                    tokens.append(current)
                current = ""
            else:
                current += char
        if current:
            tokens.append(current)
        if tokens:
            rules.append((tokens[0], tokens[1:]))
    return rules


def owners_of(text: str, path: str) -> set[str]:
    """Everyone a Gitea file asks to review a change of ``path`` (every matching rule)."""
    found: set[str] = set()
    for pattern, owners in gitea_rules(text):
        if re.compile(f"^{pattern}$").match(path):
            found |= set(owners)
    return found


def test_gitea_rules_are_regular_expressions_that_compile_and_match() -> None:
    text, _ = render_codeowners(RULES, "huyen/", "gitea")
    rules = gitea_rules(text)
    assert [p for p, _ in rules] == [
        ".*",
        "(huyen/data/reports/|huyen/data/emulation/)[^/]+/xa-tra-don\\.yaml",
        "(huyen/data/reports/|huyen/data/emulation/)[^/]+/xa-tra-dzon\\.yaml",
    ]
    for pattern, owners in rules:
        re.compile(f"^{pattern}$")
        assert owners and all(o.startswith("@") and o.count("/") <= 1 for o in owners)
    don = owners_of(text, "huyen/data/reports/2024-Q3/xa-tra-don.yaml")
    assert don == {"@nguyen-van-a", "@van-phong/tong-hop"}
    # the unit's self-assessment is its own too, the year's scheme is not
    assert owners_of(text, "huyen/data/emulation/2024/xa-tra-don.yaml") == don
    assert owners_of(text, "huyen/data/emulation/2024.yaml") == {"@van-phong/tong-hop"}
    # the dot is literal: no other file is the unit's
    assert owners_of(text, "huyen/data/reports/2024-Q3/xa-tra-donXyaml") == {"@van-phong/tong-hop"}
    assert owners_of(text, "data/reports/2024-Q3/xa-tra-don.yaml") == {"@van-phong/tong-hop"}


def test_gitea_takes_no_email_and_no_nested_group() -> None:
    text, findings = render_codeowners(RULES, "", "gitea")
    assert "don@example.vn left out" in text
    assert [(f.code, f.path, f.key) for f in findings] == [
        ("PT244", "data/units/xa-tra-don.yaml", "owners[1]"),
        ("PT244", "data/units/xa-tra-dzon.yaml", "owners[0]"),
    ]
    assert all(f.severity == "warning" for f in findings)
    assert "Gitea" in findings[0].message_en and "'don@example.vn'" in findings[0].message_en


def test_a_folder_with_spaces_and_signs_is_escaped_for_gitea() -> None:
    text, findings = render_codeowners(RULES[:2], "Sở Nội vụ #2 (a+b)/", "gitea")
    assert findings[0].code == "PT244"  # only the email
    pattern = gitea_rules(text)[1][0]
    regex = re.compile(f"^{pattern}$")
    assert regex.match("Sở Nội vụ #2 (a+b)/data/reports/2025-M1/xa-tra-don.yaml")
    assert not regex.match("Sở Nội vụ #2 ab/data/reports/2025-M1/xa-tra-don.yaml")


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_github_and_gitlab_paths_and_owners(forge: Forge) -> None:
    text, findings = render_codeowners(RULES, "", forge)
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules[0] == "* @van-phong/tong-hop"
    don_owners = "@nguyen-van-a don@example.vn @van-phong/tong-hop"
    assert rules[1:3] == [
        f"/data/reports/**/xa-tra-don.yaml {don_owners}",
        f"/data/emulation/*/xa-tra-don.yaml {don_owners}",  # its self-assessments
    ]
    nested = "/data/reports/**/xa-tra-dzon.yaml @huyen/phong/to @van-phong/tong-hop"
    if forge == "gitlab":  # subgroups are GitLab's
        assert rules[3] == nested and findings == []
    else:
        assert rules[3] == "/data/reports/**/xa-tra-dzon.yaml @van-phong/tong-hop"
        assert [(f.code, f.key) for f in findings] == [("PT244", "owners[0]")]


def test_a_rule_with_no_accepted_owner_is_a_comment_only() -> None:
    text, findings = render_codeowners([_rule(None, "a@example.vn")], "", "gitea")
    assert gitea_rules(text) == []
    assert "# .*: left out, no owner Gitea accepts" in text
    assert [(f.code, f.path, f.key) for f in findings] == [
        ("PT244", PLAN, "owners[0]"),
        ("PT245", PLAN, "reporting.maintainers"),
    ]


def test_a_folder_github_cannot_read_leaves_the_unit_rules_out() -> None:
    text, findings = render_codeowners(RULES[:2], "my data/", "github")
    assert [line for line in text.splitlines() if line and not line.startswith("#")] == [
        "* @van-phong/tong-hop"
    ]
    assert [(f.code, f.path) for f in findings] == [("PT245", "data/units/xa-tra-don.yaml")]


def test_what_each_forge_accepts() -> None:
    accepted = {
        forge: [expressible(o, forge) for o in ("@a", "@a/b", "@a/b/c", "a@b.vn")]
        for forge in FORGES
    }
    assert accepted == {
        "github": [True, True, False, True],
        "gitlab": [True, True, True, True],
        "gitea": [True, True, False, False],
    }


@pytest.mark.parametrize("forge", FORGES)
def test_the_comments_are_vietnamese(forge: Forge) -> None:
    text, _ = render_codeowners(RULES, forge=forge)
    comments = [line for line in text.splitlines() if line.startswith("# ")][:4]
    assert "do lệnh plantrack codeowners viết" in comments[0]
    english = {"the", "for", "by", "from", "and", "every", "rule", "edit", "run", "again"}
    assert not english & set(" ".join(comments).replace(":", " ").split())
