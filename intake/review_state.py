"""Where an intake stands in the specialist's work, and what the dashboard says about it."""

# The statuses in the order the work goes: a decision of "needs in-person consultation" is
# not "decided", because the client still has to be seen; a decided intake whose
# re-assessment came out worse waits again as "re_review".
STATUSES = ("new", "viewed", "decided", "consultation", "re_review")
OPEN = ("new", "viewed")
DECIDED = ("decided", "consultation")
# The rules' outcomes a specialist must look at before the others.
URGENT_OUTCOMES = ("not_suitable", "needs_specialist_review")
URGENT_SEVERITIES = ("absolute", "review")


# Every rank review_urgency gives, highest first: the dashboard reads each one in turn.
URGENCIES = (2, 1, 0)


def review_urgency(status: str | None, outcome: str | None) -> int:
    """Rank an intake for the dashboard's default order: the highest comes first."""
    if status == "re_review":
        return 2
    if status in OPEN and outcome in URGENT_OUTCOMES:
        return 1
    return 0


def urgent_titles(result: dict) -> list[str]:
    """Return the titles of an assessment's absolute and review findings, most serious first."""
    return [
        flag["title"]
        for severity in URGENT_SEVERITIES
        for flag in result.get("flags", [])
        if flag.get("severity") == severity
    ]


def status_after_decision(decision_outcome: str) -> str:
    """Return the status a decision leaves the intake in."""
    return "consultation" if decision_outcome == "needs_consultation" else "decided"


def worse(before: dict, after: dict) -> bool:
    """Say whether a re-assessment changed the outcome or added an absolute or review finding."""
    if before.get("overall") != after.get("overall"):
        return True
    known = {(f.get("id"), f.get("concern"), f.get("severity")) for f in before.get("flags", [])}
    return any(
        (f.get("id"), f.get("concern"), f.get("severity")) not in known
        for f in after.get("flags", [])
        if f.get("severity") in URGENT_SEVERITIES
    )
