"""The YAML loader: every refusal with its exact code, line and column; values; positions."""

from __future__ import annotations

import math
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.yamlload import (
    LoadProblem,
    YamlDoc,
    load_yaml_bytes,
    load_yaml_file,
    load_yaml_text,
)
from plantrack.validate.catalogue import CATALOGUE


def load(source: str | bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[YamlDoc | None, list]:
    raw = source.encode("utf-8") if isinstance(source, str) else source
    return load_yaml_bytes(raw, limits)


def data_of(source: str | bytes) -> dict:
    """The data of a document that must load cleanly."""
    doc, problems = load(source)
    assert problems == []
    assert doc is not None
    assert isinstance(doc.data, dict)
    return doc.data


def only(source: str | bytes, limits: Limits = DEFAULT_LIMITS) -> LoadProblem:
    """The one problem ``source`` must produce."""
    _, problems = load(source, limits)
    assert len(problems) == 1, problems
    return problems[0]


def where(problem: LoadProblem) -> tuple[str, int | None, int | None]:
    return problem.code, problem.line, problem.column


def refused(source: str | bytes, limits: Limits = DEFAULT_LIMITS) -> LoadProblem:
    """The one problem of a file whose data must not be used at all."""
    doc, problems = load(source, limits)
    assert len(problems) == 1, problems
    assert doc is None or doc.data is None
    return problems[0]


# --- duplicate keys (PT004) -----------------------------------------------------------


def test_duplicate_key_at_top_level_keeps_first_value() -> None:
    doc, problems = load("a: 1\nb: 2\na: 3\n")
    assert [where(p) for p in problems] == [("PT004", 3, 1)]
    assert problems[0].params == {"key": "a", "first_line": 1}
    assert problems[0].key_path == ("a",)
    assert doc is not None
    assert doc.data == {"a": 1, "b": 2}


def test_duplicate_key_deep_inside_a_list_of_mappings() -> None:
    text = (
        "tasks:\n  - task: t1\n    evidence:\n"
        "      - number: 1\n        date: x\n        number: 2\n"
    )
    problem = only(text)
    assert where(problem) == ("PT004", 6, 9)
    assert problem.key_path == ("tasks", 0, "evidence", 0, "number")
    assert problem.params == {"key": "number", "first_line": 4}


def test_duplicate_key_in_a_flow_mapping() -> None:
    problem = only("a: {b: 1, c: 2, b: 3}\n")
    assert where(problem) == ("PT004", 1, 17)
    assert problem.key_path == ("a", "b")


def test_every_duplicate_is_reported() -> None:
    _, problems = load("a: 1\na: 2\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [where(p) for p in problems] == [("PT004", 2, 1), ("PT004", 5, 3), ("PT004", 6, 1)]


def test_keys_equal_as_text_are_duplicates() -> None:
    # keys are text: the int key 1 and the string key "1" are the same key
    assert where(only('1: a\n"1": b\n')) == ("PT004", 2, 1)


def test_keys_equal_after_nfc_are_duplicates() -> None:
    nfd = unicodedata.normalize("NFD", "tên")
    problem = only(f"tên: 1\n{nfd}: 2\n")
    assert where(problem) == ("PT004", 2, 1)
    assert problem.params["key"] == "tên"


# --- encodings (PT002, PT016) and NFC -------------------------------------------------


def test_utf8_bom_is_accepted_and_does_not_shift_columns() -> None:
    doc, problems = load(b"\xef\xbb\xbfa: 1\nb: x\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": 1, "b": "x"}
    assert doc.locate(["a"], key=True) == (1, 1)
    assert doc.locate(["b"]) == (2, 4)


def _marks(node: Any) -> list[tuple[object, ...]]:
    """Every node's kind, tag, value and marks, depth first (keys too)."""
    start, end, value = node.start_mark, node.end_mark, node.value
    out: list[tuple[object, ...]] = [
        (type(node).__name__, node.tag, start.index, start.line, start.column, end.index)
    ]
    if isinstance(value, str):
        out.append((value,))
    else:
        for item in value:
            for part in item if isinstance(item, tuple) else (item,):
                out += _marks(part)
    return out


@pytest.mark.parametrize(
    "raw",
    [
        "a: Đã ký\nb: [1, 'x\u0301', \"\u1ea1\"]\nc: !!str 7\nd:\n  - é: 1\n".encode(),
        b"\xef\xbb\xbfa: \xc3\xa9\nb: 2\n",  # a BOM: libyaml reads the text after it
        b"\xef\xbb\xbf\xef\xbb\xbfa: \xc3\xa9\n",  # a second BOM: part of the text
        "a: e\u0301\nb: 2\n".encode(),  # not NFC: libyaml reads the text made NFC
    ],
    ids=["vietnamese", "bom", "two-boms", "nfd"],
)
def test_a_file_read_from_its_bytes_is_the_text_read(raw: bytes) -> None:
    from plantrack.io.yamlload import decode

    text, _ = decode(raw)
    assert text is not None
    from_bytes, problems = load_yaml_bytes(raw)
    from_text, text_problems = load_yaml_text(text)
    assert problems == text_problems
    assert from_bytes is not None and from_text is not None
    assert from_bytes.data == from_text.data
    assert _marks(from_bytes.root) == _marks(from_text.root)


def test_invalid_utf8_is_located() -> None:
    problem = refused(b"a: 1\nb: x\xff\n")
    assert where(problem) == ("PT002", 2, 5)
    assert problem.params == {"byte": "ff"}


def test_invalid_utf8_column_counts_characters_not_bytes() -> None:
    problem = refused("a: 1\nb: Trà ệ".encode() + b"\xc3(\n")
    assert where(problem) == ("PT002", 2, 9)
    assert problem.params == {"byte": "c3"}


def test_invalid_utf8_truncated_at_end_of_file() -> None:
    assert where(refused(b"a: 1\nb: \xe1\xbb")) == ("PT002", 2, 4)


def test_latin1_file_is_not_utf8() -> None:
    # a file saved by an old editor in Windows-1258 / Latin-1
    assert where(refused("a: 1\nb: Trà\n".encode("latin-1"))) == ("PT002", 2, 6)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_with_a_warning(codec: str) -> None:
    doc, problems = load("\ufeffa: 1\nb: Trà Dơn\n".encode(codec))
    assert [where(p) for p in problems] == [("PT016", 1, 1)]
    assert CATALOGUE["PT016"].severity == "warning"
    assert doc is not None
    assert doc.data == {"a": 1, "b": "Trà Dơn"}


def test_utf16_warning_comes_with_later_problems() -> None:
    _, problems = load("\ufeffa: 1\na: 2\n".encode("utf-16-le"))
    assert [where(p) for p in problems] == [("PT016", 1, 1), ("PT004", 2, 1)]


def test_broken_utf16_is_not_decoded() -> None:
    problem = refused(b"\xff\xfea\x00:\x00 \x00\x00\xd8")  # a lone surrogate at the end
    assert where(problem) == ("PT002", 1, 1)


def test_nfd_keys_and_values_become_nfc() -> None:
    text = "tên_đơn_vị: Xã Trà Dơn\nkết_quả:\n  - Đã niêm yết thủ tục\n"
    data = data_of(unicodedata.normalize("NFD", text).encode())
    assert data == {"tên_đơn_vị": "Xã Trà Dơn", "kết_quả": ["Đã niêm yết thủ tục"]}
    for key, value in [("tên_đơn_vị", "Xã Trà Dơn"), ("kết_quả", "Đã niêm yết thủ tục")]:
        assert unicodedata.is_normalized("NFC", key)
        assert unicodedata.is_normalized("NFC", value)


def test_escaped_text_becomes_nfc_too() -> None:
    # escapes are expanded by the parser, after the file's text was normalised
    data = data_of('"Tr\\u00e0 D\\u01a1n": "Nguye\\u0302\\u0303n"\nk: "\\U0002F800"\n')
    assert data == {"Trà Dơn": "Nguyễn", "k": "\u4e3d"}


def test_escaped_key_equal_after_nfc_is_a_duplicate() -> None:
    doc, problems = load('"e\\u0301": 1\n"\\xe9": 2\n')
    assert [where(p) for p in problems] == [("PT004", 2, 1)]
    assert doc is not None
    assert doc.locate(["é"], key=True) == (1, 1)


# --- document shape (PT008, PT009, PT010) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "kind"),
    [
        ("- a\n- b\n", 1, 1, "sequence"),
        ("hello\n", 1, 1, "scalar"),
        ("# comment\n\n  42\n", 3, 3, "scalar"),
        ("--- [a, b]\n", 1, 5, "sequence"),
        ("--- ~\n", 1, 5, "scalar"),
    ],
)
def test_document_must_be_a_mapping(text: str, line: int, column: int, kind: str) -> None:
    problem = refused(text)
    assert where(problem) == ("PT008", line, column)
    assert problem.params["kind_en"] == kind


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\n\n",
        b"   \n",
        b"# only\n# comments\n",
        b"\xef\xbb\xbf",
        b"---\n",
        b"---\n# c\n...\n",
    ],
)
def test_empty_or_comment_only_file(raw: bytes) -> None:
    assert where(refused(raw)) == ("PT009", 1, 1)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\n---\nb: 2\n", 2, 1),
        ("a: 1\n...\n---\nb: 2\n", 3, 1),
        ("---\na: 1\n--- \nb: 2\n", 3, 1),
        ("a: 1\n---\n", 2, 1),
    ],
)
def test_several_documents(text: str, line: int, column: int) -> None:
    assert where(refused(text)) == ("PT010", line, column)


