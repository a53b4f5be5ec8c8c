"""``plantrack init``: a new data repository, checked file by file; it checks clean, and its
pre-commit hook (run for real, in a real git repository) blocks a broken report."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from plantrack.app.init import LEVELS
from plantrack.models.jsonschema import json_schemas
from plantrack.render.templating import default_templates
from tests.cli.conftest import Run

Cli = Callable[..., Run]
ROOT = Path(__file__).resolve().parents[2]
YEAR = dt.date.today().year
TITLE = 'Kế hoạch chuyển đổi số "giai đoạn 2026-2030"'
ISSUER, SUPERIOR = "UBND xã Hòa Bình", "UBND tỉnh Bình An"
MEMBER = "thon-1"
REPORT = f"data/reports/{YEAR}-Q1/{MEMBER}.yaml"
ISSUED = ("--issuer", ISSUER)

EXPECTED = {
    ".gitattributes",
    ".github/workflows/plantrack.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "README.md",
    "data/plan.yaml",
    "data/reports/.gitkeep",
    "data/units/phong-van-hoa-xa-hoi.yaml",
    "data/units/thon-1.yaml",
    "data/units/van-phong.yaml",
    "schemas/emulation.schema.json",
    "schemas/index.schema.json",
    "schemas/inspection.schema.json",
    "schemas/plan.schema.json",
    "schemas/report.schema.json",
    "schemas/self-assessment.schema.json",
    "schemas/unit.schema.json",
    "templates/README.md",
}


def _git_env(tmp: Path, *, identity: bool) -> dict[str, str]:
    """Git settings of this test only: an empty global config, with or without a name."""
    config = tmp / "gitconfig"
    config.write_text(
        "[user]\n\tname = Cán bộ Thử\n\temail = thu@example.vn\n" if identity else "", "utf-8"
    )
    env = {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "EMAIL"):
        env[name] = ""
    return env


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A git configured with an identity, for this test only."""
    for key, value in _git_env(tmp_path, identity=True).items():
        if value:
            monkeypatch.setenv(key, value)
        else:
            monkeypatch.delenv(key, raising=False)
    yield tmp_path


@pytest.fixture
def made(cli: Cli, isolated_git: Path) -> Path:
    target = isolated_git / "kho-moi"
    run = cli("init", target, "--plan-title", TITLE, "--issuer", ISSUER, "--superior", SUPERIOR)
    assert run.code == 0, run.err
    assert run.out == f"{target}\n"
    return target


def files_of(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts[:1]
    }


def test_writes_every_file_of_a_data_repository(made: Path) -> None:
    assert files_of(made) == EXPECTED  # no template copies: the installed ones are used
    for rel in EXPECTED - {"data/reports/.gitkeep"}:
        text = (made / rel).read_text("utf-8")
        assert not re.search(r"@[a-z_]+@", text), rel  # every placeholder filled
        assert unicodedata.is_normalized("NFC", text), rel


def test_plan_and_unit_are_valid_commented_vietnamese(made: Path) -> None:
    plan_text = (made / "data/plan.yaml").read_text("utf-8")
    assert plan_text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    assert sum(line.lstrip().startswith("#") for line in plan_text.splitlines()) > 10
    plan = yaml.safe_load(plan_text)
    assert plan["title"] == TITLE
    assert (plan["issuer"], plan["superior"], plan["place"]) == (ISSUER, SUPERIOR, "Hòa Bình")
    document = plan["reporting"]["document"]
    assert document["parent_body"] is None
    assert document["issuing_body"] == "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH"
    assert (document["code"], document["sender"]) == ("BC-UBND", ISSUER)
    assert plan["reporting"]["first"] == f"{YEAR}-Q1"
    assert [len(plan[k]) for k in ("sections", "groups", "indicators", "tasks")] == [1, 1, 1, 2]
    unit_text = (made / "data/units/van-phong.yaml").read_text("utf-8")
    assert unit_text.startswith("# yaml-language-server: $schema=../../schemas/unit.schema.json")
    unit = yaml.safe_load(unit_text)
    assert (unit["id"], unit["name"]) == ("van-phong", "Văn phòng HĐND và UBND xã Hòa Bình")
    member = yaml.safe_load((made / f"data/units/{MEMBER}.yaml").read_text("utf-8"))
    assert (member["kind"], plan["groups"][0]["kinds"]) == ("hamlet", ["hamlet"])
    assert plan["reporting"]["consolidator"] == unit["id"]
    assert (made / "data/reports/.gitkeep").read_bytes() == b""


