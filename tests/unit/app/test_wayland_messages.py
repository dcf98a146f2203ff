"""The Wayland problems' messages are marked for lupdate word for word as the core says them
(lupdate reads only desktop/ui, and a drifted copy would never be translated)."""

from __future__ import annotations

from desktop.core.wayland_share import MESSAGES
from desktop.ui.portal_stream import LUPDATE_MESSAGES


def test_every_message_is_marked_for_translation_unchanged() -> None:
    assert list(LUPDATE_MESSAGES) == list(MESSAGES.values())
