"""facts_from_answers: the facts of reference section G, derived from stored answers."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from intake.facts import facts_from_answers
from intake.questionnaire import IncompleteAnswers, final_answers
from intake.questionnaire.fields import ChoiceField, DatePartsField, Required
from intake.questionnaire.forms import STEP_FORMS
from intake.rules import validate_facts

TODAY = date(2026, 11, 15)


def answers(**changes) -> dict:
    """Return minimal complete answers, with some steps' answers replaced or added."""
    base = {
        "about": {"full_name": "A B", "date_of_birth": "1990-05-20", "sex": "female"},
        "skin": {
            "concerns": ["texture"],
            "texture_areas": ["cheeks"],
            "sun_reaction": "never_burns",
        },
        "health": {
            "bleeding_disorder": "no",
            "diabetes": "no",
            "active_acne": "none",
            "infection_now": "none",
            "moles": "none",
        },
        "medicines": {"isotretinoin": "never"},
        "review": {"consent_treatment_data": ["yes"], "consent_photos": "yes"},
    }
    for step, values in changes.items():
        base[step] = {**base[step], **values}
    return base


def facts(**changes) -> dict:
    return facts_from_answers(answers(**changes), TODAY)


def test_minimal_answers_give_schema_valid_facts_with_quiet_defaults():
    result = facts()
    assert validate_facts(result)
    assert result["age"] == 36
    assert result["fitzpatrick"] == 6
    assert result["concerns"] == [{"type": "texture"}]
    assert result["isotretinoin_last_dose_months_ago"] is None
    assert result["cancer_treatment_in_last_months"] is None
    assert result["topical_retinoid_or_aha_last_used_days_ago"] is None
    assert result["autoimmune_disease"] is None
    assert result["recent_procedures"] == []
    assert result["pregnant"] is False and result["sunburn_now"] is False
    assert result["medications"] == ""


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        ("2000-11-15", date(2026, 11, 15), 26),  # birthday today
        ("2000-11-16", date(2026, 11, 15), 25),  # birthday tomorrow
        ("2008-02-29", date(2026, 2, 28), 17),  # leap-day birthday, common year: not yet
        ("2008-02-29", date(2026, 3, 1), 18),  # ... turns older on 1 March
        ("2008-02-29", date(2028, 2, 29), 20),  # ... or on the day itself in a leap year
    ],
)
def test_age_counts_whole_years(born, today, age):
    stored = answers(about={"date_of_birth": born})
    assert facts_from_answers(stored, today)["age"] == age


@pytest.mark.parametrize(
    ("medicines", "months"),
    [
        ({"isotretinoin": "never"}, None),
        ({"isotretinoin": "now"}, 0),
        ({"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-05-15"}, 6),
        ({"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-05-16"}, 5),
        # Month only: counted from the month's last day, so never more than it could be.
        ({"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-05"}, 5),
        ({"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-04"}, 6),
        # This month, day unknown: counted from today, not from a day still to come.
        ({"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-11"}, 0),
    ],
)
def test_months_since_the_last_isotretinoin_dose(medicines, months):
    assert facts(medicines=medicines)["isotretinoin_last_dose_months_ago"] == months


def test_month_counting_at_the_end_of_short_months():
    stopped = {"isotretinoin": "stopped", "isotretinoin_last_dose": "2026-01-31"}
    assert (
        facts_from_answers(answers(medicines=stopped), date(2026, 2, 28))[
            "isotretinoin_last_dose_months_ago"
        ]
        == 1
    )
    assert (
        facts_from_answers(answers(medicines=stopped), date(2026, 2, 27))[
            "isotretinoin_last_dose_months_ago"
        ]
        == 0
    )


def test_procedures_become_typed_entries_with_weeks_ago():
    result = facts(
        medicines={
            "procedures": ["botulinum_toxin", "chemical_peel", "laser", "microneedling"],
            "botulinum_toxin_date": "2026-11-01",
            "chemical_peel_date": "2026-10-18",
            "chemical_peel_depth": "superficial",
            "laser_date": "2026-10",
            "laser_kind": "not_sure",
            "microneedling_date": "2026-11-15",
        }
    )
    assert result["recent_procedures"] == [
        {"type": "botulinum_toxin", "weeks_ago": 2.0},
        {"type": "chemical_peel_superficial", "weeks_ago": 4.0},
        # Month only (October): from 31 October; "not sure" counts as the longer-healing kind.
        {"type": "laser_ablative", "weeks_ago": 2.14},
        {"type": "microneedling", "weeks_ago": 0.0},
    ]
    assert validate_facts(result)


