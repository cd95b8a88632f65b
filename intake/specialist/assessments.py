"""Assessments as the specialist reads them: findings by severity, sources, and what changed."""

from dataclasses import dataclass, field

from intake.models import Assessment
from intake.rules.vocabulary import severity_rank


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
