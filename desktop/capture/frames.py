"""The frame pipeline's data: its settings, the frames it sends and its state, and the pixel
steps run on the capture thread (blanking the app's own windows, JPEG encoding)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import simplejpeg

from desktop.core.frame_diff import Signature
from desktop.core.frame_pacing import PacingConfig, Reason
from desktop.core.geometry import FrameGeometry, Rect
from desktop.settings import Settings

EXCLUDED_GREY = 0x80
# A full-resolution look (`FramePipeline.full_resolution`) is for fine print: less loss.
FULL_QUALITY = 90


@dataclass(frozen=True)
class PipelineConfig:
    max_side: int = 1024
    quality: int = 80
    media_resolution: str = ""
    pacing: PacingConfig = field(default_factory=PacingConfig)


@dataclass(frozen=True)
class SentFrame:
    jpeg: bytes
    geometry: FrameGeometry
    reason: Reason
    at: float


@dataclass(frozen=True)
class FullFrame:
    """One picture of the source at its native resolution (not downscaled)."""

    jpeg: bytes
    width: int
    height: int


@dataclass(frozen=True)
class PipelineState:
    source: str  # the source's label, "" for none
    sharing: bool  # a source is set, not paused and the session is live
    paused: bool
    message: str = ""  # why sharing paused by itself (a fault), for people


@dataclass(frozen=True)
class Prepared:
    """A captured picture, downscaled, before the pacer decides about it."""

    pixels: npt.NDArray[np.uint8]
    sig: Signature
    geometry: FrameGeometry
    at: float
    generation: int
    grabbed_at: float  # when the grab began


def pipeline_config(settings: Settings, fps_max: float | None = None) -> PipelineConfig:
    """The pipeline's settings; `fps_max` (from `--fps-max`) overrides the setting."""
    return PipelineConfig(
        max_side=max(16, settings.vision_max_side),
        media_resolution=settings.media_resolution,
        pacing=PacingConfig(
            max_fps=fps_max or settings.vision_fps_max or 1.0,
            threshold=settings.vision_change_threshold,
            keepalive_s=settings.vision_keepalive_s,
        ),
    )


def encode_jpeg(pixels: npt.NDArray[np.uint8], quality: int) -> bytes:
    return bytes(
        simplejpeg.encode_jpeg(
            pixels, quality=quality, colorspace="BGRA", colorsubsampling="420", fastdct=True
        )
    )


def blank_rects(pixels: npt.NDArray[np.uint8], origin: Rect, rects: Sequence[Rect]) -> None:
    """Paint the parts of `rects` (device pixels) inside the frame flat grey, in place."""
    for rect in rects:
        part = rect.intersect(origin)
        if not part.empty:
            x, y = part.x - origin.x, part.y - origin.y
            pixels[y : y + part.h, x : x + part.w, :3] = EXCLUDED_GREY


class FreshRequest:
    """A fresh picture asked for (the user typed or starts speaking): since when, and the
    typed lines waiting for it (each with how long it may wait once live)."""

    def __init__(self) -> None:
        self.since: float | None = None
        self._waiters: list[tuple[asyncio.Future[None], float]] = []

    def ask(self, now: float) -> None:
        self.since = now

    def waiter(self, now: float, wait_s: float, *, live: bool) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((future, wait_s))
        self.since = now
        if live:
            asyncio.get_running_loop().call_later(wait_s, _resolve, future)
        return future

    def went_live(self) -> None:
        """Lines typed while connecting: their wait starts now."""
        loop = asyncio.get_running_loop()
        for future, wait_s in self._waiters:
            loop.call_later(wait_s, _resolve, future)

    def stale(self, grabbed_at: float) -> bool:
        """A picture grabbed before the request does not serve it."""
        return self.since is not None and grabbed_at < self.since

    def served(self) -> None:
        """The picture is with the session (or none will come): the waiting lines may go."""
        self.since = None
        waiters, self._waiters = self._waiters, []
        for future, _ in waiters:
            _resolve(future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
