"""Chart labels wrap at words instead of being cut ("D2. Công khai, minh bạch trong việc ra…")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plantrack.render.svg import wrap_words


def test_a_long_component_name_wraps_whole() -> None:
    lines = wrap_words("D2. Công khai, minh bạch trong việc ra quyết định ở địa phương", 34, 3)
    assert lines == ["D2. Công khai, minh bạch trong", "việc ra quyết định ở địa phương"]


def test_past_the_last_line_it_ends_at_a_word() -> None:
    lines = wrap_words("một hai ba bốn năm sáu bảy tám chín mười", 8, 2)
    assert len(lines) == 2 and lines[-1].endswith(" …")
    assert all(word in "một hai ba bốn năm sáu bảy tám chín mười …" for word in lines[-1].split())


@given(st.lists(st.text("abcđơư", min_size=1, max_size=10), min_size=1, max_size=20))
def test_wrapping_keeps_every_word_in_order(words: list[str]) -> None:
    lines = wrap_words(" ".join(words), 34, 100)
    assert " ".join(lines).split() == words
    assert all(len(line) <= 34 for line in lines)
