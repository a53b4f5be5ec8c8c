"""The JSON output is the text the standard encoder writes (indented, keys sorted), whichever
encoder writes it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from plantrack.render.documents import dumps

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def _standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True) + "\n"


@given(VALUES)
def test_the_text_is_the_standard_encoders(data: Any) -> None:
    try:
        expected = _standard(data)
    except ValueError:  # NaN or infinity: refused by both
        try:
            dumps(data)
        except ValueError:
            return
        raise AssertionError("a value the standard encoder refuses was written") from None
    assert dumps(data) == expected


def test_texts_with_control_characters_and_vietnamese() -> None:
    data = {"b": ['Nội vụ\n\t\x00\x1f\x7f\u2028 "\\/', 0.1, 85.5, 1e-05, 1e16, -0.0], "a": {}}
    assert dumps(data) == _standard(data)
    assert dumps({"k": [[], {}, [{}]]}) == _standard({"k": [[], {}, [{}]]})
