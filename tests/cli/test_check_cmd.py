"""``plantrack check``: exit codes, text lines editors jump to, JSON parity, SARIF, GitHub."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest

import plantrack
from plantrack import api
from plantrack.validate.catalogue import CATALOGUE
from tests.cli.conftest import Run
from tests.conftest import REPORT_DON, REPORT_DZON, MiniRepo

Cli = Callable[..., Run]
TODAY = "2024-10-01"
LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>lỗi|cảnh báo) (?P<code>PT\d{3}) \S"
)


def _break(repo: MiniRepo) -> None:
    """One error (PT104 on line 7) and, in another report, one warning (PT223)."""
    repo.edit(REPORT_DON, "state: done", "state: finished")
    repo.edit(REPORT_DZON, "ho-so-dung-han: 70", "ho-so-dung-han: 70\n  ty-le-dung-han: 87.5")


def test_clean_repository_exits_0(cli: Cli, repo: MiniRepo) -> None:
    run = cli("check", "--repo", repo.root, "--today", TODAY)
    assert run.code == 0, run
    assert run.out == "Đã kiểm tra 9 tệp: không có lỗi.\n"
    assert run.err == ""


def test_broken_repository_exits_1_with_located_lines(cli: Cli, repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "state: done", "state: finished")
    run = cli("check", "--repo", repo.root, "--today", TODAY)
    assert run.code == 1
    lines = run.out.splitlines()
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match.group("path", "line", "col", "sev", "code") == (
        REPORT_DON,
        "7",
        "12",
        "lỗi",
        "PT104",
    )
    assert lines[0].endswith(
        "Giá trị 'finished' không hợp lệ; chỉ được: 'not-started', 'in-progress', 'done'"
    )
    assert lines[1] == "    gợi ý: Chọn một trong các giá trị trên (trình soạn thảo có gợi ý)."
    assert lines[-1] == "Đã kiểm tra 9 tệp: 1 lỗi, 0 cảnh báo."


def test_every_finding_line_is_located(cli: Cli, repo: MiniRepo) -> None:
    _break(repo)
    repo.edit(REPORT_DON, "ho-so-dung-han: 115", "ho-so-dung-hann: 115")
    run = cli("check", "--repo", repo.root, "--today", TODAY)
    findings = [
        line for line in run.out.splitlines() if not line.startswith(("    ", "Đã kiểm tra"))
    ]
    assert findings
    assert all(LINE.match(line) for line in findings), findings


def test_lang_en(cli: Cli, repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "state: done", "state: finished")
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--lang", "en")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == (
        f"{REPORT_DON}:7:12: error PT104 value 'finished' is not allowed; "
        "expected one of: 'not-started', 'in-progress', 'done'"
    )
    assert lines[1] == "    hint: Choose one of the values above."
    assert lines[-1] == "9 files checked: 1 errors, 0 warnings."


def test_strict_fails_on_warnings(cli: Cli, repo: MiniRepo) -> None:
    repo.edit(REPORT_DON, "    carried_out: true\n", "")  # PT224, a warning
    relaxed = cli("check", "--repo", repo.root, "--today", TODAY)
    assert relaxed.code == 0
    assert " cảnh báo PT224 " in relaxed.out
    assert relaxed.out.splitlines()[-1] == "Đã kiểm tra 9 tệp: 0 lỗi, 1 cảnh báo."
    strict = cli("check", "--repo", repo.root, "--today", TODAY, "--strict")
    assert strict.code == 1


def test_today_option(cli: Cli, repo: MiniRepo) -> None:
    run = cli("check", "--repo", repo.root, "--today", "2024-09-17")
    assert run.code == 1
    assert f"{REPORT_DZON}:4:12: lỗi PT226 " in run.out


def test_json_holds_the_same_findings_as_the_library(cli: Cli, repo: MiniRepo) -> None:
    _break(repo)
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--format", "json")
    assert run.code == 1
    payload = json.loads(run.out)
    expected = api.check(repo.root, today=dt.date.fromisoformat(TODAY))
    assert payload["findings"] == [f.to_dict() for f in expected.findings]
    assert (payload["files"], payload["errors"], payload["warnings"]) == (9, 1, 1)
    assert {f["code"] for f in payload["findings"]} == {"PT104", "PT223"}
    first = payload["findings"][0]
    assert set(first) == {
        "code", "severity", "path", "line", "column", "key",
        "message_vi", "message_en", "hint_vi", "hint_en",
    }  # fmt: skip


def test_json_on_a_clean_repository(cli: Cli, repo: MiniRepo) -> None:
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--format", "json")
    assert run.code == 0
    assert json.loads(run.out) == {"files": 9, "errors": 0, "warnings": 0, "findings": []}


def test_sarif_is_a_sarif_log(cli: Cli, repo: MiniRepo) -> None:
    _break(repo)
    repo.write("data/notes.txt", "x")  # a finding without a line
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--format", "sarif", "--lang", "en")
    assert run.code == 1
    log = json.loads(run.out)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "plantrack"
    assert driver["version"] == plantrack.__version__
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == sorted(set(rule_ids)) == ["PT019", "PT104", "PT223"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] == CATALOGUE[rule["id"]].title_en
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    results = sarif_run["results"]
    assert len(results) == 3
    for result in results:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note", "none")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith("/")
        if result["ruleId"] == "PT019":
            assert "region" not in physical
        else:
            assert physical["region"]["startLine"] >= 1
            assert physical["region"]["startColumn"] >= 1
    pt104 = next(r for r in results if r["ruleId"] == "PT104")
    assert pt104["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": REPORT_DON, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 12},
    }
    assert pt104["message"]["text"].startswith("value 'finished' is not allowed")


def test_github_annotations(cli: Cli, repo: MiniRepo) -> None:
    _break(repo)
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--format", "github")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0].startswith(f"::error file={REPORT_DON},line=7,col=12,title=PT104::")
    assert lines[1].startswith(f"::warning file={REPORT_DZON},")
    assert ",title=PT223::" in lines[1]
    assert lines[2] == "Đã kiểm tra 9 tệp: 1 lỗi, 1 cảnh báo."
    assert len(lines) == 3


def test_github_escapes_newlines_and_percent(cli: Cli, repo: MiniRepo) -> None:
    # a multi-line value inside a message must not break the one-line annotation
    repo.edit(REPORT_DON, "state: done", 'state: "50%\\nxong"')
    run = cli("check", "--repo", repo.root, "--today", TODAY, "--format", "github")
    (annotation,) = [line for line in run.out.splitlines() if line.startswith("::")]
    assert "50%25" in annotation
    assert annotation.startswith("::error file=")


def test_check_some_files_only(cli: Cli, repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(repo)
    monkeypatch.chdir(repo.root)
    run = cli("check", REPORT_DZON, "--today", TODAY)
    assert run.code == 0  # only the warning of this file
    assert " cảnh báo PT223 " in run.out
    assert " PT104 " not in run.out


def test_repository_found_from_a_subfolder(
    cli: Cli, repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.path("data/reports/2024-Q3"))
    assert cli("check", "--today", TODAY).code == 0


def test_repository_from_the_environment(
    cli: Cli,
    repo: MiniRepo,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    monkeypatch.setenv("PLANTRACK_REPO", str(repo.root))
    assert cli("check", "--today", TODAY).code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "xml"),
        ("--lang", "fr"),
        ("--today", "14/9/2024"),
        ("--nonsense",),
    ],
)
def test_usage_errors_exit_2(cli: Cli, repo: MiniRepo, args: tuple[str, ...]) -> None:
    run = cli("check", "--repo", repo.root, *args)
    assert run.code == 2
    assert "Traceback" not in run.err + run.out
    assert run.err.strip()
