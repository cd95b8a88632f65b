"""Compile rule conditions against types taken from the facts schema, and evaluate them."""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import rule_engine
from rule_engine import DataType
from rule_engine.ast import ASTNodeBase
from rule_engine.ast.binary.comparison import LogicExpression
from rule_engine.ast.expression.access import GetAttributeExpression
from rule_engine.ast.expression.control import UnaryExpression
from rule_engine.ast.expression.resolution import SymbolExpression

from .closures import compile_expression
from .schema import CONCERN_FIELDS, CONCERN_PROPERTIES, FACTS_SCHEMA

# The name a concern-scoped condition uses for the concern it is evaluated against.
CONCERN_SYMBOL = "concern"
_OBJECT_LISTS = ("recent_procedures", "skin_conditions_in_area", "skin_conditions_elsewhere")


def _data_type(schema: dict, name: str):
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    kind = next(k for k in kinds if k != "null")
    if kind in ("integer", "number"):
        data_type = DataType.FLOAT
    elif kind == "boolean":
        data_type = DataType.BOOLEAN
    elif kind == "string":
        data_type = DataType.STRING
    elif kind == "array":
        data_type = DataType.ARRAY(_data_type(schema["items"], name + "_item"))
    else:
        attributes = {
            key: _data_type(sub, f"{name}_{key}") for key, sub in schema["properties"].items()
        }
        data_type = DataType.OBJECT(name, attributes)
    return DataType.NULLABLE(data_type) if "null" in kinds else data_type


def _concern_object(name: str, fields: dict[str, bool]):
    """Type a concern; detail fields it need not carry are nullable."""
    attributes = {"type": DataType.STRING}
    for field, required in fields.items():
        data_type = _data_type(CONCERN_PROPERTIES[field], f"{name}_{field}")
        nullable = not required and not DataType.is_type(data_type, DataType.ARRAY)
        attributes[field] = DataType.NULLABLE(data_type) if nullable else data_type
    return DataType.OBJECT(name, attributes)


def _fact_types() -> dict:
    types = {
        name: _data_type(schema, name)
        for name, schema in FACTS_SCHEMA["properties"].items()
        if name != "concerns"
    }
    every_field = {field: False for field in CONCERN_PROPERTIES if field != "type"}
    types["concerns"] = DataType.ARRAY(_concern_object("concern", every_field))
    return types


FACT_TYPES = _fact_types()
_CONCERN_TYPES = {
    concern: _concern_object(f"{concern}_concern", fields)
    for concern, fields in CONCERN_FIELDS.items()
}


@dataclass(frozen=True)
class _Reads:
    """A part of a condition that counts whole: the facts and concern fields it reads."""

    facts: frozenset[str]
    fields: frozenset[str]


@dataclass(frozen=True)
class _AndOr:
    """An "and" or "or": its sides, each with a function evaluating it, and which value decides."""

    deciding: bool
    sides: tuple[tuple[Callable[[dict], Any], "_AndOr | _Reads"], ...]


@dataclass(frozen=True)
class Condition:
    """A compiled condition, the facts it reads, and how to tell which of them made it true."""

    text: str
    rule: rule_engine.Rule
    reads: tuple[str, ...]
    concern_reads: tuple[str, ...]
    # rule-engine's evaluation, through closures compiled once (see closures.py).
    evaluate: Callable[[dict], Any]
    reasons: _AndOr | _Reads

    def matches(self, record: dict) -> bool:
        """Evaluate against a record built by ``evaluation_record`` (plus ``concern``)."""
        return bool(self.evaluate(record))

    def triggered_by(self, record: dict) -> tuple[set[str], set[str]]:
        """Return the facts and concern fields that made this (true) condition true."""
        deciding = list(_deciding_reads(self.reasons, record))
        return {n for r in deciding for n in r.facts}, {n for r in deciding for n in r.fields}


def _deciding_reads(reasons: _AndOr | _Reads, record: dict):
    """Walk only the branches of and/or/not that decided the value; a leaf counts whole."""
    # Following the boolean structure is exact where neutralising a fact is not: a fact such
    # as age has no neutral value, and "a or b" with both true needs neither alone.
    if isinstance(reasons, _Reads):
        yield reasons
        return
    sides = [(side, bool(evaluate(record))) for evaluate, side in reasons.sides]
    # A true "or" is decided by its true sides, a false "and" by its false sides; otherwise
    # every side counts.
    if any(value == reasons.deciding for _, value in sides):
        sides = [(side, value) for side, value in sides if value == reasons.deciding]
    for side, _ in sides:
        yield from _deciding_reads(side, record)


