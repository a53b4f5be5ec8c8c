"""Line edits of YAML text: one top-level key set, every other byte kept."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from plantrack.io.yamllines import set_top_scalar, top_scalar

PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# Kế hoạch: chú thích của người soạn.
id: ke-hoach  # mã
title: "Kế hoạch: năm 2026"
note: |
  schema_version: 9 trong khối văn bản không phải khóa
"""


def test_a_missing_key_goes_before_the_first_key() -> None:
    out = set_top_scalar(PLAN, "schema_version", "2")
    assert out.splitlines()[2] == "schema_version: 2"
    assert out.replace("schema_version: 2\n", "", 1) == PLAN
    assert yaml.safe_load(out)["schema_version"] == 2
    assert top_scalar(out, "schema_version") == ("2", 3)


def test_an_existing_key_is_rewritten_in_place_with_its_comment() -> None:
    text = PLAN.replace("id: ke-hoach", "schema_version: 1  # ghi chú\nid: ke-hoach")
    out = set_top_scalar(text, "schema_version", "2")
    assert "schema_version: 2  # ghi chú\n" in out
    assert out.replace("schema_version: 2", "schema_version: 1") == text


def test_crlf_files_stay_crlf() -> None:
    text = PLAN.replace("\n", "\r\n")
    out = set_top_scalar(text, "schema_version", "2")
    assert "schema_version: 2\r\n" in out and "\n" not in out.replace("\r\n", "")


def test_the_value_inside_a_block_is_not_the_key() -> None:
    assert top_scalar(PLAN, "schema_version") == (None, None)


@given(st.lists(st.sampled_from(["# c", "a: 1", "b: x  # y", "  - z", "", "c: |", "  t"])))
def test_only_one_line_is_ever_added(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    out = set_top_scalar(text, "schema_version", "2")
    assert out.count("\n") == text.count("\n") + 1
    removed = out.replace("schema_version: 2\n", "", 1)
    assert removed == text
