"""Wires function calling into the window: the tools' Qt effects (highlight, clipboard,
open-URL confirmation), the runner on the session's events, and the tool log panel.

`session_options(settings)` is what `SessionController` passes to each new session: the
declarations of the tools the settings enable and the system instruction addition.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMessageBox

from desktop.core.events import Event, Role, TranscriptDelta, TranscriptLine
from desktop.core.geometry import FrameGeometry, Rect, Screen
from desktop.core.live_models import rules_for
from desktop.core.tool_calls import ToolImage, ToolRecord
from desktop.settings import Settings
from desktop.tools.builtin import build_registry, fresh_look_from, system_instruction_addition
from desktop.tools.runner import ToolRunner
from desktop.ui.highlight import Highlight
from desktop.ui.tool_log import ToolLogPanel
from desktop.ui.vision import qt_screens

if TYPE_CHECKING:
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow
    from desktop.ui.vision import VisionController

log = logging.getLogger(__name__)


class QtEffects:
    def __init__(self, window: MainWindow, vision: VisionController, highlight: Highlight):
        self._window = window
        self._vision = vision
        self._highlight = highlight
        # A new question clears the highlight: a user line newer than the one it answered.
        self.last_user_line = -1
        self.pointed_after_line = -1

    def frame_geometry(self) -> FrameGeometry | None:
        sent = self._vision.pipeline.last_sent
        return sent.geometry if sent is not None else None

    def screens(self) -> Sequence[Screen]:
        return qt_screens()

    def highlight(self, rect: Rect, label: str, seconds: float) -> None:
        self._highlight.point(rect, label, seconds)
        self.pointed_after_line = self.last_user_line

    def copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    async def confirm_open_url(self, url: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._window.tr("Open a link?"),
            self._window.tr("The model wants to open this page in your browser:\n\n%1").replace(
                "%1", url
            ),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setObjectName("openUrlConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def done(code: int) -> None:
            if not answer.done():
                answer.set_result(code == QMessageBox.StandardButton.Open.value)

        box.finished.connect(done)
        box.open()  # window-modal, never blocks the loop
        try:
            return await answer
        finally:
            box.deleteLater()

    def open_url(self, url: str) -> bool:
        return QDesktopServices.openUrl(QUrl(url))

    async def fresh_look(self) -> ToolImage | str:
        return await fresh_look_from(self._vision.pipeline)


class ToolsController(QObject):
    def __init__(
        self, window: MainWindow, controller: SessionController, vision: VisionController
    ) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self.highlight = Highlight()
        self.effects = QtEffects(window, vision, self.highlight)
        self.panel = ToolLogPanel(window)
        window.add_side_panel(self.panel, stretch=1)
        self.runner = ToolRunner(
            build_registry(window.settings, self.effects), self._respond, on_record=self._record
        )
        controller.session_options = self.session_options
        self._unsubscribe = controller.events.subscribe(self._on_event)
        window.text_submitted.connect(lambda _text: self.highlight.clear())
        window.installEventFilter(self)

    def session_options(self, settings: Settings) -> dict[str, Any]:
        registry = build_registry(settings, self.effects)
        self.runner.registry = registry
        self.runner.timeout_s = settings.tool_timeout_s
        self.runner.schedules = rules_for(settings.model).scheduling
        return {
            "tool_declarations": registry.declarations(),
            "tool_instruction": system_instruction_addition(registry),
        }

    async def aclose(self) -> None:
        self._unsubscribe()
        self._window.removeEventFilter(self)
        await self.runner.aclose()
        self.highlight.clear()
        self.highlight.deleteLater()

    def _respond(
        self,
        call_id: str,
        name: str,
        response: dict[str, Any],
        images: Sequence[ToolImage],
        scheduling: str = "",
    ) -> str | None:
        session = self._controller.session
        if session is None:
            return "no session"
        return session.send_tool_response(call_id, name, response, images, scheduling=scheduling)

    def _record(self, record: ToolRecord) -> None:
        self.panel.show_record(record)

    def _on_event(self, event: Event) -> None:
        self.runner.on_event(event)
        if isinstance(event, TranscriptDelta | TranscriptLine) and event.role is Role.USER:
            self.effects.last_user_line = max(self.effects.last_user_line, event.line_id)
            if event.line_id > self.effects.pointed_after_line:
                self.highlight.clear()  # a new question

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is getattr(self, "_window", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.highlight.clear()
        return False
