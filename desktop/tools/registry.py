"""`ToolRegistry`: tool functions by name, with the declarations derived from them."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.core.tool_schema import declaration_of


@dataclass(frozen=True)
class Tool:
    name: str
    fn: Callable[..., Any]  # sync (runs on the loop: keep it quick) or async
    declaration: dict[str, Any]
    timeout_s: float | None = None  # None: the runner's default
    # What the model should do with the result on models that call asynchronously
    # (core.tool_calls.Scheduling: INTERRUPT, WHEN_IDLE, SILENT); None: WHEN_IDLE.
    scheduling: str | None = None

    @property
    def is_async(self) -> bool:
        return inspect.iscoroutinefunction(self.fn)


class ToolRegistry:
    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}

    def register(
        self,
        fn: Callable[..., Any],
        *,
        name: str | None = None,
        timeout_s: float | None = None,
        scheduling: str | None = None,
    ) -> Tool:
        decl = declaration_of(fn, name)
        if decl["name"] in self._tools:
            raise ValueError(f"tool {decl['name']} is registered twice")
        tool = Tool(decl["name"], fn, decl, timeout_s, scheduling)
        self._tools[tool.name] = tool
        return tool

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    def declarations(self) -> list[dict[str, Any]]:
        return [tool.declaration for tool in self._tools.values()]

    def __len__(self) -> int:
        return len(self._tools)
