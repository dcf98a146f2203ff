"""The tools Screenmate offers the model, and what they need from the window (`ToolEffects`).

Each tool is a plain function: its typed signature and docstring are its declaration. Effects
that need Qt (the highlight overlay, the clipboard, a confirmation dialog, the browser) are
reached through `ToolEffects`, so the same tools run headless (`PrintEffects`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Protocol
from urllib.parse import urlsplit

from desktop.core.geometry import FrameGeometry, Rect, Screen
from desktop.core.tool_box import BoxError, box_to_logical
from desktop.core.tool_calls import ToolImage
from desktop.core.tool_schema import Limits
from desktop.settings import Settings
from desktop.tools.registry import ToolRegistry
from desktop.tools.runner import ToolError

if TYPE_CHECKING:
    from desktop.capture.pipeline import FramePipeline

log = logging.getLogger(__name__)

HIGHLIGHT_S = 4.0
MAX_LABEL = 60
MAX_CLIPBOARD = 100_000

Box = Annotated[list[float], Limits(minimum=0, maximum=1000, min_items=4, max_items=4)]

POINT_AT_INSTRUCTION = (
    "You can point at things on the user's shared screen with the point_at tool. When the "
    'user asks where something is (for example "where is the save button?") or when showing '
    "them helps, call point_at with the box of that thing in the latest frame you saw, as "
    "[ymin, xmin, ymax, xmax] normalised to 0-1000, and a short label; then say where it is. "
    "Only point at what you can actually see."
)


class ToolEffects(Protocol):
    """What the tools need from the app around them."""

    def frame_geometry(self) -> FrameGeometry | None:
        """Where the last frame sent to the model came from (None: nothing shared)."""
        ...

    def screens(self) -> Sequence[Screen]: ...

    def highlight(self, rect: Rect, label: str, seconds: float) -> None:
        """Draw a highlight around `rect` (logical pixels) for `seconds`."""
        ...

    def copy_text(self, text: str) -> None: ...

    def confirm_open_url(self, url: str) -> Awaitable[bool]:
        """Ask the user; True only if they agree."""
        ...

    def open_url(self, url: str) -> bool: ...

    def fresh_look(self) -> Awaitable[ToolImage | str]:
        """A fresh picture of what is shared at its native resolution, or why there is none."""
        ...


async def fresh_look_from(pipeline: FramePipeline | None) -> ToolImage | str:
    """`ToolEffects.fresh_look` for a frame pipeline (the window's or the headless one)."""
    if pipeline is None:
        return "nothing is shared"
    frame = await pipeline.full_resolution()
    if isinstance(frame, str):
        return frame
    note = f"a fresh {frame.width}x{frame.height} picture of what is shared is attached"
    return ToolImage(frame.jpeg, frame.width, frame.height, "high", note)


def system_instruction_addition(registry: ToolRegistry) -> str:
    """Appended to the user's system instruction when point_at is declared."""
    return POINT_AT_INSTRUCTION if registry.get("point_at") else ""


def build_registry(settings: Settings, effects: ToolEffects) -> ToolRegistry:
    """The tools the settings enable."""
    registry = ToolRegistry()

    def point_at(box: Box, label: str = "") -> str:
        """Point at something on the user's shared screen: draws a highlight around it for a
        few seconds. Use it when the user asks where something is, or when showing helps.

        Args:
            box: The thing's bounding box in the latest frame you saw, as [ymin, xmin, ymax,
                xmax] normalised to 0-1000 (0,0 is the frame's top-left corner, 1000,1000 its
                bottom-right).
            label: A few words shown beside the highlight, e.g. "Save".
        """
        try:
            rect = box_to_logical(effects.frame_geometry(), box, effects.screens())
        except BoxError as exc:
            raise ToolError(str(exc)) from None
        effects.highlight(rect, label.strip()[:MAX_LABEL], HIGHLIGHT_S)
        return f"highlighted on the screen at x={rect.x}, y={rect.y}, {rect.w}x{rect.h}"

    def copy_to_clipboard(text: str) -> str:
        """Copy text to the user's clipboard, e.g. a command, an address or a snippet they
        asked for.

        Args:
            text: The exact text to copy.
        """
        if len(text) > MAX_CLIPBOARD:
            raise ToolError(f"text is too long ({len(text)} characters; at most {MAX_CLIPBOARD})")
        effects.copy_text(text)
        return f"copied {len(text)} characters"

    async def open_url(url: str) -> str:
        """Open a web page in the user's default browser. The user is asked to confirm first.

        Args:
            url: An absolute http or https URL.
        """
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ToolError("only absolute http:// or https:// URLs can be opened")
        if not await effects.confirm_open_url(url.strip()):
            return "the user declined to open it"
        if not effects.open_url(url.strip()):
            raise ToolError("the browser could not be started")
        return "opened in the browser"

    async def look_closer() -> ToolImage:
        """Take a fresh look at the user's shared screen, region or window right now, at
        its full resolution: one picture, sent at high media resolution with this call's
        result. Use it when you need to read fine print or small text (code, numbers, labels,
        error messages) that is too small or blurry in the frames you see. It costs many more
        tokens than the usual frames, so use it only when the detail matters.
        """
        result = await effects.fresh_look()
        if isinstance(result, str):
            raise ToolError(f"no picture: {result}")
        return result

    # Scheduling (gemini-3.8-live answers on while a tool runs): the highlight is drawn now,
    # so the model may say "there" at once; a copy needs no words; a page opened after the
    # user's confirmation, and a closer look, come in when the model is between sentences.
    if settings.tools_point_at:
        registry.register(point_at, scheduling="INTERRUPT")
    if settings.tools_clipboard:
        registry.register(copy_to_clipboard, scheduling="SILENT")
    if settings.tools_open_url:
        # The user decides at their own pace; the model is told if they did not in time.
        registry.register(open_url, timeout_s=60.0, scheduling="WHEN_IDLE")
    if settings.tools_fresh_look:
        registry.register(look_closer, scheduling="WHEN_IDLE")
    return registry


class PrintEffects:
    """Headless effects: say what would happen instead of doing it."""

    def __init__(self, geometry: FrameGeometry | None = None, screens: Sequence[Screen] = ()):
        self.geometry = geometry
        self._screens = list(screens)
        self.log: list[tuple[str, Any]] = []

    def frame_geometry(self) -> FrameGeometry | None:
        return self.geometry

    def screens(self) -> Sequence[Screen]:
        return self._screens

    def highlight(self, rect: Rect, label: str, seconds: float) -> None:
        self.log.append(("highlight", (rect, label)))
        log.info("point_at: would highlight %s %r", rect.spec(), label)

    def copy_text(self, text: str) -> None:
        self.log.append(("copy", text))

    async def confirm_open_url(self, url: str) -> bool:
        self.log.append(("confirm", url))
        return False

    def open_url(self, url: str) -> bool:
        return False

    async def fresh_look(self) -> ToolImage | str:
        self.log.append(("fresh_look", None))
        return "nothing is shared"
