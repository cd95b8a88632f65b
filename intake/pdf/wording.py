"""The words the summary uses for the assessment's codes, facts and answers."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

SEVERITY_ORDER = ("absolute", "review", "precaution", "advisory")
SEVERITY_WORDS = {
    "absolute": "Absolute contraindication",
    "review": "Specialist review",
    "precaution": "Precaution",
    "advisory": "Advisory",
}
OUTCOME_WORDS = {
    "suitable": "Suitable",
    "suitable_with_precautions": "Suitable with precautions",
    "needs_specialist_review": "Needs specialist review",
    "not_suitable": "Not suitable: do not treat at this visit",
}
RATING_WORDS = {
    "good_candidate": "Good candidate",
    "fair_candidate": "Fair candidate",
    "poor_candidate": "Poor candidate",
}
CONCERN_WORDS = {
    "wrinkles": "Wrinkles and fine lines",
    "acne_scars": "Acne scars",
    "pigmentation": "Pigmentation",
    "enlarged_pores": "Enlarged pores",
    "texture": "Skin texture",
}
LANGUAGE_WORDS = {"en": "English", "bn": "Bengali (বাংলা)", "hi": "Hindi (हिन्दी)"}
CONSENT_WORDS = {
    "treatment_data": "Use of treatment data",
    "photos": "Photographs",
}
# The facts of the clinical reference, section G, as a clinician would name them.
FACT_WORDS = {
    "age": "Age (years)",
    "sex": "Sex",
    "fitzpatrick": "Fitzpatrick skin type",
    "pregnant": "Pregnant",
    "breastfeeding": "Breastfeeding",
    "isotretinoin_last_dose_months_ago": "Isotretinoin, last dose (months ago; 0 = taking now)",
    "anticoagulants": "Takes anticoagulants",
    "antiplatelets": "Takes antiplatelets",
    "bleeding_disorder": "Bleeding disorder",
    "keloid_history": "Keloid or raised scar history",
    "active_acne": "Active acne",
    "active_infection_in_area": "Active infection in the area",
    "herpes_history": "Cold sore history",
    "diabetes": "Diabetes",
    "immunosuppressed": "Immunosuppressed",
    "autoimmune_disease": "Autoimmune disease",
    "recent_procedures": "Recent procedures",
    "skin_conditions_in_area": "Skin conditions in the area",
    "skin_conditions_elsewhere": "Skin conditions elsewhere",
    "allergies": "Allergies",
    "cancer_treatment_in_last_months": "Cancer treatment (months ago)",
    "radiotherapy_to_treatment_area": "Radiotherapy to the treatment area",
    "sunburn_now": "Sunburn now",
    "moles_or_raised_lesions_in_area": "Moles or raised lesions in the area",
    "topical_retinoid_or_aha_last_used_days_ago": "Retinoid or AHA, last used (days ago)",
    "thrombosis_history": "Thrombosis history",
    "hormonal_contraception": "Hormonal contraception",
    "guardian_present_and_consenting": "Guardian present and consenting",
    "glogau": "Glogau wrinkle grade",
    "scar_types": "Scar types",
    "predominant_type": "Predominant scar type",
    "severity": "Scar grade (Goodman-Baron)",
    "pigmentation_type": "Pigmentation type",
    "type": "Concern",
}


def humanise(code: str) -> str:
    """Turn a code such as ``boxcar_shallow`` into words: "Boxcar shallow"."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def fact_label(name: str) -> str:
    """Name a fact the rules read; ``concerns[0].severity`` names the concern's own fact."""
    if "." in name:
        name = name.rsplit(".", 1)[1]
    return FACT_WORDS.get(name, humanise(name))


def fact_value(value: object) -> str:
    """Write a fact's value in words."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, str):
        return humanise(value)
    if isinstance(value, dict):
        if "weeks_ago" in value:
            weeks = value["weeks_ago"]
            unit = "week" if weeks == 1 else "weeks"
            return f"{humanise(str(value.get('type', '')))}, {weeks:g} {unit} ago"
        if "condition" in value:
            return f"{humanise(str(value['condition']))} ({value.get('status', '')})"
        return ", ".join(f"{humanise(str(k))}: {fact_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(fact_value(item) for item in value) or "None"
    return str(value)


def local_time(moment: datetime, zone: str) -> str:
    """Write a UTC time in the clinic's time zone, naming the zone."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


def long_date(day: date) -> str:
    """Write a date without ambiguity: 2 March 1997."""
    return f"{day.day} {day:%B %Y}"


def span(pair: list | None, unit: str = "") -> str | None:
    """Write a [low, high] plan range: "1–1.5 mm", or one value when both ends agree."""
    if not pair:
        return None
    low, high = pair
    text = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    return f"{text} {unit}".strip()