def test_one_document_with_markers_is_fine() -> None:
    assert data_of("%YAML 1.1\n---\na: 1\n...\n") == {"a": 1}


# --- tags (PT005), merge keys (PT012), complex keys (PT017) ---------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "tag"),
    [
        ("a: !foo 1\n", 1, 4, "!foo"),
        ("a: !foo\n  b: 1\n", 1, 4, "!foo"),
        ("a: !foo [1]\n", 1, 4, "!foo"),
        ("!foo\nb: 1\n", 1, 1, "!foo"),
        ("b:\n  !foo k: 1\n", 2, 3, "!foo"),
        ("a: !!binary aGVsbG8=\n", 1, 4, "tag:yaml.org,2002:binary"),
        ("a: !!set {x: null}\n", 1, 4, "tag:yaml.org,2002:set"),
        ("a: !!omap [{x: 1}]\n", 1, 4, "tag:yaml.org,2002:omap"),
        ("a: !<tag:example.com,2024:x> 1\n", 1, 4, "tag:example.com,2024:x"),
        (
            "a: !!python/name:os.system\n",
            1,
            4,
            "tag:yaml.org,2002:python/name:os.system",
        ),
    ],
)
def test_tags_are_refused(text: str, line: int, column: int, tag: str) -> None:
    problem = refused(text)
    assert where(problem) == ("PT005", line, column)
    assert problem.params == {"tag": tag}


