"""Properties of the shipped rule set over facts generated from the facts schema."""

from types import SimpleNamespace
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.rules import DEFAULT_RULES_DIR, FACTS_SCHEMA, FactsError, get_ruleset, load_ruleset
from intake.rules.closures import compile_expression
from intake.rules.expressions import CONCERN_SYMBOL, evaluation_record
from intake.rules.rule_files import PLAN_LISTS
from intake.rules.schema import CONCERN_FIELDS, CONCERN_PROPERTIES, validate_facts

RULESET = get_ruleset()
OUTCOME_ORDER = ["suitable", "suitable_with_precautions", "needs_specialist_review", "not_suitable"]
RATINGS = {"good_candidate", "fair_candidate", "poor_candidate"}


def _strategy(schema: dict):
    """Return a strategy for values valid under one property's schema."""
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "null" in kinds:
        return st.none() | _strategy(dict(schema, type=next(k for k in kinds if k != "null")))
    kind = kinds[0]
    if kind == "integer":
        return st.integers(schema["minimum"], schema["maximum"])
    if kind == "number":
        return st.integers(0, 40) | st.floats(0, 400, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        return st.text(min_size=schema.get("minLength", 0), max_size=20)
    if kind == "array":
        return st.lists(_strategy(schema["items"]), max_size=4, unique=schema.get("uniqueItems"))
    return st.fixed_dictionaries({k: _strategy(v) for k, v in schema["properties"].items()})


def _concern(concern_type: str):
    required = {"type": st.just(concern_type)}
    optional = {}
    for field, needed in CONCERN_FIELDS[concern_type].items():
        (required if needed else optional)[field] = _strategy(CONCERN_PROPERTIES[field])
    return st.fixed_dictionaries(required, optional=optional)


CONCERNS = st.lists(st.sampled_from(list(CONCERN_FIELDS)), unique=True, max_size=5).flatmap(
    lambda types: st.tuples(*(_concern(t) for t in types)).map(list)
)
REQUIRED = set(FACTS_SCHEMA["required"])
VALID_FACTS = st.fixed_dictionaries(
    {
        name: CONCERNS if name == "concerns" else _strategy(schema)
        for name, schema in FACTS_SCHEMA["properties"].items()
        if name in REQUIRED
    },
    optional={
        name: _strategy(schema)
        for name, schema in FACTS_SCHEMA["properties"].items()
        if name not in REQUIRED
    },
)

# Changes that can only add a contraindication: a risk becomes present or more recent.
ADD_CONTRAINDICATION = st.sampled_from(
    [
        {"pregnant": True},
        {"breastfeeding": True},
        {"anticoagulants": True},
        {"keloid_history": True},
        {"hypertrophic_scar_history": True},
        {"tan_or_recent_sun_in_area": True},
        {"skin_cancer_in_area": True},
        {"herpes_history": True},
        {"immunosuppressed": True},
        {"sunburn_now": True},
        {"thrombosis_history": True},
        {"radiotherapy_to_treatment_area": True},
        {"isotretinoin_last_dose_months_ago": 0},
        {"cancer_treatment_in_last_months": 0},
        {"topical_retinoid_or_aha_last_used_days_ago": 0},
        {"active_acne": "severe"},
        {"diabetes": "uncontrolled"},
        {"bleeding_disorder": "uncontrolled"},
        {"active_infection_in_area": "cold_sore"},
        {"active_infection_in_area": ["shingles"]},
        {"moles_or_raised_lesions_in_area": "changing_or_undiagnosed"},
        {"autoimmune_disease": "SLE"},
        {"fitzpatrick": 6},
    ]
)
NEW_LIST_ITEM = st.sampled_from(
    [
        ("allergies", "nickel"),
        ("allergies", "local_anaesthetic"),
        ("active_infection_in_area", "warts"),
        ("active_infection_in_area", "other"),
        ("recent_procedures", {"type": "dermal_filler", "weeks_ago": 0.5}),
        ("recent_procedures", {"type": "microneedling", "weeks_ago": 1}),
        ("skin_conditions_in_area", {"condition": "eczema", "status": "active"}),
        ("skin_conditions_elsewhere", {"condition": "psoriasis", "status": "quiescent"}),
    ]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


def _rank(facts: dict) -> int:
    return OUTCOME_ORDER.index(RULESET.assess(facts)["overall"])


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS)
def test_any_valid_facts_assess_to_the_contract(facts):
    result = RULESET.assess(facts)
    assert result["overall"] in OUTCOME_ORDER
    assert set(result["per_concern"]) == {concern["type"] for concern in facts["concerns"]}
    assert all(entry["rating"] in RATINGS for entry in result["per_concern"].values())
    for flag in result["flags"]:
        assert set(flag) >= {"id", "severity", "concern", "title", "explanation", "because"}
        assert set(flag["because"]) <= set(FACTS_SCHEMA["properties"]) | {
            key for key in flag["because"] if key.startswith("concerns[")
        }


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS)
def test_the_most_severe_flag_decides_and_any_absolute_flag_means_not_suitable(facts):
    result = RULESET.assess(facts)
    severities = {flag["severity"] for flag in result["flags"]}
    if "absolute" in severities:
        assert result["overall"] == "not_suitable"
    elif "review" in severities:
        assert result["overall"] == "needs_specialist_review"
    elif "precaution" in severities:
        assert result["overall"] == "suitable_with_precautions"
    else:
        assert result["overall"] == "suitable"


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS, ADD_CONTRAINDICATION)
def test_adding_a_contraindication_never_improves_the_outcome(facts, change):
    assert _rank({**facts, **change}) >= _rank(facts)


