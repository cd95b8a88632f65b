"""The words for a submission's stored codes, facts and plans: one wording for screen and PDF.

The specialist's pages and the PDF summary both read from here, so a finding, an outcome or
a plan reads the same on the screen as on paper. Both stay English (see babel.cfg). A code
that a newer rule set introduced, and this module does not know yet, reads as its words.
The assessment's own codes (severities, outcomes, ratings) are named in intake.rules.vocabulary.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from intake.dates import PartialDate
from intake.i18n import LANGUAGES
from intake.rules.vocabulary import SEVERITIES
from intake.text_cleaning import clean_text

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
    "viewed": "Viewed",
    "decided": "Decided",
    "consultation": "Needs in-person consultation",
    "re_review": "Re-review",
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
SERVICES = {"microneedling": "Microneedling"}
# The visit's own steps, set by the front desk or the client's journey.
VISIT_STATUSES = {
    "invited": "Invited",
    "intake_started": "Intake started",
    "intake_sent": "Intake sent",
    "reviewed": "Reviewed",
    "decided": "Decided",
    "arrived": "Arrived",
    "cancelled": "Cancelled",
    "no_show": "No-show",
}
ROLES = {
    "front_desk": "Front desk",
    "specialist": "Specialist",
    "admin": "Administrator",
}
# Named in English for the specialist, and in its own script as the client saw it.
_IN_ENGLISH = {"bn": "Bengali", "hi": "Hindi"}
LANGUAGE_NAMES = {
    code: f"{_IN_ENGLISH[code]} ({own})" if code in _IN_ENGLISH else own
    for code, own in LANGUAGES.items()
}
# The facts of the clinical reference, section G, as a clinician would name them.
FACTS = {
    "age": "Age",
    "sex": "Sex",
    "fitzpatrick": "Fitzpatrick skin type",
    "pregnant": "Pregnant",
    "breastfeeding": "Breastfeeding",
    "isotretinoin_last_dose_months_ago": "Isotretinoin",
    "anticoagulants": "Blood thinner (anticoagulant)",
    "antiplatelets": "Aspirin or clopidogrel (antiplatelet)",
    "bleeding_disorder": "Bleeding disorder",
    "keloid_history": "Keloids",
    "hypertrophic_scar_history": "Raised (hypertrophic) scars",
    "active_acne": "Active acne",
    "active_infection_in_area": "Infection in the area now",
    "herpes_history": "Cold sores",
    "diabetes": "Diabetes",
    "immunosuppressed": "Weakened immune system",
    "autoimmune_disease": "Autoimmune disease",
    "recent_procedures": "Recent treatment",
    "skin_conditions_in_area": "Skin condition in the area",
    "skin_conditions_elsewhere": "Skin condition elsewhere",
    "allergies": "Allergies",
    "cancer_treatment_in_last_months": "Cancer treatment",
    "radiotherapy_to_treatment_area": "Radiotherapy to the face",
    "sunburn_now": "Sunburn now",
    "tan_or_recent_sun_in_area": "Tan or recent strong sun in the area",
    "skin_cancer_in_area": "Known skin cancer in the area",
    "moles_or_raised_lesions_in_area": "Moles or raised spots in the area",
    "topical_retinoid_or_aha_last_used_days_ago": "Retinoid or acid cream",
    "thrombosis_history": "Blood clots (thrombosis)",
    "hormonal_contraception": "Hormonal contraception",
    "guardian_present_and_consenting": "Parent or guardian with them and agreeing",
    "glogau": "Glogau wrinkle grade",
    "scar_types": "Scar types",
    "predominant_type": "Main scar type",
    "severity": "Scar grade (Goodman-Baron)",
    "pigmentation_type": "Pigmentation type",
    "type": "Concern",
}
# The procedures of a recent_procedures fact, by the answer that names them.
PROCEDURES = {
    "botulinum_toxin": "Botulinum toxin",
    "dermal_filler": "Dermal filler",
    "chemical_peel": "Chemical peel",
    "laser": "Laser",
    "microneedling": "Microneedling",
}
# What the rules assume when a client is not sure, by the question that asked (see
# PEEL_TYPES and LASER_TYPES in facts).
ASSUMED_WHEN_NOT_SURE = {
    "chemical_peel_depth": "treated as medium, the longer healing window",
    "laser_kind": "treated as ablative, the stricter window",
}
NOT_SURE = {
    "chemical_peel": f"not sure how strong ({ASSUMED_WHEN_NOT_SURE['chemical_peel_depth']})",
    "laser": f"not sure which kind ({ASSUMED_WHEN_NOT_SURE['laser_kind']})",
}
PROCEDURE_KINDS = {
    "chemical_peel_superficial": "light",
    "chemical_peel_medium": "medium",
    "chemical_peel_deep": "deep",
    "laser_nonablative": "non-ablative",
    "laser_ablative": "ablative",
}
_KIND_ANSWERS = {"chemical_peel": "chemical_peel_depth", "laser": "laser_kind"}


def humanise(code: str) -> str:
    """Turn a code such as ``boxcar_shallow`` into words: "Boxcar shallow"."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def words(vocabulary: dict[str, str], code: str | None) -> str:
    """Return the words for a code; a code the vocabulary lacks reads as itself, humanised."""
    if code is None:
        return ""
    return vocabulary.get(code) or humanise(code)