def test_unsure_peel_counts_as_medium():
    result = facts(
        medicines={
            "procedures": ["chemical_peel"],
            "chemical_peel_date": "2026-11-08",
            "chemical_peel_depth": "not_sure",
        }
    )
    assert result["recent_procedures"] == [{"type": "chemical_peel_medium", "weeks_ago": 1.0}]


def test_retinoid_days_and_cancer_treatment_months():
    result = facts(
        medicines={"topical_retinoid": "yes", "topical_retinoid_last_used": "2026-11-15"},
        health={
            "cancer_treatment": "yes",
            "cancer_last_treatment": "2026-07",
            "cancer_radiotherapy_face": "yes",
        },
    )
    assert result["topical_retinoid_or_aha_last_used_days_ago"] == 0
    assert result["cancer_treatment_in_last_months"] == 3
    assert result["radiotherapy_to_treatment_area"] is True
    # A stale answer from a question that no longer applies is not read.
    stale = facts(health={"cancer_treatment": "no", "cancer_radiotherapy_face": "yes"})
    assert stale["radiotherapy_to_treatment_area"] is False


def test_concern_details_map_to_grades():
    result = facts(
        skin={
            "concerns": ["texture", "wrinkles", "acne_scars", "pigmentation", "enlarged_pores"],
            "wrinkles_look": "at_rest",
            "acne_scars_types": ["ice_pick"],
            "acne_scars_visibility": "visible_stay",
            "pigmentation_type": "sun_spots",
            "sun_reaction": "always_burns_never_tans",
        }
    )
    assert result["fitzpatrick"] == 1
    assert result["concerns"] == [
        {"type": "wrinkles", "glogau": 3},
        # One kind only: it is the predominant kind.
        {
            "type": "acne_scars",
            "scar_types": ["ice_pick"],
            "predominant_type": "ice_pick",
            "severity": 4,
        },
        {"type": "pigmentation", "pigmentation_type": "sun_spots"},
        {"type": "enlarged_pores"},
        {"type": "texture"},
    ]
    mixed = facts(
        skin={
            "concerns": ["acne_scars"],
            "acne_scars_types": ["boxcar_deep", "rolling"],
            "acne_scars_main_type": "not_sure",
            "acne_scars_visibility": "flat_marks",
        }
    )
    assert mixed["concerns"][0]["predominant_type"] is None
    assert mixed["concerns"][0]["scar_types"] == ["rolling", "boxcar_deep"]
    assert mixed["concerns"][0]["severity"] == 1


def test_skin_conditions_split_by_place_and_state():
    result = facts(
        health={
            "skin_conditions": ["psoriasis", "rosacea", "other"],
            "condition_psoriasis_where": "both",
            "condition_psoriasis_now": "calm",
            "condition_rosacea_where": "treatment_area",
            "condition_rosacea_now": "flaring",
            "condition_other_name": "seborrhoeic dermatitis",
            "condition_other_where": "elsewhere",
            "condition_other_now": "flaring",
        }
    )
    assert result["skin_conditions_in_area"] == [
        {"condition": "psoriasis", "status": "quiescent"},
        {"condition": "rosacea", "status": "active"},
    ]
    assert result["skin_conditions_elsewhere"] == [
        {"condition": "psoriasis", "status": "quiescent"},
        {"condition": "other", "status": "active"},
    ]


def test_health_yes_no_and_graded_answers():
    result = facts(
        about={"sex": "prefer_not"},
        health={
            "pregnant": "yes",
            "breastfeeding": "yes",
            "diabetes": "uncontrolled",
            "bleeding_disorder": "controlled",
            "autoimmune": "yes",
            "autoimmune_name": "Lupus (SLE)",
            "immune_weakened": "yes",
            "keloids": "yes",
            "infection_now": "impetigo",
            "active_acne": "severe",
            "moles": "changing_or_undiagnosed",
            "allergies": ["other", "local_anaesthetic"],
            "allergy_other": "penicillin",
            "thrombosis": "yes",
        },
        medicines={"anticoagulant": "yes", "medicines_list": "warfarin"},
    )
    assert result["sex"] is None
    assert result["pregnant"] and result["breastfeeding"] and result["thrombosis_history"]
    assert result["diabetes"] == "uncontrolled" and result["bleeding_disorder"] == "controlled"
    assert result["autoimmune_disease"] == "Lupus (SLE)"
    assert result["immunosuppressed"] and result["keloid_history"] and result["anticoagulants"]
    # The older form asked for one infection: its stored answer still reads.
    assert result["active_infection_in_area"] == ["impetigo"]
    assert result["active_acne"] == "severe"
    assert result["moles_or_raised_lesions_in_area"] == "changing_or_undiagnosed"
    assert result["allergies"] == ["local_anaesthetic", "other"]
    assert result["medications"] == "warfarin"
    assert validate_facts(result)