@settings(max_examples=200, deadline=None)
@given(VALID_FACTS, NEW_LIST_ITEM)
def test_adding_an_allergy_procedure_or_condition_never_improves_the_outcome(facts, item):
    name, value = item
    current = facts.get(name, [])
    if value in current:
        return
    assert _rank({**facts, name: [*current, value]}) >= _rank(facts)


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS, st.sampled_from(sorted(FACTS_SCHEMA["properties"])), JSON)
def test_a_wrong_value_gives_a_facts_error_never_a_crash(facts, name, value):
    try:
        RULESET.assess({**facts, name: value})
    except FactsError as error:
        assert error.problems


@settings(max_examples=100, deadline=None)
@given(VALID_FACTS, st.text(min_size=1, max_size=10))
def test_an_unknown_fact_is_named(facts, name):
    if name in FACTS_SCHEMA["properties"]:
        return
    try:
        RULESET.assess({**facts, name: True})
    except FactsError as error:
        assert any(problem.startswith(f"{name}: not a known field") for problem in error.problems)
    else:
        raise AssertionError("an unknown fact was accepted")


@settings(max_examples=100, deadline=None)
@given(JSON)
def test_arbitrary_json_gives_a_facts_error_never_a_crash(value):
    # Keys of at most 5 characters cannot name the required facts, so these are all invalid.
    with pytest.raises(FactsError):
        RULESET.assess(value)


@settings(max_examples=100, deadline=None)
@given(VALID_FACTS, st.sampled_from(["cold_sore", "shingles", "impetigo", "fungal", "warts"]))
def test_one_infection_given_as_a_single_value_reads_as_a_one_item_list(facts, infection):
    single = RULESET.assess({**facts, "active_infection_in_area": infection})
    listed = RULESET.assess({**facts, "active_infection_in_area": [infection]})
    assert single == listed
    assert single["overall"] == "not_suitable"


@settings(max_examples=100, deadline=None)
@given(VALID_FACTS)
def test_known_skin_cancer_in_the_area_is_always_not_suitable(facts):
    result = RULESET.assess({**facts, "skin_cancer_in_area": True})
    assert result["overall"] == "not_suitable"
    assert "known_skin_cancer_in_area" in {flag["id"] for flag in result["flags"]}


@settings(max_examples=100, deadline=None)
@given(VALID_FACTS)
def test_a_tan_or_raised_scars_never_leave_the_outcome_plain_suitable(facts):
    for change in ({"tan_or_recent_sun_in_area": True}, {"hypertrophic_scar_history": True}):
        assert _rank({**facts, **change}) >= OUTCOME_ORDER.index("suitable_with_precautions")


def _rule_engine_alone():
    """Load the shipped rule set with every condition left to rule-engine, as before closures."""
    with mock.patch("intake.rules.expressions.compile_expression", lambda node, slow: slow):
        return load_ruleset(DEFAULT_RULES_DIR)


RULE_ENGINE_ALONE = _rule_engine_alone()


def _shipped_conditions():
    """Yield every condition of the shipped rule set with the concern type it is scoped to."""
    for rule in RULESET.rules:
        yield rule.condition, rule.concern
    for concern, rules in RULESET.concerns.items():
        for case in rules.cases:
            yield case.condition, concern
            for key in PLAN_LISTS:
                yield from ((item.condition, concern) for item in case.plan.get(key, ()))


CONDITIONS = [(c, concern) for c, concern in _shipped_conditions() if c is not None]

