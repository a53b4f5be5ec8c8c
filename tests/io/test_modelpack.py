"""A report's model as the check cache packs it: it comes back as it went in, and a row that
does not unpack, or claims to unpack to more than a model can be, is ``None`` (a miss)."""

from __future__ import annotations

import lz4.block
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.io import modelpack
from plantrack.io.modelpack import MOST_UNPACKED, pack_model, unpack_model


@given(st.binary(max_size=20_000))
def test_a_packed_model_unpacks_to_its_bytes(model: bytes) -> None:
    assert unpack_model(pack_model(model)) == model


def test_a_model_stored_without_one_is_empty_not_a_miss() -> None:
    assert pack_model(b"") == b""
    assert unpack_model(b"") == b""


@pytest.mark.parametrize(
    "stored",
    [b"\x00", b"\x10\x00\x00\x00\xff\xff", "text", None, 3],
    ids=["too-short", "not-lz4", "text", "null", "number"],
)
def test_what_does_not_unpack_is_a_miss(stored: object) -> None:
    assert unpack_model(stored) is None


def test_a_row_claiming_more_than_a_model_can_be_is_not_unpacked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LZ4 sets aside what the length field says before it unpacks: a forged row claiming
    2 GiB must be refused before that, not after."""
    unpacked: list[bytes] = []
    real = lz4.block.decompress

    def recording(data: bytes) -> bytes:
        unpacked.append(data)
        out: bytes = real(data)
        return out

    monkeypatch.setattr(modelpack.lz4.block, "decompress", recording)
    body = lz4.block.compress(b"{}", store_size=False)
    assert unpack_model((MOST_UNPACKED + 1).to_bytes(4, "little") + body) is None
    assert unpack_model((2**31).to_bytes(4, "little") + body) is None
    assert unpacked == []
    assert unpack_model((2).to_bytes(4, "little") + body) == b"{}"  # the same row, told true
    assert len(unpacked) == 1
