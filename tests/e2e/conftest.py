"""End-to-end runs against another model personality on request:

    SCREENMATE_TEST_MODEL=gemini-3.1-flash-live-preview SCREENMATE_TEST_PREVIEW_QUIRKS=1 \\
        .venv/bin/python -m pytest -p no:cacheprovider tests/e2e/test_headless.py

writes that model into each test's settings.json (the app then sets the session up for it and
the emulator answers as that model), and turns on the 3.1 preview's recorded turn endings in
every emulator the tests start. Unset (the default): the app's default model, gemini-3.8-live.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from desktop.emulator import server
from desktop.settings import config_dir


@pytest.fixture(autouse=True)
def _model_personality(_isolated_user_dirs: None, monkeypatch: pytest.MonkeyPatch) -> None:
    model = os.environ.get("SCREENMATE_TEST_MODEL")
    if model:
        config_dir().mkdir(parents=True, exist_ok=True)
        path = config_dir() / "settings.json"
        settings = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**settings, "model": model}))
    if os.environ.get("SCREENMATE_TEST_PREVIEW_QUIRKS") == "1":
        original = server.LiveEmulator.__init__

        def with_quirks(self: server.LiveEmulator, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            self.preview_quirks = True

        monkeypatch.setattr(server.LiveEmulator, "__init__", with_quirks)
