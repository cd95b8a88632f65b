"""The app assesses with the configured rule set and refuses to start with a broken one."""

import json
import shutil

import pytest

from intake import create_app
from intake.config import PROJECT_ROOT
from intake.rules import RuleSetError, current_ruleset


def test_app_loads_the_configured_rule_set(app):
    with app.app_context():
        assert current_ruleset().version.startswith(current_ruleset().declared_version + "+")


def test_app_refuses_to_start_with_an_invalid_rule_set(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(PROJECT_ROOT / "rules", rules)
    broken = rules / "absolute.toml"
    broken.write_text(broken.read_text().replace("pregnant", "pregnnat", 1))
    with pytest.raises(RuleSetError, match="pregnnat"):
        create_app(
            {"SECRET_KEY": "x", "RULES_DIR": str(rules), "DATABASE_URL": "sqlite://"},
            instance_path=str(tmp_path / "instance"),
        )


def test_flask_cli_exposes_the_rule_commands(runner):
    facts = {"age": 30, "fitzpatrick": 3, "concerns": [{"type": "texture"}], "pregnant": True}
    result = runner.invoke(args=["assess", "-"], input=json.dumps(facts))
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.output)
    assert assessment["overall"] == "not_suitable"
    assert "pregnancy" in {flag["id"] for flag in assessment["flags"]}
    assert runner.invoke(args=["rules", "check"]).exit_code == 0
    assert '"$schema"' in runner.invoke(args=["facts-schema"]).output
