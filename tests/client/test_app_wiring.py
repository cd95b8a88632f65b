"""The app loads its rule set once at start-up and refuses to start with a broken one."""

import pytest

from intake import create_app


def test_rule_set_is_loaded_at_start_up(app):
    ruleset = app.extensions["ruleset"]
    assert ruleset.version and "+" in ruleset.version


def test_broken_rule_set_stops_the_app_with_the_reason(tmp_path, database_url):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ruleset.toml").write_text("this is = = not toml")
    config = {"SECRET_KEY": "x", "DATABASE_URL": database_url, "RULES_DIR": str(rules)}
    with pytest.raises(SystemExit) as stopped:
        create_app(config, instance_path=str(tmp_path / "instance"))
    # One line, pointing to the command that lists each problem.
    message = str(stopped.value.code)
    assert message.startswith(f"intake cannot start: the rule set in {rules} has ")
    assert message.endswith(f"problem(s); `flask rules check {rules}` lists them")
    assert "\n" not in message
