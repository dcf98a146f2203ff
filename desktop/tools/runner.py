"""`ToolRunner`: executes the model's function calls on the asyncio loop.

An event consumer: `ToolCallRequested` starts one task per call (audio, frames and the UI
never wait for it), `ToolCallCancelled` cancels the task and nothing is sent for it. Every
call ends in exactly one response handed to `respond` — the result, or an error with a reason
(unknown tool, bad arguments, the tool raised, it took longer than its timeout) — unless it
was cancelled. `on_record` receives each call's `ToolRecord` when it starts and when it ends.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from desktop.core.events import Event, FunctionCall, ToolCallCancelled, ToolCallRequested
from desktop.core.tool_calls import (
    DEFAULT_TOOL_TIMEOUT_S,
    SLOW_TOOL_S,
    ToolImage,
    ToolRecord,
    ToolStatus,
    error_response,
    ok_response,
    schedule_for,
    summarize,
)
from desktop.core.tool_schema import ArgumentError, validate_args
from desktop.tools.registry import ToolRegistry

log = logging.getLogger(__name__)

# respond(call_id, name, response, images) -> None when sent, else why it was not. `images`
# (a tool that returned a `ToolImage`) go out as parts of the same FunctionResponse. With
# `schedules` on (a model that calls functions asynchronously) it is also given
# `scheduling="INTERRUPT" | "WHEN_IDLE" | "SILENT"` as a keyword.
Respond = Callable[..., str | None]


class ToolError(Exception):
    """A tool's own failure with a reason meant for the model (no traceback logged)."""


class ToolRunner:
    def __init__(
        self,
        registry: ToolRegistry,
        respond: Respond,
        *,
        timeout_s: float = DEFAULT_TOOL_TIMEOUT_S,
        on_record: Callable[[ToolRecord], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = registry
        self._respond = respond
        self.timeout_s = timeout_s
        self._on_record = on_record
        self._clock = clock
        # FunctionResponse.scheduling is sent (the chosen model understands it): set by the
        # owner from `core.live_models.rules_for(settings.model).scheduling`.
        self.schedules = False
        self.slow_s = SLOW_TOOL_S  # a result later than this never interrupts
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._records: dict[str, ToolRecord] = {}
        self.records: list[ToolRecord] = []  # finished calls, in order (tests, headless)

    def on_event(self, event: Event) -> None:
        if isinstance(event, ToolCallRequested):
            for call in event.calls:
                self._start(call)
        elif isinstance(event, ToolCallCancelled):
            for call_id in event.call_ids:
                self._cancel(call_id)

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def aclose(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=2.0)

    # -- internals ------------------------------------------------------------------------

    def _start(self, call: FunctionCall) -> None:
        record = ToolRecord(call.call_id, call.name, dict(call.args), self._clock())
        self._records[call.call_id] = record
        self._publish(record)
        task = asyncio.ensure_future(self._run(call))
        self._tasks[call.call_id] = task
        task.add_done_callback(functools.partial(self._forget_task, call.call_id))

    def _forget_task(self, call_id: str, task: asyncio.Future[None]) -> None:
        if self._tasks.get(call_id) is task:
            del self._tasks[call_id]

    def _cancel(self, call_id: str) -> None:
        task = self._tasks.pop(call_id, None)
        if task is not None:
            task.cancel()
        self._finish(call_id, ToolStatus.CANCELLED, "cancelled by the model")

    async def _run(self, call: FunctionCall) -> None:
        try:
            status, response, images = await self._execute(call)
        except asyncio.CancelledError:
            self._finish(call.call_id, ToolStatus.CANCELLED, "cancelled")
            raise
        if call.call_id not in self._records:
            return  # cancelled meanwhile
        text = summarize(response.get("error", response.get("result")))
        scheduling = ""
        if self.schedules:
            tool = self.registry.get(call.name)
            started = self._records[call.call_id].started_at
            scheduling = schedule_for(
                tool.scheduling if tool else None, status, self._clock() - started, self.slow_s
            ).value
            not_sent = self._respond(
                call.call_id, call.name, response, images, scheduling=scheduling
            )
        else:
            not_sent = self._respond(call.call_id, call.name, response, images)
        if not_sent is not None:
            log.info("tool %s (%s): result not sent: %s", call.name, call.call_id, not_sent)
            self._finish(call.call_id, ToolStatus.CANCELLED, f"not sent: {not_sent}")
            return
        self._finish(call.call_id, status, text, scheduling)

    async def _execute(
        self, call: FunctionCall
    ) -> tuple[ToolStatus, dict[str, Any], tuple[ToolImage, ...]]:
        status, result = await self._outcome(call)
        if isinstance(result, ToolImage):
            return status, ok_response(result.summary), (result,)
        return status, result, ()

    async def _outcome(self, call: FunctionCall) -> tuple[ToolStatus, Any]:
        """The status and the response (a `ToolImage` as it was returned)."""
        tool = self.registry.get(call.name)
        if tool is None:
            known = ", ".join(self.registry.names) or "none"
            return ToolStatus.ERROR, error_response(
                f"unknown function {call.name!r}; available: {known}"
            )
        try:
            args = validate_args(tool.declaration, call.args)
        except ArgumentError as exc:
            return ToolStatus.ERROR, error_response(f"invalid arguments: {exc}")
        timeout = tool.timeout_s if tool.timeout_s is not None else self.timeout_s
        try:
            if tool.is_async:
                result = await asyncio.wait_for(tool.fn(**args), timeout)
            else:
                result = tool.fn(**args)
        except TimeoutError:
            return ToolStatus.TIMEOUT, error_response(
                f"{call.name} did not finish within {timeout:g} s"
            )
        except ToolError as exc:
            return ToolStatus.ERROR, error_response(str(exc))
        except Exception as exc:
            log.warning("tool %s failed", call.name, exc_info=True)
            return ToolStatus.ERROR, error_response(f"{call.name} failed: {exc or type(exc)}")
        if isinstance(result, ToolImage):
            return ToolStatus.DONE, result
        return ToolStatus.DONE, ok_response(result)

    def _finish(self, call_id: str, status: ToolStatus, text: str, scheduling: str = "") -> None:
        record = self._records.pop(call_id, None)
        if record is None:
            return
        done = record.finished(status, text, self._clock(), scheduling)
        self.records.append(done)
        self._publish(done)

    def _publish(self, record: ToolRecord) -> None:
        if self._on_record is None:
            return
        try:
            self._on_record(record)
        except Exception:
            log.exception("tool log consumer failed")
