"""Loading the shipped rule set: flag ids, sources, versions, parameters and the cache."""

import re

from intake.rules import DEFAULT_RULES_DIR, get_ruleset, load_ruleset

SECTION_G_FLAGS = {
    "absolute": {
        "pregnancy",
        "active_infection_in_area",
        "active_inflammatory_dermatosis_in_area",
        "sunburn_or_acute_irritation",
        "active_acne_severe",
        "suspicious_lesion_in_area",
        "known_skin_cancer_in_area",
        "active_cancer_treatment",
        "radiotherapy_to_treatment_area",
        "diabetes_uncontrolled",
        "bleeding_disorder_uncontrolled",
        "minor_without_guardian_consent",
    },
    "review": {
        "isotretinoin_within_6_months",
        "anticoagulant_or_antiplatelet",
        "bleeding_disorder_controlled",
        "keloid_history",
        "hypertrophic_scar_history",
        "immunosuppression",
        "autoimmune_disease",
        "cancer_treatment_3_to_12_months",
        "koebner_prone_dermatosis",
        "active_acne_moderate",
        "breastfeeding",
        "allergy_local_anaesthetic",
        "metal_allergy",
        "recent_botulinum_toxin",
        "recent_filler",
        "recent_chemical_peel",
        "recent_laser",
        "recent_microneedling",
        "tranexamic_acid_contraindication_check",
        "minor_guardian_consent",
        "radiotherapy_to_treatment_area",
    },
    "precaution": {
        "herpes_history_antiviral_prophylaxis",
        "diabetes_controlled",
        "pih_risk_darker_skin",
        "active_acne_mild",
        "retinoid_or_aha_recent",
        "benign_raised_lesion_in_area",
        "tan_or_recent_sun",
    },
    "advisory": {
        "ice_pick_scars_need_tca_cross_or_punch",
        "severe_scarring_combination_therapy",
        "melasma_adjunct_only_relapse_risk",
        "lentigines_better_treated_with_other_modalities",
        # Not in section G: the reference's topical-product allergy item, as an advisory note.
        "topical_product_allergy",
    },
}

CONTESTED = {
    "isotretinoin_within_6_months",
    "anticoagulant_or_antiplatelet",
    "keloid_history",
    "hypertrophic_scar_history",
    "active_acne_mild",
    "active_acne_moderate",
    "breastfeeding",
    "minor_guardian_consent",
    "recent_botulinum_toxin",
    "recent_filler",
    "recent_microneedling",
    "retinoid_or_aha_recent",
    "pih_risk_darker_skin",
    "diabetes_controlled",
    "herpes_history_antiviral_prophylaxis",
    "melasma_adjunct_only_relapse_risk",
    "radiotherapy_to_treatment_area",
}


def test_every_section_g_flag_id_is_raised_by_a_rule_of_its_severity(ruleset):
    by_severity = {severity: set() for severity in SECTION_G_FLAGS}
    for rule in ruleset.rules:
        by_severity[rule.severity].add(rule.flag)
    assert by_severity == SECTION_G_FLAGS


def test_rule_ids_are_unique_and_radiotherapy_has_two_rules_for_one_flag(ruleset):
    ids = [rule.id for rule in ruleset.rules]
    assert len(ids) == len(set(ids))
    radiotherapy = [r for r in ruleset.rules if r.flag == "radiotherapy_to_treatment_area"]
    assert sorted(r.severity for r in radiotherapy) == ["absolute", "review"]


def test_contested_markers_follow_section_e(ruleset):
    assert {rule.flag for rule in ruleset.rules if rule.contested} == CONTESTED


def test_advisory_flags_of_section_g_belong_to_their_concern(ruleset):
    concerns = {rule.flag: rule.concern for rule in ruleset.rules if rule.severity == "advisory"}
    assert concerns == {
        "ice_pick_scars_need_tca_cross_or_punch": "acne_scars",
        "severe_scarring_combination_therapy": "acne_scars",
        "melasma_adjunct_only_relapse_risk": "pigmentation",
        "lentigines_better_treated_with_other_modalities": "pigmentation",
        "topical_product_allergy": None,
    }