def _reasons(node, reads: tuple[str, ...]) -> _AndOr | _Reads:
    """Lay out once the walk ``triggered_by`` makes over a condition's syntax tree."""
    if isinstance(node, LogicExpression) and node.type in ("and", "or"):
        sides = tuple(
            (compile_expression(side, side.evaluate), _reasons(side, reads))
            for side in (node.left, node.right)
        )
        return _AndOr(node.type == "or", sides)
    if isinstance(node, UnaryExpression) and node.type == "not":
        return _reasons(node.right, reads)
    nodes = list(_walk(node))
    facts = {n.name for n in nodes if isinstance(n, SymbolExpression) and n.name in reads}
    fields = {n.name for n in nodes if _reads_concern(n)}
    return _Reads(frozenset(facts), frozenset(fields))


class ConditionError(ValueError):
    """A condition that does not compile against the facts."""


def compile_condition(text: str, concern: str | None = None) -> Condition:
    """Compile a yes/no condition over the facts, and over one concern of that type if given."""
    types = dict(FACT_TYPES)
    if concern is not None:
        types[CONCERN_SYMBOL] = _CONCERN_TYPES[concern]
    # One context per condition, so that context.symbols lists this condition's facts only.
    context = rule_engine.Context(type_resolver=types, mapping_attribute_lookup=False)
    try:
        rule = rule_engine.Rule(text, context)
    except rule_engine.errors.EngineError as error:
        raise ConditionError(_explain(error)) from None
    nodes = list(_walk(rule.statement))
    # Built-in names ($any, ...) are only resolved when evaluated, so check them now.
    builtins = context.builtins
    unknown = [
        node.name
        for node in nodes
        if isinstance(node, SymbolExpression)
        and node.scope == builtins.scope_name
        and node.name not in builtins
    ]
    if unknown:
        raise ConditionError(f"unknown built-in ${unknown[0]}")
    if rule.statement.expression.result_type != DataType.BOOLEAN:
        raise ConditionError("the condition must be true or false")
    reads = tuple(sorted(name for name in context.symbols if name in FACT_TYPES))
    concern_reads = tuple(sorted({node.name for node in nodes if _reads_concern(node)}))
    expression = rule.statement.expression
    evaluate = compile_expression(expression, rule.evaluate)
    return Condition(text, rule, reads, concern_reads, evaluate, _reasons(expression, reads))


def _explain(error) -> str:
    suggestion = getattr(error, "suggestion", None)
    hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
    if isinstance(error, rule_engine.errors.SymbolResolutionError):
        return f"unknown fact {error.symbol_name!r}{hint}"
    if isinstance(error, rule_engine.errors.AttributeResolutionError):
        return f"unknown field {error.attribute_name!r}{hint}"
    return error.message


def _reads_concern(node) -> bool:
    return (
        isinstance(node, GetAttributeExpression)
        and isinstance(node.object, SymbolExpression)
        and node.object.name == CONCERN_SYMBOL
    )


def _walk(node):
    yield node
    for child in _children(node):
        yield from _walk(child)


def _children(node):
    # AST classes keep their children in __slots__ or in __dict__, depending on the class.
    names = {slot for cls in type(node).__mro__ for slot in getattr(cls, "__slots__", ())}
    names |= set(getattr(node, "__dict__", ()))
    for name in names - {"context"}:
        value = getattr(node, name, None)
        values = value if isinstance(value, (list, tuple)) else (value,)
        yield from (v for v in values if isinstance(v, ASTNodeBase))


def concern_record(concern: dict) -> SimpleNamespace:
    """Return a concern with every detail field present, as conditions expect."""
    fields = {field: None for field in CONCERN_PROPERTIES}
    fields["scar_types"] = []
    fields.update(concern)
    return SimpleNamespace(**fields)


def evaluation_record(facts: dict) -> dict:
    """Turn validated facts into the values conditions are evaluated against."""
    record = dict(facts)
    record["concerns"] = [concern_record(c) for c in facts["concerns"]]
    for name in _OBJECT_LISTS:
        record[name] = [SimpleNamespace(**item) for item in facts[name]]
    return record
