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
from PySide6.QtWidgets import QApplication, QLabel

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


def test_strangers_wrong_codes_are_shown_and_do_not_void_the_offer(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, service: CompanionService
) -> None:
    """Issue 14: wrong codes locked pairing for everyone and voided the offer; the dialog now
    names who is guessing, keeps the offer, and never puts the secret in a tooltip."""
    import json

    from tests.support.companion import open_socket

    dialog = PairingDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    offer = service.access.current_offer()
    assert offer is not None
    assert offer.secret not in dialog.findChild(QLabel, "pairingQr").toolTip()
    wrong = "000000" if offer.code != "000000" else "111111"

    async def guess() -> int | None:
        ws = await open_socket(service)
        await ws.send(json.dumps({"type": "pair", "code": wrong, "name": "stranger"}))
        return (await closed_with(ws))[0]

    for _ in range(4):
        assert run(qtbot, qloop, guess()) == 4403
    qtbot.waitUntil(lambda: dialog.attempts_text == "4 wrong attempts from 127.0.0.1")
    assert service.access.current_offer() is offer and dialog.code_text == offer.code
    ws, _, welcome = run(qtbot, qloop, pair_with(service, offer.code))
    assert welcome["device"]["name"] == "Owner"
    run(qtbot, qloop, ws.close())
    dialog.reject()


async def pair_with(service: CompanionService, code: str) -> Any:
    import json

    from tests.support.companion import open_socket, recv_json

    ws = await open_socket(service)
    await ws.send(json.dumps({"type": "pair", "code": code, "name": "Owner"}))
    await recv_json(ws, "paired")
    return ws, None, await recv_json(ws, "welcome")


def test_a_closed_dialog_hears_nothing_more_from_the_service(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    service: CompanionService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Closed and deleted, the dialog used to stay subscribed to device changes: the next
    device to connect raised "Internal C++ object (QTreeWidget) already deleted"."""
    listeners_before = len(service.hub._listeners)
    dialog = PairingDialog(service)
    dialog.show()
    assert len(service.hub._listeners) == listeners_before + 1
    dialog.reject()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: len(service.hub._listeners) == listeners_before)
    QApplication.processEvents()
    ws, _, _ = run(qtbot, qloop, pair(service, "Late phone"))
    run(qtbot, qloop, ws.close())
    assert "already deleted" not in caplog.text
    assert "Traceback" not in caplog.text
