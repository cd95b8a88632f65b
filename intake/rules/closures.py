"""Turn a parsed rule-engine expression into nested Python closures that give its values.

rule-engine walks its syntax tree and checks every value's type on each evaluation, which is
most of an assessment's time. A rule set is parsed once and evaluated against facts of the
types the facts schema declares, so each tree is walked once, here. A closure handles only
values of the declared types and raises on anything else; ``compile_expression`` then lets
rule-engine evaluate that record, so both the values and the errors are rule-engine's.
"""

import operator
from decimal import Decimal
from types import NoneType, SimpleNamespace

from rule_engine import DataType
from rule_engine.ast import (
    ArithmeticComparisonExpression,
    ArrayExpression,
    BooleanExpression,
    CoalesceExpression,
    ComparisonExpression,
    ComprehensionExpression,
    ContainsExpression,
    FloatExpression,
    GetAttributeExpression,
    LogicExpression,
    NullExpression,
    StringExpression,
    SymbolExpression,
    UnaryExpression,
)

_CONSTANTS = (BooleanExpression, FloatExpression, NullExpression, StringExpression)
_ORDERINGS = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}


class Unsupported(Exception):
    """A node type (or a type of value) the closures do not cover; rule-engine evaluates it."""


class _Unexpected(Exception):
    """A value of a type the schema does not declare: only rule-engine knows what it gives."""


def compile_expression(node, slow):
    """Return a function of a record giving ``slow(record)``, faster; ``slow`` if not possible.

    ``slow`` is the rule-engine evaluation of ``node`` (``Rule.evaluate`` or ``node.evaluate``).
    """
    try:
        fast = _compile(node, ())
    except Unsupported:
        return slow

    def evaluate(record):
        try:
            return fast(record, ())
        except Exception:
            # A value the schema does not allow, or an error: rule-engine decides which.
            return slow(record)

    return evaluate


def _compile(node, variables: tuple[str, ...]):
    """Return ``f(record, values)``; ``values`` holds the comprehension variables in scope."""
    kind = type(node)
    if kind in _CONSTANTS:
        value = node.value
        return lambda record, values: value
    if kind not in _COMPILERS:
        raise Unsupported(kind.__name__)
    return _COMPILERS[kind](node, variables)


def _array(node, variables):
    if all(type(member) in _CONSTANTS for member in node.value):
        constant = tuple(member.value for member in node.value)
        return lambda record, values: constant
    members = [_compile(member, variables) for member in node.value]
    return lambda record, values: tuple(member(record, values) for member in members)


def _symbol(node, variables):
    if node.scope is not None:
        raise Unsupported("built-in symbol")
    accept = _acceptor(node.result_type)
    name = node.name
    # rule-engine looks a name up in the comprehensions around it first, outermost first.
    if name in variables:
        position = variables.index(name)
        return lambda record, values: accept(values[position])
    return lambda record, values: accept(record[name])


def _attribute(node, variables):
    object_type = node._object_type  # set when the object is typed OBJECT: read with its accessor
    if node.safe or object_type is None or object_type.accessor is not getattr:
        raise Unsupported("attribute access")
    read = _compile(node.object, variables)
    name = node.name
    return lambda record, values: _coerce(getattr(read(record, values), name))


def _comparison(node, variables):
    left, right = _compile(node.left, variables), _compile(node.right, variables)
    if node.type == "eq":
        # rule-engine: values of different types are never equal.
        def compare(record, values):
            a, b = left(record, values), right(record, values)
            return type(a) is type(b) and a == b

    elif node.type == "ne":

        def compare(record, values):
            a, b = left(record, values), right(record, values)
            return type(a) is not type(b) or a != b

    elif node.type in _ORDERINGS:
        order = _ORDERINGS[node.type]

        def compare(record, values):
            a, b = left(record, values), right(record, values)
            # Arrays, nulls and mixed types order by rule-engine's own rules: leave them to it.
            if type(a) is not type(b) or type(a) is tuple:
                raise _Unexpected
            return order(a, b)

    else:
        raise Unsupported(f"comparison {node.type}")
    return compare


