"""The audio warnings (worded in English by the Qt-free voice layer) in the interface language:
the German mic warning of issue 17 among them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop.ui.audio_messages import localise_audio_message
from desktop.ui.i18n import install_translations
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.full_window import build, start_voice


@pytest.fixture
def no_sound_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """PortAudio finds no device, whatever sound server an earlier test started (the private
    PulseAudio of the voice tests sets PULSE_SERVER for the whole run)."""
    from desktop.audio import devices

    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nowhere'}")
    devices.refresh()
    yield
    monkeypatch.undo()
    devices.refresh()


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "de")
    yield
    install_translations(qapp, "en")


def test_device_messages_in_german(german: None) -> None:
    # The warning a machine without a sound card shows, as the voice layer words it.
    assert (
        localise_audio_message("No audio input device was found. No audio output device was found.")
        == "Es wurde kein Mikrofon gefunden. Es wurden weder Lautsprecher noch Kopfhörer gefunden."
    )
    joined = (
        "Cannot open the microphone “USB Mic”: Error querying device -1 "
        "Speaker “pulse” stopped playing; retrying in the background…"
    )
    assert localise_audio_message(joined) == (
        "Das Mikrofon „USB Mic“ lässt sich nicht öffnen: Error querying device -1 "
        "Der Lautsprecher „pulse“ spielt nicht mehr ab; neuer Versuch im Hintergrund…"
    )
    assert localise_audio_message("Input device “Jabra” is not available; using “default”.") == (
        "Das Mikrofon „Jabra“ ist nicht verfügbar; „default“ wird verwendet."
    )


def test_english_is_reworded_the_same_way_and_unknown_text_passes(qapp: QApplication) -> None:
    install_translations(qapp, "en")
    assert localise_audio_message("Microphone “x” stopped; retrying in the background…") == (
        "The microphone “x” stopped; retrying in the background…"
    )
    assert localise_audio_message("Something new happened.") == "Something new happened."
    assert localise_audio_message("") == ""


def test_the_mic_warning_in_the_german_window(
    german: None,
    no_sound_server: None,
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
) -> None:
    # No sound card on the test machine (and no PulseAudio started here): the voice layer
    # reports the missing devices, and the window's banner says it in German.
    full = build(tmp_path)
    try:
        full.window.show()
        qtbot.waitExposed(full.window)
        starting = start_voice(full, qloop)
        qtbot.waitUntil(lambda: bool(full.window.banner.warning("voice")), timeout=15_000)
        said = full.window.banner.warning("voice")
        english = full.voice.controls.status_text
        assert english and said != english, said
        for words in ("No audio", "Cannot open", "not available", "retrying", "failed", "Voice"):
            assert words not in said, said
        qtbot.waitUntil(starting.done, timeout=15_000)
    finally:
        closing = qloop.create_task(full.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        full.window.close()
