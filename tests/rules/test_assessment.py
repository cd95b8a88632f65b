"""Assessments: the contract's shape, decision order, reasons, and the reference's scenarios."""

import pytest

from intake.rules import FactsError, get_ruleset

EXAMPLES = get_ruleset().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_shipped_example_case(ruleset, example):
    result = ruleset.assess(example.facts)
    assert result["overall"] == example.overall
    assert {flag["id"] for flag in result["flags"]} == example.flags
    for concern, rating in example.ratings.items():
        assert result["per_concern"][concern]["rating"] == rating


def test_run_examples_reports_no_failures_for_the_shipped_rules(ruleset):
    assert len(ruleset.examples) >= 90
    assert ruleset.run_examples() == []


def _flags(ruleset, facts, **changes):
    result = ruleset.assess({**facts, **changes})
    return result["overall"], {flag["id"]: flag for flag in result["flags"]}


def test_assessment_follows_the_contract(ruleset, facts):
    result = ruleset.assess({**facts, "isotretinoin_last_dose_months_ago": 5})
    assert set(result) == {"rules_version", "overall", "flags", "per_concern"}
    assert result["rules_version"] == ruleset.version
    [flag] = result["flags"]
    assert flag == {
        "id": "isotretinoin_within_6_months",
        "severity": "review",
        "concern": None,
        "title": "Isotretinoin now or in the last 6 months",
        "explanation": flag["explanation"],
        "because": {"isotretinoin_last_dose_months_ago": 5},
        "sources": ["S9", "S10", "S11", "S12", "S13", "S14", "S15", "S84"],
        "contested": True,
    }
    texture = result["per_concern"]["texture"]
    assert texture["rating"] == "good_candidate"
    assert texture["plan"] == {
        "needle_depth_mm": [0.5, 1.5],
        "sessions": [3, 4],
        "interval_weeks": [4, 4],
        "adjuncts": [],
        "alternatives": [],
    }


def test_every_applicable_flag_is_raised_and_the_most_severe_decides(ruleset, facts):
    overall, flags = _flags(
        ruleset, facts, pregnant=True, keloid_history=True, herpes_history=True, fitzpatrick=5
    )
    assert overall == "not_suitable"
    assert list(flags) == [
        "pregnancy",
        "keloid_history",
        "herpes_history_antiviral_prophylaxis",
        "pih_risk_darker_skin",
    ]


def test_isotretinoin_null_means_never_taken(ruleset, facts):
    assert _flags(ruleset, facts, isotretinoin_last_dose_months_ago=None) == ("suitable", {})


def test_radiotherapy_flag_is_absolute_within_three_months_and_review_after(ruleset, facts):
    _, recent = _flags(
        ruleset, facts, radiotherapy_to_treatment_area=True, cancer_treatment_in_last_months=1
    )
    _, later = _flags(
        ruleset, facts, radiotherapy_to_treatment_area=True, cancer_treatment_in_last_months=9
    )
    assert recent["radiotherapy_to_treatment_area"]["severity"] == "absolute"
    assert later["radiotherapy_to_treatment_area"]["severity"] == "review"


def test_because_names_the_facts_read_with_their_values(ruleset, facts):
    procedures = [{"type": "laser_ablative", "weeks_ago": 5.5}]
    _, flags = _flags(ruleset, facts, recent_procedures=procedures)
    assert flags["recent_laser"]["because"] == {"recent_procedures": procedures}
    _, flags = _flags(ruleset, facts, age=16, guardian_present_and_consenting=False)
    assert flags["minor_without_guardian_consent"]["because"] == {
        "age": 16,
        "guardian_present_and_consenting": False,
    }


def test_because_keeps_only_the_answers_that_made_the_condition_true(ruleset, facts):
    melasma = {"type": "pigmentation", "pigmentation_type": "melasma"}
    # The tranexamic acid check reads seven facts; here one of them (with the melasma) fires it.
    _, flags = _flags(ruleset, facts, concerns=[melasma], hormonal_contraception=True)
    assert flags["tranexamic_acid_contraindication_check"]["because"] == {
        "hormonal_contraception": True,
        "concerns[0].pigmentation_type": "melasma",
    }
    laser = {"type": "laser_ablative", "weeks_ago": 3.14}
    filler = {"type": "dermal_filler", "weeks_ago": 40}
    _, flags = _flags(
        ruleset, facts, recent_procedures=[filler, laser], allergies=["nickel", "gold"]
    )
    assert flags["recent_laser"]["because"] == {"recent_procedures": [laser]}
    assert flags["metal_allergy"]["because"] == {"allergies": ["nickel", "gold"]}


def test_concern_flags_name_the_concern_and_its_fields(ruleset, facts):
    scars = {"type": "acne_scars", "scar_types": ["ice_pick", "rolling"], "severity": 4}
    _, flags = _flags(ruleset, facts, concerns=[{"type": "texture"}, scars])
    ice_pick = flags["ice_pick_scars_need_tca_cross_or_punch"]
    assert ice_pick["concern"] == "acne_scars"
    assert ice_pick["severity"] == "advisory"
    assert ice_pick["because"] == {
        "concerns[1].scar_types": ["ice_pick", "rolling"],
        "concerns[1].severity": 4,
    }
    assert flags["severe_scarring_combination_therapy"]["because"] == {"concerns[1].severity": 4}


