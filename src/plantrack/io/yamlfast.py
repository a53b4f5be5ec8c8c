"""The loader's fast paths: what most files take, giving exactly what the careful path gives.

Two costs of reading a clean file are Python work per node, not parsing: pyyaml's resolver,
called by libyaml's composer for every node, and the careful builder's bookkeeping for aliases
and error paths. ``Loader`` resolves tags with the same rules and regular expressions as
pyyaml's safe loader, in fewer steps. ``plain_values`` builds the values of a document that
holds no anchor (so no alias), and gives up (``None``) at the first thing that is not plain
data: a tag other than the core ones, a duplicate key, a value YAML 1.1 reads differently, a
limit reached. The careful builder (:mod:`yamlbuild`) then builds the document again and says
where the problem is, so findings never depend on which path ran.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from plantrack.io.limits import Limits
from plantrack.io.yamlbuild import _SCALAR_TAGS, _TAG, nfc, yaml11_value
from plantrack.io.yamlcore import _BOOL, _NULL, core_value, same_value

_STR, _SEQ, _MAP = f"{_TAG}str", f"{_TAG}seq", f"{_TAG}map"
_IMPLICIT = yaml.CSafeLoader.yaml_implicit_resolvers


def _tag(kind: Any, value: Any, implicit: Any) -> str:
    """The tag of a node the file does not tag itself, as pyyaml's safe loader says."""
    if kind is ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _STR
    return _SEQ if kind is SequenceNode else _MAP


# The composer asks for the tag of every node, some 260 times a report, nearly always for the
# same keys and the same few values: answered from a cache kept in C, the question costs no
# Python frame. ``_tag`` depends on its arguments alone, so a cached answer is the same answer.
# The cache has no bound on its entries (a bounded one spends on keeping its order about what
# it saves on a miss, a fifth of its time at the national size); it is emptied instead once
# ``_HELD_CHARS`` characters have been composed, which bounds its entries too.
_cached_tag = functools.lru_cache(maxsize=None)(_tag)
_HELD_CHARS = 1_000_000
"""Characters of documents composed after which the cache is emptied: it then never holds
more text than that (a value may be 100,000 characters long), whatever the files."""


class FastLoader(yaml.CSafeLoader):
    """libyaml's composer with pyyaml's safe tag resolution done in fewer Python steps.

    The rules are pyyaml's own (``yaml_implicit_resolvers`` of the safe loader, tried in
    order, first match wins); path resolvers, which the safe loader has none of, are left
    out: the composer's calls to descend and ascend them go to built-ins that do nothing
    of note (``operator.is_`` of the parent and index, an empty ``tuple``), with no Python
    frame for each node."""

    resolve = staticmethod(_cached_tag)
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]
    _composed = 0

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        FastLoader._composed += len(stream)
        if FastLoader._composed > _HELD_CHARS:
            FastLoader._composed = len(stream)
            _cached_tag.cache_clear()


# the shortcuts above hold only while the safe loader has no wildcard or path resolvers
_EXACT = None not in _IMPLICIT and not yaml.CSafeLoader.yaml_path_resolvers
Loader: type[yaml.CSafeLoader] = FastLoader if _EXACT else yaml.CSafeLoader
"""The loader ``load_yaml_text`` composes with."""


class _Careful(Exception):
    """Raised inside ``plain_values``: this document needs the careful builder."""


def plain_values(root: yaml.Node, text: str, limits: Limits) -> Any | None:
    """The values of the document ``root`` composed from ``text``, if it is plain data
    (see the module's docstring); ``None`` when the careful builder must build it."""
    if "&" in text:  # an anchor may be there, so aliases: the careful builder counts them
        return None
    try:
        return _Plain(text, limits).build(root, 0)
    except _Careful:
        return None