def test_python_tags_never_construct_objects(tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    text = (
        f'a: !!python/object/apply:os.mkdir ["{marker}"]\n'
        f'b: !!python/object/new:pathlib.Path ["{marker}"]\n'
    )
    problem = refused(text)
    assert where(problem) == ("PT005", 1, 4)
    assert problem.params == {"tag": "tag:yaml.org,2002:python/object/apply:os.mkdir"}
    assert not marker.exists()


def test_standard_scalar_tags_are_allowed() -> None:
    data = data_of('a: !!str 12\nb: !!int "12"\nc: !!float "1.5"\nd: !!null ""\ne: !!bool yes\n')
    assert data == {"a": "12", "b": 12, "c": 1.5, "d": None, "e": True}


def test_merge_key_is_refused() -> None:
    problem = refused("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert where(problem) == ("PT012", 3, 3)
    assert problem.key_path == ("other",)


def test_quoted_merge_key_is_plain_text() -> None:
    assert data_of('"<<": 1\n') == {"<<": 1}


def test_complex_key_is_refused() -> None:
    assert where(refused("? [a, b]\n: 1\n")) == ("PT017", 1, 3)


# --- aliases (PT006) ------------------------------------------------------------------


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused() -> None:
    # 9**10 values once expanded: the loader must stop long before building them
    problem = refused(billion_laughs())
    assert problem.code == "PT006"
    assert problem.line is not None
    assert problem.column is not None
    assert "expands to more than" in str(problem.params["reason"])


def test_billion_laughs_with_many_small_aliases_hits_the_alias_limit() -> None:
    limits = Limits(max_aliases=10)
    problem = refused(billion_laughs(), limits)
    assert problem.code == "PT006"
    assert problem.params == {"reason": "more than 10 aliases"}
    assert problem.key_path == ("c", 1)  # the eleventh alias: b holds the first nine


def test_too_many_aliases() -> None:
    text = "a: &x v\n" + "".join(f"k{i}: *x\n" for i in range(101))
    problem = refused(text)
    assert where(problem) == ("PT006", 1, 4)  # aliases share the anchored node's position
    assert problem.key_path == ("k100",)
    assert problem.params == {"reason": "more than 100 aliases"}


def test_a_few_aliases_are_fine() -> None:
    data = data_of("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n")
    assert data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}


@pytest.mark.parametrize(
    ("text", "key_path"),
    [
        ("a: &x [*x]\n", ("a", 0)),
        ("a: &x\n  b: *x\n", ("a", "b")),
        ("a: &x {b: [*x]}\n", ("a", "b", 0)),
    ],
)
def test_recursive_alias_is_refused(text: str, key_path: tuple) -> None:
    problem = refused(text)
    assert where(problem) == ("PT006", 1, 4)
    assert problem.params == {"reason": "recursive alias"}
    assert problem.key_path == key_path


# --- size and shape limits (PT007, PT011, PT014, PT015) ---------------------------------


def nested(depth: int) -> str:
    """A mapping ``depth`` levels below the root: ``k: {k: {... 1}}``."""
    return "k: " + "{k: " * (depth - 1) + "1" + "}" * (depth - 1) + "\n"


def test_nesting_up_to_the_limit_is_fine() -> None:
    doc, problems = load(nested(3), Limits(max_depth=3))
    assert problems == []
    assert doc is not None
    assert doc.data == {"k": {"k": {"k": 1}}}


def test_nesting_over_the_limit() -> None:
    problem = refused(nested(4), Limits(max_depth=3))
    assert where(problem) == ("PT011", 1, 16)
    assert problem.params == {"limit": 3}
    assert problem.key_path == ("k", "k", "k", "k")


def test_nesting_over_the_default_limit() -> None:
    problem = refused("a: " + "[" * 60 + "]" * 60 + "\n")
    assert where(problem) == ("PT011", 1, 54)
    assert problem.params == {"limit": DEFAULT_LIMITS.max_depth}


def test_nesting_past_libyamls_own_bound_is_also_pt011() -> None:
    # libyaml stops at 1000 levels with its own error, which must read as PT011 too
    problem = refused("a: " + "[" * 5000)
    assert where(problem) == ("PT011", 1, 1003)
    assert problem.params == {"limit": DEFAULT_LIMITS.max_depth}


def test_block_nesting_past_libyamls_bound() -> None:
    text = "".join(" " * i + "k:\n" for i in range(1100))
    assert where(refused(text)) == ("PT011", 1000, 1001)


FIFTY_BYTES = b"a: " + b"x" * 46 + b"\n"


def test_oversized_bytes() -> None:
    problem = refused(FIFTY_BYTES, Limits(max_file_bytes=49))
    assert where(problem) == ("PT007", None, None)
    assert problem.params == {"size": 50, "limit": 49}


def test_bytes_at_the_size_limit_are_fine() -> None:
    doc, problems = load(FIFTY_BYTES, Limits(max_file_bytes=50))
    assert problems == []
    assert doc is not None


def test_six_megabyte_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: no 6 MB written to disk
        handle.truncate(6 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the content of an oversized file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    doc, problems = load_yaml_file(path)
    assert doc is None
    assert [where(p) for p in problems] == [("PT007", None, None)]
    assert problems[0].params == {"size": 6 * 1024 * 1024, "limit": DEFAULT_LIMITS.max_file_bytes}


def test_missing_file(tmp_path: Path) -> None:
    doc, problems = load_yaml_file(tmp_path / "absent.yaml")
    assert doc is None
    assert [where(p) for p in problems] == [("PT001", None, None)]
    assert problems[0].params["reason"]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    doc, problems = load_yaml_file(tmp_path)
    assert doc is None
    assert [p.code for p in problems] == ["PT001"]


def test_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("đơn_vị: xa-tra-don\n".encode())
    doc, problems = load_yaml_file(path)
    assert problems == []
    assert doc is not None
    assert doc.data == {"đơn_vị": "xa-tra-don"}


@pytest.mark.parametrize(
    ("text", "line", "column", "key_path"),
    [
        ("a: 1\nb: " + "x" * 1_000_000 + "\n", 2, 4, ("b",)),
        ("a: |-\n  " + "y" * 1_000_000 + "\n", 1, 4, ("a",)),
        ('a:\n  - "' + "z" * 1_000_000 + '"\n', 2, 5, ("a", 0)),
        ("? " + "k" * 1_000_000 + "\n: 1\n", 1, 3, ()),
    ],
)
def test_megabyte_string(text: str, line: int, column: int, key_path: tuple) -> None:
    problem = refused(text)
    assert where(problem) == ("PT014", line, column)
    assert problem.params == {"length": 1_000_000, "limit": DEFAULT_LIMITS.max_string_chars}
    assert problem.key_path == key_path


def test_string_at_the_limit_is_fine() -> None:
    assert data_of("a: " + "x" * DEFAULT_LIMITS.max_string_chars + "\n")["a"] == "x" * 100_000


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b"a: 1\nb: x\x00y\n", 2, 5),
        (b"\x00\x00\x00", 1, 1),
        ("a: Trà\nb: Dơn\x00\n".encode(), 2, 7),
        ("\ufeffa: 1\nb: \x00\n".encode("utf-16-le"), 2, 4),
    ],
)
def test_nul_bytes(raw: bytes, line: int, column: int) -> None:
    doc, problems = load(raw)
    assert doc is None
    assert [where(p) for p in problems if p.code != "PT016"] == [("PT015", line, column)]


