"""Turn a `SourceSpec` into a screen-side source (cameras are made by the window, in Qt)."""

from __future__ import annotations

from desktop.capture.screen import RegionSource, ScreenSource
from desktop.capture.sources import CaptureError, FrameSource
from desktop.capture.window import WindowSource
from desktop.core.source_spec import SourceKind, SourceSpec


def screen_side_source(spec: SourceSpec) -> FrameSource | None:
    """None for `none`; a CaptureError for a camera (QtMultimedia needs the window)."""
    if spec.kind is SourceKind.NONE:
        return None
    if spec.kind is SourceKind.REGION:
        assert spec.rect is not None
        return RegionSource(spec.rect)
    if spec.kind is SourceKind.SCREEN:
        return ScreenSource(spec.number)
    if spec.kind is SourceKind.WINDOW:
        return WindowSource(spec.number)
    raise CaptureError(
        "Cameras are shared through QtMultimedia, which needs the window: run without "
        "--headless to share a camera."
    )