def test_the_new_health_questions_give_their_facts():
    result = facts(
        health={
            "infection_now": ["cold_sore", "warts", "shingles", "other"],
            "raised_scars": "yes",
            "tan_now": "yes",
            "skin_cancer": "yes",
        }
    )
    assert result["active_infection_in_area"] == ["cold_sore", "shingles", "warts", "other"]
    assert result["hypertrophic_scar_history"] is True
    assert result["tan_or_recent_sun_in_area"] is True
    assert result["skin_cancer_in_area"] is True
    assert validate_facts(result)


def test_none_of_these_gives_empty_lists_and_older_answers_without_the_questions_read():
    chosen_none = facts(
        health={"infection_now": ["none"], "allergies": ["none"], "skin_conditions": ["none"]},
        medicines={"procedures": ["none"]},
    )
    assert chosen_none["active_infection_in_area"] == []
    assert chosen_none["allergies"] == [] and chosen_none["skin_conditions_in_area"] == []
    assert chosen_none["recent_procedures"] == []
    older = facts()  # answered before the raised-scar, tan and skin-cancer questions existed
    assert older["hypertrophic_scar_history"] is False
    assert older["tan_or_recent_sun_in_area"] is False
    assert older["skin_cancer_in_area"] is False


@pytest.mark.parametrize(
    ("consent", "expected"), [("yes", True), ("not_present", False), (None, False)]
)
def test_guardian_consent_counts_only_for_minors(consent, expected):
    review = {"guardian_consent": consent} if consent else {}
    minor = facts(about={"date_of_birth": "2010-01-01"}, review=review)
    assert minor["age"] == 16
    assert minor["guardian_present_and_consenting"] is expected
    adult = facts(review={"guardian_consent": "yes"})
    assert adult["guardian_present_and_consenting"] is False


def test_facts_do_not_change_the_answers():
    stored = answers()
    copy = {step: dict(values) for step, values in stored.items()}
    facts_from_answers(stored, TODAY)
    assert stored == copy


# ---- property: every combination the forms accept gives facts the rule set accepts


# Questions with a format of their own get values in that format; the rest are generic.
FORMATTED = {
    "phone": st.from_regex(r"\+?[0-9]{10,12}", fullmatch=True),
    "guardian_phone": st.from_regex(r"[0-9]{10}", fullmatch=True),
    "email": st.sampled_from(["", "someone@example.com"]),
    "date_of_birth": st.dates(min_value=date(1920, 1, 1), max_value=date(2014, 1, 1)).map(
        date.isoformat
    ),
}


def _value_strategy(field):
    if field.name in FORMATTED:
        return FORMATTED[field.name]
    required = any(isinstance(v, Required) for v in field.validators)
    if isinstance(field, ChoiceField):
        values = [c.value for c in field.choices]
        if field.multiple:
            return st.lists(st.sampled_from(values), unique=True, min_size=int(required))
        return st.sampled_from(values)
    if isinstance(field, DatePartsField):
        day = st.dates(min_value=date(1915, 1, 1), max_value=TODAY)
        if field.month_only:
            return day.flatmap(lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7]]))
        return day.map(date.isoformat)
    return (
        st.text(min_size=int(required), max_size=30)
        .map(str.strip)
        .filter(lambda text: text or not required)
    )


def test_every_accepted_answer_combination_gives_valid_facts(app):
    with app.test_request_context():
        strategies = {}
        for step, form_class in STEP_FORMS.items():
            form = form_class(None, context=None)
            strategies[step] = st.fixed_dictionaries(
                {name: _value_strategy(field) for name, field in form._fields.items()}
            )
        ruleset = app.extensions["ruleset"]

        @given(st.fixed_dictionaries(strategies))
        def check(stored):
            try:
                final = final_answers(stored, TODAY)
            except IncompleteAnswers:
                assume(False)
            result = facts_from_answers(final, TODAY)
            validate_facts(result)
            assert ruleset.assess(result)["overall"]

        check()
