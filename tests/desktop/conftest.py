"""A real system-tray host (Debian's trayer) on the test X server, and the emulator on the loop."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui.conftest import qapp, qloop  # noqa: F401  (the UI fixtures, shared)


@pytest.fixture
def tray_host(qapp: QApplication, qtbot: QtBot) -> Iterator[subprocess.Popen[bytes]]:  # noqa: F811
    if shutil.which("trayer") is None:
        raise RuntimeError("trayer is not installed: run scripts/setup.sh --test")
    proc = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200"],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    qtbot.waitUntil(QSystemTrayIcon.isSystemTrayAvailable, timeout=10_000)
    yield proc
    proc.terminate()
    proc.wait(5)
    qtbot.waitUntil(lambda: not QSystemTrayIcon.isSystemTrayAvailable(), timeout=10_000)


@pytest.fixture
def emulator(
    qloop: asyncio.AbstractEventLoop,  # noqa: F811
    qtbot: QtBot,
    tmp_path: Path,
) -> Iterator[LiveEmulator]:
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs")
    started = qloop.create_task(emu.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    yield emu
    stopped = qloop.create_task(emu.stop())
    qtbot.waitUntil(stopped.done, timeout=10_000)


def opener_for(emu: LiveEmulator) -> Callable[..., Awaitable[Any]]:
    async def opener(**_: Any) -> tuple[Endpoint, Callable[[], Awaitable[None]]]:
        async def close() -> None:
            pass

        return Endpoint("key", emu.base_url, emu.ca_file, True, "emulator"), close

    return opener
