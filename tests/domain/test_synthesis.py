"""The synthesis of a report: difficulties grouped into causes, proposals by addressee, the
strongest concrete results quoted once, and the late work named by its lead units."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack import api
from plantrack.domain.grouping import (
    AddresseeRule,
    CauseRule,
    Vocabulary,
    addressee_of,
    dedupe,
    group_causes,
    group_proposals,
    own_words,
)
from plantrack.domain.synthesis import brief, scrub, synthesize
from plantrack.domain.viewmodel import Consolidation

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

VOCABULARY = Vocabulary(
    causes=(
        CauseRule("objective", "Địa bàn rộng, đi lại khó khăn", ("địa bàn rộng", "mưa lũ")),
        CauseRule("subjective", "Biên chế ít, kiêm nhiệm nhiều việc", ("kiêm nhiệm",)),
    ),
    addressees=(
        AddresseeRule("UBND huyện", ("UBND huyện", "huyện"), True, ("bố trí", "hỗ trợ")),
        AddresseeRule("Các sở của tỉnh", ("Sở Nội vụ", "tỉnh")),
        AddresseeRule("UBND các xã", ("UBND các xã", "các xã")),
    ),
)


def test_difficulties_become_causes_once_with_every_unit() -> None:
    causes = group_causes(
        [
            ("Trà Mai", "Địa bàn rộng, chia cắt."),
            ("Trà Tập", "Địa bàn rộng, chia cắt"),
            ("Phòng Y tế", "Thiếu bác sĩ; cán bộ kiêm nhiệm nhiều việc."),
            ("Trà Vinh", "Mưa lũ kéo dài; thiếu bác sĩ"),
        ],
        VOCABULARY,
    )
    assert [(c.kind, c.text, c.units) for c in causes] == [
        ("objective", "Địa bàn rộng, đi lại khó khăn", ["Trà Mai", "Trà Tập", "Trà Vinh"]),
        ("subjective", "Biên chế ít, kiêm nhiệm nhiều việc", ["Phòng Y tế"]),
        # a clause matching no cause: stated once, in the units' words, of the default kind
        ("subjective", "Thiếu bác sĩ", ["Phòng Y tế", "Trà Vinh"]),
    ]


def test_a_phrase_matches_whole_words_only() -> None:
    rules = Vocabulary(causes=(CauseRule("objective", "Thiên tai", ("lũ",)),))
    assert [c.text for c in group_causes([("A", "Lũy kế chậm")], rules)] == ["Lũy kế chậm"]


def test_proposals_are_grouped_by_addressee_superior_first() -> None:
    groups = group_proposals(
        [
            ("Trà Mai", "Đề nghị doanh nghiệp viễn thông phủ sóng."),
            ("Trà Cang", "Đề nghị các xã gửi báo cáo đúng hạn."),
            ("Trà Tập", "Đề nghị bố trí kinh phí mua máy quét."),
            ("Trà Vinh", "Đề nghị huyện mở lớp tập huấn."),
            ("Trà Leng", "Đề nghị huyện mở lớp tập huấn"),
            ("Phòng Tư pháp", "Đề nghị Sở Nội vụ hỗ trợ."),
        ],
        VOCABULARY,
    )
    assert [(g.addressee, g.superior, len(g.proposals)) for g in groups] == [
        ("UBND huyện", True, 2),
        ("Các sở của tỉnh", False, 1),
        ("UBND các xã", False, 1),
        ("", False, 1),  # names nobody the vocabulary knows
    ]
    assert groups[0].proposals[1].units == ["Trà Vinh", "Trà Leng"]


def test_the_longest_addressee_wins_and_the_office_speaks_in_its_own_words() -> None:
    rule = addressee_of("Đề nghị UBND các xã chủ động hòa giải", VOCABULARY)
    assert rule is not None and rule.name == "UBND các xã"
    assert own_words("Đề nghị UBND huyện chỉ đạo các đơn vị.", VOCABULARY) == (
        "Chỉ đạo các đơn vị."
    )
    assert own_words("Đề nghị bố trí kinh phí.", VOCABULARY) == "Bố trí kinh phí."


def test_dedupe_ignores_case_spacing_and_final_stop() -> None:
    voiced = dedupe([("A", "Tiếp tục  thực hiện."), ("B", "tiếp tục thực hiện"), ("A", "Khác")])
    assert [(v.text, v.units) for v in voiced] == [
        ("Tiếp tục thực hiện", ["A", "B"]),
        ("Khác", ["A"]),
    ]


def test_brief_keeps_the_first_sentence_and_balanced_brackets() -> None:
    assert brief("Đã niêm yết 98 thủ tục. Còn lại tuần sau.") == "Đã niêm yết 98 thủ tục"
    long = "Tập huấn 48 học viên (" + "công chức xã, " * 30 + "cán bộ)"
    cut = brief(long)
    assert len(cut) <= 225 and cut.count("(") == cut.count(")")


def test_scrub_removes_task_ids_from_a_units_words() -> None:
    ids = {"pl2-14", "pl1-01"}
    assert scrub("Kiểm tra 12 trường (nhiệm vụ pl2-14).", ids) == "Kiểm tra 12 trường."
    assert scrub("Như nhiệm vụ pl1-01 đã nêu", ids) == "Như đã nêu"
    assert scrub("Mã xpl1-01 giữ nguyên", ids) == "Mã xpl1-01 giữ nguyên"


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini fixture outside any git repository: submissions dated by the files alone."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


@pytest.fixture
def vm(mini: Path) -> Consolidation:
    prepared = api.prepare_consolidation(mini, "2024-Q3")
    assert prepared.vm is not None
    return prepared.vm


def test_synthesis_of_the_mini_plan(vm: Consolidation) -> None:
    """By hand (cut-off 14/09/2024): t1 due 30/09 is still open for Trà Dơn, so nothing is
    late at the cut-off; Trà Dơn's report came 3 days late; Trà Don's results are the only
    concrete ones (98 procedures posted; 2 dialogues)."""
    syn = synthesize(vm, VOCABULARY)
    assert syn.late_tasks == []
    assert syn.late_units == ["UBND xã Trà Dơn"] and syn.missing_units == []
    quotes = [q.text for c in syn.components for q in c.quotes]
    assert "Đã niêm yết 98 thủ tục tại Bộ phận Một cửa" in quotes
    assert len(quotes) == len(set(quotes))
    assert [g.addressee for g in syn.proposals] == ["UBND huyện"]
    assert syn.superior_proposals == 1
    assert [t.title for t in syn.open_tasks] == [
        "Niêm yết công khai thủ tục hành chính",
        "Cập nhật cổng thông tin điện tử",
    ]


def test_late_work_names_lead_units_only(mini: Path) -> None:
    """After the deadline (05/10/2024) t1 is overdue for its lead Trà Dơn; the supporting
    Phòng Nội vụ is not named as late."""
    prepared = api.prepare_consolidation(mini, "2024-Q3", as_of=dt.date(2024, 10, 5))
    assert prepared.vm is not None
    syn = synthesize(prepared.vm, VOCABULARY)
    assert [(t.title, t.units) for t in syn.late_tasks] == [
        ("Niêm yết công khai thủ tục hành chính", ["UBND xã Trà Dơn"])
    ]
    assert syn.overdue_leads == ["UBND xã Trà Dơn"]
