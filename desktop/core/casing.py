"""Key casing of Live API JSON.

Google's server writes camelCase, the SDK writes a mix of camelCase and snake_case, and the
SDK's pydantic dumps are snake_case. Everything that reads Live messages normalises to
snake_case first and then reads one spelling.
"""

from __future__ import annotations

import re
from typing import Any

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(key: str) -> str:
    """`mimeType` -> `mime_type`; snake_case keys come back unchanged."""
    return _CAMEL_BOUNDARY.sub(r"_\1", key).lower()


def camel(key: str) -> str:
    """`mime_type` -> `mimeType`; camelCase keys come back unchanged."""
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake_keys(value: Any) -> Any:
    """Recursively rewrite every dict key of a JSON-like value to snake_case.

    Values are left alone. A tool call's `args` are the model's data, not protocol, so callers
    that need their keys verbatim take them from the message before normalising it.
    """
    if isinstance(value, dict):
        return {snake(str(k)): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value


def camel_keys(value: Any) -> Any:
    """Recursively rewrite every dict key of a JSON-like value to camelCase (Google's spelling)."""
    if isinstance(value, dict):
        return {camel(str(k)): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value
