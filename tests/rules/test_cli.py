"""The assess, rules check and facts-schema commands, run without an app or database."""

import json

import pytest
from click.testing import CliRunner

from intake.rules import FACTS_SCHEMA, get_ruleset
from intake.rules.cli import assess_command, facts_schema_command, rules_group


@pytest.fixture
def runner():
    """Return a CLI runner that keeps stderr apart from stdout."""
    return CliRunner()


def test_assess_reads_a_file_and_prints_the_assessment(runner, tmp_path, facts):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({**facts, "pregnant": True}))
    result = runner.invoke(assess_command, [str(path)])
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.stdout)
    assert assessment["overall"] == "not_suitable"
    assert assessment["rules_version"] == get_ruleset().version


def test_assess_reads_standard_input(runner, facts):
    result = runner.invoke(assess_command, ["-"], input=json.dumps(facts))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["overall"] == "suitable"


def test_assess_names_the_invalid_field_and_exits_2(runner, facts):
    facts["concerns"] = [{"type": "wrinkles", "glogau": 7}]
    result = runner.invoke(assess_command, ["-"], input=json.dumps(facts))
    assert result.exit_code == 2
    assert "concerns[0].glogau: expected an integer from 1 to 4, got 7" in result.stderr
    assert result.stdout == ""


def test_assess_names_every_missing_fact_once(runner):
    result = runner.invoke(assess_command, ["-"], input="{}")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: invalid facts: age: required but missing; "
        "fitzpatrick: required but missing; concerns: required but missing"
    )


@pytest.mark.parametrize("text", ["{", '{"age": NaN}', ""])
def test_assess_refuses_invalid_json_with_exit_2(runner, text):
    result = runner.invoke(assess_command, ["-"], input=text)
    assert result.exit_code == 2
    assert "Error: <stdin>: not valid JSON" in result.stderr


def test_assess_uses_the_rules_directory_from_the_environment(runner, rules_copy, facts):
    path = rules_copy / "ruleset.toml"
    path.write_text(path.read_text().replace('version = "2026.12.1"', 'version = "clinic.7"'))
    result = runner.invoke(
        assess_command, ["-"], input=json.dumps(facts), env={"INTAKE_RULES_DIR": str(rules_copy)}
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rules_version"].startswith("clinic.7+")


def test_assess_with_a_broken_rules_directory_exits_1(runner, rules_copy, facts):
    (rules_copy / "ruleset.toml").write_text("version = ")
    result = runner.invoke(assess_command, ["--rules", str(rules_copy), "-"], input="{}")
    assert result.exit_code == 1
    assert "TOML syntax error" in result.stderr


def test_rules_check_passes_on_the_shipped_rules(runner):
    result = runner.invoke(rules_group, ["check"])
    assert result.exit_code == 0, result.output
    ruleset = get_ruleset()
    assert f"Rule set {ruleset.version}" in result.stdout
    assert f"{len(ruleset.examples)} of {len(ruleset.examples)} example cases pass" in result.stdout


def test_rules_check_lists_problems_and_fails(runner, rules_copy):
    path = rules_copy / "absolute.toml"
    path.write_text(path.read_text().replace('"S62", "S63"', '"S62", "S0"'))
    result = runner.invoke(rules_group, ["check", str(rules_copy)])
    assert result.exit_code == 1
    assert "rule 'pregnancy': unknown source 'S0'" in result.stderr
    assert "1 problem(s) in" in result.stderr


def test_rules_check_fails_when_an_example_fails(runner, rules_copy):
    path = rules_copy / "ruleset.toml"
    path.write_text(
        path.read_text().replace("age_of_majority_years = 18", "age_of_majority_years = 21")
    )
    result = runner.invoke(rules_group, ["check", str(rules_copy)])
    assert result.exit_code == 1
    assert "example '18 without a guardian (outside 18)'" in result.stderr
    assert "example case(s) failed" in result.stderr


def test_facts_schema_prints_the_schema(runner):
    result = runner.invoke(facts_schema_command)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == FACTS_SCHEMA
