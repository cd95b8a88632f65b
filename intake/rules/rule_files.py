"""Read the TOML files of a rule set into rules, concern cases and examples; note every problem."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .expressions import Condition, ConditionError, compile_condition
from .schema import CONCERN_TYPES, FactsError, validate_facts
from .vocabulary import OUTCOMES, RATINGS, SEVERITIES

PLAN_RANGES = ("needle_depth_mm", "sessions", "interval_weeks")
PLAN_LISTS = ("adjuncts", "alternatives")
LANGUAGE = "en"

_TOP_KEYS = {"version", "parameters", "sources", "rule", "concern", "example", "example_defaults"}
_RULE_KEYS = {
    "id",
    "flag",
    "severity",
    "concern",
    "when",
    "sources",
    "contested",
    "reference",
    "text",
}
_RULE_REQUIRED = ("id", "severity", "when", "sources", "contested", "text")
_CONCERN_KEYS = {"type", "sources", "notes", "plan", "case"}
_CASE_KEYS = {"id", "when", "rating", "notes", "plan"}
_EXAMPLE_KEYS = {"name", "facts", "overall", "flags", "ratings"}
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class Rule:
    """A condition that raises a flag of one severity."""

    id: str
    flag: str
    severity: str
    concern: str | None
    condition: Condition
    text: dict[str, dict[str, str]]
    sources: tuple[str, ...]
    contested: bool


@dataclass(frozen=True)
class PlanItem:
    """An adjunct or alternative, and the condition under which it fits (None: always)."""

    text: str
    condition: Condition | None


@dataclass(frozen=True)
class Case:
    """One rating of a concern, with the plan and notes that go with it."""

    id: str
    condition: Condition | None
    rating: str
    notes: str
    plan: dict


@dataclass(frozen=True)
class ConcernRules:
    """The ordered rating cases of one concern type."""

    type: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class Example:
    """Facts and the outcome, flags and ratings they must give."""

    name: str
    where: str
    facts: dict
    overall: str
    flags: frozenset[str]
    ratings: dict[str, str]


@dataclass
class Parsed:
    """Everything read from the files, and what is wrong with it."""

    version: str | None = None
    parameters: dict = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    concerns: dict[str, ConcernRules] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class _File:
    path: Path
    text: str
    data: dict

    def where(self, item_id: str | None = None) -> str:
        """Name this file, and the line that declares ``item_id`` if there is one."""
        if item_id:
            pattern = re.compile(rf"""^\s*(id|name|type)\s*=\s*["']{re.escape(item_id)}["']""")
            for number, line in enumerate(self.text.splitlines(), start=1):
                if pattern.match(line):
                    return f"{self.path}:{number}"
        return str(self.path)


def read_files(directory: Path) -> tuple[list[tuple[Path, bytes]], Parsed]:
    """Read and parse every ``*.toml`` file of a rule set directory."""
    parsed = Parsed()
    contents = [(path, path.read_bytes()) for path in sorted(directory.glob("*.toml"))]
    if not contents:
        parsed.problems.append(f"{directory}: no .toml rule files found")
        return contents, parsed
    files = []
    for path, raw in contents:
        try:
            text = raw.decode("utf-8")
            files.append(_File(path, text, tomllib.loads(text)))
        except UnicodeDecodeError as error:
            parsed.problems.append(f"{path}: not UTF-8 text ({error.reason})")
        except tomllib.TOMLDecodeError as error:
            # tomllib puts "(at line N, column M)" in its message.
            parsed.problems.append(f"{path}: TOML syntax error: {error}")
    _read_globals(files, parsed)
    for file in files:
        for table in _tables(file, file.data, "rule", parsed):
            _read_rule(file, table, parsed)
        for table in _tables(file, file.data, "concern", parsed):
            _read_concern(file, table, parsed)
    for concern_type in CONCERN_TYPES:
        if concern_type not in parsed.concerns:
            parsed.problems.append(f"{directory}: no [[concern]] rates {concern_type!r}")
    _check_unique_ids(parsed)
    # Examples are checked against rules that load; broken rules would only add noise.
    if not parsed.problems:
        for file in files:
            _read_examples(file, parsed)
    return contents, parsed


def _tables(file: _File, data: dict, key: str, parsed: Parsed) -> list[dict]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        parsed.problems.append(f"{file.path}: {key!r} must be written as [[...{key}]] tables")
        return []
    return tables


def _table(file: _File, data: dict, key: str, parsed: Parsed) -> dict:
    table = data.get(key, {})
    if not isinstance(table, dict):
        parsed.problems.append(f"{file.path}: {key!r} must be a table")
        return {}
    return table


def _read_globals(files: list[_File], parsed: Parsed) -> None:
    for file in files:
        for key in sorted(set(file.data) - _TOP_KEYS):
            parsed.problems.append(f"{file.path}: unknown top-level key {key!r}")
        if "version" in file.data:
            version = file.data["version"]
            if parsed.version is not None:
                parsed.problems.append(f"{file.path}: version is declared in more than one file")
            elif not isinstance(version, str) or not version:
                parsed.problems.append(f"{file.path}: version must be a non-empty string")
            else:
                parsed.version = version
        for name, value in _table(file, file.data, "parameters", parsed).items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                parsed.problems.append(f"{file.path}: parameter {name!r} must be a number")
            elif name in parsed.parameters:
                parsed.problems.append(f"{file.path}: parameter {name!r} is defined twice")
            else:
                parsed.parameters[name] = value
        for source_id, citation in _table(file, file.data, "sources", parsed).items():
            if not isinstance(citation, str) or not citation.strip():
                parsed.problems.append(f"{file.path}: source {source_id!r} needs a citation text")
            elif source_id in parsed.sources:
                parsed.problems.append(f"{file.path}: source {source_id!r} is defined twice")
            else:
                parsed.sources[source_id] = citation
    if parsed.version is None and files:
        parsed.problems.append("no file declares the rule set's version")


def _render(text: str, parameters: dict) -> tuple[str, list[str]]:
    """Put parameter values in place of ``${name}``; return the text and any unknown names."""
    unknown = [name for name in _PLACEHOLDER.findall(text) if name not in parameters]
    rendered = _PLACEHOLDER.sub(lambda m: _number(parameters.get(m.group(1), 0)), text)
    return rendered, unknown


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class _Reporter:
    """Collect problems about one item of one file."""

    def __init__(self, file: _File, kind: str, item_id: object, parsed: Parsed):
        self.prefix = (
            f"{file.where(item_id if isinstance(item_id, str) else None)}: {kind} {item_id!r}"
        )
        self.problems = parsed.problems
        self.count = 0

    def __call__(self, message: str) -> None:
        self.problems.append(f"{self.prefix}: {message}")
        self.count += 1


def _check_keys(table: dict, allowed: set, required: tuple, report: _Reporter) -> None:
    for key in sorted(set(table) - allowed):
        report(f"unknown key {key!r}")
    for key in required:
        if key not in table:
            report(f"missing {key!r}")


def _compile(table: dict, concern: str | None, parsed: Parsed, report: _Reporter):
    when = table.get("when")
    if not isinstance(when, str) or not when.strip():
        report("'when' must be a non-empty condition")
        return None
    text, unknown = _render(when, parsed.parameters)
    for name in unknown:
        report(f"condition uses unknown parameter ${{{name}}}")
    if unknown:
        return None
    try:
        return compile_condition(text, concern)
    except ConditionError as error:
        report(f"condition {text!r}: {error}")
        return None


def _read_rule(file: _File, table: dict, parsed: Parsed) -> None:
    report = _Reporter(file, "rule", table.get("id"), parsed)
    _check_keys(table, _RULE_KEYS, _RULE_REQUIRED, report)
    rule_id, flag = table.get("id"), table.get("flag", table.get("id"))
    for name, value in (("id", rule_id), ("flag", flag)):
        if not isinstance(value, str) or not _IDENTIFIER.match(value):
            report(f"{name} must be lower_snake_case")
    severity, concern = table.get("severity"), table.get("concern")
    if severity not in SEVERITIES:
        report(f"severity must be one of {', '.join(SEVERITIES)}")
    if concern is not None and concern not in CONCERN_TYPES:
        report(f"concern must be one of {', '.join(CONCERN_TYPES)}")
        concern = None
    if not isinstance(table.get("contested", False), bool):
        report("contested must be true or false")
    sources = _read_sources(table.get("sources", []), parsed, report)
    text = _read_text(table.get("text", {}), parsed, report)
    condition = _compile(table, concern, parsed, report)
    if report.count == 0:
        parsed.rules.append(
            Rule(rule_id, flag, severity, concern, condition, text, sources, table["contested"])
        )


def _read_sources(sources: object, parsed: Parsed, report: _Reporter) -> tuple[str, ...]:
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        report("sources must be a list of source ids")
        return ()
    for source_id in sources:
        if source_id not in parsed.sources:
            report(f"unknown source {source_id!r}")
    return tuple(sources)


def _read_text(text: object, parsed: Parsed, report: _Reporter) -> dict:
    if not isinstance(text, dict) or LANGUAGE not in text:
        report(f"missing [rule.text.{LANGUAGE}] with a title and an explanation")
        return {}
    rendered = {}
    for language, entry in text.items():
        entry = entry if isinstance(entry, dict) else {}
        for key in sorted(set(entry) - {"title", "explanation"}):
            report(f"text.{language}: unknown key {key!r}")
        rendered[language] = {}
        for key in ("title", "explanation"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                report(f"text.{language}: missing {key}")
                continue
            rendered[language][key], unknown = _render(value, parsed.parameters)
            for name in unknown:
                report(f"text.{language}.{key} uses unknown parameter ${{{name}}}")
    return rendered


def _read_plan(plan: object, report: _Reporter) -> dict:
    if not isinstance(plan, dict):
        report("plan must be a table")
        return {}
    for key in sorted(set(plan) - set(PLAN_RANGES) - set(PLAN_LISTS)):
        report(f"plan: unknown key {key!r}")
    for key in PLAN_RANGES:
        value = plan.get(key, [0, 0])
        if value == []:
            # A case may say that no number applies to it, for one its concern's plan gives.
            continue
        numbers = isinstance(value, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in value
        )
        if not numbers or len(value) != 2 or value[0] > value[1]:
            report(f"plan: {key} must be [low, high], two numbers with low <= high")
    for key in PLAN_LISTS:
        value = plan.get(key, [])
        if not isinstance(value, list) or not all(_plan_item(v) for v in value):
            report(
                f"plan: {key} must be a list of texts, or of {{ text = ..., when = ... }} tables"
            )
    return plan


def _plan_item(item: object) -> bool:
    if isinstance(item, str):
        return True
    return (
        isinstance(item, dict)
        and set(item) == {"text", "when"}
        and isinstance(item["text"], str)
        and bool(item["text"].strip())
    )


def _compile_plan_lists(plan: dict, concern: str, parsed: Parsed, report: _Reporter) -> dict:
    """Pair each adjunct and alternative with the condition under which it fits the client."""
    compiled = dict(plan)
    for key in PLAN_LISTS:
        items = plan.get(key, [])
        if not isinstance(items, list) or not all(_plan_item(v) for v in items):
            continue
        compiled[key] = tuple(
            PlanItem(item, None)
            if isinstance(item, str)
            else PlanItem(item["text"], _compile(item, concern, parsed, report))
            for item in items
        )
    return compiled


def _read_concern(file: _File, table: dict, parsed: Parsed) -> None:
    concern_type = table.get("type")
    report = _Reporter(file, "concern", concern_type, parsed)
    _check_keys(table, _CONCERN_KEYS, ("type", "sources", "plan", "case"), report)
    if concern_type not in CONCERN_TYPES:
        report(f"type must be one of {', '.join(CONCERN_TYPES)}")
        return
    if concern_type in parsed.concerns:
        report("is defined twice")
    _read_sources(table.get("sources", []), parsed, report)
    base_plan = _read_plan(table.get("plan", {}), report)
    general_notes = table.get("notes", "")
    if not isinstance(general_notes, str):
        report("notes must be a text")
        general_notes = ""
    cases = []
    tables = _tables(file, table, "case", parsed)
    for position, case in enumerate(tables):
        case_report = _Reporter(file, "case", case.get("id"), parsed)
        _check_keys(case, _CASE_KEYS, ("id", "rating", "notes"), case_report)
        if not isinstance(case.get("id"), str) or not _IDENTIFIER.match(case["id"]):
            case_report("id must be lower_snake_case")
        if case.get("rating") not in RATINGS:
            case_report(f"rating must be one of {', '.join(RATINGS)}")
        if not isinstance(case.get("notes", ""), str):
            case_report("notes must be a text")
        last = position == len(tables) - 1
        if last and "when" in case:
            case_report("the last case of a concern must have no 'when' (it catches the rest)")
        if not last and "when" not in case:
            case_report("only the last case of a concern may leave out 'when'")
        condition = _compile(case, concern_type, parsed, case_report) if "when" in case else None
        plan = {**base_plan, **_read_plan(case.get("plan", {}), case_report)}
        plan = _compile_plan_lists(plan, concern_type, parsed, case_report)
        notes = " ".join(n for n in (case.get("notes"), general_notes) if isinstance(n, str) and n)
        cases.append(Case(case.get("id"), condition, case.get("rating"), notes, plan))
    if not cases:
        report("needs at least one [[concern.case]]")
    parsed.concerns[concern_type] = ConcernRules(concern_type, tuple(cases))


def _check_unique_ids(parsed: Parsed) -> None:
    seen = set()
    ids = [rule.id for rule in parsed.rules]
    ids += [case.id for concern in parsed.concerns.values() for case in concern.cases]
    for item_id in ids:
        if item_id in seen:
            parsed.problems.append(f"id {item_id!r} is used by more than one rule or case")
        seen.add(item_id)


def _read_examples(file: _File, parsed: Parsed) -> None:
    defaults = _table(file, file.data, "example_defaults", parsed)
    flag_ids = {rule.flag for rule in parsed.rules}
    for table in _tables(file, file.data, "example", parsed):
        report = _Reporter(file, "example", table.get("name"), parsed)
        _check_keys(table, _EXAMPLE_KEYS, ("name", "facts", "overall", "flags"), report)
        if table.get("overall") not in OUTCOMES:
            report(f"overall must be one of {', '.join(OUTCOMES)}")
        flags = table.get("flags", [])
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            report("flags must be a list of flag ids")
            flags = []
        for flag in sorted(set(flags) - flag_ids):
            report(f"expects flag {flag!r}, which no rule raises")
        ratings = _table(file, table, "ratings", parsed)
        for concern, rating in ratings.items():
            if concern not in CONCERN_TYPES or rating not in RATINGS:
                report(f"ratings: {concern} = {rating!r} is not a concern and a rating")
        try:
            facts = validate_facts({**defaults, **_table(file, table, "facts", parsed)})
        except FactsError as error:
            report(f"invalid facts: {error}")
            continue
        if report.count == 0:
            where = file.where(table["name"])
            example = Example(
                table["name"], where, facts, table["overall"], frozenset(flags), ratings
            )
            parsed.examples.append(example)
