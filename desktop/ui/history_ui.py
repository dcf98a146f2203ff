"""Wires history and cost into the window: the recorder (first consumer of session events,
so a line is written before it is shown), the usage meter in the controls row, and the
History window behind Session › History…."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop.core.events import Event, Notice
from desktop.outputs.history import HistoryRecorder
from desktop.outputs.price_file import load_prices
from desktop.ui.history_window import HistoryWindow
from desktop.ui.usage_meter import UsageMeterLabel

if TYPE_CHECKING:
    from desktop.ui.gui_app import SessionController
    from desktop.ui.main_window import MainWindow


class HistoryController(QObject):
    def __init__(
        self,
        window: MainWindow,
        controller: SessionController,
        recorder: HistoryRecorder | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._events = controller.events
        prices, problem = load_prices()
        self.recorder = recorder or HistoryRecorder(prices=prices, on_problem=self._problem)
        self.recorder.prices = prices
        self.meter = UsageMeterLabel(prices, window)
        self.history_window: HistoryWindow | None = None
        self._unsubscribe = [
            self._events.subscribe(self.recorder, first=True),
            self._events.subscribe(self._on_event),
        ]
        window.add_status_widget(self.meter)
        controller.session_started.connect(self._session_started)
        controller.model_changed.connect(self._model_changed)
        window.history_requested.connect(self.open_window)
        if problem:
            self._problem(problem)

    def _problem(self, message: str) -> None:
        # Shown as a line in the transcript; the session goes on.
        self._events(Notice(message))

    def _session_started(self, settings: Any, endpoint: Any) -> None:
        self.recorder.new_session(settings.model, getattr(endpoint, "label", ""))
        self.meter.start_session(settings.model)

    def _model_changed(self, settings: Any, endpoint: Any) -> None:
        # A new Live session of another model, seeded with this conversation: History keeps
        # it as a session of its own (with its model and cost); the meter keeps the total.
        self.recorder.new_session(settings.model, getattr(endpoint, "label", ""))
        self.meter.change_model(settings.model)

    def _on_event(self, event: Event) -> None:
        self.meter.on_event(event)

    def open_window(self) -> HistoryWindow | None:
        store = self.recorder.store
        if store is None:
            self._problem(self.tr("History is off this time: the database could not be opened."))
            return None
        if self.history_window is None or self.history_window.store is not store:
            self.history_window = HistoryWindow(store, self._window)
        self.history_window.refresh()
        self.history_window.show()
        self.history_window.raise_()
        self.history_window.activateWindow()
        return self.history_window

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        if self.history_window is not None:
            self.history_window.close()
        self.recorder.close()