class _Plain:
    """The values of an alias-free document without a problem in it."""

    def __init__(self, text: str, limits: Limits) -> None:
        self.text = text
        self.tagless = "!" not in text  # no explicit tag anywhere: no scalar needs looking at
        self.max_depth = limits.max_depth
        self.max_chars = limits.max_string_chars

    def build(self, node: yaml.Node, depth: int) -> Any:
        if depth > self.max_depth:
            raise _Careful
        kind = node.__class__
        if kind is ScalarNode:
            return self.scalar(node)  # type: ignore[arg-type]
        if kind is MappingNode and node.tag == _MAP:
            return self.mapping(node, depth + 1)
        if kind is SequenceNode and node.tag == _SEQ:
            return self.sequence(node, depth + 1)
        raise _Careful

    # ``mapping`` and ``sequence`` take a scalar child (most nodes) straight to ``scalar``,
    # one call instead of two, when its depth is within bounds (what ``build`` checks first)

    def mapping(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        scalar, build, max_chars = self.scalar, self.build, self.max_chars
        shallow = depth <= self.max_depth
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise _Careful
            tag, key = key_node.tag, key_node.value
            if tag not in _SCALAR_TAGS or len(key) > max_chars:
                raise _Careful  # a merge key or another tag, a key too long
            if key_node.style == '"':
                key = nfc(key)
            if key in out:
                raise _Careful  # a duplicate: the careful builder says where the first is
            if shallow and value_node.__class__ is ScalarNode:
                out[key] = scalar(value_node)
            else:
                out[key] = build(value_node, depth)
        return out

    def sequence(self, node: yaml.Node, depth: int) -> list[Any]:
        scalar, build = self.scalar, self.build
        if depth > self.max_depth:
            return [build(child, depth) for child in node.value]
        return [
            scalar(child) if child.__class__ is ScalarNode else build(child, depth)
            for child in node.value
        ]

    def scalar(self, node: ScalarNode) -> Any:
        tag, text, style = node.tag, node.value, node.style
        if len(text) > self.max_chars:
            raise _Careful
        if tag == _STR:
            if style:
                return nfc(text) if style == '"' else text
            first = text[:1]
            maybe = first in _NUMERIC or (first in _WORDY and text in _WORDS)
            if maybe and self._untagged(node):
                return self._core(text, text)  # plain text YAML 1.2 may read otherwise
            return text
        if tag not in _SCALAR_TAGS:
            raise _Careful
        if tag == _TIMESTAMP:
            return nfc(text) if style == '"' else text
        if style or not self._untagged(node):
            return yaml11_value(tag, text)  # quoted, or tagged explicitly: no schema decides
        known = _PLAIN.get((tag, text), _UNKNOWN)
        if known is _UNKNOWN:
            known = self._core(yaml11_value(tag, text), text)
            if len(_PLAIN) >= _PLAIN_MAX:
                _PLAIN.clear()
            _PLAIN[tag, text] = known
        return known

    @staticmethod
    def _core(old: Any, text: str) -> Any:
        new = core_value(text)
        if not same_value(old, new):
            raise _Careful  # YAML 1.1 reads it otherwise: a warning (PT020) to place
        return new

    def _untagged(self, node: ScalarNode) -> bool:
        """No explicit ``!tag`` before the scalar (as ``NodeBuilder._resolved``)."""
        if self.tagless:
            return True
        start, end = node.start_mark.index, node.end_mark.index
        return "!" not in self.text[start:end][: max(0, end - start - len(node.value))]


# Plain text YAML 1.2 may read as something else: what starts like a number, or is one of
# the words for null and booleans (``core_value`` reads every other text as text).
_NUMERIC = frozenset("0123456789+-.")
_WORDY = frozenset("nNtTfF~")
_WORDS = frozenset(_NULL | set(_BOOL)) - {""}
_TIMESTAMP = f"{_TAG}timestamp"
_PLAIN: dict[tuple[str, str], Any] = {}
"""Values of plain untagged numbers, booleans and nulls already read (the same few recur in
every file); bounded by ``_PLAIN_MAX``. Only values equal under both readings are kept."""
_PLAIN_MAX = 4096
_UNKNOWN = object()
