"""The conversation as a read-only, selectable document that updates line by line.

Feed it `TranscriptDelta` and `TranscriptLine` events (`add_delta`, `add_line`). Each line_id
owns one paragraph: deltas append to it in place, the final line replaces the streamed text.
Line ids are only unique within one session, so call `start_new_session()` before the events of
a new `LiveSession` arrive. User text is inserted as plain text and never interpreted as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.events import LineSource, Role, TranscriptDelta, TranscriptLine
from desktop.ui.session_messages import localise_session_message
from desktop.ui.transcript_format import (
    DisplayLine,
    Notice,
    clock_time,
    format_transcript_plain,
    source_marker,
)

ROLE_COLOURS: dict[Role, str] = {Role.USER: "#1a73e8", Role.MODEL: "#8e44c9"}
# Wrapped lines of a message are indented by this much under its header (pixels).
BODY_INDENT = 14.0
# Within this many pixels of the end counts as "at the bottom" (keeps following the tail).
BOTTOM_SLACK = 4
# A line separator keeps a multi-line message inside its own paragraph (one block per line_id).
LINE_SEPARATOR = "\u2028"
# The window shows the newest this many lines and notices; the history (SQLite) keeps them all.
# A window open all day would otherwise grow its document without end (~7 KB a line, measured).
MAX_SHOWN = 500


class TranscriptView(QTextBrowser):
    """Transcript widget. Scrolls along with new text only while the user is at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(14)
        font = self.font()
        if font.pointSizeF() > 0:  # reading text a notch larger than the UI chrome
            font.setPointSizeF(font.pointSizeF() * 1.1)
            self.setFont(font)
        # Shown only while the transcript is empty: how to try the screen features, true for
        # Google and the emulator alike. Painted here: Qt shows one line of a placeholder.
        self._hint = self.empty_hint()

        # False while no speaker plays the model's voice (set by the voice wiring): its
        # replies are then not called "spoken" (issue 17).
        self.speaker_available = True
        # line_id → the paired device a user line came from (the companion wiring sets it).
        self._origins: dict[int, str] = {}
        self._entries: list[DisplayLine | Notice] = []
        self._blocks: dict[int, tuple[DisplayLine, QTextBlock]] = {}
        self._follow_tail = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)

        self.copy_transcript_action = QAction(self.tr("Copy transcript"), self)
        self.copy_transcript_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_transcript_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_transcript_action.triggered.connect(self.copy_transcript)
        self.addAction(self.copy_transcript_action)

    def empty_hint(self) -> str:
        return self.tr(
            "The conversation appears here.\n\n"
            "Try it: share a region in \u201cWhat the model sees\u201d, then ask "
            "\u201cWhere is the red box?\u201d or \u201cWhat do you see?\u201d. With "
            "\u201cPoint at things on the shared screen\u201d on (the default), the answer "
            "highlights what it names on your screen.\n\n"
            "Without an API key an offline emulator answers: it goes by the colours and "
            "shapes in the picture and cannot read text."
        )

    @property
    def hint_text(self) -> str:
        """The hint painted while the transcript is empty."""
        return self._hint

    @property
    def hint_shown(self) -> bool:
        return self.document().isEmpty()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.hint_shown:
            return
        margin = int(self.document().documentMargin())
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(area, Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self._hint)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._hint = self.empty_hint()
            for line, block in list(self._blocks.values()):
                self._render(line, block)  # "You", "typed"... in the new language
            self.viewport().update()
        super().changeEvent(event)

    # -- feeding ------------------------------------------------------------------------

    def add_delta(self, delta: TranscriptDelta) -> None:
        known = self._blocks.get(delta.line_id)
        if known is None:
            line = DisplayLine(delta.line_id, delta.role, delta.source, delta.started_at)
            line.text = delta.text
            self._append_line(line)
            return
        line, block = known
        line.text += delta.text
        self._render(line, block)

    def add_line(self, final: TranscriptLine) -> None:
        known = self._blocks.get(final.line_id)
        if known is None:
            line = DisplayLine(final.line_id, final.role, final.source, final.started_at)
            self._fill_final(line, final)
            self._append_line(line)
            return
        line, block = known
        self._fill_final(line, final)
        self._render(line, block)

    def add_notice(self, text: str, at: float) -> None:
        """A centred grey line from the app itself, such as "New session"."""
        text = localise_session_message(text)  # the session's notices are worded in English
        notice = Notice(text, at)
        cursor = self._new_block_cursor()
        block_format = QTextBlockFormat()
        block_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        block_format.setTopMargin(10)
        cursor.setBlockFormat(block_format)
        char_format = self._muted_format(italic=True)
        cursor.insertText(f"{text}  ·  {clock_time(at)}", char_format)
        self._entries.append(notice)
        self._trim()

    def start_new_session(self) -> None:
        """Forget which paragraphs belong to which line_id; earlier lines stay as they are."""
        self._blocks.clear()
        self._origins.clear()

    def set_origin(self, line_id: int, device: str) -> None:
        """Name the device a user line came from ("Kitchen phone"), shown in its header."""
        self._origins[line_id] = device
        known = self._blocks.get(line_id)
        if known is not None:
            self._render(*known)

    def clear_transcript(self) -> None:
        self._entries.clear()
        self._blocks.clear()
        self.clear()

    # -- reading ------------------------------------------------------------------------

    def entries(self) -> list[DisplayLine | Notice]:
        return list(self._entries)

    def plain_text(self) -> str:
        """The transcript as `[HH:MM:SS] You: ...` lines, as "Copy transcript" puts it."""
        return format_transcript_plain(self._entries, self._role_labels(), self._interrupted())

    def copy_transcript(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        menu.addAction(self.copy_transcript_action)
        self.copy_transcript_action.setEnabled(bool(self._entries))
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- document updates ---------------------------------------------------------------

    def _append_line(self, line: DisplayLine) -> None:
        cursor = self._new_block_cursor()
        block_format = QTextBlockFormat()
        block_format.setTopMargin(10)
        block_format.setLeftMargin(BODY_INDENT)
        block_format.setTextIndent(-BODY_INDENT)
        cursor.setBlockFormat(block_format)
        block = cursor.block()
        self._entries.append(line)
        self._blocks[line.line_id] = (line, block)
        self._render(line, block)
        self._trim()

    def _trim(self) -> None:
        """Drop the oldest entries beyond MAX_SHOWN: one entry is one paragraph."""
        while len(self._entries) > MAX_SHOWN:
            oldest = self._entries.pop(0)
            if isinstance(oldest, DisplayLine):
                known = self._blocks.get(oldest.line_id)
                if known is not None and known[0] is oldest:
                    del self._blocks[oldest.line_id]
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.movePosition(
                QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()

    def _new_block_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._entries:
            cursor.insertBlock()
        return cursor

    def _render(self, line: DisplayLine, block: QTextBlock) -> None:
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

        role_format = QTextCharFormat()
        role_format.setFontWeight(QFont.Weight.DemiBold)
        role_format.setForeground(QColor(ROLE_COLOURS[line.role]))
        cursor.insertText(self._role_labels()[line.role], role_format)

        header = f"   {clock_time(line.started_at)}"
        origin = self._origins.get(line.line_id, "") if line.role is Role.USER else ""
        if origin:
            header += f" · {origin}"
        marker = self._source_marker(line.source, line.role)
        if marker:
            header += f" · {marker}"
        cursor.insertText(header, self._muted_format(smaller=True))

        body_format = QTextCharFormat()
        body_format.setForeground(self.palette().text())
        body = line.shown_text.replace("\r\n", "\n").replace("\n", LINE_SEPARATOR)
        cursor.insertText(LINE_SEPARATOR + body, body_format)
        if not line.final and not body:
            cursor.insertText("…", self._muted_format())
        if line.interrupted:
            cursor.insertText(" " + self._interrupted(), self._muted_format(italic=True))
        cursor.endEditBlock()

    def _muted_format(self, *, italic: bool = False, smaller: bool = False) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setForeground(self.palette().placeholderText())
        char_format.setFontItalic(italic)
        if smaller:
            size = self.font().pointSizeF()
            if size > 0:
                char_format.setFontPointSize(size * 0.85)
        return char_format

    @staticmethod
    def _fill_final(line: DisplayLine, final: TranscriptLine) -> None:
        line.text = final.text
        line.final = True
        line.interrupted = final.interrupted

    # -- labels -------------------------------------------------------------------------

    def _role_labels(self) -> dict[Role, str]:
        return {Role.USER: self.tr("You"), Role.MODEL: self.tr("Gemini")}

    def _interrupted(self) -> str:
        return self.tr("(interrupted)")

    def _source_marker(self, source: LineSource, role: Role = Role.USER) -> str:
        key = source_marker(role, source, self.speaker_available)
        names = {
            "typed": self.tr("typed"),
            "spoken": self.tr("spoken"),
            "voice, not played": self.tr("voice, not played"),
        }
        return names.get(key, "")

    # -- following the tail -------------------------------------------------------------

    def _on_scrolled(self, value: int) -> None:
        self._follow_tail = value >= self.verticalScrollBar().maximum() - BOTTOM_SLACK

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._follow_tail:
            self.verticalScrollBar().setValue(maximum)
