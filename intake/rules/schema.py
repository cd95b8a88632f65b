"""The facts the rule set reads (clinical reference, section G) and their validation.

Beyond section G: ``hypertrophic_scar_history`` (B), ``tan_or_recent_sun_in_area`` (A4, D1)
and ``skin_cancer_in_area`` (A6); ``active_infection_in_area`` is a list, since a client can
have several infections at once (a single value, as section G writes it, is still read).

Required facts: ``age``, ``fitzpatrick`` and ``concerns`` (a list, which may be empty).
Every other fact is optional and defaults to its "nothing to report" value: ``False`` for
yes/no facts, ``"none"`` for graded facts, ``[]`` for lists, ``null`` for "never" or
"not known" facts and ``""`` for the free-text medicine list.
"""

import copy
import json
import math

import fastjsonschema
from jsonschema import Draft202012Validator

CONCERN_TYPES = ("wrinkles", "acne_scars", "pigmentation", "enlarged_pores", "texture")
SCAR_TYPES = ("rolling", "boxcar_shallow", "boxcar_deep", "ice_pick")
PIGMENTATION_TYPES = ("melasma", "post_inflammatory_hyperpigmentation", "sun_spots")
PROCEDURE_TYPES = (
    "botulinum_toxin",
    "dermal_filler",
    "chemical_peel_superficial",
    "chemical_peel_medium",
    "chemical_peel_deep",
    "laser_nonablative",
    "laser_ablative",
    "microneedling",
)
SKIN_CONDITIONS = (
    "eczema",
    "psoriasis",
    "rosacea",
    "vitiligo",
    "lichen_planus",
    "cutaneous_lupus",
    "other",
)
INFECTIONS = ("cold_sore", "shingles", "impetigo", "fungal", "warts", "other")
ALLERGIES = ("local_anaesthetic", "nickel", "gold", "other_metal", "topical_product", "other")

# Which detail fields each concern type carries, and which of them it must carry.
CONCERN_FIELDS = {
    "wrinkles": {"glogau": True},
    "acne_scars": {"scar_types": True, "predominant_type": False, "severity": True},
    "pigmentation": {"pigmentation_type": True},
    "enlarged_pores": {},
    "texture": {},
}


def _grade(low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high}


def _choice(values: tuple[str, ...]) -> dict:
    return {"type": "string", "enum": list(values)}


def _nullable(schema: dict) -> dict:
    nullable = dict(schema, type=[schema["type"], "null"])
    if "enum" in schema:
        nullable["enum"] = [*schema["enum"], None]
    return nullable


def _list_of(item: dict) -> dict:
    return {"type": "array", "items": item, "default": []}


def _flag() -> dict:
    return {"type": "boolean", "default": False}


def _graded(values: tuple[str, ...]) -> dict:
    return dict(_choice(values), default="none")


def _record(properties: dict) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


CONCERN_PROPERTIES = {
    "type": _choice(CONCERN_TYPES),
    "glogau": _grade(1, 4),
    "scar_types": dict(_list_of(_choice(SCAR_TYPES)), uniqueItems=True),
    "predominant_type": _nullable(_choice(SCAR_TYPES)),
    "severity": _grade(1, 4),
    "pigmentation_type": _choice(PIGMENTATION_TYPES),
}


def _concern_variant(concern_type: str, fields: dict[str, bool]) -> dict:
    """Return the if/then clause that ties a concern type to its own detail fields."""
    return {
        "if": {"properties": {"type": {"const": concern_type}}, "required": ["type"]},
        "then": {
            "required": [name for name, required in fields.items() if required],
            "propertyNames": {"enum": ["type", *fields]},
        },
    }


_NON_NEGATIVE = {"type": "number", "minimum": 0}

FACTS_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://skin-consult-intake.invalid/schemas/facts.json",
    "title": "Microneedling intake facts",
    "type": "object",
    "additionalProperties": False,
    "required": ["age", "fitzpatrick", "concerns"],
    "properties": {
        "age": _grade(0, 120),
        "sex": {"type": ["string", "null"], "maxLength": 40, "default": None},
        "fitzpatrick": _grade(1, 6),
        "concerns": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": CONCERN_PROPERTIES,
                "required": ["type"],
                "additionalProperties": False,
                "allOf": [_concern_variant(t, f) for t, f in CONCERN_FIELDS.items()],
            },
        },
        "pregnant": _flag(),
        "breastfeeding": _flag(),
        "isotretinoin_last_dose_months_ago": dict(_nullable(_NON_NEGATIVE), default=None),
        "anticoagulants": _flag(),
        "antiplatelets": _flag(),
        "bleeding_disorder": _graded(("none", "controlled", "uncontrolled")),
        "keloid_history": _flag(),
        "hypertrophic_scar_history": _flag(),
        "active_acne": _graded(("none", "mild", "moderate", "severe")),
        # Several at once; a single value (the older form of this fact) is read as a list.
        "active_infection_in_area": dict(_list_of(_choice(INFECTIONS)), uniqueItems=True),
        "herpes_history": _flag(),
        "diabetes": _graded(("none", "controlled", "uncontrolled")),
        "immunosuppressed": _flag(),
        "autoimmune_disease": {"type": ["string", "null"], "minLength": 1, "default": None},
        "recent_procedures": _list_of(
            _record({"type": _choice(PROCEDURE_TYPES), "weeks_ago": _NON_NEGATIVE})
        ),
        "skin_conditions_in_area": _list_of(
            _record(
                {"condition": _choice(SKIN_CONDITIONS), "status": _choice(("active", "quiescent"))}
            )
        ),
        "skin_conditions_elsewhere": _list_of(
            _record(
                {"condition": _choice(SKIN_CONDITIONS), "status": _choice(("active", "quiescent"))}
            )
        ),
        "allergies": dict(_list_of(_choice(ALLERGIES)), uniqueItems=True),
        "cancer_treatment_in_last_months": dict(_nullable(_NON_NEGATIVE), default=None),
        "radiotherapy_to_treatment_area": _flag(),
        "sunburn_now": _flag(),
        "tan_or_recent_sun_in_area": _flag(),
        "skin_cancer_in_area": _flag(),
        "moles_or_raised_lesions_in_area": _graded(("none", "benign", "changing_or_undiagnosed")),
        "topical_retinoid_or_aha_last_used_days_ago": dict(_nullable(_NON_NEGATIVE), default=None),
        "thrombosis_history": _flag(),
        "hormonal_contraception": _flag(),
        "medications": {"type": "string", "maxLength": 5000, "default": ""},
        "guardian_present_and_consenting": _flag(),
    },
}

