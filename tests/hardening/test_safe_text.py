"""Safe text everywhere: no raw control character reaches a terminal, a Markdown or an HTML
output, and no bare address becomes a link in the Markdown."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from plantrack.render.safetext import terminal
from plantrack.render.templating import clean_output, environment, markdown_escape
from tests.hardening.corpus import TODAY, parse_findings, run_cli

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "Kết quả\x1b[31m đỏ\x07\x9b\u202egnp.exe\nhttps://evil.example www.evil.example"


def test_markdown_text_has_no_control_character_and_no_autolink() -> None:
    text = markdown_escape(HOSTILE)
    assert not CONTROL.search(text) and "\n" not in text
    assert "https://" not in text and "www." not in text
    assert "https\\://evil.example" in text and "www\\.evil.example" in text


def test_every_template_output_loses_its_control_characters() -> None:
    assert clean_output(HOSTILE) == HOSTILE.translate({ord(c): None for c in "\x1b\x07\x9b\u202e"})
    kept = clean_output(Markup("<svg>\x1b</svg>"))
    assert isinstance(kept, Markup) and kept == Markup("<svg></svg>")
    html = environment().from_string("<p>{{ x }}</p>").render(x=HOSTILE)
    assert not CONTROL.search(html)


def test_terminal_lines_show_escapes_not_control_characters() -> None:
    line = terminal(HOSTILE)
    assert not CONTROL.search(line) and "\n" not in line
    assert "\\x1b[31m" in line and "\\n" in line and "\\u202e" in line and "Kết quả" in line


@pytest.mark.skipif(os.name == "nt", reason="a line break in a file name")
def test_a_file_name_cannot_forge_a_finding_line(repo: Path) -> None:
    forged = "x.yaml\nxa-tra-don.yaml:1:1: lỗi PT001 giả"
    (repo / "data" / "reports" / "2024-Q3" / forged).write_text("a: 1\n", "utf-8")
    code, out, _ = run_cli("check", "--repo", str(repo), "--today", TODAY)
    assert code == 1
    found = parse_findings(out)
    assert all(path != "xa-tra-don.yaml" for path, *_ in found)
    assert "x.yaml\\nxa-tra-don.yaml" in out


def test_the_status_view_shows_hostile_names_as_written(repo: Path) -> None:
    unit = repo / "data/units/xa-tra-don.yaml"
    hostile = r'name: "UBND xã Trà Don\x1b[31m[/][red]đỏ\x07\nline"'
    unit.write_text(unit.read_text("utf-8").replace("name: UBND xã Trà Don", hostile, 1), "utf-8")
    code, out, err = run_cli("status", "-p", "2024-Q3", "--repo", str(repo))
    assert code == 0, err
    assert "Traceback" not in out + err
    assert not CONTROL.search(out)
    assert "Don\\x1b[31m[/" in out  # the escape shown, the markup printed as written
