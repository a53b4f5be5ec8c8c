"""The catalogue of words: every label and message in both languages, every fatal error
with a code ``explain`` knows, and every code raised in the sources catalogued."""

from __future__ import annotations

import re
from pathlib import Path

from plantrack.i18n import errors, messages, t
from plantrack.render.findings import explain
from plantrack.validate.catalogue import CATALOGUE

SRC = Path(__file__).resolve().parents[2] / "src" / "plantrack"


def test_every_message_has_both_languages() -> None:
    for key, entry in messages().items():
        assert set(entry) == {"vi", "en"}, key
        assert entry["vi"] and entry["en"], key


def test_fatal_codes_are_pt9xx_and_distinct_from_findings() -> None:
    for code, entry in errors().items():
        assert re.fullmatch(r"PT9\d\d", code) and code not in CATALOGUE
        assert entry.message_vi and entry.message_en and entry.title_vi and entry.title_en


def test_every_raised_code_is_catalogued() -> None:
    raised = set()
    for path in SRC.rglob("*.py"):
        raised |= set(re.findall(r'code="(PT9\d\d)"', path.read_text("utf-8")))
    assert raised and raised <= set(errors())


def test_explain_knows_fatal_errors() -> None:
    text = explain("pt905", "en")
    assert text is not None and text.startswith("PT905 (fatal): The plan cannot be read")
    assert (explain("PT906") or "").startswith("PT906 (lỗi dừng lệnh): Tệp đã có")


def test_t_fills_values_and_defaults_to_vietnamese() -> None:
    assert t("form.exported", made=2, unchanged=1) == "Đã xuất 2 biểu mẫu (1 không đổi)."
    assert t("form.exported", "en", made=2, unchanged=1) == "2 forms exported (1 unchanged)."
    assert t("severity.error") == "lỗi" and t("severity.warning", "en") == "warning"
