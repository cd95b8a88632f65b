"""Commands for operators: assess facts, check a rule set, print the facts schema.

Plain click commands, so they run without a Flask app or a database.
"""

import json
from collections import Counter
from pathlib import Path
from typing import NoReturn

import click

from .ruleset import DEFAULT_RULES_DIR, RuleSetError, get_ruleset, load_ruleset
from .schema import FACTS_SCHEMA, FactsError
from .vocabulary import SEVERITIES

_RULES_DIR = click.Path(file_okay=False, path_type=Path)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    raise click.exceptions.Exit(code)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


@click.command("assess")
@click.argument("facts_file", metavar="FILE|-", type=click.File("r", encoding="utf-8"))
@click.option(
    "--rules",
    "rules_dir",
    type=_RULES_DIR,
    envvar="INTAKE_RULES_DIR",
    help="Rules directory (default: the shipped rules/; env INTAKE_RULES_DIR).",
)
def assess_command(facts_file, rules_dir: Path | None) -> None:
    """Assess the facts JSON in FILE (- for standard input) and print the assessment JSON."""
    try:
        facts = json.load(facts_file, parse_constant=_reject_constant)
    except ValueError as error:
        _fail(f"{facts_file.name}: not valid JSON: {error}", 2)
    try:
        ruleset = get_ruleset(rules_dir)
    except RuleSetError as error:
        _fail("the rule set has problems:\n" + str(error), 1)
    try:
        assessment = ruleset.assess(facts)
    except FactsError as error:
        _fail(f"invalid facts: {error}", 2)
    click.echo(json.dumps(assessment, indent=2, ensure_ascii=False))


@click.group("rules")
def rules_group() -> None:
    """Work with rule sets."""


@rules_group.command("check")
@click.argument("directory", required=False, type=_RULES_DIR)
def check_command(directory: Path | None) -> None:
    """Validate the rule set in DIRECTORY (default: rules/) and run its example cases."""
    directory = directory or DEFAULT_RULES_DIR
    try:
        ruleset = load_ruleset(directory)
    except RuleSetError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        _fail(f"{len(error.problems)} problem(s) in {directory}", 1)
    failures = ruleset.run_examples()
    for failure in failures:
        click.echo(failure, err=True)
    counts = Counter(rule.severity for rule in ruleset.rules)
    by_severity = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    click.echo(f"Rule set {ruleset.version} in {directory}")
    click.echo(f"  {len(ruleset.rules)} rules ({by_severity})")
    click.echo(f"  {len(ruleset.concerns)} concerns, {len(ruleset.sources)} sources")
    passed = len(ruleset.examples) - len(failures)
    click.echo(f"  {passed} of {len(ruleset.examples)} example cases pass")
    if failures:
        _fail(f"{len(failures)} example case(s) failed", 1)


@click.command("facts-schema")
def facts_schema_command() -> None:
    """Print the JSON Schema of the facts the rules read."""
    click.echo(json.dumps(FACTS_SCHEMA, indent=2))
