"""The frame pipeline, one code path for the window and the headless mode.

    source.grab() -> blank excluded rects -> downscale (long side <= max_side) -> signature
      -> FramePacer decides (vs the last frame sent) -> JPEG (libjpeg-turbo) -> send(jpeg)

Grabbing, scaling and encoding run on one dedicated capture thread, never on the asyncio loop:
a 1080p frame costs ~8-10 ms and a 4K one ~20 ms here (docs/benchmarks.md), which would jitter
20 ms audio chunks sharing the loop; numpy and libjpeg-turbo release the GIL, so the second
core does the work. Decisions, counters and sending happen on the loop.

Call everything on the loop's thread. A question is never answered from a stale picture:
`request_fresh_frame()` (the user starts speaking) captures the current picture at once and
sends it if it changed since the last frame sent, outside the frame-rate budget; `fresh_frame()`
does the same for a typed line and says when that frame is with the session, so the session
sends the text after it (`session.inputs`). A picture grabbed before the request never serves
it. `on_event` reacts to session events itself: live/not live and the first transcription of
the user's speech.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.capture.frames import (
    FULL_QUALITY,
    FreshRequest,
    FullFrame,
    PipelineConfig,
    PipelineState,
    Prepared,
    SentFrame,
    blank_rects,
    encode_jpeg,
    pipeline_config,
)
from desktop.capture.sources import CaptureError, FrameSource
from desktop.core.downscale import Downscaler
from desktop.core.events import (
    Event,
    Role,
    SessionState,
    StateChanged,
    TranscriptDelta,
)
from desktop.core.frame_diff import Signature, change_score, signature
from desktop.core.frame_pacing import (
    SENT_REASONS,
    FramePacer,
    VisionStats,
)
from desktop.core.geometry import FrameGeometry, Rect

__all__ = [
    "FramePipeline",
    "FullFrame",
    "PipelineConfig",
    "PipelineState",
    "SentFrame",
    "encode_jpeg",
    "pipeline_config",
]

log = logging.getLogger(__name__)

# The picture captured while connecting may open the session if it is this young.
WARM_ENOUGH_S = 3.0


class FramePipeline:
    def __init__(
        self,
        send: Callable[[bytes], None],
        config: PipelineConfig | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._send = send
        self.config = config or PipelineConfig()
        self._clock = clock
        self._pacer = FramePacer(self.config.pacing, self.config.media_resolution)
        self._downscaler = Downscaler(self.config.max_side)  # capture thread only
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="screenmate-capture")
        self._source: FrameSource | None = None
        self._opened: FrameSource | None = None  # capture thread only
        self._generation_opened = -1  # capture thread only
        self._generation = 0
        self._session = SessionState.IDLE
        self._paused = False
        self._message = ""
        self._exclusions: tuple[Rect, ...] = ()
        self._latest: Prepared | None = None
        self._decided: Prepared | None = None  # the newest frame the pacer counted
        self._last_sent_sig: Signature | None = None
        self._user_line: int | None = None
        # A fresh picture asked for: captures grabbed earlier do not serve it.
        self._fresh = FreshRequest()
        self._wake = asyncio.Event()
        self._closed = False
        self._task: asyncio.Task[None] | None = None
        self.last_sent: SentFrame | None = None
        self.frame_listeners: list[Callable[[SentFrame], None]] = []
        self.state_listeners: list[Callable[[PipelineState], None]] = []
        self.stats_listeners: list[Callable[[VisionStats], None]] = []

    # -- control ------------------------------------------------------------------------

    @property
    def stats(self) -> VisionStats:
        return self._pacer.stats

    @property
    def source(self) -> FrameSource | None:
        return self._source

    @property
    def state(self) -> PipelineState:
        return PipelineState(
            self._source.label if self._source else "",
            self._source is not None and not self._paused and self._live,
            self._paused,
            self._message,
        )

    @property
    def _live(self) -> bool:
        return self._session is SessionState.LIVE

    def start(self) -> None:
        """Start capturing; callable before the loop runs (as the window's set-up does)."""
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    async def aclose(self) -> None:
        self._closed = True
        self._fresh.served()
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):
            await loop.run_in_executor(self._executor, self._close_opened)
        self._executor.shutdown(wait=False)

    def set_source(self, source: FrameSource | None) -> None:
        """Share this source from now on (None stops sharing); clears a fault pause."""
        self._source = source
        self._generation += 1
        if source is None:
            self._executor.submit(self._close_opened)
        self._latest = None
        self._last_sent_sig = None
        self._pacer.restart()
        self._paused = False
        self._message = ""
        self._fresh.served()  # a text waiting for the old source's picture goes now
        self._notify_state()
        self._wake.set()

    def pause(self) -> None:
        self._paused = True
        self._message = ""
        self._fresh.served()
        self._notify_state()

    def resume(self) -> None:
        if self._source is None:
            return
        self._paused = False
        self._message = ""
        self._generation += 1  # a faulted source is opened afresh
        self._pacer.restart()
        self._last_sent_sig = None
        self._notify_state()
        self._wake.set()

    def set_exclusions(self, rects: Sequence[Rect]) -> None:
        """Device rectangles never to send (the app's own windows); they are painted grey."""
        self._exclusions = tuple(rects)

    def update_config(self, config: PipelineConfig) -> None:
        self.config = config
        stats = self._pacer.stats
        self._pacer = FramePacer(config.pacing, config.media_resolution)
        self._pacer.stats = stats
        self._generation += 1  # the capture thread builds a new downscaler
        self._last_sent_sig = None
        self._wake.set()

    def request_fresh_frame(self) -> None:
        """The user starts speaking: capture the current picture now and send it if it changed
        since the last frame sent, whatever the frame-rate budget says."""
        if not self._sharing():
            return
        self._fresh.ask(self._clock())
        self._pacer.request_fresh()
        self._wake.set()

    def fresh_frame(self, wait_s: float) -> asyncio.Future[None] | None:
        """A typed line is about to go: None when nothing is shared, else a future done once a
        picture captured from now on is with the session (sent, or the same as the last frame
        sent), or after `wait_s` of live sharing without one. While the session connects it
        waits for the first frame once live, so that frame goes before the line."""
        if self._source is None or self._paused or not self._connected_or_coming():
            return None
        future = self._fresh.waiter(self._clock(), wait_s, live=self._live)
        self.request_fresh_frame()
        return future

    def _connected_or_coming(self) -> bool:
        return self._session in (
            SessionState.LIVE, SessionState.CONNECTING, SessionState.RECONNECTING
        )  # fmt: skip

    async def full_resolution(self) -> FullFrame | str:
        """A fresh JPEG of the current source at its native resolution (no downscale, the
        app's own windows blanked), grabbed on the capture thread; else why not (a str). It
        is not a sent frame: pacing and `last_sent` are untouched."""
        source, generation = self._source, self._generation
        if source is None:
            return "nothing is shared"
        if self._paused:
            return "sharing is paused" + (f": {self._message}" if self._message else "")
        loop = asyncio.get_running_loop()
        try:
            frame = await loop.run_in_executor(self._executor, self._grab_full, source, generation)
        except CaptureError as exc:
            return str(exc)
        except Exception as exc:
            log.exception("a full-resolution capture from %s failed", source.label)
            return f"capturing {source.label} failed: {exc}"
        if generation != self._generation:
            return "the shared source changed meanwhile"
        return frame

    def on_event(self, event: Event) -> None:
        """Subscribe this to the session's events."""
        if isinstance(event, StateChanged):
            was_live = self._live
            self._session = event.state
            if not self._connected_or_coming():
                self._fresh.served()  # no frame is coming: the text may go (to the outbox)
            if self._live and not was_live:
                self._pacer.restart()
                self._last_sent_sig = None
                self._fresh.went_live()  # lines typed while connecting
                latest = self._latest
                if (
                    latest is not None
                    and self._clock() - latest.at <= WARM_ENOUGH_S
                    and not self._fresh.stale(latest.grabbed_at)
                ):
                    # Counted already if it was decided while live before (and skipped).
                    self._decide_and_send(latest, counts_capture=latest is not self._decided)
            self._notify_state()
            self._wake.set()
        elif (
            isinstance(event, TranscriptDelta)
            and event.role is Role.USER
            and event.line_id != self._user_line
        ):
            self._user_line = event.line_id
            self.request_fresh_frame()

    # -- the loop -----------------------------------------------------------------------

    def _sharing(self) -> bool:
        return self._source is not None and not self._paused and self._live

    def _warming(self) -> bool:
        """Capture without sending while connecting, so the first frame is ready at once."""
        return (
            self._source is not None
            and not self._paused
            and self._session in (SessionState.CONNECTING, SessionState.RECONNECTING)
            and self._latest is None
        )

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._closed:
            if not (self._sharing() or self._warming()):
                self._wake.clear()
                await self._wake.wait()
                continue
            delay = self._pacer.next_capture_at() - self._clock() if self._sharing() else 0.0
            if delay > 0:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
                continue
            await self._capture_once(loop)

    async def _capture_once(self, loop: asyncio.AbstractEventLoop) -> None:
        source, generation = self._source, self._generation
        assert source is not None
        try:
            prepared = await loop.run_in_executor(
                self._executor, self._prepare, source, generation, self.config.max_side
            )
        except CaptureError as exc:
            self._fault(generation, str(exc))
            return
        except Exception as exc:
            log.exception("capturing from %s failed", source.label)
            self._fault(generation, f"Capturing {source.label} failed: {exc}")
            return
        if generation != self._generation:
            return  # the source or settings changed while it was grabbed
        self._latest = prepared
        if self._fresh.stale(prepared.grabbed_at):
            return  # grabbed before the user asked: the next capture is the one (at once)
        if self._sharing():
            self._decide_and_send(prepared, counts_capture=True)
        elif not self._warming():
            # Not live: still ticking at the capture interval without counting frames.
            self._pacer.note_capture(prepared.at)

    def _fault(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        log.info("sharing paused: %s", message)
        self._fresh.served()
        self._paused = True
        self._message = message
        self._generation += 1
        self._notify_state()

    def _decide_and_send(self, prepared: Prepared, *, counts_capture: bool) -> None:
        self._decided = prepared
        score = change_score(self._last_sent_sig, prepared.sig)
        reason = self._pacer.decide(self._clock(), score, counts_capture=counts_capture)
        if reason in SENT_REASONS:
            # ~2-3 ms for 1024x576 at 1 fps: done here, so it is sent before anything queued
            # after this call (the typed line that asked for a fresh frame).
            jpeg = encode_jpeg(prepared.pixels, self.config.quality)
            self._last_sent_sig = prepared.sig
            frame = SentFrame(jpeg, prepared.geometry, reason, self._clock())
            self.last_sent = frame
            self._send(jpeg)
            for listener in list(self.frame_listeners):
                _call(listener, frame)
        if self._fresh.since is not None and not self._pacer.fresh_wanted:
            self._fresh.served()
        for stats_listener in list(self.stats_listeners):
            _call(stats_listener, self._pacer.stats)

    # -- the capture thread ---------------------------------------------------------------

    def _grab(
        self, source: FrameSource, generation: int
    ) -> tuple[Rect | None, npt.NDArray[np.uint8]]:
        """(the frame's origin, its pixels with the exclusions blanked)."""
        if self._opened is not source or self._generation_opened != generation:
            self._close_opened()
            source.open()
            self._opened = source
            self._generation_opened = generation
        frame = source.grab()
        pixels = frame.pixels
        exclusions = self._exclusions
        if frame.origin is not None and exclusions:
            if not pixels.flags.writeable:
                pixels = pixels.copy()
            blank_rects(pixels, frame.origin, exclusions)
        return frame.origin, pixels

    def _grab_full(self, source: FrameSource, generation: int) -> FullFrame:
        _origin, pixels = self._grab(source, generation)
        pixels = np.ascontiguousarray(pixels)
        jpeg = encode_jpeg(pixels, FULL_QUALITY)
        return FullFrame(jpeg, int(pixels.shape[1]), int(pixels.shape[0]))

    def _prepare(self, source: FrameSource, generation: int, max_side: int) -> Prepared:
        if self._downscaler.max_side != max_side:
            self._downscaler = Downscaler(max_side)
        grabbed_at = self._clock()
        origin, pixels = self._grab(source, generation)
        small = self._downscaler.scale(pixels)
        geometry = FrameGeometry(origin, small.shape[1], small.shape[0])
        return Prepared(small, signature(small), geometry, self._clock(), generation, grabbed_at)

    def _close_opened(self) -> None:
        opened, self._opened = self._opened, None
        if opened is not None:
            try:
                opened.close()
            except Exception:
                log.warning("closing %s failed", opened.label, exc_info=True)

    def _notify_state(self) -> None:
        state = self.state
        for listener in list(self.state_listeners):
            _call(listener, state)


def _call(listener: Callable[[Any], None], value: Any) -> None:
    try:
        listener(value)
    except Exception:
        log.exception("vision listener %r failed", listener)
