"""View-models as plain JSON values: dataclasses, dates and counts, with the fields a model
marks as derived left out (``DERIVED``) and those marked ``when-set`` only when they hold a
value (see ``domain/viewmodel.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass
from typing import Any

from plantrack.domain.findings_status import FindingCounts
from plantrack.domain.status import Counts


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates and counts as plain JSON values (properties of counts included)."""
    if isinstance(value, Counts | FindingCounts):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        out = {
            f.name: to_jsonable(getattr(value, f.name))
            for f in fields(value)
            if f.metadata.get("json", True)
            and (f.metadata.get("json") != "when-set" or getattr(value, f.name) is not None)
        }
        for extra in ("change", "label", "dates_disagree", "carried", "rated"):
            if hasattr(type(value), extra):
                out[extra] = to_jsonable(getattr(value, extra))
        return out
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value
