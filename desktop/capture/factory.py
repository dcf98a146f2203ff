"""Turn a `SourceSpec` into a screen-side source (cameras are made by the window, in Qt)."""

from __future__ import annotations

from desktop.capture.portal import is_wayland
from desktop.capture.screen import RegionSource, ScreenSource
from desktop.capture.sources import CaptureError, FrameSource
from desktop.capture.window import WindowSource
from desktop.core.source_spec import SourceKind, SourceSpec
from desktop.core.wayland_share import PortalProblem, message


def needs_portal(spec: SourceSpec | None) -> bool:
    """A screen or region on Wayland: only the ScreenCast portal can read it (through
    QtMultimedia, so the caller needs a Qt loop: `desktop.ui.screencast`)."""
    return spec is not None and spec.kind in (SourceKind.SCREEN, SourceKind.REGION) and is_wayland()


def screen_side_source(spec: SourceSpec) -> FrameSource | None:
    """None for `none`; a CaptureError for a camera (QtMultimedia needs the window), for a
    window on Wayland, and for what `needs_portal` (made by `desktop.ui.screencast`)."""
    if spec.kind is SourceKind.NONE:
        return None
    if needs_portal(spec):
        raise CaptureError("Screens and regions on Wayland are shared through the portal.")
    if spec.kind is SourceKind.WINDOW and is_wayland():
        raise CaptureError(message(PortalProblem.NO_WINDOW))
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