def test_advisory_flags_never_change_the_outcome(ruleset, facts):
    sun_spots = {"type": "pigmentation", "pigmentation_type": "sun_spots"}
    overall, flags = _flags(ruleset, facts, concerns=[sun_spots], allergies=["topical_product"])
    assert overall == "suitable"
    assert {flag["severity"] for flag in flags.values()} == {"advisory"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"thrombosis_history": True}, True),
        ({"hormonal_contraception": True}, True),
        ({"breastfeeding": True}, True),
        ({"anticoagulants": True}, True),
        ({"bleeding_disorder": "controlled"}, True),
        ({"antiplatelets": True}, False),
        ({}, False),
    ],
)
def test_tranexamic_acid_check_needs_melasma_and_a_tranexamic_acid_risk(
    ruleset, facts, changes, expected
):
    melasma = [{"type": "pigmentation", "pigmentation_type": "melasma"}]
    _, flags = _flags(ruleset, facts, concerns=melasma, **changes)
    assert ("tranexamic_acid_contraindication_check" in flags) is expected


@pytest.mark.parametrize(
    ("area", "elsewhere", "expected"),
    [
        ([("psoriasis", "active")], [], "active_inflammatory_dermatosis_in_area"),
        ([("lichen_planus", "active")], [], "active_inflammatory_dermatosis_in_area"),
        ([("other", "active")], [], "active_inflammatory_dermatosis_in_area"),
        ([("lichen_planus", "quiescent")], [], "koebner_prone_dermatosis"),
        ([], [("eczema", "quiescent")], "koebner_prone_dermatosis"),
        ([], [("rosacea", "quiescent")], "koebner_prone_dermatosis"),
        ([], [("lichen_planus", "active")], "koebner_prone_dermatosis"),
        ([], [("cutaneous_lupus", "quiescent")], "autoimmune_disease"),
        ([], [("other", "active")], None),
    ],
)
def test_skin_conditions(ruleset, facts, area, elsewhere, expected):
    def listed(pairs):
        return [{"condition": condition, "status": status} for condition, status in pairs]

    _, flags = _flags(
        ruleset,
        facts,
        skin_conditions_in_area=listed(area),
        skin_conditions_elsewhere=listed(elsewhere),
    )
    assert set(flags) == ({expected} if expected else set())


def test_plans_leave_out_numbers_the_reference_does_not_give(ruleset, facts):
    concerns = [
        {"type": "pigmentation", "pigmentation_type": "sun_spots"},
        {"type": "acne_scars", "scar_types": ["rolling"], "severity": 3},
    ]
    result = ruleset.assess({**facts, "concerns": concerns})
    sun_spots = result["per_concern"]["pigmentation"]
    assert sun_spots["rating"] == "poor_candidate"
    assert sun_spots["plan"]["needle_depth_mm"] is None
    assert sun_spots["plan"]["sessions"] is None
    assert "no depth or session" in sun_spots["notes"]
    assert any("Cryotherapy" in item for item in sun_spots["plan"]["alternatives"])
    scars = result["per_concern"]["acne_scars"]["plan"]
    assert scars["needle_depth_mm"] == [1.5, 2.5]
    assert scars["sessions"] == [3, 5]


def test_assessments_do_not_share_mutable_plans(ruleset, facts):
    first = ruleset.assess(facts)
    first["per_concern"]["texture"]["plan"]["needle_depth_mm"].append(9)
    assert ruleset.assess(facts)["per_concern"]["texture"]["plan"]["needle_depth_mm"] == [0.5, 1.5]


def test_invalid_facts_raise_facts_error(ruleset, facts):
    with pytest.raises(FactsError, match="glogau"):
        ruleset.assess({**facts, "concerns": [{"type": "wrinkles", "glogau": 0}]})


def _scar_plan(ruleset, facts, **scars):
    concern = {"type": "acne_scars", "scar_types": ["rolling"], **scars}
    return ruleset.assess({**facts, "concerns": [concern]})["per_concern"]["acne_scars"]


def test_flat_grade_1_marks_get_the_pigmentation_advice_not_a_contour_plan(ruleset, facts):
    marks = _scar_plan(ruleset, facts, scar_types=["ice_pick", "rolling"], severity=1)
    plan = marks["plan"]
    assert plan["needle_depth_mm"] is None and plan["sessions"] is None
    assert plan["interval_weeks"] is None and plan["adjuncts"] == []
    advice = " ".join(plan["alternatives"])
    assert "sunscreen" in advice and "(S38)" in advice
    for contour in ("Subcision", "TCA CROSS", "PRP"):
        assert contour not in advice
    assert "pigmentation advice" in marks["notes"]
    dents = _scar_plan(ruleset, facts, severity=2)["plan"]
    assert dents["needle_depth_mm"] == [1.5, 2.5]
    assert any(adjunct.startswith("Subcision") for adjunct in dents["adjuncts"])


def test_the_grade_4_combination_is_offered_only_at_grade_4(ruleset, facts):
    def combination(severity):
        plan = _scar_plan(ruleset, facts, scar_types=["boxcar_deep"], severity=severity)["plan"]
        return [a for a in plan["alternatives"] if a.startswith("Combination for grade 4")]

    assert combination(4)
    assert combination(3) == [] and combination(2) == []


def test_radiotherapy_findings_do_not_claim_the_date_is_the_radiotherapys(ruleset, facts):
    for months in (2, 60):
        _, flags = _flags(
            ruleset,
            facts,
            radiotherapy_to_treatment_area=True,
            cancer_treatment_in_last_months=months,
        )
        text = flags["radiotherapy_to_treatment_area"]["explanation"]
        assert "face or neck" in text
        assert "treatment area was irradiated" not in text
    _, recent = _flags(
        ruleset, facts, radiotherapy_to_treatment_area=True, cancer_treatment_in_last_months=2
    )
    assert "may be the chemotherapy's" in recent["radiotherapy_to_treatment_area"]["explanation"]
