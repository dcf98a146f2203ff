"""Wires vision into the window: the side panel, the frame pipeline, the region picker, the
share border, cameras, and the app's own window kept out of every capture.

Public API for other features: `request_fresh_frame()` (the talk controller calls it when the
user starts speaking), `pause()` / `resume()` (tray and hotkey), `choose(choice)` (as the
panel's picker: "none", "region", "last-region", "window", "screen:N", "camera:N").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication, QMenu

from desktop.capture.pipeline import FramePipeline, PipelineState, SentFrame, pipeline_config
from desktop.capture.screen import RegionSource
from desktop.capture.sources import CaptureError, FrameSource
from desktop.capture.window import WindowSource, list_windows
from desktop.core.events import Event
from desktop.core.frame_pacing import VisionStats
from desktop.core.geometry import Rect, device_to_logical, logical_to_device
from desktop.core.window_facts import is_shareable_window, shorten
from desktop.settings import Settings, SettingsStore
from desktop.ui.capture_qt import CameraSource, QtVideoSource, camera_names
from desktop.ui.portal_stream import PortalStream
from desktop.ui.region_picker import RegionPicker, ShareBorder
from desktop.ui.screencast import (
    own_windows_device,
    region_source,
    screen_source,
    shareable_screens,
)
from desktop.ui.vision_panel import VisionPanel
from desktop.ui.vision_support import (
    CAPTURE_ALLOWED,
    describe,
    own_windows,
    qt_screens,
    show_thumbnails,
    window_thumbnail,
)

__all__ = ["CAPTURE_ALLOWED", "VisionController", "own_windows", "qt_screens"]

if TYPE_CHECKING:
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

BORDER_FOLLOW_MS = 250
OWN_WINDOWS_MS = 200  # how often the app's windows are looked up while the screen is shared
PICKER_DELAY_MS = 150


class VisionController(QObject):
    def __init__(
        self,
        window: MainWindow,
        controller: SessionController,
        settings: Settings,
        store: SettingsStore,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._settings = settings
        self._store = store
        self.panel = VisionPanel(window)
        window.add_side_panel(self.panel)
        self.pipeline = FramePipeline(self._send, pipeline_config(settings))
        self.pipeline.frame_listeners.append(self._on_frame)
        self.pipeline.stats_listeners.append(self._on_stats)
        self.pipeline.state_listeners.append(self._on_state)
        self.border = ShareBorder()
        self._picker: RegionPicker | None = None
        self.window_menu: QMenu | None = None  # the last window picker shown
        self._choice = "none"
        self._camera: QtVideoSource | None = None
        self._unsubscribe = controller.events.subscribe(self._on_event)
        self.panel.source_chosen.connect(self.choose)
        self.panel.pause_toggled.connect(self._on_pause_toggled)
        window.settings_changed.connect(self._on_settings)
        window.installEventFilter(self)
        self._follow = QTimer(self)
        self._follow.setInterval(BORDER_FOLLOW_MS)
        self._follow.timeout.connect(self._update_border)
        # Dialogs open and move on their own: look them up while a screen picture is shared,
        # and at once when focus moves to another window (a dialog opening).
        self._own_windows = QTimer(self)
        self._own_windows.setInterval(OWN_WINDOWS_MS)
        self._own_windows.timeout.connect(self._update_exclusions)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        app.focusWindowChanged.connect(self._update_exclusions)
        menu = window.menus.feature_menu(self.tr("Sh&aring"), "sharing")
        self.pause_action = window.menus.action(
            menu, self.tr("&Pause or Resume Sharing"), self.toggle_pause, "pause"
        )
        self.region_action = window.menus.action(
            menu, self.tr("Pick a &Region…"), lambda: self.choose("region"), "region"
        )
        self.window_action = window.menus.action(
            menu, self.tr("Share a &Window…"), lambda: self.choose("window"), "window"
        )
        self.refresh_choices()
        self.pipeline.start()
        self._update_exclusions()

    # -- public ---------------------------------------------------------------------------

    def request_fresh_frame(self) -> None:
        self.pipeline.request_fresh_frame()

    def pause(self) -> None:
        self.pipeline.pause()

    def resume(self) -> None:
        """Resume; a shared window or camera that went away is picked again instead."""
        state = self.pipeline.state
        kind = self._choice.partition(":")[0]
        if state.message and kind in ("window", "camera"):
            self.choose(kind)
            return
        self.pipeline.resume()

    def toggle_pause(self) -> None:
        if self.pipeline.state.paused:
            self.resume()
        elif self.pipeline.source is not None:
            self.pause()

    def refresh_choices(self) -> None:
        try:
            screens = [
                self.tr("Screen %1 (%2×%3)")
                .replace("%1", str(s.index))
                .replace("%2", str(s.device.w))
                .replace("%3", str(s.device.h))
                for s in shareable_screens()
            ]
        except CaptureError as exc:
            screens = []
            log.info("no screens to share: %s", exc)
        self.panel.set_choices(screens, has_last_region=bool(self._settings.vision_last_region))

    def choose(self, choice: str) -> None:
        kind, _, number = choice.partition(":")
        if kind == "region":
            self._pick_region()
        elif kind == "window":
            self._pick_window()
        elif kind == "last-region":
            try:
                rect = Rect.parse(self._settings.vision_last_region)
            except ValueError:
                self._share(None, "none")
                return
            self._share(region_source(rect), choice)
        elif kind == "screen":
            self._share(screen_source(int(number)), choice)
        elif kind == "camera" and number:
            self._share_camera(int(number), choice)
        elif kind == "camera":
            self._pick_camera()
        else:
            self._share(None, "none")

    def share(self, source: FrameSource | None, choice: str = "custom") -> None:
        """Share any source (tests, the video-file stand-in for a camera)."""
        if isinstance(source, QtVideoSource):
            self._camera = source
            source.start()
        self._share(source, choice)

    async def aclose(self) -> None:
        self._unsubscribe()
        self.pipeline.frame_listeners.clear()
        self.pipeline.stats_listeners.clear()
        self.pipeline.state_listeners.clear()
        self._window.removeEventFilter(self)
        self._follow.stop()
        self._own_windows.stop()
        self._app.focusWindowChanged.disconnect(self._update_exclusions)
        self.border.hide()
        self._stop_camera()
        PortalStream.abort_waits()  # Wayland: an unanswered portal dialog must not hold the exit
        await self.pipeline.aclose()
        self.border.deleteLater()

    # -- choosing -------------------------------------------------------------------------

    def _share(self, source: FrameSource | None, choice: str) -> None:
        if not (isinstance(source, QtVideoSource) and source is self._camera):
            self._stop_camera()
        self._choice = choice
        self.panel.show_choice(choice, describe(source, choice))
        self.pipeline.set_source(source)
        self._update_border()
        if source is None or isinstance(source, QtVideoSource):
            self._own_windows.stop()  # a camera never shows this screen
        else:
            self._update_exclusions()
            self._own_windows.start()
        if isinstance(source, RegionSource | WindowSource):
            self._follow.start()
        else:
            self._follow.stop()

    def _pick_region(self) -> None:
        if self._picker is not None:
            return
        previous = self.pipeline.source
        # The overlay must not be captured: sharing waits while the user picks.
        self.pipeline.set_source(None)
        self.border.hide()
        initial = None
        if self._settings.vision_last_region:
            try:
                initial = device_to_logical(
                    Rect.parse(self._settings.vision_last_region), qt_screens()
                )
            except ValueError:
                initial = None
        picker = RegionPicker(initial)
        self._picker = picker

        def picked(logical: Rect) -> None:
            self._picker = None
            picker.deleteLater()
            device = logical_to_device(logical, qt_screens())
            self._remember_region(device)
            self._share(region_source(device), "region")

        def cancelled() -> None:
            self._picker = None
            picker.deleteLater()
            self._share(previous, self._choice if previous is not None else "none")

        picker.picked.connect(picked)
        picker.cancelled.connect(cancelled)
        picker.failed.connect(self._window.show_error)  # Wayland: no still from the portal
        # Let the hidden border and the panel repaint before the picker takes its still.
        QTimer.singleShot(PICKER_DELAY_MS, picker.start)

    @property
    def picker(self) -> RegionPicker | None:
        return self._picker

    def _pick_window(self) -> None:
        own = frozenset(
            {int(w.winId()) for w in QApplication.topLevelWidgets() if w.isWindow()}
            | {int(self._window.winId()), int(self.border.winId())}
        )
        try:
            windows = [w for w in list_windows(exclude=own) if is_shareable_window(w.title)]
        except CaptureError as exc:
            self.panel.show_choice(self._choice, describe(self.pipeline.source, self._choice))
            self._window.show_error(str(exc))
            return
        menu = QMenu(self._window)
        menu.setObjectName("windowMenu")
        menu.setAccessibleName(self.tr("Windows to share"))
        menu.addSection(self.tr("Share a window with the model"))
        show_thumbnails(menu)
        if not windows:
            menu.addAction(self.tr("No other windows to share")).setEnabled(False)
        screens = qt_screens()
        for info in windows:
            text = f"{shorten(info.title, 60)}  ·  {info.rect.w}×{info.rect.h}"
            action = QAction(window_thumbnail(info.rect, screens), text, menu)
            action.setData(info.window_id)
            action.setToolTip(info.title)
            action.triggered.connect(
                lambda _=False, i=info: self._share(
                    WindowSource(i.window_id, i.title), f"window:{i.window_id}"
                )
            )
            menu.addAction(action)
        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._after_menu))
        self.window_menu = menu
        menu.popup(QCursor.pos())

    def _after_menu(self) -> None:
        """A menu closed: the picker shows what is shared (nothing changed if none chosen)."""
        self.panel.show_choice(self._choice, describe(self.pipeline.source, self._choice))

    def _pick_camera(self) -> None:
        names = camera_names()
        if len(names) == 1:
            self._share_camera(1, "camera:1")
            return
        menu = QMenu(self._window)
        menu.setObjectName("cameraMenu")
        if not names:
            menu.addAction(self.tr("No camera found")).setEnabled(False)
        for i, name in enumerate(names, start=1):
            action = QAction(name, menu)
            action.triggered.connect(lambda _=False, n=i: self._share_camera(n, f"camera:{n}"))
            menu.addAction(action)
        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._after_menu))
        menu.popup(QCursor.pos())

    def _share_camera(self, number: int, choice: str) -> None:
        devices = QMediaDevices.videoInputs()
        if not 1 <= number <= len(devices):
            self._share(None, "none")
            self._window.show_error(
                self.tr("Camera %1 is not connected.").replace("%1", str(number))
            )
            return
        self._stop_camera()
        camera = CameraSource(devices[number - 1], self)
        self._camera = camera
        camera.start()
        self._share(camera, choice)

    def _stop_camera(self) -> None:
        camera, self._camera = self._camera, None
        if camera is not None:
            camera.stop()
            camera.deleteLater()

    def _remember_region(self, device: Rect) -> None:
        self._settings = self._settings.replace(vision_last_region=device.spec())
        self._window.set_settings(self._window.settings.replace(vision_last_region=device.spec()))
        try:
            self._store.save(self._window.settings)
        except OSError:
            log.warning("could not remember the region", exc_info=True)
        self.refresh_choices()

    # -- following ------------------------------------------------------------------------

    def _update_border(self) -> None:
        source = self.pipeline.source
        state = self.pipeline.state
        rect: Rect | None = None
        if isinstance(source, RegionSource):
            rect = source.rect
        elif isinstance(source, WindowSource):
            rect = source.last_rect
        if rect is None or state.paused:
            self.border.follow(None)
            return
        self.border.follow(device_to_logical(rect, qt_screens()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt may still call this while the controller is being torn down.
        if watched is getattr(self, "_window", None) and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._update_exclusions()
        return False

    def _update_exclusions(self, *_args: object) -> None:
        """Every window of the app is painted out of every capture that overlaps it."""
        if getattr(self, "_window", None) is None:  # torn down
            return
        rects = own_windows_device()  # Wayland: where the compositor says (Qt cannot know)
        if rects is None:
            screens = qt_screens()
            rects = [logical_to_device(r, screens) for r in own_windows()]
        self.pipeline.set_exclusions(rects)

    # -- pipeline and session ---------------------------------------------------------------

    def _send(self, jpeg: bytes) -> None:
        session = self._controller.session
        if session is not None:
            session.send_video(jpeg)

    def _on_event(self, event: Event) -> None:
        self.pipeline.on_event(event)

    def _on_frame(self, frame: SentFrame) -> None:
        self.panel.show_frame(frame)

    def _on_stats(self, stats: VisionStats) -> None:
        self.panel.show_stats(stats)

    def _on_state(self, state: PipelineState) -> None:
        self.panel.show_state(state)
        self._update_border()

    def _on_pause_toggled(self, paused: bool) -> None:
        if paused:
            self.pipeline.pause()
        else:
            self.resume()

    def _on_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.pipeline.update_config(pipeline_config(settings))
