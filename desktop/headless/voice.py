"""`--mic` / `--speaker` / `--talk` in the headless mode: the same `Voice` as the window.

Prints `{"event": "voice", ...}` whenever the devices, the talk state or the speaking state
change (mic/speaker state and name, the message to read, talking, muted, model_speaking).
Stdin lines `/press`, `/release`, `/toggle`, `/mute`, `/unmute` drive the talk controller —
the same code path as the window's talk button; any other line is said as text.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.audio.voice import Voice
    from desktop.headless.pacer import HeadlessRun


def wants_voice(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "mic", None) or getattr(args, "speaker", None))


def voice_settings(settings: Settings, args: argparse.Namespace) -> Settings:
    """The settings with the command line's devices and talk mode (before the session starts:
    the talk mode is part of the connection config)."""
    changes: dict[str, Any] = {}
    if getattr(args, "mic", None):
        changes["mic_device"] = args.mic
    if getattr(args, "speaker", None):
        changes["speaker_device"] = args.speaker
    if getattr(args, "talk", None):
        changes["talk_mode"] = args.talk
    return settings.replace(**changes) if changes else settings


def voice_json(voice: Voice) -> dict[str, Any]:
    status, talk = voice.status, voice.talk.state
    return {
        "event": "voice",
        "mic": status.mic.value,
        "mic_name": status.mic_name,
        "speaker": status.speaker.value,
        "speaker_name": status.speaker_name,
        "message": status.message,
        "echo": status.echo,
        "talk_mode": talk.mode.value,
        "talking": talk.talking,
        "muted": talk.muted,
        "model_speaking": voice.model_speaking,
    }


class HeadlessVoice:
    def __init__(self, voice: Voice, run: HeadlessRun) -> None:
        self.voice = voice
        self._run = run
        self._last: dict[str, Any] = {}
        voice.on_change(self._print)
        run.observers.append(voice.on_event)
        voice.attach(run.session)
        commands: dict[str, Callable[[], None]] = {
            "/press": voice.press,
            "/release": voice.release,
            "/toggle": voice.toggle,
            "/mute": lambda: voice.set_muted(True),
            "/unmute": lambda: voice.set_muted(False),
        }
        run.commands.update(commands)

    def _print(self) -> None:
        line = voice_json(self.voice)
        if line != self._last:
            self._last = line
            self._run.print(dict(line))

    async def drain(self) -> None:
        """Let the last answer play out of the speaker (bounded by its length) before exit."""
        await self.voice.speaker.drain()

    async def aclose(self) -> None:
        await self.voice.stop()


async def start_headless_voice(
    run: HeadlessRun, settings: Settings, args: argparse.Namespace
) -> HeadlessVoice | None:
    if not wants_voice(args):
        return None
    from desktop.audio.voice import Voice

    headless = HeadlessVoice(Voice(settings), run)
    await headless.voice.start()
    return headless
