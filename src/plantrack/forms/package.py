"""Read every part of a form package once, streaming, before openpyxl parses any of it.

Each part is decompressed in blocks and fed to defusedxml's parser, which refuses a DTD, an
entity declaration or an external reference wherever it appears, in whatever encoding the
part declares (expat decodes UTF-8, UTF-16 and the one-byte encodings; a part in any other
encoding is refused, since another parser might read what this one cannot). While streaming,
the bytes and XML elements of each part and of the whole package are counted, so a part
plantrack does not know (an extra sheet, a huge shared-strings table, inflated styles) is
refused as soon as it passes a limit, long before it costs seconds or hundreds of MB.

Parts that are not XML at all (images, printer settings) fail on their first byte and are
only counted; nothing can read them as XML either.
"""

from __future__ import annotations

import dataclasses
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from plantrack.forms.layout import (
    MAX_PART_ELEMENTS,
    MAX_UNZIPPED_BYTES,
    MAX_XML_BYTES,
    MAX_XML_ELEMENTS,
)

_BLOCK = 4 << 20  # large: expat re-reads an unfinished token at each block
# the first bytes of XML in encodings expat cannot read but other parsers can (UCS-4, EBCDIC)
_FOREIGN_STARTS = (
    b"\x00\x00\x00<",
    b"<\x00\x00\x00",
    b"\x00\x00<\x00",
    b"\x00<\x00\x00",
    b"\x00\x00\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x4c\x6f\xa7\x94",
)
# legacy VML drawings are often not well-formed; openpyxl keeps them without parsing
_LENIENT_SUFFIXES = (".vml",)


@dataclass(frozen=True)
class Refusal:
    """Why a part stops the import: ``kind`` is ``dtd``, ``encoding``, ``damaged`` or one
    of the limits (``bytes``, ``xml-bytes``, ``part-elements``, ``elements``)."""

    part: str
    kind: str
    value: int = 0
    limit: int = 0
    sheet: str = ""  # the sheet the part holds, when it is one


class _Stop(Exception):
    """Raised from inside the parser's callbacks to stop reading at a limit."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.kind)
        self.refusal = refusal


class _Counter:
    """Counts the elements of one part and of the package, stopping at the limits."""

    def __init__(self, name: str, before: int) -> None:
        self.name = name
        self.elements = 0
        self.before = before

    def start(self, *_: object) -> None:
        self.elements += 1
        if self.elements > MAX_PART_ELEMENTS:
            raise _Stop(Refusal(self.name, "part-elements", self.elements, MAX_PART_ELEMENTS))
        if self.before + self.elements > MAX_XML_ELEMENTS:
            total = self.before + self.elements
            raise _Stop(Refusal(self.name, "elements", total, MAX_XML_ELEMENTS))


# what the tree builder would do; a counter needs none of it (the refusals stay installed)
_UNUSED = (
    "EndElementHandler",
    "CharacterDataHandler",
    "DefaultHandlerExpand",
    "CommentHandler",
    "ProcessingInstructionHandler",
    "StartNamespaceDeclHandler",
    "EndNamespaceDeclHandler",
)


def _parser(counter: _Counter) -> expat.XMLParserType:
    """defusedxml's expat parser, refusing DTDs, entities and external references, with
    element counting in place of tree building (no tree is ever built here)."""
    defused = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    raw: expat.XMLParserType = defused.parser
    raw.StartElementHandler = counter.start
    for handler in _UNUSED:
        setattr(raw, handler, None)
    return raw


@dataclass
class _Totals:
    """What the package's parts read so far add up to."""

    bytes: int = 0
    xml_bytes: int = 0
    elements: int = 0


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, totals: _Totals) -> None:
    """Stream one part through the parser (while it is XML), counting against the limits."""
    name = info.filename
    counter = _Counter(name, totals.elements)
    parser = _parser(counter)
    parsing, seen = True, 0
    with archive.open(info) as part:
        while block := part.read(_BLOCK):
            if seen == 0 and block.startswith(_FOREIGN_STARTS):
                raise _Stop(Refusal(name, "encoding"))
            seen += len(block)
            _limit(name, "bytes", totals.bytes + seen, MAX_UNZIPPED_BYTES)
            if parsing:
                _limit(name, "xml-bytes", totals.xml_bytes + seen, MAX_XML_BYTES)
                parsing = _feed(parser, block, name, at_start=seen == len(block))
        if parsing and seen:
            _feed(parser, b"", name, at_start=False, final=True)
    totals.bytes += seen
    totals.xml_bytes += seen if parsing else 0
    totals.elements += counter.elements


def _limit(name: str, kind: str, value: int, limit: int) -> None:
    if value > limit:
        raise _Stop(Refusal(name, kind, value, limit))


def _feed(
    parser: expat.XMLParserType, block: bytes, name: str, *, at_start: bool, final: bool = False
) -> bool:
    """Feed ``block``; ``False`` when the part turned out not to be XML (nothing more to
    parse). DTDs, entities, unknown encodings and damaged XML raise :class:`_Stop`."""
    try:
        parser.Parse(block, final)
    except DefusedXmlException as exc:
        raise _Stop(Refusal(name, "dtd")) from exc
    except expat.ExpatError as exc:
        if exc.code == expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]:
            raise _Stop(Refusal(name, "encoding")) from exc
        if at_start and exc.lineno == 1 and exc.offset == 0:
            return False  # not XML from its first byte: an image, printer settings
        if name.lower().endswith(_LENIENT_SUFFIXES):
            return False
        raise _Stop(Refusal(name, "damaged")) from exc
    return True


def scan(archive: zipfile.ZipFile) -> Refusal | None:
    """The first reason to refuse the package's parts, or ``None`` when all are safe."""
    totals = _Totals()
    try:
        for info in archive.infolist():
            if not info.is_dir():
                _scan_part(archive, info, totals)
    except _Stop as stop:
        sheet = sheet_names(archive).get(stop.refusal.part, "")
        return dataclasses.replace(stop.refusal, sheet=sheet)
    return None


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SMALL = 1 << 20


def _small_xml(archive: zipfile.ZipFile, name: str) -> Any:
    """The parsed part ``name`` when it is present, small, and safe; else ``None``."""
    try:
        info = archive.getinfo(name)
        if info.file_size > _SMALL:
            return None
        with archive.open(info) as part:
            return fromstring(part.read(_SMALL + 1), forbid_dtd=True)
    except Exception:  # hardening: any damage only costs the sheet's name in a message
        return None


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part path → sheet name, read from the workbook and its relationships, to name the
    sheet in a refusal; empty when they cannot be read."""
    book = _small_xml(archive, "xl/workbook.xml")
    rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return {}
    targets = {rel.get("Id"): str(rel.get("Target", "")) for rel in rels}
    out = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[posixpath.normpath(part)] = str(sheet.get("name", ""))
    return out
