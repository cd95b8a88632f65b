"""The words for a submission's stored codes, facts and plans: one wording for screen and PDF.

The specialist's pages and the PDF summary both read from here, so a finding, an outcome or
a plan reads the same on the screen as on paper. Both stay English (see babel.cfg). A code
that a newer rule set introduced, and this module does not know yet, reads as its words.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

# Most serious first: the order findings are shown in.
SEVERITIES = {
    "absolute": "Absolute contraindication",
    "review": "Specialist review",
    "precaution": "Precaution",
    "advisory": "Advisory",
}
OUTCOMES = {
    "suitable": "Suitable",
    "suitable_with_precautions": "Suitable with precautions",
    "needs_specialist_review": "Needs specialist review",
    "not_suitable": "Not suitable",
}
RATINGS = {
    "good_candidate": "Good candidate",
    "fair_candidate": "Fair candidate",
    "poor_candidate": "Poor candidate",
}
CONCERNS = {
    "wrinkles": "Wrinkles and fine lines",
    "acne_scars": "Acne scars",
    "pigmentation": "Pigmentation",
    "enlarged_pores": "Enlarged pores",
    "texture": "Skin texture",
}
AREAS = {
    "forehead": "Forehead",
    "around_eyes": "Around the eyes",
    "cheeks": "Cheeks",
    "nose": "Nose",
    "around_mouth": "Mouth and upper lip",
    "chin_jaw": "Chin and jaw",
    "neck": "Neck",
}
STATUSES = {
    "new": "New",
    "in_review": "In review",
    "decided": "Decided",
}
DECISIONS = {
    "proceed": "Proceed",
    "proceed_with_precautions": "Proceed with precautions",
    "decline": "Decline",
    "needs_consultation": "Needs in-person consultation",
}
CONSENTS = {
    "treatment_data": "Use of treatment data",
    "photos": "Photographs",
}
# Named in English for the specialist, and in its own script as the client saw it.
LANGUAGES = {"en": "English", "bn": "Bengali (বাংলা)", "hi": "Hindi (हिन्दी)"}
# The facts of the clinical reference, section G, as a clinician would name them.
FACTS = {
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


def words(vocabulary: dict[str, str], code: str | None) -> str:
    """Return the words for a code; a code the vocabulary lacks reads as itself, humanised."""
    if code is None:
        return ""
    return vocabulary.get(code) or humanise(code)


def severity_rank(severity: str) -> int:
    """Rank a severity for sorting, most serious first; an unknown one comes last."""
    order = list(SEVERITIES)
    return order.index(severity) if severity in order else len(order)


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


def fact_label(name: str, facts: dict) -> str:
    """Name a fact a rule read; ``concerns[0].severity`` is named with its concern."""
    if name.startswith("concerns[") and "]." in name:
        index, attribute = name[len("concerns[") :].split("].", 1)
        concerns = facts.get("concerns", [])
        position = int(index) if index.isdigit() else len(concerns)
        fact = FACTS.get(attribute, humanise(attribute))
        if position < len(concerns):
            return f"{fact} for {words(CONCERNS, concerns[position]['type']).lower()}"
        return fact
    return FACTS.get(name, humanise(name))


def describe_because(because: dict, facts: dict) -> list[tuple[str, str]]:
    """Return the facts a finding read, as (what, value) in words."""
    return [(fact_label(name, facts), fact_value(value)) for name, value in because.items()]


def span(pair: list | None, unit: str = "") -> str | None:
    """Write a [low, high] plan range: "1–1.5 mm", or one value when both ends agree."""
    if not pair:
        return None
    low, high = pair
    text = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    return f"{text} {unit}".strip()


def local_time(moment: datetime, zone: str) -> str:
    """Write a UTC time in the clinic's time zone, naming the zone: 2 March 2026, 14:45 IST."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


def long_date(day: date) -> str:
    """Write a date without ambiguity: 2 March 1997."""
    return f"{day.day} {day:%B %Y}"


def window_end(flag: dict, as_of: date) -> str | None:
    """Say when a time-window finding's window ends and that the as-of date is inside it."""
    if not flag.get("clears_on"):
        return None
    ends = long_date(date.fromisoformat(flag["clears_on"]))
    inside = f"Clears on {ends}. Still inside the window on {long_date(as_of)}, the as-of date"
    then = flag.get("then_severity")
    if then:
        return f"{inside}: from {ends} it stands as {words(SEVERITIES, then).lower()} instead."
    return f"{inside}: treat from {ends}."
