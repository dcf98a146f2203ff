"""Function declarations derived from typed Python signatures and docstrings, and the checks
that hold a model's arguments to them.

A tool is one function. Its docstring's first paragraph describes it to the model; an
`Args:` section (Google style, `name: text` lines) describes each parameter. Parameter types:
`str`, `int`, `float`, `bool`, `list[...]` of those, `Literal[...]` of strings, each optionally
`Annotated[T, Limits(...)]` for ranges and list lengths. A parameter with a default is
optional. The declaration is the dict the SDK takes (`types.FunctionDeclaration` fields);
`validate_args` checks and coerces what the model sent against it (the model's JSON has no
int/float distinction: `3.0` is accepted for an `int`, `3` for a `float`).
"""

from __future__ import annotations

import inspect
import math
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

_SCALARS: dict[type, str] = {str: "STRING", int: "INTEGER", float: "NUMBER", bool: "BOOLEAN"}


@dataclass(frozen=True)
class Limits:
    """Constraints for `Annotated[...]`: a number's range (also each item of a list of numbers)
    and a list's length."""

    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None


class ArgumentError(ValueError):
    """The model's arguments do not fit the declaration; the message is the reason for it."""


def declaration_of(fn: Callable[..., Any], name: str | None = None) -> dict[str, Any]:
    """The function declaration (name, description, parameters schema) of a tool function."""
    name = name or fn.__name__
    if not NAME_RE.match(name):
        raise ValueError(f"{name!r} is not a valid function name")
    summary, arg_docs = parse_docstring(inspect.getdoc(fn) or "")
    if not summary:
        raise ValueError(f"tool {name} needs a docstring: it is the model's only description")
    hints = typing.get_type_hints(fn, include_extras=True)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in inspect.signature(fn).parameters.values():
        if param.kind not in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            raise ValueError(f"tool {name}: parameter {param.name} must be a plain parameter")
        if param.name not in hints:
            raise ValueError(f"tool {name}: parameter {param.name} needs a type annotation")
        schema = schema_of(hints[param.name])
        if param.name in arg_docs:
            schema["description"] = arg_docs[param.name]
        properties[param.name] = schema
        if param.default is inspect.Parameter.empty:
            required.append(param.name)
    decl: dict[str, Any] = {"name": name, "description": summary}
    if properties:
        parameters: dict[str, Any] = {"type": "OBJECT", "properties": properties}
        if required:
            parameters["required"] = required
        decl["parameters"] = parameters
    return decl


def schema_of(annotation: Any) -> dict[str, Any]:
    """The (Gemini `Schema`) dict for one annotation."""
    limits = Limits()
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extras = typing.get_args(annotation)
        limits = next((e for e in extras if isinstance(e, Limits)), limits)
    origin = typing.get_origin(annotation)
    if annotation in _SCALARS:
        schema: dict[str, Any] = {"type": _SCALARS[annotation]}
        _number_limits(schema, limits)
        return schema
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if not all(isinstance(v, str) for v in values):
            raise ValueError("only Literal[...] of strings is supported")
        return {"type": "STRING", "enum": list(values)}
    if origin is list:
        (item,) = typing.get_args(annotation) or (str,)
        items = schema_of(item)
        _number_limits(items, limits)
        schema = {"type": "ARRAY", "items": items}
        if limits.min_items is not None:
            schema["min_items"] = limits.min_items
        if limits.max_items is not None:
            schema["max_items"] = limits.max_items
        return schema
    if origin in (typing.Union, types.UnionType):
        raise ValueError("optional parameters take a default instead of `| None`")
    raise ValueError(f"unsupported parameter type {annotation!r}")


def _number_limits(schema: dict[str, Any], limits: Limits) -> None:
    if schema.get("type") in ("INTEGER", "NUMBER"):
        if limits.minimum is not None:
            schema["minimum"] = limits.minimum
        if limits.maximum is not None:
            schema["maximum"] = limits.maximum


def parse_docstring(doc: str) -> tuple[str, dict[str, str]]:
    """(the description before `Args:`, {parameter: description})."""
    head, _, args_part = doc.partition("\nArgs:")
    summary = " ".join(head.split())
    arg_docs: dict[str, str] = {}
    current = ""
    for line in args_part.splitlines():
        match = re.match(r"^\s+(\w+)\s*(?:\([^)]*\))?:\s*(.*)$", line)
        if match and len(line) - len(line.lstrip()) <= 4:
            current = match.group(1)
            arg_docs[current] = match.group(2).strip()
        elif current and line.strip():
            arg_docs[current] = f"{arg_docs[current]} {line.strip()}"
        elif line.strip() and not line.startswith(" "):
            break  # the next section (Returns:, ...)
    return summary, arg_docs


def validate_args(decl: dict[str, Any], args: Any) -> dict[str, Any]:
    """`args` checked against the declaration's parameters; raises ArgumentError(reason)."""
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise ArgumentError("arguments must be an object")
    parameters = decl.get("parameters") or {"properties": {}}
    properties: dict[str, Any] = parameters.get("properties", {})
    unknown = sorted(set(args) - set(properties))
    if unknown:
        raise ArgumentError(f"unknown argument(s): {', '.join(unknown)}")
    missing = [p for p in parameters.get("required", []) if p not in args]
    if missing:
        raise ArgumentError(f"missing argument(s): {', '.join(missing)}")
    return {key: _check(properties[key], value, key) for key, value in args.items()}


def _check(schema: dict[str, Any], value: Any, where: str) -> Any:
    kind = schema.get("type")
    if kind == "STRING":
        if not isinstance(value, str):
            raise ArgumentError(f"{where} must be a string")
        if "enum" in schema and value not in schema["enum"]:
            raise ArgumentError(f"{where} must be one of {', '.join(schema['enum'])}")
        return value
    if kind == "BOOLEAN":
        if not isinstance(value, bool):
            raise ArgumentError(f"{where} must be true or false")
        return value
    if kind in ("INTEGER", "NUMBER"):
        return _check_number(schema, value, where)
    if kind == "ARRAY":
        if not isinstance(value, list):
            raise ArgumentError(f"{where} must be a list")
        low, high = schema.get("min_items"), schema.get("max_items")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            size = f"{low}" if low == high else f"{low or 0} to {_fmt(high)}"
            raise ArgumentError(f"{where} must have {size} items, not {len(value)}")
        return [_check(schema["items"], v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise ArgumentError(f"{where}: unsupported schema type {kind}")


def _check_number(schema: dict[str, Any], value: Any, where: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ArgumentError(f"{where} must be a number")
    number: float | int = value
    if schema["type"] == "INTEGER":
        if float(value) != int(value):
            raise ArgumentError(f"{where} must be a whole number")
        number = int(value)
    else:
        number = float(value)
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ArgumentError(f"{where} must be between {_fmt(low)} and {_fmt(high)}, not {value}")
    return number


def _fmt(limit: float | None) -> str:
    if limit is None:
        return "any"
    return str(int(limit)) if float(limit).is_integer() else str(limit)
