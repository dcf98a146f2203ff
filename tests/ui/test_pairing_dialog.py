"""The pairing dialog on the real X server, with the real companion service on loopback."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from desktop.companion import CompanionService
from desktop.core.fanout import EventFanout
from desktop.ui.pairing_dialog import PairingDialog, qr_pixmap
from PySide6.QtWidgets import QApplication

from tests.support.companion import closed_with, pair

pytestmark = pytest.mark.x11
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def run(qtbot: Any, loop: asyncio.AbstractEventLoop, coro: Any, timeout: int = 10_000) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def service(qtbot: Any, qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> Any:
    svc = CompanionService(EventFanout(), lambda: None, base_dir=tmp_path / "companion")
    run(qtbot, qloop, svc.start(host="127.0.0.1", port=0, advertise=False))
    yield svc
    run(qtbot, qloop, svc.stop())


def test_dialog_shows_code_qr_fingerprint_and_manages_devices(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, service: CompanionService, tmp_path: Path
) -> None:
    dialog = PairingDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    offer = service.access.current_offer()
    assert offer is not None and dialog.code_text == offer.code
    assert not qr_pixmap(service.pairing_url(offer)).isNull()
    assert (
        service.fingerprint
        in dialog.findChild(type(dialog._fingerprint), "pairingFingerprint").text()
    )

    ws, _, _ = run(qtbot, qloop, pair(service, "Kitchen phone"))
    qtbot.waitUntil(lambda: dialog.device_list.topLevelItemCount() == 1)
    item = dialog.device_list.topLevelItem(0)
    assert item.text(0) == "Kitchen phone"
    qtbot.waitUntil(lambda: dialog.device_list.topLevelItem(0).text(2) == "connected")
    qtbot.waitUntil(lambda: dialog.code_text != offer.code)  # a used code is replaced

    if os.environ.get("SCREENMATE_DOCS_SCREENSHOTS"):
        # The docs show what a user on a LAN sees; tests only ever listen on loopback.
        service.urls = lambda: ["https://192.168.1.20:48765/"]  # type: ignore[method-assign]
        dialog.new_offer()
        QApplication.processEvents()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "pairing.png"))
    assert dialog.grab().save(str(tmp_path / "pairing.png"))

    dialog.device_list.setCurrentItem(dialog.device_list.topLevelItem(0))
    dialog.revoke_selected()
    assert dialog.device_list.topLevelItemCount() == 0
    code, _ = run(qtbot, qloop, closed_with(ws))
    assert code == 4410
    dialog.reject()
    assert service.access.current_offer() is None  # closing withdraws the offer
