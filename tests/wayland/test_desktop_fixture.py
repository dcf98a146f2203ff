"""The Wayland test desktop tears down everything it started, and what the stack spawned by
itself (document and permission portals, the FUSE mount), so test runs leave nothing behind."""

from __future__ import annotations

import pytest
from desktop.capture.portal import probe_portal

from tests.wayland.desktop import WaylandDesktop

pytestmark = pytest.mark.wayland


def test_the_desktop_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    desk = WaylandDesktop().start()
    try:
        for key, value in desk.client_env().items():
            monkeypatch.setenv(key, value)
        info = probe_portal()
        assert info.problem is None and info.source_types & 1  # monitors offered
        assert "HEADLESS-1" in desk.swaymsg("-t", "get_outputs")
        spawned = desk.tagged_processes()
        assert len(spawned) >= 6  # ours and the ones the bus activated
    finally:
        desk.stop()
    assert desk.tagged_processes() == []
    assert not desk.root.exists()
    with open("/proc/self/mounts") as mounts:
        assert str(desk.root) not in mounts.read()