# --- tabs (PT018) and syntax errors (PT003) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n\tb: 1\n", 2, 1),
        ("\tdon: 1\n", 1, 1),
        ("a:\n  b: 1\n  \tc: 2\n", 3, 3),
        ("a:\n  - 1\n\t- 2\n", 3, 1),
        ("a:\n  - 1\n  -\t2\n", 3, 4),
        ("a: Trà Dơn\nb:\n\tc: 1\n", 3, 1),
        ("a: |\n\ttext\n", 2, 1),
    ],
)
def test_tab_indentation(text: str, line: int, column: int) -> None:
    assert where(refused(text)) == ("PT018", line, column)


def test_tabs_inside_values_are_fine() -> None:
    assert data_of("a: x\ty\nb: [1,\t2]\nc:\t3\n") == {"a": "x\ty", "b": [1, 2], "c": 3}


@pytest.mark.parametrize(
    ("text", "line", "column", "problem"),
    [
        ("a: 1\n b: 2\n", 2, 3, "mapping values are not allowed in this context"),
        # an unclosed bracket or quote is reported where it opens, not at the end of the file
        ("a: [1, 2\n", 1, 4, "did not find expected ',' or ']'"),
        ("a: 'x\n", 1, 4, "found unexpected end of stream"),
        ("a:\n  - 1\n  b: 2\n", 3, 3, "did not find expected '-' indicator"),
        ("a: *nothing\n", 1, 4, "found undefined alias"),
        ("a: x\nb: \x07\n", 2, 4, "control characters are not allowed"),
    ],
)
def test_syntax_errors(text: str, line: int, column: int, problem: str) -> None:
    found = refused(text)
    assert where(found) == ("PT003", line, column)
    assert found.params["problem_en"] == problem
    assert found.params["problem"]  # said in Vietnamese for the finding


