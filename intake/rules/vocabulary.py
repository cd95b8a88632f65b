"""The codes an assessment is written in (severities, outcomes, ratings) and their words.

The one list of each: the rule files are checked against these codes, and the specialist's
pages and the PDF summary name each code with these words (through intake.wording).
"""

# Most serious first: the order findings are ranked and shown in.
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


def severity_rank(severity: str) -> int:
    """Rank a severity, most serious first; one a newer rule set added comes last."""
    order = list(SEVERITIES)
    return order.index(severity) if severity in order else len(order)
