"""A Google Search grounded answer in headless JSON (`grounding` event), end to end: the app
asks for `google_search`, the real emulator grounds its answer, the real SDK carries it."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.emulator import LiveEmulator
from desktop.settings import config_dir

from tests.e2e.test_headless import of, run_app


async def test_grounded_answer_prints_its_sources(emulator: LiveEmulator, tmp_path: Path) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    path = config_dir() / "settings.json"
    settings = json.loads(path.read_text()) if path.exists() else {}  # a model asked for
    path.write_text(json.dumps({**settings, "tools_google_search": True}))
    code, lines, err = await run_app(
        "--base-url",
        emulator.base_url,
        "--ca-file",
        emulator.ca_file,
        "--say",
        "what is the weather in Berlin?",
        "--timeout",
        "60",
    )
    assert code == 0, err
    assert any("google_search" in tool for tool in emulator.setups[0]["tools"])
    (grounding,) = of(lines, "grounding")
    assert grounding["turn"] == 0
    assert grounding["queries"] == ["what is the weather in Berlin?"]
    assert [s["uri"] for s in grounding["sources"]] == [
        "https://example.org/a?q=what+is+the+weather+in+Berlin%3F",
        "https://example.org/b?q=what+is+the+weather+in+Berlin%3F",
    ]
    assert 'class="chip"' in grounding["entry_point_html"]
    # It comes with the answer: before that answer's turn_complete.
    names = [line["event"] for line in lines]
    assert names.index("grounding") < names.index("turn_complete")