def test_control_character_column_counts_characters_not_bytes() -> None:
    # libyaml reports a byte offset for this error; the finding must point at the character
    found = refused("a: Nguyễn Trà Dơn\nb: \x07\n")
    assert where(found) == ("PT003", 2, 4)


def test_load_yaml_text_directly() -> None:
    doc, problems = load_yaml_text("a: 1\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": 1}


# --- values -----------------------------------------------------------------------------


def warned(source: str) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The data of ``source`` and its PT020 warnings: key → (YAML 1.1 reading, 1.2 reading)."""
    doc, problems = load(source)
    assert doc is not None and isinstance(doc.data, dict)
    assert {p.code for p in problems} <= {"PT020"}, problems
    return doc.data, {p.key_path[-1]: (p.params["yaml11"], p.params["yaml12"]) for p in problems}


def test_integers_yaml_1_2() -> None:
    text = (
        "dec: 120\nneg: -5\nplus: +5\nzero: 0\nhex: 0x1F\noct: 0o17\nlead: 0050\n"
        "big: 123456789012345678\n"
    )
    data, warnings = warned(text)
    assert data == {
        "dec": 120,
        "neg": -5,
        "plus": 5,
        "zero": 0,
        "hex": 31,
        "oct": 15,
        "lead": 50,
        "big": 123456789012345678,
    }
    assert all(type(v) is int for v in data.values())
    # where YAML 1.1 reads them otherwise, a warning says both
    assert warnings == {"oct": ("'0o17'", "15"), "lead": ("40", "50")}


def test_yaml_1_1_only_forms_stay_text_with_a_warning() -> None:
    text = "under: 1_000\nbase60: 1:20\nbin: 0b101\nneghex: -0x10\nyes: yes\noff: off\n"
    data, warnings = warned(text)
    assert data == {
        "under": "1_000",
        "base60": "1:20",
        "bin": "0b101",
        "neghex": "-0x10",
        "yes": "yes",
        "off": "off",
    }
    assert warnings == {
        "under": ("1000", "'1_000'"),
        "base60": ("80", "'1:20'"),
        "bin": ("5", "'0b101'"),
        "neghex": ("-16", "'-0x10'"),
        "yes": ("true", "'yes'"),
        "off": ("false", "'off'"),
    }


def test_quoted_and_explicitly_tagged_scalars_are_not_resolved() -> None:
    data, warnings = warned("a: '0050'\nb: !!str 1:20\nc: &x !!int 0050\nd: \"yes\"\n")
    assert data == {"a": "0050", "b": "1:20", "c": 40, "d": "yes"}
    assert warnings == {}


def test_floats_yaml_1_2() -> None:
    text = "a: 1.5\nb: -0.25\nc: 6.8523015e+5\ne: .5\ng: 1.\nh: 1e3\n"
    data, warnings = warned(text)
    assert data == {"a": 1.5, "b": -0.25, "c": 685230.15, "e": 0.5, "g": 1.0, "h": 1000.0}
    assert all(type(v) is float for v in data.values())
    assert warnings == {"h": ("'1e3'", "1000.0")}


def test_integers_past_18_digits_become_floats_never_too_long_for_text() -> None:
    digits = "9" * 5000
    text = f"a: {digits}\nb: -{digits}\nc: 0x{'F' * 5000}\nd: 1234567890123456789012\n"
    data, _ = warned(text)
    biggest = sys.float_info.max  # a number past any range (PT107), not an infinity (PT111)
    assert data["a"] == biggest and data["b"] == -biggest and data["c"] == biggest
    assert data["d"] == pytest.approx(1.234567890123456789e21)
    assert all(type(v) is float for v in data.values())


def test_infinity_and_nan_are_floats_for_the_models_to_reject() -> None:
    data = data_of("a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\n")
    assert data["a"] == math.inf
    assert data["b"] == -math.inf
    assert data["c"] == math.inf
    assert math.isnan(data["d"])
    assert math.isnan(data["e"])


def test_not_numbers_stay_text() -> None:
    assert data_of("c: 1.2.3\nd: 0x\ne: 0o\nf: 1e\n") == {
        "c": "1.2.3",
        "d": "0x",
        "e": "0o",
        "f": "1e",
    }


def test_bad_explicit_number_tags_stay_text_and_never_raise() -> None:
    text = "a: !!int abc\nb: !!float x\nc: !!float " + "1:" * 300 + "1\nd: !!int ''\n"
    data = data_of(text)
    assert data["a"] == "abc"
    assert data["b"] == "x"
    assert data["c"] == math.inf  # past the float range: infinity, which the models refuse
    assert data["d"] == ""


def test_booleans_and_nulls() -> None:
    text = (
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y\nh: n\n"
        "i: ~\nj: null\nk:\nl: Null\nm: 'null'\n"
    )
    data, warnings = warned(text)
    assert data == {
        "a": "yes",
        "b": "No",
        "c": "on",
        "d": "OFF",
        "e": True,
        "f": False,
        "g": "y",
        "h": "n",
        "i": None,
        "j": None,
        "k": None,
        "l": None,
        "m": "null",
    }
    assert set(warnings) == {"a", "b", "c", "d"}


def test_dates_stay_strings() -> None:
    text = (
        "submitted: 2024-09-13\nimpossible: 2024-02-30\nshort: 2024-9-3\n"
        "stamp: 2001-12-14t21:59:43.10-05:00\ntagged: !!timestamp 2024-01-01\n"
    )
    assert data_of(text) == {
        "submitted": "2024-09-13",
        "impossible": "2024-02-30",
        "short": "2024-9-3",
        "stamp": "2001-12-14t21:59:43.10-05:00",
        "tagged": "2024-01-01",
    }


def test_nested_lists_and_mappings() -> None:
    text = (
        "unit: xa-tra-don\n"
        "tasks:\n"
        "  - task: t1\n"
        "    progress: 100\n"
        "    evidence:\n"
        "      - {number: 12/TB-UBND, date: 2024-09-10}\n"
        "  - task: t2\n"
        "    done: false\n"
        "    notes: []\n"
        "indicators: {}\n"
        "matrix: [[1, 2], [3, [4]]]\n"
        "text: |\n"
        "  dòng 1\n"
        "  dòng 2\n"
        "folded: >\n"
        "  một\n"
        "  hai\n"
    )
    assert data_of(text) == {
        "unit": "xa-tra-don",
        "tasks": [
            {
                "task": "t1",
                "progress": 100,
                "evidence": [{"number": "12/TB-UBND", "date": "2024-09-10"}],
            },
            {"task": "t2", "done": False, "notes": []},
        ],
        "indicators": {},
        "matrix": [[1, 2], [3, [4]]],
        "text": "dòng 1\ndòng 2\n",
        "folded": "một hai\n",
    }


def test_keys_are_always_text() -> None:
    assert data_of("1: a\ntrue: b\n~: c\n2024-01-01: d\n1.5: e\n") == {
        "1": "a",
        "true": "b",
        "~": "c",
        "2024-01-01": "d",
        "1.5": "e",
    }


# --- line endings -----------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_load_the_same(newline: str) -> None:
    text = "a: 1\nb:\n  - x\n  - y: |\n      l1\n      l2\n"
    doc, problems = load(text.replace("\n", newline))
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": 1, "b": ["x", {"y": "l1\nl2\n"}]}
    assert doc.locate(["b", 1, "y"], key=True) == (4, 5)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize(
    ("lines", "code", "line", "column"),
    [
        (["a: 1", "b: 2", "a: 3"], "PT004", 3, 1),
        (["a: 1", "b: 2", "c: x\x00"], "PT015", 3, 5),
        (["a: 1", "b: 2", "c: x\x07"], "PT003", 3, 5),
        (["a:", "  b: 2", "\tc: 3"], "PT018", 3, 1),
        (["a: 1", "---", "b: 2"], "PT010", 2, 1),
    ],
)
def test_positions_with_every_line_ending(
    newline: str, lines: list[str], code: str, line: int, column: int
) -> None:
    problem = only(newline.join(lines) + newline)
    assert where(problem) == (code, line, column)


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_invalid_utf8_position_with_every_line_ending(newline: bytes) -> None:
    raw = newline.join([b"a: 1", "b: ệ".encode(), b"c: x\xff"]) + newline
    assert where(refused(raw)) == ("PT002", 3, 5)


# --- YamlDoc.locate ---------------------------------------------------------------------

LOCATE_TEXT = """\
unit: xa-tra-don
tasks:
  - task: t1
    evidence:
      - number: 12/TB-UBND
        date: 2024-09-10
  - task: t2
    results: >-
      Tổ chức 2 cuộc
