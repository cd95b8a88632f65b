"""The app assesses with the configured rule set and exposes the rule commands."""

import json

from intake.rules import current_ruleset


def test_app_loads_the_configured_rule_set(app):
    with app.app_context():
        assert current_ruleset().version.startswith(current_ruleset().declared_version + "+")


def test_flask_cli_exposes_the_rule_commands(runner):
    facts = {"age": 30, "fitzpatrick": 3, "concerns": [{"type": "texture"}], "pregnant": True}
    result = runner.invoke(args=["assess", "-"], input=json.dumps(facts))
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.output)
    assert assessment["overall"] == "not_suitable"
    assert "pregnancy" in {flag["id"] for flag in assessment["flags"]}
    assert runner.invoke(args=["rules", "check"]).exit_code == 0
    assert '"$schema"' in runner.invoke(args=["facts-schema"]).output
