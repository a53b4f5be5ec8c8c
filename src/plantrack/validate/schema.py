"""Validate one loaded file against its model, turning pydantic errors into located findings."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import replace
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from plantrack.io.yamlload import PathKey, YamlDoc
from plantrack.models.common import ID_PATTERN, PERIOD_PATTERN
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding, format_key

M = TypeVar("M", bound=BaseModel)

_MODEL_NAMES = {
    "Plan": ("kế hoạch", "the plan"),
    "Task": ("nhiệm vụ", "a task"),
    "Report": ("báo cáo", "a report"),
    "TaskEntry": ("mục nhiệm vụ", "a task entry"),
    "Unit": ("đơn vị", "a unit"),
    "Index": ("chỉ số", "an index"),
    "Indicator": ("chỉ tiêu", "an indicator"),
    "LegalDoc": ("văn bản", "a document"),
    "Person": ("người", "a person"),
}
_TYPE_NAMES = {
    "string": ("chuỗi văn bản", "text"),
    "int": ("số nguyên", "a whole number"),
    "float": ("số", "a number"),
    "bool": ("true hoặc false", "true or false"),
    "list": ("danh sách", "a list"),
    "dict": ("ánh xạ 'khóa: giá trị'", "a 'key: value' mapping"),
    "model": ("ánh xạ 'khóa: giá trị'", "a 'key: value' mapping"),
}
# int_parsing_size: an integer of thousands of digits (hardening: a range, not pydantic's words)
_RANGE_TYPES = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "int_parsing_size",
}
# pydantic's reasons are English: say them in both languages where the error type is known
_REASONS = {
    "greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "must be at least {ge}"),
    "less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
    "string_too_short": ("cần ít nhất {min_length} ký tự", "too short (minimum {min_length})"),
    "string_too_long": ("dài quá {max_length} ký tự", "longer than {max_length} characters"),
    "too_short": ("cần ít nhất {min_length} phần tử", "too few items (minimum {min_length})"),
    "string_pattern_mismatch": ("không đúng mẫu {pattern}", "does not match the pattern {pattern}"),
    "month_day": ("không có ngày {text}", "there is no day {text}"),
    "int_parsing_size": ("số quá lớn", "the number is too large"),
}
_TASK_TIME_EN = (
    "not a real date, or not one of the accepted forms: 2026-09-30, 30/9/2026, "
    "Tháng 12/2026, Quý III/2026, 2026-Q3, 6 tháng đầu năm 2026, Năm 2026, Thường xuyên"
)


def validate_model(model: type[M], doc: YamlDoc, path: str) -> tuple[M | None, list[Finding]]:
    """Validate ``doc.data`` as ``model``; return the instance or the located findings."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [error_to_finding(model, doc, path, err) for err in exc.errors()]


