"""`--source` in the headless mode: the same frame pipeline as the window, JSON lines out.

Prints `{"event": "vision_frame", ...}` for every frame sent (why, size, where on the desktop,
counters) and `{"event": "vision_state", ...}` when sharing starts, pauses (with the reason)
or stops. The first line to say waits for the first frame, so the model sees the screen the
question is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.capture.factory import needs_portal, screen_side_source
from desktop.capture.pipeline import (
    FramePipeline,
    PipelineConfig,
    PipelineState,
    SentFrame,
    pipeline_config,
)
from desktop.capture.sources import CaptureError, FrameSource
from desktop.core.frame_pacing import VisionStats
from desktop.core.source_spec import SourceKind, SourceSpec
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.headless.pacer import HeadlessRun

HOLD = "vision"


def stats_json(stats: VisionStats) -> dict[str, int]:
    return {
        "captured": stats.captured,
        "sent": stats.sent,
        "skipped_unchanged": stats.skipped_unchanged,
        "skipped_rate": stats.skipped_rate,
        "tokens": stats.tokens,
    }


def frame_json(frame: SentFrame, stats: VisionStats) -> dict[str, Any]:
    g = frame.geometry
    source = [g.source.x, g.source.y, g.source.w, g.source.h] if g.source else None
    return {
        "event": "vision_frame",
        "reason": frame.reason.value,
        "bytes": len(frame.jpeg),
        "width": g.width,
        "height": g.height,
        "source_rect": source,
        **stats_json(stats),
    }


def state_json(state: PipelineState) -> dict[str, Any]:
    return {
        "event": "vision_state",
        "source": state.source,
        "sharing": state.sharing,
        "paused": state.paused,
        "message": state.message,
    }


class HeadlessVision:
    def __init__(self, run: HeadlessRun, spec: SourceSpec, config: PipelineConfig) -> None:
        self._run = run
        self._spec = spec
        self.pipeline = FramePipeline(lambda jpeg: run.session.send_video(jpeg), config)
        self.pipeline.frame_listeners.append(self._on_frame)
        self.pipeline.state_listeners.append(self._on_state)
        self._last_state: PipelineState | None = None
        run.observers.append(self.pipeline.on_event)
        run.session.use_fresh_frames(self.pipeline)  # typed lines follow a frame of the screen
        try:
            source = _make_source(spec)
        except CaptureError as exc:
            source = None
            run.print({"event": "vision_state", "source": spec.spec(), "sharing": False,
                       "paused": True, "message": str(exc)})  # fmt: skip
        if source is not None:
            run.holds.add(HOLD)
            self.pipeline.set_source(source)
        self.pipeline.start()

    def _on_frame(self, frame: SentFrame) -> None:
        self._run.print(frame_json(frame, self.pipeline.stats))
        self._run.release(HOLD)

    def _on_state(self, state: PipelineState) -> None:
        if state != self._last_state:
            self._last_state = state
            self._run.print(state_json(state))
        if state.paused:  # a fault: go on without the picture
            self._run.release(HOLD)

    async def aclose(self) -> None:
        if needs_portal(self._spec):
            from desktop.ui.portal_stream import PortalStream

            PortalStream.abort_waits()  # an unanswered portal dialog must not hold the exit
        await self.pipeline.aclose()


def _make_source(spec: SourceSpec) -> FrameSource | None:
    if needs_portal(spec):
        # Wayland: the ScreenCast portal through QtMultimedia; `desktop.app` runs this mode
        # on a Qt loop then (`desktop.ui.screencast.run_headless_with_qt`).
        from desktop.ui.screencast import PortalScreenSource

        return PortalScreenSource(spec.number or 1, spec.rect)
    return screen_side_source(spec)


def start_headless_vision(
    run: HeadlessRun, settings: Settings, spec: SourceSpec | None, fps_max: float | None
) -> HeadlessVision | None:
    if spec is None or spec.kind is SourceKind.NONE:
        return None
    return HeadlessVision(run, spec, pipeline_config(settings, fps_max))