indicators: {ho-so: 120, "dung han": 115}
"""


@pytest.fixture
def located() -> YamlDoc:
    doc, problems = load(LOCATE_TEXT)
    assert problems == []
    assert doc is not None
    return doc


@pytest.mark.parametrize(
    ("path", "value_at", "key_at"),
    [
        (["unit"], (1, 7), (1, 1)),
        (["tasks"], (3, 3), (2, 1)),
        (["tasks", 0], (3, 5), (3, 5)),
        (["tasks", 0, "task"], (3, 11), (3, 5)),
        (["tasks", 0, "evidence", 0, "date"], (6, 15), (6, 9)),
        (["tasks", 1, "results"], (8, 14), (8, 5)),
        (["indicators", "ho-so"], (10, 21), (10, 14)),
        (["indicators", "dung han"], (10, 38), (10, 26)),
    ],
)
def test_locate_values_and_keys(
    located: YamlDoc, path: list, value_at: tuple[int, int], key_at: tuple[int, int]
) -> None:
    assert located.locate(path) == value_at
    assert located.locate(path, key=True) == key_at


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ([], (1, 1)),
        (["missing"], (1, 1)),
        (["tasks", 0, "missing"], (3, 5)),
        (["tasks", 5, "task"], (3, 3)),
        (["tasks", 0, "evidence", 0, "title"], (5, 9)),
        (["unit", "deeper"], (1, 7)),
        (["tasks", "not-an-index"], (3, 3)),
    ],
)
def test_locate_missing_falls_back_to_deepest_existing_node(
    located: YamlDoc, path: list, expected: tuple[int, int]
) -> None:
    assert located.locate(path) == expected
    assert located.locate(path, key=True) == expected


def test_locate_key_falls_back_to_value_even_when_names_repeat() -> None:
    doc, _ = load("x:\n  y: 1\n")
    assert doc is not None
    assert doc.locate(["x", "missing", "x"], key=True) == (2, 3)
    assert doc.locate(["x", "y"], key=True) == (2, 3)


def test_locate_after_a_later_problem_still_works() -> None:
    doc, problems = load("a: 1\nb:\n  c: 2\n  c: 3\n")
    assert [p.code for p in problems] == ["PT004"]
    assert doc is not None
    assert doc.locate(["b", "c"]) == (3, 6)  # the first of the duplicates


def test_locate_on_a_released_document() -> None:
    assert YamlDoc(None, None).locate(["a"]) is None


def test_refused_document_keeps_its_node_graph_for_positions() -> None:
    doc, problems = load("a: 1\nb: !foo x\n")
    assert [where(p) for p in problems] == [("PT005", 2, 4)]
    assert doc is not None
    assert doc.data is None
    assert doc.locate(["a"]) == (1, 4)


def test_problems_are_all_catalogued() -> None:
    sources = [
        "a: 1\na: 2\n",
        b"\xff",
        "a: !x 1\n",
        billion_laughs(),
        "- 1\n",
        "",
        "a: 1\n---\n",
        "a: " + "[" * 60 + "]" * 60,
        "\ufeffa: 1\n".encode("utf-16-le"),
        "<<: {}\n",
        "a: " + "x" * 200_000,
        "a: \x00",
        "? [x]\n: 1\n",
        "\ta: 1\n",
        "a: 'x",
    ]
    codes = set()
    for source in sources:
        codes.update(p.code for p in load(source)[1])
    codes.update(p.code for p in load(b"x" * 10, Limits(max_file_bytes=1))[1])
    # every reading code but PT001 (an unreadable file) and PT013 (a link out of the repo)
    assert codes == {f"PT0{n:02}" for n in range(2, 19) if n != 13}
    assert codes <= set(CATALOGUE)
