"""The rule set: facts schema, rule files, explainable assessment and its commands."""

from .ruleset import DEFAULT_RULES_DIR, RuleSet, RuleSetError, get_ruleset, load_ruleset
from .schema import FACTS_SCHEMA, FactsError, validate_facts

__all__ = [
    "DEFAULT_RULES_DIR",
    "FACTS_SCHEMA",
    "FactsError",
    "RuleSet",
    "RuleSetError",
    "get_ruleset",
    "load_ruleset",
    "validate_facts",
]
