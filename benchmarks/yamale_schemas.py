"""Yamale schemas equivalent to plantrack's models (plan, unit, index, report).

Same keys, required keys, types, enums, id and period patterns and length bounds as the
pydantic models in ``src/plantrack/models``; strict mode refuses unknown keys, as the models'
``extra="forbid"`` does. Cross-file rules have no yamale equivalent and are not attempted.
"""

from __future__ import annotations

ID = r"regex(r'^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$', name='id')"
PERIOD = r"regex(r'^(\d{4})-(Q[1-4]|H[12]|M9|Y)$', name='period')"
MONTH_DAY = r"regex(r'^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$', name='MM-DD')"
EMAIL = r"regex(r'^[^@\s]+@[^@\s]+$', name='email')"
TEXT = "str(min=1, max=20000)"
SHORT = "str(min=1, max=500)"
KINDS = "enum('department', 'commune', 'public-service', 'organisation', 'office')"
PERIOD_KIND = "enum('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'M9', 'Y')"


def opt(expr: str) -> str:
    """``expr`` with ``required=False`` added: the key may be missing or null."""
    inner = expr[: expr.rindex(")")]
    return f"{inner}{'' if inner.endswith('(') else ', '}required=False)"


def listed(expr: str, required: bool = False) -> str:
    """A list of ``expr``; optional unless ``required``."""
    text = f"list({expr})"
    return text if required else opt(text)


def block(fields: dict[str, str], indent: str = "") -> str:
    """YAML lines ``key: validator``."""
    return "".join(f"{indent}{key}: {value}\n" for key, value in fields.items())


def includes(defs: dict[str, dict[str, str]]) -> str:
    """Named includes, after the ``---`` that separates them from the root schema."""
    return "---\n" + "".join(f"{name}:\n{block(fields, '  ')}" for name, fields in defs.items())


PERSON = {"name": SHORT, "title": opt(SHORT), "phone": opt(SHORT), "email": opt(EMAIL)}
LEGALDOC = {
    "number": opt(SHORT),
    "date": "day(required=False)",
    "issuer": opt(SHORT),
    "title": TEXT,
}
COMMON = {"person": PERSON, "legaldoc": LEGALDOC}

REPORT = block(
    {
        "unit": ID,
        "period": PERIOD,
        "submitted": "day(required=False)",
        "number": "str(required=False)",
        "prepared_by": "include('person', required=False)",
        "approved_by": "include('person', required=False)",
        "tasks": listed("include('entry')"),
        "indicators": f"map(num(required=False), key={ID}, required=False)",
        "narrative": "include('narrative', required=False)",
        "difficulties": listed(TEXT),
        "proposals": listed(TEXT),
        "next_tasks": listed(TEXT),
    }
) + includes(
    {
        "entry": {
            "task": ID,
            "state": "enum('not-started', 'in-progress', 'done')",
            "completed": "day(required=False)",
            "progress": "int(min=0, max=100, required=False)",
            "carried_out": "bool(required=False)",
            "results": opt(TEXT),
            "evidence": listed("include('legaldoc')"),
            "difficulties": opt(TEXT),
            "next_steps": opt(TEXT),
        },
        "narrative": {"direction": opt(TEXT), "communication": opt(TEXT), "inspection": opt(TEXT)},
        **COMMON,
    }
)

UNIT = block(
    {
        "id": ID,
        "name": SHORT,
        "short": opt(SHORT),
        "kind": KINDS,
        "head": "include('person', required=False)",
        "contacts": listed("include('person')"),
        "authors": listed(EMAIL),
        "valid_from": "day(required=False)",
        "valid_until": "day(required=False)",
        "successors": listed(ID),
        "note": "str(required=False)",
    }
) + includes(COMMON)

SCALE = {"min": "num(required=False)", "max": "num(required=False)", "unit": opt(SHORT)}
INDEX = block(
    {
        "id": ID,
        "name": TEXT,
        "name_en": opt(SHORT),
        "description": opt(TEXT),
        "scale": "include('scale')",
        "components": listed("include('component')"),
        "observations": listed("include('observation')"),
        "targets": listed("include('target')"),
        "note": opt(TEXT),
    }
) + includes(
    {
        "scale": SCALE,
        "component": {
            "code": ID,
            "name": SHORT,
            "name_en": opt(SHORT),
            "scale": "include('scale', required=False)",
            "components": listed("include('component')"),
        },
        "observation": {
            "year": "int(min=2000, max=2100)",
            "scope": SHORT,
            "total": "num(required=False)",
            "scores": f"map(num(), key={ID}, required=False)",
            "rank": "int(min=1, required=False)",
            "rank_of": "int(min=1, required=False)",
            "source": TEXT,
            "note": opt(TEXT),
        },
        "target": {
            "year": "int(min=2000, max=2100)",
            "total": "num(required=False)",
            "scores": f"map(num(), key={ID}, required=False)",
            "rank": "int(min=1, required=False)",
            "source": opt(TEXT),
        },
    }
)

PLAN = block(
    {
        "id": ID,
        "number": opt(SHORT),
        "title": TEXT,
        "issuer": SHORT,
        "place": opt(SHORT),
        "issued": "day(required=False)",
        "note": opt(TEXT),
        "version": "int(min=1, required=False)",
        "basis": listed("include('legaldoc')"),
        "purposes": listed(TEXT),
        "requirements": listed(TEXT),
        "sections": "list(include('section'), min=1)",
        "groups": listed("include('group')"),
        "indicators": listed("include('indicator')"),
        "reporting": "include('reporting')",
        "tasks": listed("include('task')"),
    }
) + includes(
    {
        "section": {"id": ID, "title": SHORT, "index": opt(ID)},
        "group": {"id": ID, "name": SHORT, "kinds": listed(KINDS), "units": listed(ID)},
        "indicator": {
            "id": ID,
            "name": SHORT,
            "unit": SHORT,
            "aggregate": "enum('sum', 'mean', 'ratio', required=False)",
            "numerator": opt(ID),
            "denominator": opt(ID),
            "percent": "bool(required=False)",
            "kinds": listed(KINDS),
        },
        "rule": {"label": "str()", "start": MONTH_DAY, "cutoff": MONTH_DAY, "due": MONTH_DAY},
        "reporting": {
            "consolidator": ID,
            "maintainers": listed(EMAIL),
            "periods": listed(PERIOD_KIND, True),
            "first": PERIOD,
            "last": opt(PERIOD),
            "schedule": f"map(include('rule'), key={PERIOD_KIND}, required=False)",
            "document": "map(required=False)",
        },
        "task": {
            "id": ID,
            "section": ID,
            "title": TEXT,
            "description": opt(TEXT),
            "targets": listed("str()"),
            "lead": f"list({ID}, min=1)",
            "support": listed(ID),
            "time": "str()",
            "extended_to": "day(required=False)",
            "output": opt(TEXT),
            "indicators": listed(ID),
        },
        **COMMON,
    }
)

SCHEMAS = {"plan": PLAN, "unit": UNIT, "index": INDEX, "report": REPORT}
