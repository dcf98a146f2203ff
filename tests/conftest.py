"""Test-wide set-up: an isolated config/data directory and, for UI tests, a real X server."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from desktop.emulator import LiveEmulator

from tests.support.pulse import PulseAudio
from tests.support.xvfb import XServer, start_xvfb


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the developer's own settings, history or keychain."""
    monkeypatch.setenv("SCREENMATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SCREENMATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SCREENMATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
    # No test may touch the developer's keychain: by default the keychain holds nothing.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    # Nor a key entered in Settings for the run (kept in memory when there is no keychain).
    monkeypatch.setattr("desktop.api_key._this_run", None)


@pytest.fixture
async def emulator(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    """The bundled Live API emulator on a free loopback port, with its journal (tests read
    what it received). A module that needs other knobs defines its own `emulator`."""
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture(scope="session")
def x_server() -> Iterator[XServer]:
    server = start_xvfb()
    previous = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = server.display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    yield server
    server.stop()
    if previous is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = previous


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseAudio]:
    """A private PulseAudio server (null-sink speaker, pipe-source mic) for real PortAudio I/O.

    PortAudio lists devices when it is initialised, so it is re-initialised once the server is
    up. The server is stopped at the end of the test session.
    """
    server = PulseAudio()
    server.start()
    previous = {key: os.environ.get(key) for key in server.client_env}
    os.environ.update(server.client_env)
    from desktop.audio import devices

    devices.refresh()
    yield server
    server.cleanup()
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
