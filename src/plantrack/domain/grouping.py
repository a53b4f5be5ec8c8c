"""Units' own words grouped for a synthesis: difficulties de-duplicated into causes (objective
or subjective) and proposals grouped by whom they address.

The vocabulary that names causes and addressees is data (a template file a clerk rewords);
this module only matches and groups, so every document states the same groups.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

CauseKind = Literal["objective", "subjective"]


@dataclass(frozen=True)
class CauseRule:
    """A named cause and the phrases that point to it."""

    kind: CauseKind
    text: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class AddresseeRule:
    """An addressee of proposals: the phrases that name it after "Đề nghị", and the opening
    words of proposals that name nobody but are meant for it ("Đề nghị bố trí kinh phí…")."""

    name: str
    match: tuple[str, ...]
    superior: bool = False
    implied: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """Causes and addressees a synthesis groups the units' words by."""

    causes: tuple[CauseRule, ...] = ()
    addressees: tuple[AddresseeRule, ...] = ()
    unmatched_cause: CauseKind = "subjective"
    unnamed_addressee: str = ""


def with_issuer(vocabulary: Vocabulary, issuer: str) -> Vocabulary:
    """The vocabulary with the plan's issuer named by the superior's rules: its full name,
    and the words of its level (``UBND xã``, ``Ủy ban nhân dân xã``, ``xã`` for ``UBND xã
    A``) or its kind (``Sở`` for ``Sở Nội vụ``), so a vocabulary file names no place."""
    from plantrack.domain.profile import kind_word, level_of, place_of

    kind, area = level_of(issuer)
    if kind in ("department", "agency"):  # "Đề nghị Sở …" in a Sở's own plan
        phrases = [issuer, kind_word(issuer)]
    else:
        level = area[: len(area) - len(place_of(area))].strip()
        phrases = [issuer, f"UBND {level}", f"Ủy ban nhân dân {level}", level]
    rules = tuple(
        replace(r, match=r.match + tuple(p for p in phrases if p and p not in r.match))
        if r.superior
        else r
        for r in vocabulary.addressees
    )
    return replace(vocabulary, addressees=rules)


@dataclass
class Voiced:
    """One statement and every unit that made it (in the order they appear)."""

    text: str
    units: list[str] = field(default_factory=list)

    def add(self, unit: str) -> None:
        """Name ``unit`` once."""
        if unit not in self.units:
            self.units.append(unit)


@dataclass
class Cause:
    """A cause of difficulties, objective or subjective, with the units that raised it;
    ``own`` when it is stated in the units' own words (no cause of the vocabulary fits)."""

    kind: CauseKind
    text: str
    units: list[str] = field(default_factory=list)
    own: bool = False


@dataclass
class AddresseeGroup:
    """The units' proposals to one addressee, each proposal once with its units."""

    addressee: str
    superior: bool
    proposals: list[Voiced] = field(default_factory=list)


def fold(text: str) -> str:
    """Text compared loosely: NFC, lower case, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[^\w%/]+", " ", text).split())


def _contains(haystack: str, phrase: str) -> bool:
    """``phrase`` occurs in ``haystack`` as whole words (both folded)."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


def dedupe(items: Iterable[tuple[str, str]]) -> list[Voiced]:
    """(unit, text) pairs as statements, each text once with every unit that wrote it."""
    out: dict[str, Voiced] = {}
    for unit, text in items:
        clean = plain(text).rstrip(" .;")
        if clean:
            out.setdefault(fold(clean), Voiced(clean)).add(unit)
    return list(out.values())


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text: str) -> str:
    """Text without control characters, on one line, spaces collapsed."""
    return " ".join(_CONTROLS.sub("", text).split())


def clauses(text: str) -> list[str]:
    """A difficulty split at semicolons into its separate clauses."""
    parts = re.split(r";\s*", plain(text))
    return [c.strip(" .") for c in parts if c.strip(" .")]


def group_causes(items: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> list[Cause]:
    """Difficulties (unit, text) as causes: each clause matched to the first cause of the
    vocabulary whose phrase it contains; a clause matching none stands as its own cause,
    once, of the vocabulary's default kind. Causes keep the vocabulary's order, then the
    unmatched in the order first raised."""
    named: dict[int, Cause] = {}
    own: dict[str, Cause] = {}
    rules = [(rule, [fold(m) for m in rule.match]) for rule in vocabulary.causes]
    for unit, text in items:
        for clause in clauses(text):
            folded = fold(clause)
            hit = next(
                (i for i, (_, ms) in enumerate(rules) if any(_contains(folded, m) for m in ms)),
                None,
            )
            if hit is not None:
                rule = rules[hit][0]
                cause = named.setdefault(hit, Cause(rule.kind, rule.text))
            else:
                cause = own.setdefault(folded, Cause(vocabulary.unmatched_cause, clause, own=True))
            if unit not in cause.units:
                cause.units.append(unit)
    return [named[i] for i in sorted(named)] + list(own.values())


_PROPOSE = re.compile(r"^\s*(?:đề nghị|kiến nghị|đề xuất)\s+", re.IGNORECASE)


def addressee_of(text: str, vocabulary: Vocabulary) -> AddresseeRule | None:
    """The addressee a proposal names right after "Đề nghị" (longest phrase wins)."""
    folded = fold(_PROPOSE.sub("", unicodedata.normalize("NFC", text)))
    best: tuple[int, AddresseeRule] | None = None
    for rule in vocabulary.addressees:
        for phrase in rule.match + rule.implied:
            p = fold(phrase)
            if (folded == p or folded.startswith(p + " ")) and (best is None or len(p) > best[0]):
                best = (len(p), rule)
    return best[1] if best else None


def own_words(text: str, vocabulary: Vocabulary) -> str:
    """A proposal to the superior as the office puts it in its own report: without the
    leading "Đề nghị <addressee>", which the report's "Kính đề nghị …" already says."""
    text = plain(text)
    rest = _PROPOSE.sub("", text)
    if rest == text:
        return text
    folded = fold(rest)
    phrases = [p for r in vocabulary.addressees if r.superior for p in r.match]
    for phrase in sorted(phrases, key=len, reverse=True):
        if folded.startswith(fold(phrase) + " "):
            rest = " ".join(rest.split()[len(phrase.split()) :])
            break
    return rest[:1].upper() + rest[1:]


def group_proposals(
    items: Iterable[tuple[str, str]], vocabulary: Vocabulary
) -> list[AddresseeGroup]:
    """Proposals (unit, text) grouped by addressee: the superior first, then the vocabulary's
    order, then proposals naming no known addressee."""
    groups: dict[str, AddresseeGroup] = {}
    order = {rule.name: i for i, rule in enumerate(vocabulary.addressees)}
    for voiced in dedupe(items):
        rule = addressee_of(voiced.text, vocabulary)
        name = rule.name if rule else vocabulary.unnamed_addressee
        group = groups.setdefault(name, AddresseeGroup(name, bool(rule and rule.superior)))
        group.proposals.append(voiced)
    return sorted(
        groups.values(), key=lambda g: (not g.superior, order.get(g.addressee, len(order)))
    )
