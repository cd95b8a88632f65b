"""Assessments as the specialist reads them: findings by severity, sources, and what changed."""

from dataclasses import dataclass, field

from flask import current_app

from intake import db
from intake.models import Assessment, Submission
from intake.rules import RuleSet
from intake.specialist.vocabulary import CONCERNS, SEVERITIES, label


def current_ruleset() -> RuleSet:
    """Return the rule set the app loaded at start-up (RULES_DIR)."""
    return current_app.extensions["ruleset"]


def reassess(submission: Submission) -> Assessment:
    """Assess the submission's facts with the current rules and add it as its latest assessment.

    The earlier assessments stay as they were. Raises FactsError if the stored facts no
    longer fit the rules' schema.
    """
    result = current_ruleset().assess(submission.facts)
    assessment = Assessment(
        rules_version=result["rules_version"], overall=result["overall"], result=result
    )
    submission.assessments.append(assessment)
    submission.outcome = assessment.overall
    db.session().flush()
    return assessment


def findings_by_severity(result: dict) -> list[tuple[str, list[dict]]]:
    """Group an assessment's flags by severity, most serious first; empty groups left out."""
    order = list(SEVERITIES)
    groups: dict[str, list[dict]] = {}
    for flag in result.get("flags", []):
        groups.setdefault(flag.get("severity", "advisory"), []).append(flag)
    ranked = sorted(groups, key=lambda s: order.index(s) if s in order else len(order))
    return [(severity, groups[severity]) for severity in ranked]


def _fact_label(name: str, facts: dict) -> str:
    # Concern facts are read as "concerns[0].severity": name the concern instead of its index.
    if name.startswith("concerns[") and "]." in name:
        index, attribute = name[len("concerns[") :].split("].", 1)
        concerns = facts.get("concerns", [])
        concern = (
            concerns[int(index)]["type"] if index.isdigit() and int(index) < len(concerns) else ""
        )
        return f"{label(CONCERNS, concern)}: {attribute.replace('_', ' ')}"
    return name.replace("_", " ").capitalize()


def _fact_value(value) -> str:
    if value is None:
        return "none"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return "; ".join(_fact_value(item) for item in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {_fact_value(v)}" for k, v in value.items())
    return str(value).replace("_", " ")


def describe_because(because: dict, facts: dict) -> list[tuple[str, str]]:
    """Return the facts a finding read, as (what, value) in words."""
    return [(_fact_label(name, facts), _fact_value(value)) for name, value in because.items()]


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
