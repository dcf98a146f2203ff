"""User settings as data with defaults, stored as JSON in the per-user config directory.

The API key is deliberately not a field here: it lives in the environment or the OS keychain
(see `desktop.api_key`) and never in this file or a log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from desktop.private_files import private_dir, private_file, write_private

log = logging.getLogger(__name__)

APP_NAME = "screenmate"

DEFAULT_SYSTEM_INSTRUCTION = (
    "You are Screenmate, a helpful assistant who can see the part of the user's screen they "
    "share and hear them speak. Answer briefly and conversationally, refer to what is visible "
    "when it helps, and say so when you cannot see something clearly."
)

VOICES = ("Puck", "Charon", "Kore", "Fenrir", "Aoede", "Leda", "Orus", "Zephyr")


@dataclass(frozen=True)
class Settings:
    model: str = "gemini-3.8-live"  # core.live_models: the default and each model's rules
    # gemini-3.8-live-extended-thinking only: "low", "medium" or "high".
    thinking_level: str = "medium"
    # The one-time suggestion to move off gemini-3.1-flash-live-preview was dismissed.
    model_suggestion_dismissed: bool = False
    voice: str = "Puck"
    # BCP-47 code for the model's spoken answers; empty means the model chooses.
    language: str = ""
    system_instruction: str = DEFAULT_SYSTEM_INSTRUCTION
    # Context window compression lets sessions outlive the 2/15 minute limits.
    context_compression: bool = True
    session_resumption: bool = True
    # Seconds without a ping reply before the connection counts as dead. Google can be slow to
    # answer pings; the websockets default of 20 s has dropped healthy sessions.
    ping_timeout_s: float = 60.0
    # Seconds of silence from the server while a reply is due (or streaming) before the
    # connection counts as stalled and is replaced (resuming where it was).
    stall_timeout_s: float = 20.0
    # Voice. Devices are persisted by name ("default": the system's choice).
    mic_device: str = "default"
    speaker_device: str = "default"
    talk_mode: str = "hands-free"  # or "push-to-talk" (core.audio_talk.TalkMode)
    echo_mode: str = "aec"  # "aec", "half-duplex" or "off" (headphones)
    # Hands-free: the server's voice activity detection. "default", "high" or "low";
    # silence 0 keeps the server's own default.
    vad_start_sensitivity: str = "default"
    vad_end_sensitivity: str = "default"
    vad_silence_ms: int = 0
    # Vision. "" lets the server choose (~258 tokens a frame); "MEDIA_RESOLUTION_LOW" ~66.
    media_resolution: str = ""
    vision_max_side: int = 1024  # long side of a sent frame in pixels (Google suggests 768)
    vision_fps_max: float = 1.0
    vision_keepalive_s: float = 30.0  # a frame at least this often while sharing (0: never)
    vision_change_threshold: float = 0.01  # fraction of the picture that must change
    vision_last_region: str = ""  # "X,Y,W,H" in device pixels, offered again next time
    # Companion devices (watch/phone web client). Off: no listener at all. Turned on by the
    # user or by pairing a first device; then it listens on the LAN at this port (TLS).
    companion_enabled: bool = False
    companion_port: int = 48765
    companion_reply_audio: str = "asking"  # "asking" device, "all" or "desktop" only
    # Tools (function calling). point_at draws a highlight where the model points; the local
    # tools are off unless enabled; Google Search grounding is the Live API's built-in tool.
    tools_point_at: bool = True
    tools_google_search: bool = False
    tools_clipboard: bool = False
    tools_open_url: bool = False
    tools_fresh_look: bool = False  # look_closer: one full-resolution picture on request
    tool_timeout_s: float = 15.0
    # Desktop integration: global push-to-talk (core.hotkey syntax, "" = off), UI language
    # ("" follows the OS; "en", "de", "zh_CN"), what was shown once already.
    talk_shortcut: str = "ctrl+alt+space"
    ui_language: str = ""
    first_run_done: bool = False
    tray_hint_shown: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def config_dir() -> Path:
    """`SCREENMATE_CONFIG_DIR` overrides the platform's per-user config directory (tests)."""
    override = os.environ.get("SCREENMATE_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """`SCREENMATE_DATA_DIR` overrides the platform's per-user data directory (tests)."""
    override = os.environ.get("SCREENMATE_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """`SCREENMATE_CACHE_DIR` overrides the platform's per-user cache directory (tests)."""
    override = os.environ.get("SCREENMATE_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def secure_user_dirs() -> None:
    """The config and data directories are this user's only (0700), if they exist yet."""
    for directory in (config_dir(), data_dir()):
        if directory.exists():
            private_dir(directory)


def settings_from_dict(raw: dict[str, Any]) -> Settings:
    """Known keys of the right type win; anything else keeps its default and is logged."""
    defaults = Settings()
    known = {f.name: f for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            log.warning("ignoring unknown setting %r", key)
            continue
        default = getattr(defaults, key)
        if not _fits(default, value):
            log.warning("ignoring setting %r: expected %s", key, type(default).__name__)
            continue
        values[key] = float(value) if isinstance(default, float) else value
    return dataclasses.replace(defaults, **values)


def _fits(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, type(default))


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    return dataclasses.asdict(settings)


class SettingsStore:
    """Reads and writes `settings.json`; a broken file is kept aside, never silently lost."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"

    def load(self) -> Settings:
        """Read at every start-up: also narrows what older versions left readable to all."""
        secure_user_dirs()
        if self.path.parent.exists():
            private_dir(self.path.parent)
        private_file(self.path)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            log.warning("cannot read %s (%s); using defaults", self.path, exc)
            return Settings()
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError("top level is not an object")
        except ValueError as exc:
            backup = self.path.with_suffix(".json.broken")
            log.warning("settings file %s is unreadable (%s); kept as %s", self.path, exc, backup)
            with contextlib.suppress(OSError):
                self.path.replace(backup)
            return Settings()
        return settings_from_dict(raw)

    def save(self, settings: Settings) -> None:
        """Atomic: write a temporary file (0600) beside it, then rename over the old one."""
        write_private(self.path, json.dumps(settings_to_dict(settings), indent=2).encode("utf-8"))