def test_check_exits_0_on_the_new_repository(cli: Cli, made: Path) -> None:
    run = cli("check", "--strict", "--repo", made)
    assert run.code == 0, run.out
    assert run.out == "Đã kiểm tra 4 tệp: không có lỗi.\n"


def test_schemas_are_the_packaged_ones(made: Path) -> None:
    for name, schema in json_schemas().items():
        assert json.loads((made / "schemas" / name).read_text("utf-8")) == schema


def test_with_templates_copies_the_packaged_ones(cli: Cli, isolated_git: Path) -> None:
    made = isolated_git / "kho-mau"
    run = cli("init", made, "--issuer", ISSUER, "--with-templates")
    assert run.code == 0, run.err
    copied = 0
    for path in default_templates().rglob("*"):
        rel = path.relative_to(default_templates())
        if path.is_file() and rel.parts[0] not in ("init", LEVELS):
            assert (made / "templates" / rel).read_bytes() == path.read_bytes()
            copied += 1
    assert copied > 10 and (made / "templates" / "docx" / "remind.txt.j2").is_file()


def test_editor_settings_map_each_schema_to_its_files(made: Path, cli: Cli) -> None:
    settings = json.loads((made / ".vscode/settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{name}" for name in json_schemas()}
    for schema, glob in mapping.items():
        assert (made / schema).is_file()
        assert glob.startswith("data/")
    assert cli("report", "new", "-u", MEMBER, "-p", f"{YEAR}-Q1", "--repo", made).code == 0
    for rel, kind in (
        ("data/plan.yaml", "plan"),
        (f"data/units/{MEMBER}.yaml", "unit"),
        (REPORT, "report"),
    ):
        matching = [s for s, g in mapping.items() if fnmatch.fnmatch(rel, g)]
        assert matching == [f"./schemas/{kind}.schema.json"], rel
    extensions = json.loads((made / ".vscode/extensions.json").read_text("utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_pre_commit_config_uses_the_local_hook_and_names_the_shipped_one(made: Path) -> None:
    text = (made / ".pre-commit-config.yaml").read_text("utf-8")
    config = yaml.safe_load(text)
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["id"] == "plantrack-check"
    assert (hook["entry"], hook["language"]) == ("plantrack check", "system")
    assert hook["files"] == r"^data/.*\.ya?ml$"
    assert "#   hooks:\n  #     - id: plantrack-check" in text  # the commented alternative
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert shipped[0]["id"] == hook["id"] and shipped[0]["files"] == hook["files"]


def test_ci_files_run_check(made: Path) -> None:
    pin = "pip install plantrack-vn==0.1.0"
    workflow = yaml.safe_load((made / ".github/workflows/plantrack.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == [pin, "plantrack check --format github"]
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML 1.1 reads 'on' as true
    gitlab = yaml.safe_load((made / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["plantrack-check"]["script"] == [pin, "plantrack check --format text"]


_PIP = re.compile(r"pip install (.+)")


def _installed(root: Path) -> list[tuple[str, str]]:
    """Every ``pip install`` argument in the text files under ``root`` (outside .git)."""
    found = []
    for path in sorted(root.rglob("*")):
        if ".git" in path.parts or not path.is_file() or path.suffix == ".json":
            continue
        for match in _PIP.finditer(path.read_text("utf-8")):
            words = match.group(1).split("`")[0].strip().strip('"')
            found += [(path.name, w) for w in shlex.split(words) if not w.startswith("-")]
    return found


def _bare(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Install arguments naming plantrack without pinning one build."""
    return [
        (name, w)
        for name, w in words
        if re.match(r"^plantrack(-vn)?($|\[)", w) and "==" not in w and " @ " not in w
    ]


def test_no_generated_file_installs_a_bare_plantrack(made: Path) -> None:
    words = _installed(made)
    named = {name for name, _ in words}
    assert {"README.md", "plantrack.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"} <= named
    assert _bare(words) == []
    assert {w for _, w in words} <= {"plantrack-vn==0.1.0", "pre-commit", "-e"}
    assert _bare([("x", "plantrack"), ("y", "plantrack-vn[test]")]) == [
        ("x", "plantrack"),
        ("y", "plantrack-vn[test]"),
    ]


def test_the_install_source_is_recorded_and_overridable(cli: Cli, isolated_git: Path) -> None:
    spec = "plantrack-vn @ git+https://git.example.vn/cchc/plantrack@v0.1.0"
    target = isolated_git / "kho-nguon"
    assert cli("init", target, *ISSUED, "--install", spec).code == 0
    words = _installed(target)
    assert _bare(words) == [] and spec in {w for _, w in words}
    runs = yaml.safe_load((target / ".github/workflows/plantrack.yml").read_text("utf-8"))
    assert runs["jobs"]["check"]["steps"][2]["run"] == f"pip install {shlex.quote(spec)}"
    refused = cli("init", isolated_git / "kho-tran", *ISSUED, "--install", "plantrack")
    assert refused.code == 2 and "plantrack-vn==" in refused.err
    assert not (isolated_git / "kho-tran").exists()


def test_gitattributes_and_gitignore(made: Path) -> None:
    lines = (made / ".gitattributes").read_text("utf-8").splitlines()
    assert {"*.yaml text eol=lf", "*.xlsx binary", "*.docx binary"} <= set(lines)
    assert "build/" in (made / ".gitignore").read_text("utf-8").splitlines()


def test_readme_explains_how_units_report_in_vietnamese(made: Path) -> None:
    readme = (made / "README.md").read_text("utf-8")
    assert readme.startswith(f"# {TITLE}\n")
    for needle in (
        "plantrack report new",
        "plantrack check",
        "git commit",
        "Excel",
        "pre-commit install",
        "plantrack consolidate",
        ISSUER,
        "Văn phòng HĐND và UBND xã Hòa Bình",
        f"plantrack report new --unit {MEMBER}",
    ):
        assert needle in readme, needle


def test_git_repository_with_an_initial_commit_when_git_knows_the_user(made: Path) -> None:
    log = subprocess.run(
        ["git", "log", "--format=%an|%s"], cwd=made, capture_output=True, text=True, check=True
    )
    assert log.stdout == "Cán bộ Thử|Khởi tạo kho dữ liệu plantrack\n"
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=made, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


def test_no_commit_without_a_git_identity(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in _git_env(tmp_path, identity=False).items():
        if value:
            monkeypatch.setenv(key, value)
        else:
            monkeypatch.delenv(key, raising=False)
    target = tmp_path / "kho"
    run = cli("init", target, *ISSUED)
    assert run.code == 0, run.err
    assert "chưa commit" in run.err
    assert (target / ".git").is_dir()
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=target, check=False)
    assert head.returncode != 0
    plan = yaml.safe_load((target / "data/plan.yaml").read_text("utf-8"))
    assert plan["issuer"] == ISSUER


def test_refuses_a_non_empty_folder_and_accepts_an_empty_one(cli: Cli, isolated_git: Path) -> None:
    busy = isolated_git / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("của tôi", "utf-8")
    run = cli("init", busy, *ISSUED)
    assert run.code == 2
    assert "đã có nội dung" in run.err
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    hidden = isolated_git / "hidden"
    hidden.mkdir()
    (hidden / ".git").mkdir()
    assert cli("init", hidden, *ISSUED).code == 2
    empty = isolated_git / "empty"
    empty.mkdir()
    assert cli("init", empty, *ISSUED).code == 0
    assert (empty / "data/plan.yaml").is_file()


def test_refuses_an_empty_title(cli: Cli, isolated_git: Path) -> None:
    run = cli("init", isolated_git / "x", *ISSUED, "--title", " \n ")
    assert run.code == 2
    assert not (isolated_git / "x").exists()


# ── pre-commit, for real ────────────────────────────────────────────────────────────────


def _pre_commit_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANTRACK_REPO"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    return env


def pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=root,
        env=_pre_commit_env(root.parent),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _break(path: Path, key: str = "unit") -> tuple[int, int]:
    """Append a duplicate top-level key; its line and column."""
    text = path.read_text("utf-8")
    path.write_text(text + f"{key}: {MEMBER}\n", "utf-8")
    return text.count("\n") + 1, 1


def test_pre_commit_hook_passes_clean_files_and_blocks_a_broken_report(
    cli: Cli, made: Path
) -> None:
    pytest.importorskip("pre_commit")
    assert shutil.which("plantrack", path=_pre_commit_env(made.parent)["PATH"])
    clean = pre_commit(made, "run", "--files", f"data/units/{MEMBER}.yaml")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "plantrack check" in clean.stdout and "Passed" in clean.stdout
    assert cli("report", "new", "-u", MEMBER, "-p", f"{YEAR}-Q1", "--repo", made).code == 0
    fresh = pre_commit(made, "run", "--files", REPORT)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    line, column = _break(made / REPORT)
    broken = pre_commit(made, "run", "--files", REPORT)
    assert broken.returncode != 0
    assert "Failed" in broken.stdout
    assert f"{REPORT}:{line}:{column}: lỗi PT004" in broken.stdout


def test_installed_hook_blocks_the_commit_of_a_broken_report(cli: Cli, made: Path) -> None:
    pytest.importorskip("pre_commit")
    assert pre_commit(made, "install").returncode == 0
    assert cli("report", "new", "-u", MEMBER, "-p", f"{YEAR}-Q1", "--repo", made).code == 0
    line, _ = _break(made / REPORT)
    env = _pre_commit_env(made.parent)

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=made, env=env, capture_output=True, text=True, check=False
        )

    assert git("add", REPORT).returncode == 0
    blocked = git("commit", "-m", "Báo cáo quý I")
    assert blocked.returncode != 0
    assert f"{REPORT}:{line}:1: lỗi PT004" in blocked.stdout + blocked.stderr
    assert git("log", "--format=%s").stdout.count("\n") == 1  # only the initial commit
    text = (made / REPORT).read_text("utf-8")
    (made / REPORT).write_text(text.removesuffix(f"unit: {MEMBER}\n"), "utf-8")
    assert git("add", REPORT).returncode == 0
    done = git("commit", "-m", "Báo cáo quý I")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_shipped_hook_definition_runs_check(made: Path) -> None:
    """``.pre-commit-hooks.yaml`` of this project, as a data repository would use it
    (``pre-commit try-repo`` installs plantrack from this checkout into its own environment)."""
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists() or not (ROOT / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("needs the plantrack source checkout")
    unit = made / f"data/units/{MEMBER}.yaml"
    line, column = _break(unit, "id")
    run = pre_commit(made, "try-repo", str(ROOT), "plantrack-check", "--files", str(unit))
    output = run.stdout + run.stderr
    if run.returncode not in (0, 1) or "An unexpected error" in output:
        pytest.skip(f"pre-commit could not install plantrack here: {output[-300:]}")
    assert run.returncode == 1, output
    assert f"data/units/{MEMBER}.yaml:{line}:{column}: lỗi PT004" in output


def test_check_of_one_file_reports_only_that_files_findings(cli: Cli, tmp_path: Path) -> None:
    """What the hook relies on: ``plantrack check FILE`` speaks of FILE only."""
    root = tmp_path / "repo"
    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    mai = root / "data/reports/2025-Q1/xa-tra-mai.yaml"
    don = root / "data/reports/2025-Q1/xa-tra-don.yaml"
    mai_line, _ = _break_with(mai, "period: 2025-Q1\n")
    _break_with(don, "unit: xa-tra-don\n")
    both = cli("check", "--repo", root, "--today", "2025-07-01")
    assert both.code == 1
    assert "xa-tra-mai.yaml" in both.out and "xa-tra-don.yaml" in both.out
    one = cli("check", "--repo", root, "--today", "2025-07-01", mai)
    assert one.code == 1
    finding_lines = [line for line in one.out.splitlines() if ": lỗi " in line]
    assert finding_lines == [
        line for line in finding_lines if line.startswith("data/reports/2025-Q1/xa-tra-mai.yaml:")
    ]
    assert any(f"xa-tra-mai.yaml:{mai_line}:1: lỗi PT004" in line for line in finding_lines)
    assert "xa-tra-don" not in one.out


def _break_with(path: Path, line: str) -> tuple[int, int]:
    text = path.read_text("utf-8")
    path.write_text(text + line, "utf-8")
    return text.count("\n") + 1, 1
