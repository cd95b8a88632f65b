"""The rule set: facts schema, rule files, explainable assessment and its commands."""

from pathlib import Path

from flask import Flask, current_app

from intake.config import ConfigurationError

from .ruleset import DEFAULT_RULES_DIR, RuleSet, RuleSetError, get_ruleset, load_ruleset
from .schema import FACTS_SCHEMA, FactsError, validate_facts

__all__ = [
    "DEFAULT_RULES_DIR",
    "FACTS_SCHEMA",
    "FactsError",
    "RuleSet",
    "RuleSetError",
    "current_ruleset",
    "get_ruleset",
    "init_app",
    "load_ruleset",
    "validate_facts",
]


def init_app(app: Flask) -> None:
    """Compile the configured rule set once; an invalid one stops the app from starting."""
    try:
        app.extensions["ruleset"] = get_ruleset(Path(app.config["RULES_DIR"]))
    except RuleSetError as error:
        # An app that cannot assess must not accept intakes: refuse to start, saying why.
        directory = app.config["RULES_DIR"]
        raise ConfigurationError(
            f"the rule set in {directory} has {len(error.problems)} problem(s); "
            f"`flask rules check {directory}` lists them"
        ) from None


def current_ruleset() -> RuleSet:
    """Return the rule set the running app assesses with."""
    return current_app.extensions["ruleset"]
