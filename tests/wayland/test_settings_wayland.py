"""The settings say plainly what global push-to-talk can do on this Wayland desktop (the
wlroots portal has no GlobalShortcuts)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.wayland.conftest import REPO
from tests.wayland.desktop import WaylandDesktop

pytestmark = pytest.mark.wayland

SHOW = """
from PySide6.QtWidgets import QApplication
from desktop.settings import Settings
from desktop.ui.general_settings import DesktopSettingsBox
app = QApplication([])
box = DesktopSettingsBox(Settings())
label = box.hotkey_platform
print(label.isVisibleTo(box), label.text())
"""


def test_settings_say_global_push_to_talk_is_unavailable_here(desktop: WaylandDesktop) -> None:
    env = {**desktop.client_env(), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=60, check=True,
    ).stdout  # fmt: skip
    assert out.startswith("True ")
    assert "unavailable on this Wayland desktop" in out
    assert "no GlobalShortcuts portal" in out
