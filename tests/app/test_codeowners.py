"""``codeowners``: a deterministic CODEOWNERS file from the units' authors and maintainers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plantrack.app.codeowners import codeowners_text, write_codeowners
from plantrack.errors import PlantrackError
from tests.audit.conftest import CLERK, Repo, Run

EXPECTED_RULES = [
    f"* {CLERK}",
    f"/data/reports/**/phong-noi-vu.yaml phong-noi-vu@example.vn {CLERK}",
    f"/data/emulation/*/phong-noi-vu.yaml phong-noi-vu@example.vn {CLERK}",
    f"/data/reports/**/xa-tra-don.yaml xa-tra-don@example.vn {CLERK}",
    f"/data/emulation/*/xa-tra-don.yaml xa-tra-don@example.vn {CLERK}",
    f"/data/reports/**/xa-tra-dzon.yaml xa-tra-dzon@example.vn {CLERK}",
    f"/data/emulation/*/xa-tra-dzon.yaml xa-tra-dzon@example.vn {CLERK}",
]


def rules(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_maintainers_own_everything_units_their_reports(mini: Repo) -> None:
    text = codeowners_text(mini.root)
    assert rules(text) == EXPECTED_RULES
    assert text == codeowners_text(mini.root)  # deterministic


def test_authors_without_duplicates_and_a_unit_without_authors(mini: Repo) -> None:
    mini.edit(
        "data/units/xa-tra-don.yaml",
        "authors: [xa-tra-don@example.vn]",
        "authors: [xa-tra-don@example.vn, CLERK@example.vn, b@example.vn]",
    )
    mini.edit("data/units/xa-tra-dzon.yaml", "authors: [xa-tra-dzon@example.vn]", "authors: []")
    found = rules(codeowners_text(mini.root))
    don = "/data/reports/**/xa-tra-don.yaml xa-tra-don@example.vn CLERK@example.vn b@example.vn"
    assert found[3] == don  # the maintainer once, as the unit wrote it
    assert found[5] == f"/data/reports/**/xa-tra-dzon.yaml {CLERK}"


def test_a_data_folder_below_the_top_of_the_git_tree(mini: Repo) -> None:
    sub = mini.root / "huyen"
    sub.mkdir()
    (mini.root / "data").rename(sub / "data")
    assert "/huyen/data/reports/**/xa-tra-don.yaml" in codeowners_text(sub)


def test_write_refuses_a_file_plantrack_did_not_write(mini: Repo, cli: Callable[..., Run]) -> None:
    out = mini.root / ".github" / "CODEOWNERS"
    run = cli("codeowners", "--repo", mini.root, "--out", out)
    assert run.code == 0 and out.read_text("utf-8") == codeowners_text(mini.root)
    assert write_codeowners(mini.root, out) == out  # ours: replaced freely
    out.write_text("* @someone\n")
    with pytest.raises(PlantrackError, match="--force"):
        write_codeowners(mini.root, out)
    write_codeowners(mini.root, out, force=True)
    assert rules(out.read_text("utf-8")) == EXPECTED_RULES
    assert rules(cli("codeowners", "--repo", mini.root).out) == EXPECTED_RULES


def test_gitea_from_owners_of_the_units_and_the_office(mini: Repo, cli: Callable[..., Run]) -> None:
    mini.edit(
        "data/units/phong-noi-vu.yaml",
        "authors: [phong-noi-vu@example.vn]",
        "authors: [phong-noi-vu@example.vn]\nowners: ['@van-phong/tong-hop']",
    )
    mini.edit(
        "data/units/xa-tra-don.yaml",
        "authors: [xa-tra-don@example.vn]",
        "authors: [xa-tra-don@example.vn]\nowners: ['@tra-don']",
    )
    out = mini.root / ".gitea" / "CODEOWNERS"
    run = cli("codeowners", "--repo", mini.root, "--forge", "gitea", "--out", out)
    assert run.code == 0
    found = rules(out.read_text("utf-8"))
    assert found == [
        ".* @van-phong/tong-hop",
        "(data/reports/|data/emulation/)[^/]+/phong-noi-vu\\\\.yaml @van-phong/tong-hop",
        "(data/reports/|data/emulation/)[^/]+/xa-tra-don\\\\.yaml @tra-don @van-phong/tong-hop",
        "(data/reports/|data/emulation/)[^/]+/xa-tra-dzon\\\\.yaml @van-phong/tong-hop",
    ]
    # the emails (the plan's maintainer, Trà Dơn's author) are named once each, not written
    assert run.out.count("PT244") == 2 and "clerk@example.vn" in run.out
    assert "xa-tra-dzon@example.vn left out" in out.read_text("utf-8")
    # GitHub keeps the emails and gains the office's team
    github = rules(codeowners_text(mini.root))
    assert github[0] == f"* {CLERK} @van-phong/tong-hop"
    assert github[3] == f"/data/reports/**/xa-tra-don.yaml @tra-don {CLERK} @van-phong/tong-hop"


def test_an_unknown_forge_is_a_usage_error(mini: Repo, cli: Callable[..., Run]) -> None:
    with pytest.raises(Exception, match="github, gitlab, gitea"):
        cli("codeowners", "--repo", mini.root, "--forge", "bitbucket")
