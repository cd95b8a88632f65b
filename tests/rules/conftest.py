"""Fixtures for the rule set tests: the shipped rule set, a copy to break, simple facts."""

import shutil

import pytest

from intake.rules import DEFAULT_RULES_DIR, get_ruleset


@pytest.fixture
def ruleset():
    """Return the shipped rule set."""
    return get_ruleset()


@pytest.fixture
def rules_copy(tmp_path):
    """Copy the shipped rule files into a temporary directory a test may edit."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


@pytest.fixture
def facts():
    """Return facts with nothing to report: an adult, Fitzpatrick III, texture only."""
    return {"age": 30, "fitzpatrick": 3, "concerns": [{"type": "texture"}]}