def fact_value(value: object) -> str:
    """Write a fact's value in words."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, str):
        # Some facts are typed text (an autoimmune condition, a medicine list), stored as typed
        # by intakes sent before cleaning: clean it as answers are cleaned when shown.
        return humanise(clean_text(value))
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


def roman(number: int) -> str:
    """Write a Fitzpatrick type (1 to 6) as doctors do: IV."""
    return ("I", "II", "III", "IV", "V", "VI")[number - 1] if 1 <= number <= 6 else str(number)


def ago(days: int) -> str:
    """Say how long ago as people do: "yesterday", "10 days ago", "3 weeks ago", "5 months ago"."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 63:
        return f"{days // 7} weeks ago"
    months = days * 12 // 365
    return f"{months} months ago" if months < 24 else f"{months // 12} years ago"


def months_ago(months: int) -> str:
    """Say a whole number of months: "less than a month ago", "1 month ago"."""
    if months <= 0:
        return "less than a month ago"
    return "1 month ago" if months == 1 else f"{months} months ago"


def given_date(iso: object) -> str:
    """Write a date a client gave: "on 11 Nov 2026", or "in Nov 2026" without a day."""
    if not isinstance(iso, str):
        return ""
    try:
        given = PartialDate.from_iso(iso)
    except ValueError:
        return ""
    month = date(given.year, given.month, 1).strftime("%b")
    if given.day is None:
        return f"in {month} {given.year}"
    return f"on {given.day} {month} {given.year}"


def _when(spoken: str, iso: object) -> str:
    on = given_date(iso)
    return f"{spoken}, {on}" if on else spoken


def _procedure(item: dict, medicines: dict) -> tuple[str, str]:
    fact_type = str(item.get("type", ""))
    kind = next((k for k in PROCEDURES if fact_type.startswith(k)), fact_type)
    said = _when(ago(round(item.get("weeks_ago", 0) * 7)), medicines.get(f"{kind}_date"))
    if medicines.get(_KIND_ANSWERS.get(kind)) == "not_sure":
        said = f"{said}; {NOT_SURE[kind]}"
    elif fact_type in PROCEDURE_KINDS:
        said = f"{PROCEDURE_KINDS[fact_type]}, {said}"
    return words(PROCEDURES, kind), said


def _skin_condition(item: dict) -> str:
    state = "flaring now" if item.get("status") == "active" else "quiet now"
    return f"{humanise(str(item.get('condition', '')))}, {state}"


def describe_fact(name: str, value: object, facts: dict, answers: dict) -> list[tuple[str, str]]:
    """Say one fact a finding rests on, from the client's own answers where they are kept."""
    medicines, health = answers.get("medicines", {}), answers.get("health", {})
    label = fact_label(name, facts)
    if name == "isotretinoin_last_dose_months_ago" and isinstance(value, int | float):
        if value == 0 and medicines.get("isotretinoin") != "stopped":
            return [(label, "still taking it")]
        spoken = f"last dose {months_ago(int(value))}"
        return [(label, _when(spoken, medicines.get("isotretinoin_last_dose")))]
    if name == "cancer_treatment_in_last_months" and isinstance(value, int | float):
        spoken = f"last treatment {months_ago(int(value))}"
        return [(label, _when(spoken, health.get("cancer_last_treatment")))]
    if name == "topical_retinoid_or_aha_last_used_days_ago" and isinstance(value, int | float):
        spoken = f"last used {ago(int(value))}"
        return [(label, _when(spoken, medicines.get("topical_retinoid_last_used")))]
    if name == "recent_procedures" and isinstance(value, list):
        return [_procedure(item, medicines) for item in value if isinstance(item, dict)]
    if name.startswith("skin_conditions_") and isinstance(value, list):
        return [(label, _skin_condition(item)) for item in value if isinstance(item, dict)] or [
            (label, "none")
        ]
    if name == "fitzpatrick" and isinstance(value, int):
        return [(label, f"type {roman(value)}")]
    if name == "allergies" and isinstance(value, list):
        return [(label, ", ".join(humanise(str(v)).lower() for v in value) or "none")]
    if name == "autoimmune_disease" and isinstance(value, str):
        return [(label, value)]
    if isinstance(value, bool):
        return [(label, "yes" if value else "no")]
    if isinstance(value, str):
        return [(label, humanise(value).lower())]
    return [(label, fact_value(value))]


def describe_because(
    because: dict, facts: dict, answers: dict | None = None
) -> list[tuple[str, str]]:
    """Return the answers a finding rests on, as (what, value) in words."""
    rows = []
    for name, value in because.items():
        # Some values are typed text (a condition, a medicine), stored as typed by intakes sent
        # before cleaning: clean them as answers are cleaned when shown.
        described = describe_fact(name, value, facts, answers or {})
        rows.extend((what, clean_text(text)) for what, text in described)
    return rows


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
