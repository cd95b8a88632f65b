"""Assessments as the specialist reads them: findings by severity, sources, and what changed."""

from dataclasses import dataclass, field

from flask import current_app

from intake import db
from intake.models import Assessment, Submission
from intake.review_state import DECIDED, worse
from intake.rules import RuleSet
from intake.wording import severity_rank


def current_ruleset() -> RuleSet:
    """Return the rule set the app loaded at start-up (RULES_DIR)."""
    return current_app.extensions["ruleset"]


def reassess(submission: Submission) -> Assessment:
    """Assess the submission's facts with the current rules and add it as its latest assessment.

    The earlier assessments stay as they were. A decided intake that comes out worse (another
    outcome, or a new absolute or review finding) goes back to the specialist as "re_review".
    Raises FactsError if the stored facts no longer fit the rules' schema.
    """
    previous = submission.latest_assessment
    result = current_ruleset().assess(submission.facts)
    assessment = Assessment(
        rules_version=result["rules_version"], overall=result["overall"], result=result
    )
    submission.take_assessment(assessment)
    if submission.status in DECIDED and worse(previous.result, result):
        submission.status = "re_review"
    db.session().flush()
    return assessment


def findings_by_severity(result: dict) -> list[tuple[str, list[dict]]]:
    """Group an assessment's flags by severity, most serious first; empty groups left out."""
    groups: dict[str, list[dict]] = {}
    for flag in result.get("flags", []):
        groups.setdefault(flag.get("severity", "advisory"), []).append(flag)
    return [(severity, groups[severity]) for severity in sorted(groups, key=severity_rank)]


def _key(flag: dict) -> tuple:
    return (flag.get("id"), flag.get("concern"))


@dataclass
class Changes:
    """What a re-assessment changed compared with the assessment before it."""

    before: Assessment
    after: Assessment
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    severity_changed: list[tuple[dict, dict]] = field(default_factory=list)
    ratings_changed: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    @property
    def overall_changed(self) -> bool:
        return self.before.overall != self.after.overall

    @property
    def anything(self) -> bool:
        return bool(
            self.overall_changed
            or self.added
            or self.removed
            or self.severity_changed
            or self.ratings_changed
        )


def changes_between(before: Assessment, after: Assessment) -> Changes:
    """Compare two assessments of one submission: outcome, findings and concern ratings."""
    changes = Changes(before, after)
    old = {_key(flag): flag for flag in before.result.get("flags", [])}
    new = {_key(flag): flag for flag in after.result.get("flags", [])}
    changes.added = [new[key] for key in new if key not in old]
    changes.removed = [old[key] for key in old if key not in new]
    changes.severity_changed = [
        (old[key], new[key])
        for key in new
        if key in old and old[key].get("severity") != new[key].get("severity")
    ]
    old_ratings = before.result.get("per_concern", {})
    new_ratings = after.result.get("per_concern", {})
    for concern in sorted(set(old_ratings) | set(new_ratings)):
        was = old_ratings.get(concern, {}).get("rating")
        now = new_ratings.get(concern, {}).get("rating")
        if was != now:
            changes.ratings_changed.append((concern, was, now))
    return changes
