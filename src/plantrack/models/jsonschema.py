"""JSON Schemas generated from the models, for editors (yaml-language-server) and CI."""

from typing import Any

from pydantic import BaseModel

from plantrack.models import Index, Plan, Report, Unit
from plantrack.models.emulation import Scheme, SelfAssessment
from plantrack.models.inspection import Inspection

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "unit": Unit,
    "report": Report,
    "index": Index,
    "inspection": Inspection,
    "emulation": Scheme,
    "self-assessment": SelfAssessment,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name (``plan.schema.json`` …) → the JSON Schema (draft 2020-12) of that file kind."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="validation")
        out[f"{name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://plantrack.example/schemas/{name}.schema.json",
            **schema,
        }
    return out
