"""The line to type into and its Send button. Enter or Send emits `submitted(text)` (stripped,
never empty) and clears the box; Send is enabled only while there is something to send. Its
texts keep the MainWindow translation context they always had."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget


class MessageRow(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.input = QLineEdit(self)
        self.input.setObjectName("messageInput")
        self.input.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "Type a message and press Enter")
        )
        self.input.setAccessibleName(QCoreApplication.translate("MainWindow", "Message"))
        self.input.setAccessibleDescription(
            QCoreApplication.translate("MainWindow", "Type a message and press Enter to send it.")
        )
        self.input.setClearButtonEnabled(True)
        self.input.setMinimumHeight(32)
        self.input.returnPressed.connect(self.submit)
        self.input.textChanged.connect(self._on_changed)
        row.addWidget(self.input, 1)
        self.send = QPushButton(QCoreApplication.translate("MainWindow", "Send"), self)
        self.send.setObjectName("sendButton")
        self.send.setAccessibleDescription(
            QCoreApplication.translate("MainWindow", "Send the typed message.")
        )
        self.send.setMinimumHeight(32)
        self.send.setEnabled(False)
        self.send.clicked.connect(self.submit)
        row.addWidget(self.send)

    def _on_changed(self, text: str) -> None:
        self.send.setEnabled(bool(text.strip()))

    def submit(self) -> None:
        text = self.input.text().strip()
        if not text or not self.input.isEnabled():
            return
        self.input.clear()
        self.submitted.emit(text)