def test_every_rule_has_a_title_an_explanation_and_known_sources(ruleset):
    for rule in ruleset.rules:
        assert rule.text["en"]["title"] and len(rule.text["en"]["explanation"]) > 40, rule.id
        assert "${" not in rule.text["en"]["title"] + rule.text["en"]["explanation"], rule.id
        assert set(rule.sources) <= set(ruleset.sources), rule.id


def test_sources_hold_the_full_citations_of_section_f(ruleset):
    assert len(ruleset.sources) == 96
    assert ruleset.sources["S10"].startswith("Spring LK et al. Isotretinoin and timing")
    assert "S16b" in ruleset.sources and "S36b" in ruleset.sources


def test_version_is_the_declared_version_plus_a_content_hash(ruleset):
    assert ruleset.declared_version == "2026.12.1"
    assert re.fullmatch(r"[0-9a-f]{10}", ruleset.content_hash)
    assert ruleset.version == f"2026.12.1+{ruleset.content_hash}"


def test_any_edit_to_a_rule_file_changes_the_hash_but_not_the_declared_version(rules_copy):
    before = load_ruleset(rules_copy)
    path = rules_copy / "review.toml"
    path.write_text(path.read_text() + "\n# reviewed by the clinic\n")
    after = load_ruleset(rules_copy)
    assert after.declared_version == before.declared_version
    assert after.content_hash != before.content_hash


def test_a_clinic_changes_a_window_in_the_parameters_file_only(rules_copy, facts):
    path = rules_copy / "ruleset.toml"
    path.write_text(
        path.read_text().replace(
            "botulinum_toxin_window_weeks = 2", "botulinum_toxin_window_weeks = 12"
        )
    )
    ruleset = load_ruleset(rules_copy)
    result = ruleset.assess(
        {**facts, "recent_procedures": [{"type": "botulinum_toxin", "weeks_ago": 8}]}
    )
    [flag] = result["flags"]
    assert flag["id"] == "recent_botulinum_toxin"
    assert flag["title"] == "Botulinum toxin in the last 12 weeks"


def test_get_ruleset_compiles_once_per_process():
    assert get_ruleset() is get_ruleset(DEFAULT_RULES_DIR)


def test_the_shipped_examples_cover_every_flag_and_every_rating(ruleset):
    flags = set().union(*(example.flags for example in ruleset.examples))
    assert flags == {rule.flag for rule in ruleset.rules}
    ratings = {(c, r) for example in ruleset.examples for c, r in example.ratings.items()}
    cases = {(t, case.rating) for t, concern in ruleset.concerns.items() for case in concern.cases}
    assert ratings == cases


def test_a_condition_in_syntax_the_closures_do_not_cover_is_left_to_rule_engine(rules_copy, facts):
    # A clinic may write any rule-engine syntax: here a regular expression, which closures.py
    # does not compile.
    path = rules_copy / "absolute.toml"
    old, new = """'active_acne == "severe"'""", """'active_acne =~ "^sev" or sunburn_now'"""
    path.write_text(path.read_text().replace(f"when = {old}", f"when = {new}"))
    ruleset = load_ruleset(rules_copy)
    [rule] = [rule for rule in ruleset.rules if rule.id == "active_acne_severe"]
    assert rule.condition.evaluate == rule.condition.rule.evaluate
    [flag] = ruleset.assess({**facts, "active_acne": "severe"})["flags"]
    assert (flag["id"], flag["because"]) == ("active_acne_severe", {"active_acne": "severe"})
    flags = ruleset.assess({**facts, "active_acne": "moderate"})["flags"]
    assert "active_acne_severe" not in {flag["id"] for flag in flags}
