"""The YAML 1.2 core schema's reading of a plain scalar: the one-match test for text gives
what trying each form in turn gives."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.io import yamlcore

EVERYTHING = re.compile(r".*", re.DOTALL)
NUMBERISH = st.text(alphabet="0123456789+-._eEoxXabcdefABCDEFinfINFaN/ :", max_size=14)


def _same(first: object, second: object) -> bool:
    if isinstance(first, float) and math.isnan(first):
        return isinstance(second, float) and math.isnan(second)
    return type(first) is type(second) and first == second


def _tried_in_turn(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(yamlcore, "_NOT_TEXT", EVERYTHING)  # never says "text": every form is tried
        return yamlcore.core_value(text)


@pytest.mark.parametrize(
    "text",
    ["19/CV-UBND", "0235 3849983", "2024-05-17", "50", "-7", "0o17", "0x1F", "1e3", ".5",
     "+.inf", ".NaN", "1_000", "1:20", "0050", "", "~", "true", "x"],
)  # fmt: skip
def test_the_one_match_reads_as_trying_each_form(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _same(yamlcore.core_value(text), _tried_in_turn(text, monkeypatch))


@settings(max_examples=400, deadline=None)
@given(NUMBERISH)
def test_any_numberlike_text_reads_as_trying_each_form(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _same(yamlcore.core_value(text), _tried_in_turn(text, monkeypatch))
