"""The issuer speaks for itself: the plan's short title or title as written (no index
wording guessed), the period added only where the title does not already say it, the
consolidating unit taken from the plan, and addressees named by their kind's collective."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from plantrack import api
from plantrack.domain.remind import reminder
from plantrack.render.docx.text import topic_in_period

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def test_the_period_is_added_only_where_the_title_does_not_say_it() -> None:
    plan = "Kế hoạch chuyển đổi số năm 2026"
    assert topic_in_period(plan, "9 tháng năm 2026", 2026) == f"{plan}, 9 tháng"
    assert topic_in_period(plan, "năm 2026", 2026) == plan
    assert topic_in_period(plan, "Quý I năm 2026", 2026) == f"{plan}, Quý I"
    assert topic_in_period(plan, "tháng 3 năm 2026", 2026) == f"{plan}, tháng 3"
    assert topic_in_period(plan, "6 tháng đầu năm 2026", 2026) == f"{plan}, 6 tháng đầu năm"
    other = "Kế hoạch cải cách hành chính"
    assert topic_in_period(other, "9 tháng năm 2026", 2026) == f"{other} 9 tháng năm 2026"
    assert topic_in_period(plan, "9 tháng năm 2027", 2027) == f"{plan}, 9 tháng năm 2027"
    span = "Kế hoạch chuyển đổi số năm 2026 và những năm tiếp theo"
    assert topic_in_period(span, "Quý I năm 2026", 2026) == f"{span}, Quý I năm 2026"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    return repo


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_without_a_short_title_the_title_is_used_as_written(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _edit(repo / "data/plan.yaml", 'short_title: "Kế hoạch nâng cao Chỉ số SIPAS, PAPI"\n', "")
    prepared = api.prepare_consolidation(repo, "2024-Q3", as_of=dt.date(2024, 10, 5))
    assert prepared.vm is not None
    from plantrack.render.report import summary_line

    line = summary_line(prepared.vm)
    assert line == (
        "Kết quả thực hiện Kế hoạch thử nghiệm nâng cao Chỉ số SIPAS và PAPI 9 tháng năm 2024"
    )


def test_hamlets_are_addressed_by_their_collective_name(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    for unit in ("xa-tra-don", "xa-tra-dzon"):
        _edit(repo / f"data/units/{unit}.yaml", "kind: commune", "kind: hamlet")
    _edit(repo / "data/plan.yaml", "kinds: [commune]", "kinds: [hamlet]")
    prepared = api.prepare_consolidation(repo, "2024-Q3", as_of=dt.date(2024, 10, 5))
    assert prepared.vm is not None, prepared.errors
    rem = reminder(prepared.vm)
    names = [name for name, _ in rem.addressee_groups]
    assert names and all(n in ("Các thôn", "Các cơ quan, đơn vị") for n in names)
    assert "Các thôn" in names


def _committee_signs(repo: Path) -> None:
    """The issuer signs its own documents; its office (the consolidator) only collects."""
    plan = repo / "data/plan.yaml"
    _edit(plan, "issuer: UBND huyện Thử Nghiệm\n", "issuer: UBND xã Thử Nghiệm\n")
    _edit(plan, "place: Thử Nghiệm\n", "place: Thử Nghiệm\nsuperior: UBND tỉnh Mẫu\n")
    _edit(
        plan,
        '    Q3: {label: 9 tháng, start: "12-15", cutoff: "09-14", due: "09-15"}\n',
        '    Q3: {label: 9 tháng, start: "12-15", cutoff: "09-14", due: "09-15"}\n'
        "  document:\n"
        "    issuing_body: ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM\n"
        "    sender: UBND xã Thử Nghiệm\n"
        "    code: BC-UBND\n"
        "    place: Thử Nghiệm\n"
        "    signer_authority: TM. ỦY BAN NHÂN DÂN\n"
        "    signer_title: CHỦ TỊCH\n",
    )


def test_a_committee_signing_itself_reports_to_its_superior(tmp_path: Path) -> None:
    from plantrack.render.docx.text import letterhead
    from plantrack.render.remind import render_remind_text

    repo = _repo(tmp_path)
    _committee_signs(repo)
    prepared = api.prepare_consolidation(repo, "2024-Q3", as_of=dt.date(2024, 10, 5))
    vm = prepared.vm
    assert vm is not None, prepared.errors
    said = vm.voice
    assert (said.speaker, said.report_to) == ("UBND xã Thử Nghiệm", "UBND tỉnh Mẫu")
    assert said.collector == "Phòng Nội vụ"
    head = letterhead(
        vm.document, vm.plan, letter=False, number=None, date=None, signer=None, year=2024
    )
    assert head.parent_body == ""
    assert head.recipients == ["UBND tỉnh Mẫu (b/c)"]
    rem = reminder(vm)
    assert (rem.sender, rem.reports_to) == ("UBND xã Thử Nghiệm", "UBND tỉnh Mẫu")
    assert "UBND huyện" not in render_remind_text(rem)


def test_an_office_signing_for_itself_reports_to_the_issuer(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    prepared = api.prepare_consolidation(repo, "2024-Q3", as_of=dt.date(2024, 10, 5))
    assert prepared.vm is not None
    said = prepared.vm.voice
    assert (said.speaker, said.report_to) == ("Phòng Nội vụ", "UBND huyện Thử Nghiệm")
