"""The words the specialist pages use for stored codes: outcomes, statuses, concerns, severities."""

from flask_babel import lazy_gettext as _l

OUTCOMES = {
    "suitable": _l("Suitable"),
    "suitable_with_precautions": _l("Suitable with precautions"),
    "needs_specialist_review": _l("Needs specialist review"),
    "not_suitable": _l("Not suitable"),
}

STATUSES = {
    "new": _l("New"),
    "in_review": _l("In review"),
    "decided": _l("Decided"),
}

CONCERNS = {
    "wrinkles": _l("Wrinkles and fine lines"),
    "acne_scars": _l("Acne scars"),
    "pigmentation": _l("Pigmentation"),
    "enlarged_pores": _l("Enlarged pores"),
    "texture": _l("Texture"),
}

# Most serious first: the order findings are shown in.
SEVERITIES = {
    "absolute": _l("Do not treat at this visit"),
    "review": _l("Specialist review"),
    "precaution": _l("Precautions"),
    "advisory": _l("Advice for the concern"),
}

RATINGS = {
    "good_candidate": _l("Good candidate"),
    "fair_candidate": _l("Fair candidate"),
    "poor_candidate": _l("Poor candidate"),
}


def label(vocabulary: dict, code: str | None) -> str:
    """Return the words for a code, or the code itself if a newer rule set introduced it."""
    if code is None:
        return ""
    return str(vocabulary.get(code, code.replace("_", " ")))
