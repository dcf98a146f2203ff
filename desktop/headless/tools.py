"""Function calling in the headless mode: the same tools and `ToolRunner` as the window.

Behind the same settings as the window (`tools_*`, `tool_timeout_s`). There is nobody to see
or confirm anything, so the effects say what they would do instead of doing it:

- `point_at` prints `{"event": "point_at", "rect": [x, y, w, h], "label": ...}` (logical
  screen pixels, from the last frame sent by `--source`) and answers the model as usual.
- `open_url` never opens a browser: it answers with an error (no one can confirm it).
- `look_closer` answers with one full-resolution picture of `--source` (an error without).
- `copy_to_clipboard` answers with an error: the clipboard belongs to a desktop session and
  there is no clean way to own it without a GUI toolkit.

Every call prints `{"event": "tool", ...}` when it starts and when it ends (status, result).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.capture.screen import list_screens
from desktop.capture.sources import CaptureError
from desktop.core.fanout import EventFanout
from desktop.core.geometry import FrameGeometry, Rect, Screen
from desktop.core.live_models import rules_for
from desktop.core.tool_calls import ToolImage, ToolRecord, ToolStatus
from desktop.settings import Settings
from desktop.tools.builtin import (
    PrintEffects,
    build_registry,
    fresh_look_from,
    system_instruction_addition,
)
from desktop.tools.runner import ToolError, ToolRunner

if TYPE_CHECKING:
    from desktop.capture.pipeline import FramePipeline
    from desktop.session.live_session import LiveSession

PrintJson = Callable[[dict[str, Any]], None]

NO_CONFIRMATION = (
    "cannot open pages in headless mode: there is nobody to confirm it, so nothing was opened"
)
NO_CLIPBOARD = "there is no clipboard in headless mode, so nothing was copied"


class HeadlessEffects(PrintEffects):
    """What the tools do without a window: JSON lines instead of a highlight, errors instead of
    a clipboard or a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.print_json: PrintJson = lambda _obj: None
        self.pipeline: FramePipeline | None = None

    def frame_geometry(self) -> FrameGeometry | None:
        sent = self.pipeline.last_sent if self.pipeline is not None else None
        return sent.geometry if sent is not None else None

    def screens(self) -> Sequence[Screen]:
        try:
            return list_screens()
        except CaptureError:
            return []

    def highlight(self, rect: Rect, label: str, seconds: float) -> None:
        super().highlight(rect, label, seconds)
        self.print_json(
            {
                "event": "point_at",
                "rect": [rect.x, rect.y, rect.w, rect.h],
                "label": label,
                "seconds": seconds,
            }
        )

    def copy_text(self, text: str) -> None:
        raise ToolError(NO_CLIPBOARD)

    async def confirm_open_url(self, url: str) -> bool:
        raise ToolError(NO_CONFIRMATION)

    async def fresh_look(self) -> ToolImage | str:
        return await fresh_look_from(self.pipeline)


def record_json(record: ToolRecord) -> dict[str, Any]:
    return {
        "event": "tool",
        "call_id": record.call_id,
        "name": record.name,
        "args": record.args,
        "status": record.status.value,
        "result": record.result,
        "duration_s": None if record.duration_s is None else round(record.duration_s, 3),
        "scheduling": record.scheduling,  # "" when the model takes none (before 3.8)
    }


class HeadlessTools:
    """Built before the session (its declarations go into the connect config); `attach` wires
    the runner to the session's events once the session exists."""

    def __init__(self, settings: Settings) -> None:
        self.effects = HeadlessEffects()
        self.registry = build_registry(settings, self.effects)
        self._session: LiveSession | None = None
        self.runner = ToolRunner(
            self.registry,
            self._respond,
            timeout_s=settings.tool_timeout_s,
            on_record=self._record,
        )
        self.runner.schedules = rules_for(settings.model).scheduling
        # Told each result's scheduling once it is sent (the run's pacing, 3.8 Live).
        self.on_result: Callable[[str], None] | None = None

    def _record(self, record: ToolRecord) -> None:
        self.effects.print_json(record_json(record))
        if self.on_result is not None and record.status is not ToolStatus.RUNNING:
            self.on_result(record.scheduling)

    def session_options(self) -> dict[str, Any]:
        """Keyword arguments for `LiveSession`."""
        return {
            "tool_declarations": self.registry.declarations(),
            "tool_instruction": system_instruction_addition(self.registry),
        }

    def attach(
        self,
        session: LiveSession,
        fanout: EventFanout,
        print_json: PrintJson,
        pipeline: FramePipeline | None,
    ) -> None:
        self._session = session
        self.effects.print_json = print_json
        self.effects.pipeline = pipeline
        fanout.subscribe(self.runner.on_event)

    def _respond(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage],
        scheduling: str = "",
    ) -> str | None:
        if self._session is None:
            return "no session"
        return self._session.send_tool_response(
            call_id, name, response, images, scheduling=scheduling
        )

    async def aclose(self) -> None:
        await self.runner.aclose()