def _logic(node, variables):
    left, right = _compile(node.left, variables), _compile(node.right, variables)
    if node.type == "and":
        return lambda record, values: bool(left(record, values) and right(record, values))
    if node.type == "or":
        return lambda record, values: bool(left(record, values) or right(record, values))
    raise Unsupported(f"logic {node.type}")


def _not(node, variables):
    if node.type != "not":
        raise Unsupported(f"unary {node.type}")
    right = _compile(node.right, variables)
    return lambda record, values: not right(record, values)


def _coalesce(node, variables):
    left, right = _compile(node.left, variables), _compile(node.right, variables)

    def coalesce(record, values):
        value = left(record, values)
        return right(record, values) if value is None else value

    return coalesce


def _contains(node, variables):
    container, member = _compile(node.container, variables), _compile(node.member, variables)

    def contains(record, values):
        items = container(record, values)
        # Containment in a string has its own type rules: leave it to rule-engine.
        if type(items) is not tuple:
            raise _Unexpected
        return member(record, values) in items

    return contains


def _comprehension(node, variables):
    items = _compile(node.iterable, variables)
    inner = (*variables, node.variable)
    result = _compile(node.result, inner)
    condition = None if node.condition is None else _compile(node.condition, inner)

    def comprehension(record, values):
        sequence = items(record, values)
        if type(sequence) is not tuple:
            raise _Unexpected
        kept = []
        for item in sequence:
            scope = (*values, item)
            if condition is None or condition(record, scope):
                kept.append(result(record, scope))
        return tuple(kept)

    return comprehension


_COMPILERS = {
    ArrayExpression: _array,
    SymbolExpression: _symbol,
    GetAttributeExpression: _attribute,
    ComparisonExpression: _comparison,
    ArithmeticComparisonExpression: _comparison,
    LogicExpression: _logic,
    UnaryExpression: _not,
    CoalesceExpression: _coalesce,
    ContainsExpression: _contains,
    ComprehensionExpression: _comprehension,
}


def _coerce(value):
    """Return a value as rule-engine holds it: numbers as Decimal, lists as tuples."""
    kind = type(value)
    if kind is str or kind is bool or kind is NoneType or kind is SimpleNamespace:
        return value
    if kind is int:
        return Decimal(value)
    if kind is float:
        return Decimal(repr(value))
    if kind is list or kind is tuple:
        return tuple(_coerce(item) for item in value)
    if kind is Decimal:
        return value
    raise _Unexpected


def _classes(data_type) -> frozenset:
    """Return the Python types of the coerced values rule-engine passes for a declared type."""
    if DataType.is_type(data_type, DataType.NULLABLE):
        return _classes(data_type.inner_type) | {NoneType}
    if DataType.is_type(data_type, DataType.OBJECT):
        return frozenset({SimpleNamespace})
    scalars = {DataType.BOOLEAN: bool, DataType.FLOAT: Decimal, DataType.STRING: str}
    for scalar, python_type in scalars.items():
        if data_type == scalar:
            return frozenset({python_type})
    raise Unsupported(f"symbol of type {data_type.name}")


def _acceptor(data_type):
    """Return a function coercing a symbol's value, raising unless the declared type allows it."""
    if DataType.is_type(data_type, DataType.ARRAY):
        classes = _classes(data_type.value_type)
        if NoneType in classes:
            raise Unsupported("array of nullable values")

        def accept_array(value):
            coerced = _coerce(value)
            if type(coerced) is tuple and all(type(item) in classes for item in coerced):
                return coerced
            raise _Unexpected

        return accept_array
    classes = _classes(data_type)

    def accept(value):
        coerced = _coerce(value)
        if type(coerced) in classes:
            return coerced
        raise _Unexpected

    return accept
