"""The facts schema: what it accepts, the defaults it fills in and how it explains errors."""

import math

import pytest
from jsonschema import Draft202012Validator

from intake.rules import FACTS_SCHEMA, FactsError, validate_facts

# Every fact of clinical reference section G, and the ones the questionnaire added to it.
SECTION_G_FACTS = {
    "hypertrophic_scar_history",
    "tan_or_recent_sun_in_area",
    "skin_cancer_in_area",
    "age",
    "sex",
    "fitzpatrick",
    "concerns",
    "pregnant",
    "breastfeeding",
    "isotretinoin_last_dose_months_ago",
    "anticoagulants",
    "antiplatelets",
    "bleeding_disorder",
    "keloid_history",
    "active_acne",
    "active_infection_in_area",
    "herpes_history",
    "diabetes",
    "immunosuppressed",
    "autoimmune_disease",
    "recent_procedures",
    "skin_conditions_in_area",
    "skin_conditions_elsewhere",
    "allergies",
    "cancer_treatment_in_last_months",
    "radiotherapy_to_treatment_area",
    "sunburn_now",
    "moles_or_raised_lesions_in_area",
    "topical_retinoid_or_aha_last_used_days_ago",
    "thrombosis_history",
    "hormonal_contraception",
    "medications",
    "guardian_present_and_consenting",
}


def test_schema_is_valid_draft_2020_12_and_lists_exactly_the_section_g_facts():
    Draft202012Validator.check_schema(FACTS_SCHEMA)
    assert set(FACTS_SCHEMA["properties"]) == SECTION_G_FACTS
    assert FACTS_SCHEMA["additionalProperties"] is False
    assert set(FACTS_SCHEMA["required"]) == {"age", "fitzpatrick", "concerns"}


def test_missing_optional_facts_get_safe_defaults(facts):
    filled = validate_facts(facts)
    assert filled["pregnant"] is False
    assert filled["diabetes"] == "none"
    assert filled["active_acne"] == "none"
    assert filled["allergies"] == []
    assert filled["recent_procedures"] == []
    assert filled["isotretinoin_last_dose_months_ago"] is None
    assert filled["autoimmune_disease"] is None
    assert filled["medications"] == ""
    assert set(filled) == SECTION_G_FACTS


def test_validation_does_not_change_the_callers_facts(facts):
    validate_facts(facts)
    assert facts == {"age": 30, "fitzpatrick": 3, "concerns": [{"type": "texture"}]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"concerns": [{"type": "wrinkles", "glogau": 7}]},
            "concerns[0].glogau: expected an integer from 1 to 4, got 7",
        ),
        ({"concerns": [{"type": "wrinkles"}]}, "concerns[0].glogau: required but missing"),
        (
            {"concerns": [{"type": "texture", "glogau": 2}]},
            "concerns[0].glogau: not a field of a 'texture' concern",
        ),
        (
            {"concerns": [{"type": "texture"}, {"type": "texture"}]},
            "concerns[1].type: 'texture' is listed twice",
        ),
        ({"fitzpatrick": 7}, "fitzpatrick: expected an integer from 1 to 6, got 7"),
        ({"pregnant": "yes"}, 'pregnant: expected true or false, got "yes"'),
        ({"diabetes": "type 2"}, "diabetes: expected one of 'none', 'controlled', 'uncontrolled'"),
        (
            {"isotretinoin_last_dose_months_ago": -1},
            "isotretinoin_last_dose_months_ago: expected a number >= 0 or null, got -1",
        ),
        ({"allergies": ["nickel", "nickel"]}, "allergies: expected each value at most once"),
        (
            {"recent_procedures": [{"type": "botox", "weeks_ago": 1}]},
            "recent_procedures[0].type: expected one of 'botulinum_toxin'",
        ),
        ({"smoker": True}, "smoker: not a known field"),
        ({"autoimmune_disease": ""}, "autoimmune_disease: expected a non-empty text or null"),
        ({"cancer_treatment_in_last_months": math.nan}, "expected a finite number, got nan"),
    ],
)
def test_invalid_facts_name_the_field_and_what_was_expected(facts, change, message):
    with pytest.raises(FactsError) as raised:
        validate_facts({**facts, **change})
    assert message in str(raised.value)


def test_a_missing_required_fact_is_named():
    with pytest.raises(FactsError, match=r"^age: required but missing$"):
        validate_facts({"fitzpatrick": 3, "concerns": []})


def test_every_problem_is_reported_not_only_the_first(facts):
    with pytest.raises(FactsError) as raised:
        validate_facts({**facts, "age": -1, "sunburn_now": 1})
    assert len(raised.value.problems) == 2


def test_facts_that_are_not_an_object_are_refused():
    with pytest.raises(FactsError, match="facts: expected an object"):
        validate_facts([])


def test_acne_scars_carry_types_and_grade(facts):
    concern = {"type": "acne_scars", "scar_types": ["rolling"], "severity": 2}
    assert validate_facts({**facts, "concerns": [concern]})["concerns"] == [concern]
    with pytest.raises(FactsError, match=r"concerns\[0\]\.severity: required"):
        validate_facts({**facts, "concerns": [{"type": "acne_scars", "scar_types": []}]})


@pytest.mark.parametrize(
    "change",
    [
        {"age": True},
        {"age": 30.0},
        {"age": 30.5},
        {"age": "30"},
        {"fitzpatrick": None},
        {"sex": None},
        {"sex": "x" * 41},
        {"medications": "x" * 5001},
        {"concerns": [{"type": "acne_scars", "scar_types": ["rolling"], "severity": 2}]},
        {"concerns": [{"type": "acne_scars", "scar_types": ["rolling", "rolling"], "severity": 2}]},
        {"concerns": [{"type": "pigmentation", "pigmentation_type": "melasma", "glogau": 1}]},
        {"concerns": [{"type": "pigmentation"}]},
        {"concerns": {"type": "texture"}},
        {"recent_procedures": [{"type": "microneedling", "weeks_ago": 2, "side": "left"}]},
        {"recent_procedures": [{"type": "microneedling"}]},
        {"active_infection_in_area": ["cold_sore", "warts"]},
        {"active_infection_in_area": "shingles"},
        {"topical_retinoid_or_aha_last_used_days_ago": False},
    ],
)
def test_facts_are_accepted_exactly_when_the_schema_accepts_them(facts, change):
    changed = {**facts, **change}
    if isinstance(changed.get("active_infection_in_area"), str):
        # The older single-value form, read as a list before the schema sees it.
        changed["active_infection_in_area"] = [changed["active_infection_in_area"]]
    accepted = Draft202012Validator(FACTS_SCHEMA).is_valid(changed)
    try:
        validate_facts({**facts, **change})
    except FactsError:
        assert not accepted
    else:
        assert accepted
