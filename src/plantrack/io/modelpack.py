"""A report's validated model as the check cache keeps it: its JSON packed with LZ4's block
format, the length first (see docs/decisions.md, "Why LZ4 for the stored model")."""

from __future__ import annotations

import lz4.block


def pack_model(model: bytes) -> bytes:
    """A report's model (its JSON, UTF-8) as the cache stores it: LZ4's block format, its
    length first (a national repository's models take a third of the room, for a hundredth of
    a millisecond a report: zlib at its fastest level took seven times as long to pack and
    four times as long to unpack, for rows a fifth smaller)."""
    packed: bytes = lz4.block.compress(model) if model else b""
    return packed


MOST_UNPACKED = 64 * 1024 * 1024
"""The largest model a stored row may claim to unpack to: LZ4 sets aside what the row's
length field says before it unpacks, and a damaged or forged row could claim gigabytes
(a report's model is a few kilobytes; the largest report file read is a few megabytes)."""


def unpack_model(stored: object) -> bytes | None:
    """A stored model back as its JSON (``b""``: stored without one); ``None`` when the
    value does not unpack."""
    if not isinstance(stored, bytes):
        return None
    if not stored:
        return b""
    if len(stored) < 4 or int.from_bytes(stored[:4], "little") > MOST_UNPACKED:
        return None
    try:
        unpacked: bytes = lz4.block.decompress(stored)
    except lz4.block.LZ4BlockError:
        return None
    return unpacked