_VALIDATOR = Draft202012Validator(FACTS_SCHEMA)
# The same schema compiled to Python once: it says "valid" about ten times faster than
# jsonschema, which matters since every submission and re-assessment validates. It only
# decides that facts are valid (its keywords here mean the same in draft 7, which it
# implements); jsonschema still finds and describes whatever is wrong. No defaults: the
# caller's facts stay as they are.
_IS_VALID = fastjsonschema.compile(FACTS_SCHEMA, use_default=False)


class FactsError(ValueError):
    """Facts that do not match the facts schema; ``problems`` lists one message per field."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def validate_facts(facts: object) -> dict:
    """Check facts against the schema and return a copy with every optional fact filled in."""
    if not isinstance(facts, dict):
        raise FactsError([f"facts: expected an object, got {_show(facts)}"])
    facts = _read_single_infection(facts)
    errors = [] if _passes(facts) else _schema_errors(facts)
    described = [problem for error in errors for problem in _describe_error(error, facts)]
    # One missing field yields one error per required list it is in: name it once.
    problems = list(dict.fromkeys(described)) + _non_finite(facts, "facts")
    if not problems:
        problems = _duplicate_concerns(facts["concerns"])
    if problems:
        raise FactsError(problems)
    return _with_defaults(facts)


def _passes(facts: dict) -> bool:
    try:
        _IS_VALID(facts)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _schema_errors(facts: dict) -> list:
    return sorted(_VALIDATOR.iter_errors(facts), key=lambda e: [str(p) for p in e.absolute_path])


def _read_single_infection(facts: dict) -> dict:
    # Before several infections could be reported, this fact was one of "none" or an infection.
    value = facts.get("active_infection_in_area")
    if value == "none":
        return {**facts, "active_infection_in_area": []}
    if value in INFECTIONS:
        return {**facts, "active_infection_in_area": [value]}
    return facts


def _non_finite(value: object, path: str) -> list[str]:
    # JSON Schema bounds let NaN through (every comparison with it is false).
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{path.removeprefix('facts.')}: expected a finite number, got {value}"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _non_finite(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _non_finite(v, f"{path}[{i}]")]
    return []


def _duplicate_concerns(concerns: list[dict]) -> list[str]:
    # The assessment keys per-concern results by type, so one type may appear only once.
    seen: set[str] = set()
    problems = []
    for index, concern in enumerate(concerns):
        if concern["type"] in seen:
            problems.append(f"concerns[{index}].type: {concern['type']!r} is listed twice")
        seen.add(concern["type"])
    return problems


def _with_defaults(facts: dict) -> dict:
    filled = copy.deepcopy(facts)
    for name, schema in FACTS_SCHEMA["properties"].items():
        if name not in filled and "default" in schema:
            filled[name] = copy.deepcopy(schema["default"])
    return filled


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "facts"


def _join(path: str, name: str) -> str:
    return name if path == "facts" else f"{path}.{name}"


def _describe_error(error, facts: dict) -> list[str]:
    path = _path(error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [f"{_join(path, name)}: required but missing" for name in missing]
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return [f"{_join(path, name)}: not a known field" for name in extra]
    return [_describe_one(error, facts, path)]


def _describe_one(error, facts: dict, path: str) -> str:
    if "propertyNames" in error.schema_path:
        concern = facts
        for part in error.absolute_path:
            concern = concern[part]
        return f"{_join(path, error.instance)}: not a field of a {concern['type']!r} concern"
    if error.validator == "uniqueItems":
        return f"{path}: expected each value at most once, got {_show(error.instance)}"
    return f"{path}: expected {_expectation(error.schema)}, got {_show(error.instance)}"


def _expectation(schema: dict) -> str:
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    nullable = "null" in kinds
    suffix = " or null" if nullable else ""
    if "enum" in schema:
        values = ", ".join(repr(v) for v in schema["enum"] if v is not None)
        return f"one of {values}{suffix}"
    if "integer" in kinds:
        return f"an integer from {schema['minimum']} to {schema['maximum']}{suffix}"
    if "number" in kinds:
        return f"a number >= {schema['minimum']}{suffix}"
    if "boolean" in kinds:
        return "true or false"
    if "string" in kinds and "maxLength" in schema:
        return f"a text of at most {schema['maxLength']} characters{suffix}"
    if "string" in kinds:
        return f"a non-empty text{suffix}" if schema.get("minLength") else f"a text{suffix}"
    if "array" in kinds:
        return "a list"
    return "an object"


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
