"""Session › Pair a device…: the pairing code, QR code, URL and certificate fingerprint, and the
list of paired devices (last seen, connected, Revoke).

`CompanionUi` is the window's side of companions: it owns the `CompanionService`, starts it
when companions are enabled or when the user opens this dialog (then, after the first pairing,
remembers `companion_enabled` in the settings) and stops it at shutdown.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.companion import CompanionService, ReplyAudio
from desktop.companion.hub import SessionInputs
from desktop.core.events import Event, Role, TranscriptLine
from desktop.core.fanout import EventFanout
from desktop.core.pairing import PairingOffer
from desktop.settings import SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.pairing_parts import ago, qr_pixmap
from desktop.ui.theme import Restyler, Tone, text_colour

log = logging.getLogger(__name__)

__all__ = ["CompanionUi", "PairingDialog", "ago", "qr_pixmap"]

TRUST_HINT = QT_TRANSLATE_NOOP(
    "PairingDialog",
    "First time on a phone or watch: 1. open the certificate link below; 2. install it "
    "(Android: Settings › Security › Install a certificate › CA certificate; iPhone: install the "
    "profile, then enable it under General › About › Certificate Trust Settings); 3. check that "
    "its SHA-256 fingerprint matches the one shown here. It is valid only for this computer's "
    "names and addresses, so it cannot vouch for any other website. Without it, typing still "
    "works; the microphone needs it.",
)
MAX_ATTEMPT_LINES = 3


class PairingDialog(QDialog):
    """Shows a fresh offer (renewed when it expires) and the paired devices. Needs a running
    service; closing the dialog withdraws the offer."""

    def __init__(
        self,
        service: CompanionService,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._clock = clock
        self._offer: PairingOffer | None = None
        self.setWindowTitle(self.tr("Pair a device"))
        self._build()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        service.access.on_paired.append(self._paired)
        service.access.on_attempt.append(self._show_attempts)
        self._stop_device_updates = service.hub.on_change(self._refresh_devices)
        self.finished.connect(self._closed)
        self.new_offer()
        self._refresh_devices()

    # -- public -------------------------------------------------------------------------

    @property
    def code_text(self) -> str:
        return self._code.text().replace(" ", "")

    @property
    def device_list(self) -> QTreeWidget:
        return self._devices

    def new_offer(self) -> None:
        self._offer = self._service.offer()
        self._code.setText(f"{self._offer.code[:3]} {self._offer.code[3:]}")
        url = self._service.pairing_url(self._offer)
        self._qr.setPixmap(qr_pixmap(url))
        # Never the URL itself: it carries the secret, and tooltips are easy to capture.
        self._qr.setToolTip(self.tr("Scan with the phone or watch camera"))
        base = self._service.urls()
        self._url.setText(base[0] if base else self.tr("not listening"))
        cert = self._service.certificate_url()
        self._fingerprint.setText(
            self.tr("Certificate SHA-256: %1").replace("%1", self._service.fingerprint)
        )
        self._cert_link.setText(cert)
        self._show_attempts()
        self._tick()

    def revoke_selected(self) -> None:
        item = self._devices.currentItem()
        if item is None:
            return
        device_id = item.data(0, Qt.ItemDataRole.UserRole)
        self._service.access.revoke(str(device_id))
        self._refresh_devices()

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "On the watch or phone, scan the QR code, or open the address and type the code."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        self._qr = QLabel(self)
        self._qr.setObjectName("pairingQr")
        self._qr.setFixedSize(220, 220)
        self._qr.setScaledContents(True)
        self._qr.setAccessibleName(self.tr("Pairing QR code"))
        self._qr.setAccessibleDescription(self.tr("Scan with the phone or watch camera"))
        top.addWidget(self._qr)
        right = QVBoxLayout()
        self._code = QLabel(self)
        self._code.setObjectName("pairingCode")
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize(), 10) * 3)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self._code.setFont(font)
        self._code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._code.setAccessibleName(self.tr("Pairing code"))
        right.addWidget(self._code)
        self._expires = QLabel(self)
        self._expires.setObjectName("pairingExpires")
        right.addWidget(self._expires)
        self._attempts = QLabel(self)
        self._attempts.setObjectName("pairingAttempts")
        self._attempts.setWordWrap(True)
        Restyler(
            self._attempts,
            lambda: self._attempts.setStyleSheet(f"color: {text_colour(Tone.ERROR)};"),
        )
        right.addWidget(self._attempts)
        self._url = QLabel(self)
        self._url.setObjectName("pairingUrl")
        self._url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        url_font = QFont(self.font())
        url_font.setPointSize(url_font.pointSize() + 2)
        self._url.setFont(url_font)
        self._url.setAccessibleName(self.tr("Address to open on the device"))
        right.addWidget(self._url)
        new_code = QPushButton(self.tr("New code"), self)
        new_code.clicked.connect(self.new_offer)
        new_code.setAccessibleDescription(self.tr("Withdraw this code and show a new one."))
        right.addWidget(new_code, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        top.addLayout(right, 1)
        layout.addLayout(top)

        self._fingerprint = QLabel(self)
        self._fingerprint.setObjectName("pairingFingerprint")
        self._fingerprint.setWordWrap(True)
        self._fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._fingerprint.setStyleSheet("font-family: monospace; font-size: 9pt;")
        self._fingerprint.setAccessibleName(self.tr("Certificate fingerprint"))
        layout.addWidget(self._fingerprint)
        hint = QLabel(self.tr(str(TRUST_HINT)), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        self._cert_link = QLabel(self)
        self._cert_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._cert_link.setAccessibleName(self.tr("Certificate address"))
        layout.addWidget(self._cert_link)

        devices_label = QLabel(self.tr("Paired &devices"), self)
        layout.addWidget(devices_label)
        self._devices = QTreeWidget(self)
        self._devices.setObjectName("pairedDevices")
        devices_label.setBuddy(self._devices)
        self._devices.setAccessibleName(self.tr("Paired devices"))
        self._devices.setAccessibleDescription(
            self.tr("Each paired watch or phone: name, last seen, connected or not.")
        )
        self._devices.setHeaderLabels([self.tr("Name"), self.tr("Last seen"), self.tr("Status")])
        self._devices.setRootIsDecorated(False)
        self._devices.setMinimumHeight(110)
        self._devices.setColumnWidth(0, 220)
        self._devices.setColumnWidth(1, 130)
        layout.addWidget(self._devices)
        row = QHBoxLayout()
        self._revoke = QPushButton(self.tr("Revoke"), self)
        self._revoke.setObjectName("revokeButton")
        self._revoke.setEnabled(False)
        self._revoke.setAccessibleDescription(
            self.tr("Remove the selected device; it must pair again to connect.")
        )
        self._revoke.clicked.connect(self.revoke_selected)
        self._devices.currentItemChanged.connect(
            lambda current, _prev: self._revoke.setEnabled(current is not None)
        )
        row.addWidget(self._revoke)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(600, 640)

    # -- updates ------------------------------------------------------------------------

    def _tick(self) -> None:
        offer = self._offer
        if offer is None:
            return
        left = offer.seconds_left(self._clock())
        if left <= 0 or self._service.access.current_offer() is not offer:
            self.new_offer()  # expired or used: show a fresh one
            return
        self._expires.setText(self.tr("Single use · expires in %1 s").replace("%1", str(int(left))))

    @property
    def attempts_text(self) -> str:
        return self._attempts.text()

    def _show_attempts(self) -> None:
        """ "N wrong attempts from ADDRESS", for the current offer (strangers guessing)."""
        lines = []
        for seen in self._service.access.attempts()[:MAX_ATTEMPT_LINES]:
            text = (
                self.tr("1 wrong attempt from %2")
                if seen.misses == 1
                else self.tr("%1 wrong attempts from %2").replace("%1", str(seen.misses))
            ).replace("%2", seen.source)
            if seen.locked:
                text += self.tr(" (locked out for 5 minutes)")
            lines.append(text)
        gate = self._service.access.gate
        if gate.ledger.code_burnt:
            lines.append(
                self.tr(
                    "Too many wrong codes: this code is off; scan the QR code or press New code."
                )
            )
        self._attempts.setText("\n".join(lines))
        self._attempts.setVisible(bool(lines))

    def _paired(self, _device: object) -> None:
        self._refresh_devices()
        QTimer.singleShot(0, self._tick)

    def _refresh_devices(self) -> None:
        connected = self._service.hub.connected_device_ids()
        now = self._clock()
        current = self._devices.currentItem()
        selected = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self._devices.clear()
        for device in self._service.access.devices:
            online = device.device_id in connected
            item = QTreeWidgetItem(
                [
                    device.name,
                    self.tr("now") if online else ago(now - device.last_seen),
                    self.tr("connected") if online else "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, device.device_id)
            self._devices.addTopLevelItem(item)
            if device.device_id == selected:
                self._devices.setCurrentItem(item)

    def _closed(self) -> None:
        # Everything this dialog subscribed to ends with it: a closed dialog that still got
        # device updates raised "Internal C++ object (QTreeWidget) already deleted".
        self._stop_device_updates()
        self._timer.stop()
        self._service.access.gate.withdraw()
        if self._paired in self._service.access.on_paired:
            self._service.access.on_paired.remove(self._paired)
        if self._show_attempts in self._service.access.on_attempt:
            self._service.access.on_attempt.remove(self._show_attempts)


class CompanionUi:
    """Owns the companion service behind a window (see the module docstring)."""

    def __init__(
        self,
        window: MainWindow,
        events: EventFanout,
        session: Callable[[], SessionInputs | None],
        store: SettingsStore,
    ) -> None:
        self._window = window
        self._store = store
        try:
            reply = ReplyAudio(window.settings.companion_reply_audio)
        except ValueError:
            reply = ReplyAudio.ASKING
        self.service = CompanionService(events, session, reply_audio=reply)
        # After the hub (subscribed first) has seen a user line, it knows which device said it.
        self._unsubscribe_origins = events.subscribe(self._name_device_lines)
        self.service.access.on_paired.append(lambda _device: self._remember_enabled())
        self._task: asyncio.Task[None] | None = None
        self.dialog: PairingDialog | None = None

    def _name_device_lines(self, event: Event) -> None:
        # Final lines only: while a line streams, the hub has not placed it yet.
        if isinstance(event, TranscriptLine) and event.role is Role.USER:
            name = self.service.hub.asker_name()
            if name:
                self._window.transcript.set_origin(event.line_id, name)

    async def start_if_enabled(self) -> None:
        if self._window.settings.companion_enabled:
            await self._start()

    def open_dialog(self) -> None:
        """Start listening on the LAN (if not yet) and show the pairing dialog."""
        self._task = asyncio.ensure_future(self._open())

    async def stop(self) -> None:
        self._unsubscribe_origins()
        await self.service.stop()
        self.service.close()

    async def _start(self) -> bool:
        port = self._window.settings.companion_port
        try:
            await self.service.start(port=port)
        except OSError as exc:
            log.warning("cannot listen for companion devices: %s", exc)
            self._window.show_error(
                self._window.tr("Cannot listen for companion devices on port %1: %2")
                .replace("%1", str(port))
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        return True

    async def _open(self) -> None:
        if not await self._start():
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        self.dialog = PairingDialog(self.service, self._window)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _remember_enabled(self) -> None:
        """The first paired device turns companions on for later runs too."""
        settings = self._window.settings
        if settings.companion_enabled:
            return
        settings = settings.replace(companion_enabled=True)
        self._window.set_settings(settings)
        try:
            self._store.save(settings)
        except OSError:
            log.warning("could not save the companion setting", exc_info=True)
