"""Turn a client's submitted answers into the facts the rule set reads (reference section G)."""

from datetime import date

from intake.dates import PartialDate, days_between, whole_months, whole_years
from intake.rules.schema import ALLERGIES, CONCERN_TYPES, INFECTIONS, SCAR_TYPES, SKIN_CONDITIONS

FITZPATRICK = {
    "always_burns_never_tans": 1,
    "usually_burns_tans_little": 2,
    "sometimes_burns_tans_slowly": 3,
    "rarely_burns_tans_easily": 4,
    "very_rarely_burns_tans_dark": 5,
    "never_burns": 6,
}
GLOGAU = {"barely": 1, "when_moving": 2, "at_rest": 3, "everywhere": 4}
GOODMAN_BARON = {"flat_marks": 1, "close_up": 2, "visible_flatten": 3, "visible_stay": 4}
GRADED = {"no": "none", "controlled": "controlled", "uncontrolled": "uncontrolled"}
# A client who is not sure which peel or laser they had is counted as having had the one with
# the longer healing window, so a waiting period is never cut short by the doubt.
PEEL_TYPES = {
    "superficial": "chemical_peel_superficial",
    "medium": "chemical_peel_medium",
    "deep": "chemical_peel_deep",
    "not_sure": "chemical_peel_medium",
}
LASER_TYPES = {
    "nonablative": "laser_nonablative",
    "ablative": "laser_ablative",
    "not_sure": "laser_ablative",
}
SEXES = ("female", "male", "other")
# The facts that count the time since a date the client gave: they grow with the as-of date,
# so a finding that reads one belongs to a window that ends.
SINCE_FACTS = frozenset(
    {
        "isotretinoin_last_dose_months_ago",
        "recent_procedures",
        "cancer_treatment_in_last_months",
        "topical_retinoid_or_aha_last_used_days_ago",
    }
)


def facts_from_answers(answers: dict, as_of: date) -> dict:
    """Derive the facts from submitted answers as of a date; the answers are not changed.

    Ages and times since are counted from the dates the client gave to ``as_of`` (the visit
    date, or the sending date), so the same answers can be assessed as of any later day.
    """
    about = answers.get("about", {})
    skin = answers.get("skin", {})
    # Form v4 split step 3; older answers have the skin questions under "health" too.
    health = {**answers.get("health", {}), **answers.get("skin_health", {})}
    medicines = answers.get("medicines", {})
    review = answers.get("review", {})
    age = whole_years(_day(about["date_of_birth"]), as_of)
    sex = about.get("sex")
    return {
        "age": age,
        "sex": sex if sex in SEXES else None,
        "fitzpatrick": FITZPATRICK[skin["sun_reaction"]],
        "concerns": _concerns(skin),
        "pregnant": _yes(health, "pregnant"),
        "breastfeeding": _yes(health, "breastfeeding"),
        "isotretinoin_last_dose_months_ago": _isotretinoin(medicines, as_of),
        "anticoagulants": _yes(medicines, "anticoagulant"),
        "antiplatelets": _yes(medicines, "antiplatelet"),
        "bleeding_disorder": GRADED[health["bleeding_disorder"]],
        "keloid_history": _yes(health, "keloids"),
        "hypertrophic_scar_history": _yes(health, "raised_scars"),
        "active_acne": health["active_acne"],
        "active_infection_in_area": _chosen(health.get("infection_now"), INFECTIONS),
        "herpes_history": _yes(health, "cold_sores"),
        "diabetes": GRADED[health["diabetes"]],
        "immunosuppressed": _yes(health, "immune_weakened"),
        "autoimmune_disease": health["autoimmune_name"] if _yes(health, "autoimmune") else None,
        "recent_procedures": _procedures(medicines, as_of),
        "skin_conditions_in_area": _skin_conditions(health, ("treatment_area", "both")),
        "skin_conditions_elsewhere": _skin_conditions(health, ("elsewhere", "both")),
        "allergies": _chosen(health.get("allergies"), ALLERGIES),
        "cancer_treatment_in_last_months": _months_since_cancer_treatment(health, as_of),
        "radiotherapy_to_treatment_area": _yes(health, "cancer_treatment")
        and _yes(health, "cancer_radiotherapy_face"),
        "sunburn_now": _yes(health, "sunburn_now"),
        "tan_or_recent_sun_in_area": _yes(health, "tan_now"),
        "skin_cancer_in_area": _yes(health, "skin_cancer"),
        "moles_or_raised_lesions_in_area": health["moles"],
        "topical_retinoid_or_aha_last_used_days_ago": _retinoid_days(medicines, as_of),
        "thrombosis_history": _yes(health, "thrombosis"),
        "hormonal_contraception": _yes(health, "hormonal_contraception"),
        "medications": medicines.get("medicines_list", ""),
        "guardian_present_and_consenting": age < 18 and review.get("guardian_consent") == "yes",
    }