# What a wrong value may replace: a fact, the concern being rated, a field of every concern, a
# field of every item of a list of objects (a procedure's weeks_ago, a skin condition's status).
OBJECT_LISTS = [
    name
    for name, schema in FACTS_SCHEMA["properties"].items()
    if schema["type"] == "array" and schema["items"]["type"] == "object" and name != "concerns"
]
REPLACEABLE = sorted(
    [(name, None) for name in FACTS_SCHEMA["properties"] if name != "concerns"]
    + [(CONCERN_SYMBOL, None)]
    + [("concerns", field) for field in CONCERN_PROPERTIES]
    + [
        (name, field)
        for name in OBJECT_LISTS
        for field in FACTS_SCHEMA["properties"][name]["items"]["properties"]
    ],
    key=str,
)
EVERY_CONCERN = st.tuples(*(_concern(concern) for concern in CONCERN_FIELDS)).map(list)
# Wrong values that are easily taken for right ones: another fact's value, or a nearby type.
OTHER_SCHEMAS = [
    *(schema for name, schema in FACTS_SCHEMA["properties"].items() if name != "concerns"),
    *CONCERN_PROPERTIES.values(),
    *(FACTS_SCHEMA["properties"][name]["items"] for name in OBJECT_LISTS),
]
WRONG_VALUE = (
    st.sampled_from(OTHER_SCHEMAS).flatmap(_strategy)
    | st.booleans()
    | st.integers(-1, 7)
    | st.sampled_from([1.0, 2.5, float("nan"), float("inf")])
    | JSON
)


def _scopes(record: dict, concern: str | None):
    if concern is None:
        yield record
        return
    for item in record["concerns"]:
        if getattr(item, "type", None) == concern:
            yield dict(record, **{CONCERN_SYMBOL: item})


def _outcome(evaluate, scope: dict):
    try:
        value = evaluate(scope)
    except Exception as error:
        return "error", type(error), str(error)
    return "value", type(value), value


def _not_expected(record):
    raise AssertionError("a valid record was left to rule-engine")


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS)
def test_compiled_conditions_give_rule_engine_values_for_valid_facts_without_it(facts):
    record = evaluation_record(validate_facts(facts))
    for condition, concern in CONDITIONS:
        closures = compile_expression(condition.rule.statement.expression, _not_expected)
        for scope in _scopes(record, concern):
            expected = condition.rule.evaluate(scope)
            assert _outcome(closures, scope) == ("value", type(expected), expected), condition.text


def _assert_wrong_value_gives_rule_engine_outcomes(facts: dict, where: tuple, value) -> None:
    record = evaluation_record(validate_facts(facts))
    name, field = where
    if field is not None:
        record[name] = [SimpleNamespace(**{**vars(item), field: value}) for item in record[name]]
    elif name != CONCERN_SYMBOL:
        record[name] = value
    for condition, concern in CONDITIONS:
        for scope in _scopes(record, concern):
            if name == CONCERN_SYMBOL and concern is not None:
                scope[CONCERN_SYMBOL] = value
            expected = _outcome(condition.rule.evaluate, scope)
            assert _outcome(condition.evaluate, scope) == expected, condition.text


@pytest.mark.parametrize("where", REPLACEABLE, ids=str)
@settings(max_examples=15, deadline=None)
@given(facts=VALID_FACTS, concerns=EVERY_CONCERN, value=WRONG_VALUE)
def test_compiled_conditions_give_rule_engine_values_and_errors_for_any_value(
    where, facts, concerns, value
):
    _assert_wrong_value_gives_rule_engine_outcomes({**facts, "concerns": concerns}, where, value)


# Facts that every condition reads something of, and values Python takes for equal or alike
# where rule-engine does not (True and 1, a list and a tuple), tried everywhere.
EVERYTHING_PRESENT = {
    "age": 30,
    "fitzpatrick": 4,
    "concerns": [
        {"type": "wrinkles", "glogau": 3},
        {"type": "acne_scars", "scar_types": ["ice_pick"], "predominant_type": None, "severity": 1},
        {"type": "pigmentation", "pigmentation_type": "melasma"},
        {"type": "enlarged_pores"},
        {"type": "texture"},
    ],
    "recent_procedures": [{"type": "laser_ablative", "weeks_ago": 3}],
    "skin_conditions_in_area": [{"condition": "eczema", "status": "quiescent"}],
    "skin_conditions_elsewhere": [{"condition": "cutaneous_lupus", "status": "active"}],
    "allergies": ["nickel"],
}
LOOKALIKES = [None, True, False, 0, 1, 3.0, "", "none", [], ["ice_pick"], ("ice_pick",), {}]


@pytest.mark.parametrize("where", REPLACEABLE, ids=str)
def test_compiled_conditions_give_rule_engine_values_and_errors_for_lookalike_values(where):
    for value in LOOKALIKES:
        _assert_wrong_value_gives_rule_engine_outcomes(EVERYTHING_PRESENT, where, value)


@settings(max_examples=300, deadline=None)
@given(VALID_FACTS)
def test_assessments_and_their_reasons_are_those_of_rule_engine_alone(facts):
    assert RULESET.assess(facts) == RULE_ENGINE_ALONE.assess(facts)
