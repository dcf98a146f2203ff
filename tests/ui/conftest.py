"""UI tests run on the real X server (xcb), with a qasync loop the Qt event pumping drives."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from tests.support.xvfb import XServer


@pytest.fixture(scope="session")
def qapp(x_server: XServer, qapp_args: list[str]) -> QApplication:
    """pytest-qt's QApplication, created only once DISPLAY and QT_QPA_PLATFORM=xcb are set."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(qapp_args)
        app.setApplicationName("Screenmate")
        app.setOrganizationName("Screenmate")
    assert isinstance(app, QApplication)
    assert app.platformName() == "xcb", f"UI tests need xcb, got {app.platformName()}"
    return app


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that `qtbot.waitUntil` drives by pumping Qt events.

    Tests stay synchronous: schedule coroutines with `qloop.create_task` and wait with
    `qtbot.waitUntil`. At teardown leftover tasks are cancelled and drained, then the loop
    is closed, so no task is destroyed while pending.
    """
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    # Coroutines need get_running_loop(). Not `already_running=True`: its stop() calls
    # QApplication.exit(), after which every nested QEventLoop.exec() (qtbot.wait,
    # waitSignal) returns at once for the rest of the test session.
    asyncio.events._set_running_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        drain = asyncio.gather(*pending, return_exceptions=True)
        deadline = loop.time() + 5
        while not drain.done() and loop.time() < deadline:
            qapp.processEvents()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Close any top-level window a test left open (a dialog it opened, a highlight).

    Screenmate keeps every one of its own windows out of captures, and in this process every
    window is "its own": one left visible by an earlier test greyed part of a later test's
    picture."""
    yield
    if "qapp" not in request.fixturenames:
        return
    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()
