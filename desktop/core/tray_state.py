"""Pure: which tray icon a moment calls for, from the session, voice and vision states.

Priority, most urgent first: error, reconnecting, no session (offline), the model speaking, the
user talking (listening), and otherwise idle. "Listening" wins over the model speaking only
while the user holds push-to-talk: pressing silences the model at once, so the icon follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.events import SessionState


class TrayIcon(StrEnum):
    OFFLINE = "offline"
    IDLE = "idle"
    LISTENING = "listening"
    SPEAKING = "speaking"
    RECONNECTING = "reconnecting"
    ERROR = "error"


@dataclass(frozen=True)
class TrayInputs:
    session: SessionState = SessionState.IDLE
    talking: bool = False  # push-to-talk held or latched (or hands-free mic streaming)
    model_speaking: bool = False
    muted: bool = False
    sharing_paused: bool = False
    sharing: bool = False


def tray_icon(inputs: TrayInputs) -> TrayIcon:
    state = inputs.session
    if state is SessionState.ERROR:
        return TrayIcon.ERROR
    if state in (SessionState.RECONNECTING, SessionState.CONNECTING):
        return TrayIcon.RECONNECTING
    if state is not SessionState.LIVE:
        return TrayIcon.OFFLINE
    if inputs.talking and not inputs.muted:
        return TrayIcon.LISTENING
    if inputs.model_speaking:
        return TrayIcon.SPEAKING
    return TrayIcon.IDLE


def tray_tooltip_parts(inputs: TrayInputs) -> list[str]:
    """Extra facts the tooltip lists after the state (untranslated keys; the UI translates)."""
    parts: list[str] = []
    if inputs.muted:
        parts.append("muted")
    if inputs.sharing and inputs.sharing_paused:
        parts.append("sharing paused")
    elif inputs.sharing:
        parts.append("sharing")
    return parts