def error_to_finding(model: type[BaseModel], doc: YamlDoc, path: str, err: ErrorDetails) -> Finding:
    """Map one pydantic error to a catalogue finding at the value's line and column."""
    loc = [part for part in err["loc"] if part != "[key]"]
    is_key = "[key]" in err["loc"]
    kind = err["type"]
    key_path: tuple[PathKey, ...] = tuple(loc)
    value = _show_input(err.get("input"))
    reason = err["msg"]
    if kind == "extra_forbidden":
        return _unknown_key(model, doc, path, key_path)
    if kind == "missing":
        line, col = doc.locate(key_path[:-1]) or (None, None)
        return make("PT102", path, line, col, format_key(key_path), key=key_path[-1])
    line, col = doc.locate(key_path, key=is_key) or (None, None)
    key = format_key(key_path)
    field = str(key_path[-1]) if key_path else ""
    if kind in ("literal_error", "enum"):
        allowed = str(err.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
        return make("PT104", path, line, col, key, value=value, allowed=allowed)
    if kind.startswith("date") or kind.startswith("datetime"):
        return make("PT105", path, line, col, key, value=value, reason=reason)
    if kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        code = {PERIOD_PATTERN: "PT108", ID_PATTERN: "PT106"}.get(pattern)
        if code is not None:
            return make(code, path, line, col, key, value=value, reason=reason)
    if kind == "finite_number":
        return make("PT111", path, line, col, key, value=value)
    reason_vi, reason_en = _reasons(err)
    if kind in _RANGE_TYPES:
        return make(
            "PT107", path, line, col, key, value=value, reason=reason_vi, reason_en=reason_en
        )
    if kind == "value_error" and field == "time":
        return make(
            "PT109", path, line, col, key, value=value, reason=reason_vi, reason_en=_TASK_TIME_EN
        )
    type_name = kind.split("_")[0]
    # hardening: int_from_float (50.5 where a whole number is due) is a wrong type too
    if type_name in _TYPE_NAMES and kind.endswith(("_type", "_parsing", "_from_float")):
        vi, en = _TYPE_NAMES[type_name]
        finding = make("PT103", path, line, col, key, value=value, expected=vi)
        return _with_en(finding, make("PT103", path, line, col, key, value=value, expected=en))
    return make("PT110", path, line, col, key, value=value, reason=reason_vi, reason_en=reason_en)


def _reasons(err: ErrorDetails) -> tuple[str, str]:
    """Why a value was refused, in Vietnamese and English."""
    templates = _REASONS.get(err["type"])
    if templates is None:
        # the task-time parser explains in Vietnamese; other types keep pydantic's words
        text = err["msg"].removeprefix("Value error, ")
        return text, text
    # hardening: a bound of a float field reads "0", not "0.0"
    ctx = defaultdict(
        str,
        {
            k: int(v) if isinstance(v, float) and v.is_integer() else v
            for k, v in err.get("ctx", {}).items()
        },
    )
    return templates[0].format_map(ctx), templates[1].format_map(ctx)


def _with_en(vi: Finding, en: Finding) -> Finding:
    return replace(vi, message_en=en.message_en)


def _unknown_key(
    model: type[BaseModel], doc: YamlDoc, path: str, key_path: tuple[PathKey, ...]
) -> Finding:
    line, col = doc.locate(key_path, key=True) or (None, None)
    bad = str(key_path[-1])
    title, allowed = allowed_keys(model, key_path[:-1])
    close = difflib.get_close_matches(bad, allowed, n=1, cutoff=0.6)
    vi_name, en_name = _MODEL_NAMES.get(title, (title, title))
    if close:
        sugg_vi, sugg_en = f"Có phải ý bạn là '{close[0]}'?", f"Did you mean '{close[0]}'?"
    else:
        listed = ", ".join(allowed)
        sugg_vi, sugg_en = f"Các khóa được phép: {listed}.", f"Allowed keys: {listed}."
    key = format_key(key_path)
    finding = make(
        "PT101",
        path,
        line,
        col,
        key,
        key=bad,
        model=vi_name,
        suggestion=sugg_vi,
        suggestion_en=sugg_en,
    )
    en = make("PT101", path, line, col, key, key=bad, model=en_name)
    return replace(finding, message_en=en.message_en)


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def allowed_keys(model: type[BaseModel], loc: tuple[PathKey, ...]) -> tuple[str, list[str]]:
    """The model title and the keys allowed at ``loc``, found by walking the JSON Schema."""
    root = _schema(model)
    defs = root.get("$defs", {})
    node = _resolve(root, defs)
    for part in loc:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), defs)
        elif part in node.get("properties", {}):
            node = _resolve(node["properties"][part], defs)
        else:
            node = _resolve(node.get("additionalProperties") or {}, defs)
    return str(node.get("title", "")), sorted(node.get("properties", {}))


def _resolve(node: Any, defs: dict[str, Any]) -> dict[str, Any]:
    for _ in range(10):
        if not isinstance(node, dict):
            return {}
        if "$ref" in node:
            node = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            node = options[0] if options else {}
        else:
            return node
    return {}


def _show_input(value: Any) -> str:
    if value is None:  # hardening: an empty value, as YAML says it, not Python's None
        return "null"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"