def _yes(step: dict, name: str) -> bool:
    return step.get(name) == "yes"


def _chosen(answer: object, known: tuple[str, ...]) -> list[str]:
    # "None of these" is not a fact value; an older form stored one infection as a string.
    chosen = [answer] if isinstance(answer, str) else answer or []
    return [value for value in known if value in chosen]


def _day(iso: str) -> date:
    return PartialDate.from_iso(iso).earliest()


def _latest(iso: str, as_of: date) -> date:
    return PartialDate.from_iso(iso).latest(as_of)


def _concerns(skin: dict) -> list[dict]:
    chosen = skin.get("concerns", [])
    concerns = []
    for kind in CONCERN_TYPES:
        if kind not in chosen:
            continue
        concern: dict = {"type": kind}
        if kind == "wrinkles":
            concern["glogau"] = GLOGAU[skin["wrinkles_look"]]
        elif kind == "acne_scars":
            types = [t for t in SCAR_TYPES if t in skin["acne_scars_types"]]
            main = skin.get("acne_scars_main_type")
            concern["scar_types"] = types
            if len(types) == 1:
                concern["predominant_type"] = types[0]
            else:
                concern["predominant_type"] = main if main in types else None
            concern["severity"] = GOODMAN_BARON[skin["acne_scars_visibility"]]
        elif kind == "pigmentation":
            concern["pigmentation_type"] = skin["pigmentation_type"]
        concerns.append(concern)
    return concerns


def _isotretinoin(medicines: dict, as_of: date) -> int | None:
    status = medicines.get("isotretinoin")
    if status == "now":
        return 0
    if status == "stopped":
        return whole_months(_latest(medicines["isotretinoin_last_dose"], as_of), as_of)
    return None


def _weeks_since(iso: str, as_of: date) -> float:
    # Two decimals cannot cross a whole week: days / 7 is never within 0.005 of an integer
    # unless it is one.
    return round(days_between(_latest(iso, as_of), as_of) / 7, 2)


def _procedures(medicines: dict, as_of: date) -> list[dict]:
    chosen = medicines.get("procedures", [])
    found = []
    for kind in ("botulinum_toxin", "dermal_filler", "chemical_peel", "laser", "microneedling"):
        if kind not in chosen:
            continue
        if kind == "chemical_peel":
            fact_type = PEEL_TYPES[medicines["chemical_peel_depth"]]
        elif kind == "laser":
            fact_type = LASER_TYPES[medicines["laser_kind"]]
        else:
            fact_type = kind
        found.append(
            {"type": fact_type, "weeks_ago": _weeks_since(medicines[f"{kind}_date"], as_of)}
        )
    return found


def _skin_conditions(health: dict, places: tuple[str, ...]) -> list[dict]:
    chosen = health.get("skin_conditions", [])
    found = []
    for condition in SKIN_CONDITIONS:
        if condition in chosen and health[f"condition_{condition}_where"] in places:
            state = health[f"condition_{condition}_now"]
            found.append(
                {"condition": condition, "status": "active" if state == "flaring" else "quiescent"}
            )
    return found


def _months_since_cancer_treatment(health: dict, as_of: date) -> int | None:
    if not _yes(health, "cancer_treatment"):
        return None
    return whole_months(_latest(health["cancer_last_treatment"], as_of), as_of)


def _retinoid_days(medicines: dict, as_of: date) -> int | None:
    if not _yes(medicines, "topical_retinoid"):
        return None
    return days_between(_latest(medicines["topical_retinoid_last_used"], as_of), as_of)
