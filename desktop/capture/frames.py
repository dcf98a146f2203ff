"""The frame pipeline's data: its settings, the frames it sends and its state, and the pixel
steps run on the capture thread (blanking the app's own windows, JPEG encoding)."""

from __future__ import annotations

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
