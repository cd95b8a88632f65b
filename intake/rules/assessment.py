"""Apply rules to validated facts: flags in decision order, then a rating and plan per concern."""

from .expressions import CONCERN_SYMBOL, evaluation_record
from .rule_files import LANGUAGE, PLAN_LISTS, PLAN_RANGES, ConcernRules, Rule
from .vocabulary import SEVERITIES, severity_rank

# Section G decision order: the most severe flag decides; advisory flags never do.
_OUTCOME = {
    "absolute": "not_suitable",
    "review": "needs_specialist_review",
    "precaution": "suitable_with_precautions",
}


def assess_facts(
    facts: dict, rules: list[Rule], concerns: dict[str, ConcernRules], version: str
) -> dict:
    """Assess facts already validated by ``validate_facts``."""
    record = evaluation_record(facts)
    raised: dict[tuple, tuple[Rule, dict]] = {}
    for rule in rules:
        for index, scope in _scopes(rule, record):
            if rule.condition.matches(scope):
                key = (rule.flag, rule.concern)
                # Rules may share a flag id (one per severity); the most severe one stands.
                if key not in raised or _rank(rule) < _rank(raised[key][0]):
                    raised[key] = (rule, _because(rule, facts, scope, index))
    ordered = sorted(raised.values(), key=lambda item: _rank(item[0]))
    flags = [_flag(rule, because) for rule, because in ordered]
    severities = [flag["severity"] for flag in flags]
    overall = next((_OUTCOME[s] for s in SEVERITIES if s in severities and s in _OUTCOME), None)
    per_concern = {}
    for index, concern in enumerate(facts["concerns"]):
        scope = dict(record, **{CONCERN_SYMBOL: record["concerns"][index]})
        per_concern[concern["type"]] = _rate(concerns[concern["type"]], scope)
    return {
        "rules_version": version,
        "overall": overall or "suitable",
        "flags": flags,
        "per_concern": per_concern,
    }


def flag_severity(facts: dict, rules: list[Rule], flag: str, concern: str | None) -> str | None:
    """Return the severity the rules raise one flag at for validated facts (None: not raised)."""
    record = evaluation_record(facts)
    raised = [
        rule
        for rule in rules
        if rule.flag == flag
        and rule.concern == concern
        and any(rule.condition.matches(scope) for _index, scope in _scopes(rule, record))
    ]
    return min(raised, key=_rank).severity if raised else None


def _rank(rule: Rule) -> int:
    return severity_rank(rule.severity)


def _scopes(rule: Rule, record: dict):
    """Yield what a rule is evaluated against: the facts, or each concern of its type in turn."""
    if rule.concern is None:
        yield None, record
        return
    for index, concern in enumerate(record["concerns"]):
        if concern.type == rule.concern:
            yield index, dict(record, **{CONCERN_SYMBOL: concern})


def _because(rule: Rule, facts: dict, scope: dict, index: int | None) -> dict:
    """Return the facts that made the rule's condition true, not every fact it read."""
    names, fields = rule.condition.triggered_by(scope)
    because = {name: _items_that_count(rule, facts, scope, name) for name in sorted(names)}
    if index is not None:
        concern = facts["concerns"][index]
        for name in sorted(fields):
            because[f"concerns[{index}].{name}"] = concern.get(name)
    return because


def _items_that_count(rule: Rule, facts: dict, scope: dict, name: str):
    """Keep the items of a list fact that alone make the condition true (the recent laser,
    not also the filler of last year); all of them when none does alone."""
    value = facts[name]
    if not isinstance(value, list) or len(value) < 2:
        return value
    kept = []
    for position, item in enumerate(value):
        alone = dict(scope, **{name: [scope[name][position]]})
        if rule.condition.evaluate(alone):
            kept.append(item)
    return kept or value


def _flag(rule: Rule, because: dict) -> dict:
    text = rule.text[LANGUAGE]
    return {
        "id": rule.flag,
        "severity": rule.severity,
        "concern": rule.concern,
        "title": text["title"],
        "explanation": text["explanation"],
        "because": because,
        "sources": list(rule.sources),
        "contested": rule.contested,
    }


def _rate(concern: ConcernRules, scope: dict) -> dict:
    # The parser guarantees that the last case has no condition, so one always applies.
    case = next(c for c in concern.cases if c.condition is None or c.condition.matches(scope))
    plan = {key: list(case.plan[key]) if case.plan.get(key) else None for key in PLAN_RANGES}
    # An adjunct with a condition is named only when it fits this client and this concern.
    plan.update(
        {
            key: [
                item.text
                for item in case.plan.get(key, ())
                if item.condition is None or item.condition.matches(scope)
            ]
            for key in PLAN_LISTS
        }
    )
    return {"rating": case.rating, "plan": plan, "notes": case.notes}
