"""The API key section of Settings: paste, save, remove, test, and what to do when it fails.

Every path ends somewhere useful:
- Test Key says what is wrong in plain words (no network, invalid or expired key, quota,
  region...; `desktop.core.key_check` decides), never a raw library error.
- Save to Keychain on a system without an OS keychain (Linux with no Secret Service running)
  keeps the key in memory for this run, so it works at once, and shows the one line that sets
  GEMINI_API_KEY for good, with a Copy button. The key is never written to a file: an
  "encrypted" file whose key sits beside it on the same disk would only be plain text with
  extra steps.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.api_key import (
    KeychainUnavailable,
    check_key,
    delete_from_keychain,
    key_for_this_run,
    key_from_env,
    key_from_keychain,
    resolve_api_key,
    store_in_keychain,
    use_for_this_run,
)
from desktop.core.key_check import KeyProblem, KeyVerdict, clean_pasted_key, env_command, mask_key

log = logging.getLogger(__name__)

Checker = Callable[[str], Awaitable[KeyVerdict | None]]
TEST_TIMEOUT_S = 10


class KeyEntryBox(QGroupBox):
    """`key_changed` fires when the key in use changed (saved, kept for this run, removed)."""

    key_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyEntry")
        self.key_checker: Checker = check_key
        self.key_test: asyncio.Future[None] | None = None
        self._status_kind = "info"
        self._copy_text = ""
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        reveal_icon = QIcon.fromTheme("view-reveal-symbolic")
        if not reveal_icon.isNull():  # an icon-less action would be an invisible button
            self.reveal = QAction(reveal_icon, "", self)
            self.reveal.setCheckable(True)
            self.reveal.toggled.connect(
                lambda shown: self.key_edit.setEchoMode(
                    QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
                )
            )
            self.key_edit.addAction(self.reveal, QLineEdit.ActionPosition.TrailingPosition)
        row.addWidget(self.key_edit, 1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveKey")
        self.save_button.clicked.connect(self.save_key)
        row.addWidget(self.save_button)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeKey")
        self.remove_button.clicked.connect(self.remove_key)
        row.addWidget(self.remove_button)
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testKey")
        self.test_button.clicked.connect(self.test_key)
        row.addWidget(self.test_button)
        layout.addLayout(row)

        status_row = QHBoxLayout()
        self.status_icon = QLabel(self)
        self.status_icon.setObjectName("keyStatusIcon")
        self.status_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("keyStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status, 1)
        layout.addLayout(status_row)
        layout.addWidget(self._build_no_keychain_panel())
        self.retranslate()
        self.refresh_status()

    def _build_no_keychain_panel(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("noKeychainPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.no_keychain_panel = panel
        layout = QVBoxLayout(panel)
        self.no_keychain_title = QLabel(panel)
        self.no_keychain_title.setObjectName("noKeychainTitle")
        font = self.no_keychain_title.font()
        font.setBold(True)
        self.no_keychain_title.setFont(font)
        self.no_keychain_text = QLabel(panel)
        self.no_keychain_text.setWordWrap(True)
        self.no_keychain_how = QLabel(panel)
        self.no_keychain_how.setWordWrap(True)
        command_row = QHBoxLayout()
        self.command_edit = QLineEdit(panel)
        self.command_edit.setObjectName("envCommand")
        self.command_edit.setReadOnly(True)
        self.copy_button = QPushButton(panel)
        self.copy_button.setObjectName("copyEnvCommand")
        self.copy_button.clicked.connect(self._copy_command)
        command_row.addWidget(self.command_edit, 1)
        command_row.addWidget(self.copy_button)
        for widget in (self.no_keychain_title, self.no_keychain_text, self.no_keychain_how):
            layout.addWidget(widget)
        layout.addLayout(command_row)
        panel.setVisible(False)
        return panel

    # -- texts -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh_status()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Gemini API key"))
        self.key_edit.setPlaceholderText(self.tr("Paste a key to store it in the OS keychain"))
        self.key_edit.setAccessibleName(self.tr("Gemini API key"))
        if hasattr(self, "reveal"):
            self.reveal.setText(self.tr("Show key"))
        self.save_button.setText(self.tr("Save to Keychain"))
        self.remove_button.setText(self.tr("Remove"))
        self.test_button.setText(self.tr("Test Key"))
        self.no_keychain_title.setText(self.tr("No keychain to save the key in"))
        self.no_keychain_text.setText(
            self.tr(
                "This system has no OS keychain Screenmate can use (on Linux: no Secret "
                "Service, such as GNOME Keyring or KWallet, is running). Screenmate never "
                "writes keys to a file, so this key is used only until you quit."
            )
        )
        if sys.platform == "win32":
            how = self.tr("To keep it, run this once in a Command Prompt, then restart Screenmate:")
        else:
            how = self.tr(
                "To keep it, run this once in a terminal, then log out and back in "
                "(or start Screenmate from that terminal):"
            )
        self.no_keychain_how.setText(how)
        self.command_edit.setAccessibleName(self.tr("Command that sets GEMINI_API_KEY"))
        self.status.setAccessibleName(self.tr("Key status"))
        self.copy_button.setText(self.tr("Copy Command"))
        self.copy_button.setToolTip(
            self.tr("Copies the line with your key: paste it only into your terminal")
        )

    # -- actions ---------------------------------------------------------------------------

    def save_key(self) -> None:
        value = clean_pasted_key(self.key_edit.text())
        if not value:
            self._show(self.tr("Paste an API key into the field first."), "warning")
            self.key_edit.setFocus()
            return
        try:
            store_in_keychain(value)
        except KeychainUnavailable as exc:
            log.info("no keychain: %s", exc)  # the library's words stay in the log
            use_for_this_run(value)
            self._offer_env_command(value)
            self.key_edit.clear()
            self.key_changed.emit()
            self.refresh_status()
            return
        use_for_this_run(None)
        self.no_keychain_panel.setVisible(False)
        self.key_edit.clear()
        self.key_changed.emit()
        self.refresh_status()

    def remove_key(self) -> None:
        if key_for_this_run() is not None:
            use_for_this_run(None)
            self.no_keychain_panel.setVisible(False)
            self.key_changed.emit()
            self.refresh_status()
            return
        try:
            delete_from_keychain()
        except KeychainUnavailable as exc:
            log.info("keychain delete failed: %s", exc)
            self._show(
                self.tr("The OS keychain could not remove the key. Is it locked?"), "warning"
            )
            return
        self.key_changed.emit()
        self.refresh_status()

    def test_key(self) -> None:
        """Ask Google whether the typed (or else the current) key works; answers in the status."""
        typed = clean_pasted_key(self.key_edit.text())
        current = resolve_api_key()
        key = typed or (current.value if current is not None else "")
        if not key:
            self._show(self.tr("There is no key to test: paste one first."), "warning")
            return
        self.test_button.setEnabled(False)
        self._show(self.tr("Testing the key…"), "info")
        self.key_test = asyncio.ensure_future(self._run_test(key, bool(typed)))

    async def _run_test(self, key: str, typed: bool) -> None:
        try:
            verdict = await self.key_checker(key)
        finally:
            if shiboken6.isValid(self.test_button):  # else Settings was closed meanwhile
                self.test_button.setEnabled(True)
        if not shiboken6.isValid(self.status):
            return
        if verdict is None:
            text = (
                self.tr("The key works. Save it to start using it.")
                if typed
                else self.tr("The key works.")
            )
            self._show(text, "ok")
        else:
            kind = "warning" if verdict.problem is KeyProblem.QUOTA else "error"
            self._show(self.problem_text(verdict), kind)

    def cancel(self) -> None:
        """Settings closes: a key test still running is not waited for."""
        if self.key_test is not None:
            self.key_test.cancel()

    def problem_text(self, verdict: KeyVerdict) -> str:
        problem = verdict.problem
        not_checked = self.tr("The key was not checked.")
        if problem is KeyProblem.NO_NETWORK:
            return (
                self.tr(
                    "No network: couldn't reach Google. Check that this computer is online "
                    "(and any proxy or firewall), then test again."
                )
                + " "
                + not_checked
            )
        if problem is KeyProblem.TIMEOUT:
            text = self.tr(
                "Google didn't answer within %1 seconds. The connection may be slow or "
                "blocked; test again in a moment."
            ).replace("%1", str(TEST_TIMEOUT_S))
            return text + " " + not_checked
        if problem is KeyProblem.TLS:
            return (
                self.tr(
                    "The secure connection to Google failed: its certificate wasn't trusted. "
                    "A proxy or security software may be intercepting HTTPS on this network."
                )
                + " "
                + not_checked
            )
        if problem is KeyProblem.PROXY:
            return (
                self.tr("The proxy refused the connection to Google. Check its settings.")
                + " "
                + not_checked
            )
        texts = {
            KeyProblem.INVALID_KEY: self.tr(
                "Google says this key isn't valid. Copy it again from "
                "aistudio.google.com/apikey: it starts with “AIza”."
            ),
            KeyProblem.EXPIRED_KEY: self.tr(
                "This key has expired. Create a new one at aistudio.google.com/apikey."
            ),
            KeyProblem.PERMISSION: self.tr(
                "This key may not use the Gemini API. In the key's Google Cloud project, "
                "enable the Generative Language API, or lift the key's API restrictions."
            ),
            KeyProblem.QUOTA: self.tr(
                "The key is valid, but its quota is used up or it sent too many requests. "
                "Wait a minute, or check the plan and billing at aistudio.google.com."
            ),
            KeyProblem.REGION: self.tr(
                "The Gemini API isn't available in your country or region. Screenmate can "
                "still run the offline demo."
            ),
            KeyProblem.SERVER: self.tr(
                "Google had a problem answering (HTTP %1); the key is probably fine. Test "
                "again in a minute."
            ).replace("%1", str(verdict.status_code or "")),
        }
        if problem in texts:
            return texts[problem]
        return self.tr("The key could not be tested: %1").replace("%1", verdict.detail)

    def _offer_env_command(self, key: str) -> None:
        self._copy_text = env_command(key, sys.platform)
        self.command_edit.setText(env_command(mask_key(key), sys.platform))
        self.command_edit.setCursorPosition(0)
        self.no_keychain_panel.setVisible(True)

    def _copy_command(self) -> None:
        if not self._copy_text:
            return
        QGuiApplication.clipboard().setText(self._copy_text)
        self.copy_button.setText(self.tr("Copied"))

    # -- status ----------------------------------------------------------------------------

    def refresh_status(self) -> None:
        from_env = key_from_env()
        this_run = key_for_this_run()
        in_keychain = key_from_keychain() is not None
        if from_env is not None:
            text = self.tr(
                "The key in the %1 environment variable is used; it takes precedence over "
                "the keychain."
            ).replace("%1", from_env.source)
        elif this_run is not None:
            text = self.tr(
                "The key you entered is used until Screenmate quits (there is no keychain "
                "to save it in)."
            )
        elif in_keychain:
            text = self.tr("A key is stored in the OS keychain and is used.")
        else:
            text = self.tr(
                "No key is set, so Screenmate runs the offline demo with an emulated model. "
                "Get a key at aistudio.google.com."
            )
        self._show(text, "info")
        self.remove_button.setEnabled(in_keychain or this_run is not None)

    def _show(self, text: str, kind: str) -> None:
        """kind: info, ok, warning, error; the icon says which at a glance."""
        self._status_kind = kind
        self.status.setText(text)
        pixmaps = {
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
        }
        if kind in pixmaps:
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            self.status_icon.setPixmap(self.style().standardIcon(pixmaps[kind]).pixmap(size))
            self.status_icon.setVisible(True)
        else:
            self.status_icon.clear()
            self.status_icon.setVisible(False)

    @property
    def status_kind(self) -> str:
        return self._status_kind
