"""The loader's fast paths give exactly what the careful ones give: the same tags from the
resolver, the same values, and the same problems in the same order (none being lost because
the fast builder ran)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from plantrack.io import yamlfast
from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.yamlbuild import LoadProblem, NodeBuilder
from plantrack.io.yamlfast import FastLoader, plain_values
from plantrack.io.yamlload import decode, load_yaml_text

from .test_yamlload_properties import BOUNDED, YAML_BYTES, mutated_report

TESTS = Path(__file__).resolve().parents[1]
SUITE = sorted((TESTS / "data" / "yaml-test-suite").glob("*/in.yaml"))
FIXTURES = sorted((TESTS / "fixtures").rglob("*.yaml"))
EXAMPLES = [
    "a: 1\nb: 0050\nc: yes\nd: 1:20\ne: 1_000\nf: .5\ng: 1e3\nh: ~\ni: 0o17\nj: 0x1F\n",
    "a: !!int '7'\nb: !!str 12\nc: ! 12\nd: !!float 1\ne: !!bool yes\nf: !!null ''\n",
    "a: 2024-01-02\nb: '2024-01-02'\nc: !!timestamp 2024-01-02\nd: \"e\\u0301\"\n",
    "a: 1\na: 2\n",
    '"e\\u0301": 1\n"\\u00e9": 2\n',
    "a: &x [1, 2]\nb: *x\n",
    "a: 'A & B'\n",
    "<<: {a: 1}\n",
    "? [a]\n: 1\n",
    "a: !custom x\n",
    "a: " + "[" * 60 + "]" * 60 + "\n",
    "a: -.inf\nb: .NaN\nc: +12\nd: -0\ne: 0b101\nf: 12:30:15.5\n",
    "a:\n  - null\n  - Null\n  - ''\n  -\n  - [~, {}]\n",
    "a: |\n  text\nb: >\n  folded\nc: 'x'\nd: \"1\"\n",
]


def careful(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[LoadProblem]] | None:
    """What the loader gave before its fast paths: pyyaml's resolver, the careful builder
    (``None`` for a document that is not a mapping: refused before building)."""
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        return None
    builder = NodeBuilder(limits, text)
    data = builder.build(root, (), 0)
    return (None if builder.fatal else data), builder.problems


def tags(node: yaml.Node | None) -> list[tuple[str, str]]:
    """Every node's kind and tag, in document order."""
    if node is None:
        return []
    out = [(type(node).__name__, node.tag)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += tags(key) + tags(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += tags(child)
    return out


def compose(loader: type[yaml.CSafeLoader], text: str) -> tuple[str, Any]:
    """The node tags one loader composes (or its error)."""
    handle = loader(text)
    try:
        return "ok", tags(handle.get_single_node())
    except yaml.YAMLError as exc:
        return "error", str(exc)
    finally:
        handle.dispose()


def same(first: Any, second: Any) -> bool:
    """Equal values of the same types all the way down (NaN equals NaN)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return list(first) == list(second) and all(same(first[k], second[k]) for k in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(map(same, first, second))
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)


def agree(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """The fast and careful paths agree on ``text``."""
    assert compose(FastLoader, text) == compose(yaml.CSafeLoader, text)
    try:
        expected = careful(text, limits)
    except yaml.YAMLError:
        return  # not composed: both paths stop before building
    doc, problems = load_yaml_text(text, limits)
    if expected is None:
        assert doc is None
        return
    assert doc is not None
    assert problems == expected[1]
    assert same(doc.data, expected[0])


@pytest.mark.parametrize("text", EXAMPLES)
def test_examples_agree(text: str) -> None:
    agree(text)


def test_examples_take_both_paths() -> None:
    # plain data is built fast; a duplicate, a YAML 1.1 reading or an anchor is not
    built = [plain_values(_root(text), text, DEFAULT_LIMITS) is not None for text in EXAMPLES]
    assert built[0] is False  # 0050, yes, 1:20 …: PT020 warnings to place
    assert built[6] is False  # '&' in the text: aliases cannot be ruled out
    assert built[12] is True


def test_limits_agree() -> None:
    deep = "a: " + "[" * 12 + "]" * 12 + "\n"
    long = "a: " + "x" * 40 + "\n" + "b" * 40 + ": 1\n"
    small = Limits(max_depth=5, max_string_chars=20)
    for text in (deep, long):
        agree(text, small)


@pytest.mark.parametrize("levels", range(2, 8))
def test_a_scalar_at_the_depth_limit_agrees(levels: int) -> None:
    # a scalar in a mapping or a list, just within the limit of 5 or just past it
    small = Limits(max_depth=5)
    agree("a: " + "{b: " * levels + "x" + "}" * levels + "\n", small)
    agree("a: " + "[" * levels + "x, y" + "]" * levels + "\n", small)
    agree("a: " + "[{b: " * (levels // 2) + "x" + "}]" * (levels // 2) + "\n", small)


@pytest.mark.parametrize("path", SUITE, ids=lambda p: p.parent.name)
def test_yaml_test_suite_agrees(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    if text is not None:
        agree(text)


def test_fixtures_agree() -> None:
    assert FIXTURES
    for path in FIXTURES:
        text, _ = decode(path.read_bytes())
        if text is not None and "\x00" not in text:
            agree(text)


@BOUNDED
@given(YAML_BYTES)
def test_any_bytes_agree(raw: bytes) -> None:
    text, _ = decode(raw)
    if text is not None and "\x00" not in text:
        agree(text)


@BOUNDED
@given(mutated_report())
def test_mutated_reports_agree(raw: bytes) -> None:
    text, _ = decode(raw)
    if text is not None and "\x00" not in text:
        agree(text)


@BOUNDED
@given(st.text(alphabet="0123456789+-._:eExXbBoO inftyaNnulTrFsY~'\"!&", max_size=12))
def test_scalars_agree(scalar: str) -> None:
    agree(f"a: {scalar}\nb: [{scalar}]\n{scalar}: 1\n")


def _root(text: str) -> yaml.Node:
    loader = FastLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def test_tag_cache_holds_a_bounded_amount_of_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # the cached tags keep their values alive: emptied once enough text has been composed
    monkeypatch.setattr(yamlfast, "_HELD_CHARS", 100)
    yamlfast._cached_tag.cache_clear()
    for number in range(20):
        text = f"key{number}: value {number}\n"
        assert compose(FastLoader, text) == compose(yaml.CSafeLoader, text)
        assert yamlfast.FastLoader._composed <= 100
    assert 0 < yamlfast._cached_tag.cache_info().currsize < 20
