"""The terminal status view never cuts a word: long titles end at a word with "…", and the
table wraps at spaces to the terminal's width."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from plantrack import api
from plantrack.render.terminal import print_status, shorten

EMBEDDED = Path(__file__).resolve().parents[2]


def test_shorten_keeps_whole_words() -> None:
    title = "Chủ tịch UBND xã xây dựng kế hoạch của xã trên cơ sở phân tích kết quả"
    assert shorten(title, 200) == title
    cut = shorten(title, 40)
    assert cut.endswith(" …") and len(cut) <= 40
    assert title.startswith(cut.removesuffix(" …"))
    assert title[len(cut.removesuffix(" …"))] == " "


@given(st.lists(st.text("abcđêơư", min_size=1, max_size=12), min_size=1, max_size=30))
def test_shorten_never_splits_a_word(words: list[str]) -> None:
    title = " ".join(words)
    cut = shorten(title, 40).removesuffix(" …")
    assert cut.split() == words[: len(cut.split())]


def test_the_status_table_wraps_at_words() -> None:
    found = api.status(EMBEDDED, "2024-Y")  # the embedded data: long titles, overdue tasks
    assert found.prepared.vm is not None
    assert found.prepared.vm.overdue
    titles = " ".join(task.title for task in found.prepared.vm.tasks)
    known = {word.strip(",;:.") for word in titles.split()} | {"…"}
    for width in (60, 100):
        console = Console(width=width, record=True, color_system=None)
        print_status(found.prepared.vm, console, "vi")
        text = console.export_text()
        assert max(len(line) for line in text.splitlines()) <= width
        for line in text.splitlines():
            if line.count("│") != 5:
                continue  # not a row of the four-column overdue table
            cells = [c.strip() for c in re.split(r"[│┃|]", line)]
            for cell in cells[1:2]:  # the task column of a table row
                for word in cell.split():
                    if not re.match(r"^[a-z0-9-]+\.$", word):  # the task code
                        assert word.strip(",;:.") in known, (width, word, line)
